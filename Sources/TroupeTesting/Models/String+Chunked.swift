extension String {
    /// The string in pieces of `size` characters (the last may be shorter), as a stream sends it.
    public func chunked(into size: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(self)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return pieces
    }
}
