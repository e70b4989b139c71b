/// Rough token counts for budgets and display when a provider reports none.
public enum TokenEstimate {
    /// About four characters a token, the usual rule of thumb for English and code.
    public static func tokens(in text: String) -> Int {
        tokens(bytes: text.utf8.count)
    }

    /// Tokens in `bytes` bytes of UTF-8 text.
    public static func tokens(bytes: Int) -> Int {
        (bytes + 3) / 4
    }
}
