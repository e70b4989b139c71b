/// The lower-cased runs of letters and digits of a text: what loop detection compares, and what
/// step complexity, capability routing and the offline model stem.
enum LowercaseWords {
    /// The words of `text`, read from its bytes when they are all ASCII.
    static func of(_ text: String) -> [String] {
        var text = text
        return text.withUTF8(ascii) ?? readingCharacters(text)
    }

    /// The words read character by character: letters and digits of any script.
    static func readingCharacters(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// The words read from the bytes, or nil when they are not all ASCII. In ASCII each byte is a
    /// character (CR LF, the one pair that is not, is neither a letter nor a digit), and the only
    /// letters and digits are A–Z, a–z and 0–9, so the runs are the same.
    private static func ascii(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                word.append(lower)
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                word.append(byte)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
