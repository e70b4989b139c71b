/// How one text became another, as pieces removed and inserted: a text is cut into pieces after
/// each line break, comma, brace and bracket, so a compact JSON plan with one state changed
/// differs from its previous version by a piece or two, as a prose message by a line or clause.
struct TextEdits: Sendable, Codable, Equatable {
    /// The offsets of the base's pieces removed.
    var remove: [Int]
    /// The pieces inserted, at their offsets in the result.
    var insert: [Insertion]

    /// A piece inserted at an offset of the result.
    struct Insertion: Sendable, Codable, Equatable {
        var at: Int
        var text: String
    }

    /// The most pieces removed and inserted before two texts count as unrelated (and the new one
    /// is written whole): it bounds the comparison's time and memory.
    static let maxEdits = 256

    /// The edits turning `old` into `new`, or nil when they are more than `maxEdits` pieces.
    static func between(_ old: String, _ new: String) -> TextEdits? {
        let new = pieces(new)
        guard let found = BoundedDifference.edits(from: pieces(old).map(Bytes.init), to: new.map(Bytes.init), maxEdits: maxEdits)
        else { return nil }
        return TextEdits(remove: found.removed, insert: found.inserted.map { Insertion(at: $0, text: new[$0]) })
    }

    /// A piece compared byte for byte: `String`'s `==` holds canonically equivalent texts equal
    /// (`é` and `e` with a combining accent), and a recorded request must read back as its bytes.
    private struct Bytes: Equatable {
        let text: String
        static func == (left: Bytes, right: Bytes) -> Bool { left.text.utf8.elementsEqual(right.text.utf8) }
    }

    /// `text` with these edits made.
    func applied(to text: String) throws(RequestDelta.Failure) -> String {
        let old = Self.pieces(text)
        var changes: [CollectionDifference<String>.Change] = []
        for offset in remove {
            guard old.indices.contains(offset) else {
                throw RequestDelta.Failure(description: "piece \(offset) to remove is past the base's \(old.count) pieces")
            }
            changes.append(.remove(offset: offset, element: old[offset], associatedWith: nil))
        }
        // `applying` traps on an insertion past the end of the result; a file's delta may say anything.
        let resultCount = old.count - remove.count + insert.count
        for insertion in insert where insertion.at < 0 || insertion.at >= resultCount {
            throw RequestDelta.Failure(description: "piece \(insertion.at) to insert is past the result's \(resultCount) pieces")
        }
        changes += insert.map { .insert(offset: $0.at, element: $0.text, associatedWith: nil) }
        guard let difference = CollectionDifference(changes), let new = old.applying(difference) else {
            throw RequestDelta.Failure(description: "the edits do not fit the base message")
        }
        return new.joined()
    }

    /// `text` cut after each `\n`, `,`, `{`, `}`, `[` and `]`; joined, the pieces are the text.
    static func pieces(_ text: String) -> [String] {
        var pieces: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        // Cut in the UTF-8 bytes: a cut after an ASCII byte is a scalar boundary, though not always a
        // character's (a comma followed by a combining mark).
        for index in bytes.indices where cutsAfter.contains(bytes[index]) {
            let end = bytes.index(after: index)
            pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = end
        }
        if start != bytes.endIndex || pieces.isEmpty { pieces.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return pieces
    }

    private static let cutsAfter: Set<UInt8> = Set("\n,{}[]".utf8)
}
