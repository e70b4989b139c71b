public import Foundation

/// Why a transcript cannot be read (or read whole), with the file and line.
public enum TranscriptError: Error, Equatable, LocalizedError {
    case unreadable(path: String, message: String)
    /// Line 1 is not a Troupe transcript header.
    case notATranscript(path: String, message: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// A line other than the last does not parse; the lines before it are readable.
    case corruptLine(path: String, line: Int, message: String)
    /// An event refers to something the transcript does not hold (a response without its request).
    case danglingReference(path: String, line: Int, message: String)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let path, let message):
            return "\(path): cannot read: \(message)"
        case .notATranscript(let path, let message):
            return "\(path):1: not a Troupe transcript: \(message)"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path):1: transcript format version \(found); this troupe reads up to version \(supported) — upgrade troupe"
        case .corruptLine(let path, let line, let message):
            let readable = line > 2 ? "lines 2–\(line - 1) are readable; replay them with --prefix" : "no event before it"
            return "\(path):\(line): not a transcript event (\(message)); \(readable)"
        case .danglingReference(let path, let line, let message):
            return "\(path):\(line): \(message)"
        }
    }
}
