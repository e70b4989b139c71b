/// The one-line form of a step's output, for one-line displays and minimal briefs.
enum SummaryLine {
    /// The first non-empty line of `text`, trimmed of spaces and tabs, at most 100 characters.
    static func of(_ text: String) -> String {
        firstASCIILine(of: text) ?? firstLine(of: text)
    }

    /// The line found character by character (`"\r\n"` is one character, and a space followed by
    /// a combining mark is not a space).
    static func firstLine(of text: String) -> String {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()
                .drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()
            guard !trimmed.isEmpty else { continue }
            let shown = String(trimmed)
            return shown.count > 100 ? String(shown.prefix(99)) + "…" : shown
        }
        return ""
    }

    /// The same line read from the bytes, when everything up to its end is ASCII without a
    /// carriage return — there each byte is one `Character`, so the answer is the same without
    /// breaking the text into characters (every step's output is summarised this way). Nil
    /// otherwise, and for text not stored contiguously.
    private static func firstASCIILine(of text: String) -> String? {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var lineStart = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
                if byte >= 0x80 || byte == UInt8(ascii: "\r") { return nil }
                guard byte == UInt8(ascii: "\n") else { continue }
                var start = lineStart
                var end = index
                lineStart = index + 1
                while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
                while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
                guard start < end else { continue }
                guard end - start > 100 else { return String(decoding: bytes[start..<end], as: UTF8.self) }
                return String(decoding: bytes[start..<(start + 99)], as: UTF8.self) + "…"
            }
            return ""
        }
        return found ?? nil
    }
}
