extension String {
    /// Without leading and trailing spaces and tabs. Cheaper than Foundation's
    /// `trimmingCharacters(in:)`, which bridges through UTF-16 on Linux; streaming parsers call
    /// this for every line.
    func trimmingSpaces() -> String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return self }
        // Spaces and tabs are single bytes: both ends are character boundaries.
        return String(self[first...last])
    }
}
