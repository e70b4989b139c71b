import Foundation

/// Where a replay first differs from its recording.
public struct Divergence: Sendable, Equatable {
    /// 1-based turn of the session.
    public var turn: Int
    /// The line of the recorded event (or of the turn's input when the replay has an extra event).
    public var line: Int
    /// `step 3`, `agent coder`, or `turn`: the stream the two sides were compared in.
    public var stream: String
    public var persona: String?
    /// The events as JSON with volatile fields removed; nil where one side has none.
    public var recorded: String?
    public var replayed: String?

    /// Where it diverged (`at` names the place: `FILE:LINE`, or `line N`), then both sides, each
    /// cut to `shownCharacters` (a 1,000-step plan would fill the screen; the line has it whole).
    public func report(at place: String) -> (headline: String, sides: [String]) {
        (
            "✗ diverged in turn \(turn), \(stream)" + (persona.map { " (\($0))" } ?? "") + " at \(place)",
            ["  recorded: \(Self.cut(recorded ?? "(nothing)"))", "  replayed: \(Self.cut(replayed ?? "(nothing)"))"]
        )
    }

    /// The most characters of each side a report shows.
    static let shownCharacters = 2_000

    private static func cut(_ text: String) -> String {
        guard text.count > shownCharacters else { return text }
        return "\(text.prefix(shownCharacters)) … (\(text.count) characters in all)"
    }
}
