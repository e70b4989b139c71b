extension Unicode.Scalar {
    /// Whether this is one of the bidirectional embeddings, overrides and isolates that reorder
    /// what follows them (U+202A–202E, U+2066–2069) or the marks that do (U+200E, U+200F,
    /// U+061C): text shown to a person may not carry them.
    public var isDirectionControl: Bool {
        switch value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// Whether an approval shows this as a code (`␛`, `\u{200B}`) rather than as itself: control
    /// characters (not newline or tab), direction controls, and every default-ignorable code point
    /// — zero-width characters, Hangul fillers, tags — which draw nothing.
    public var isShownAsCode: Bool {
        switch value {
        case 0x0A, 0x09: return false
        case 0x00..<0x20, 0x7F..<0xA0: return true
        default: return isDirectionControl || properties.isDefaultIgnorableCodePoint
        }
    }
}
