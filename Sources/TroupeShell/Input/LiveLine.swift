/// The line a user types while a turn runs, fed one key at a time from the raw terminal:
/// printable text (UTF-8), Backspace, Ctrl-U (clear), Ctrl-W (erase a word), Enter (submit).
/// Arrow keys and other escape sequences are ignored. Not thread-safe: one feeder.
public struct LiveLine: Sendable, Equatable {
    /// What a key did.
    public enum Effect: Sendable, Equatable {
        /// Nothing visible changed.
        case none
        /// The text changed.
        case edited
        /// Enter: the line, which is now empty again.
        case submitted(String)
    }

    /// The text typed so far.
    public private(set) var text = ""
    private var pending: [UInt8] = []
    private var escape: EscapeState = .none

    private enum EscapeState: Sendable, Equatable {
        case none, started, sequence
    }

    public init() {}

    /// Applies one key.
    public mutating func feed(_ byte: UInt8) -> Effect {
        switch escape {
        case .started:
            escape = byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") ? .sequence : .none
            return .none
        case .sequence:
            if (0x40...0x7E).contains(byte) { escape = .none }
            return .none
        case .none:
            break
        }
        switch byte {
        case 0x1B:
            escape = .started
            return .none
        case 0x0D, 0x0A:
            defer { text = "" }
            pending = []
            return .submitted(text)
        case 0x7F, 0x08:
            guard !text.isEmpty else { return .none }
            text.removeLast()
            return .edited
        case 0x15:
            guard !text.isEmpty else { return .none }
            text = ""
            return .edited
        case 0x17:
            guard !text.isEmpty else { return .none }
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
            return .edited
        case 0x20...0x7E:
            text.append(Character(Unicode.Scalar(byte)))
            return .edited
        case 0x80...0xFF:
            pending.append(byte)
            if let character = String(validating: pending, as: UTF8.self) {
                text += character
                pending = []
                return .edited
            }
            if pending.count >= 4 { pending = [] }
            return .none
        default:
            return .none
        }
    }
}
