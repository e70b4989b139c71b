extension String {
    /// Without leading and trailing spaces and tabs. Cheaper than Foundation's
    /// `trimmingCharacters(in:)`, which bridges through UTF-16 on Linux; streaming parsers call
    /// this for every line.
    func trimmingSpaces() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        if first == 0 && last == bytes.count - 1 { return self }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
