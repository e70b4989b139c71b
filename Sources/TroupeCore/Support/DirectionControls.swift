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
}
