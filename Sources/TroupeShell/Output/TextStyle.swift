public import TroupeCore

/// ANSI styling that switches off for `NO_COLOR` and for output that is not a terminal.
public struct TextStyle: Sendable {
    /// Whether escape codes are written at all.
    public let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Colours a persona can name in its front matter.
    static let colors: [String: String] = [
        "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36", "white": "37",
    ]

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Dim text for secondary information.
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// Bold text for headings.
    public func bold(_ text: String) -> String { wrap(text, "1") }
    /// Red text for failures.
    public func failure(_ text: String) -> String { wrap(text, "31") }
    /// Green text for success marks.
    public func success(_ text: String) -> String { wrap(text, "32") }
    /// `text` in the named colour, or unchanged if the name is unknown.
    public func color(_ text: String, _ name: String?) -> String {
        guard let name, let code = Self.colors[name.lowercased()] else { return text }
        return wrap(text, code)
    }

    /// The mark of a step in `state`: a symbol, so it reads under `NO_COLOR` too, coloured where
    /// colour is on.
    public func mark(_ state: StepState) -> String {
        switch state {
        case .done: return success("✓")
        case .failed: return failure("✗")
        case .running: return "…"
        case .pending: return "·"
        case .skipped, .cancelled: return dim("–")
        case .expanded: return dim("↳")
        case .needsModel: return dim("◌")
        }
    }
}
