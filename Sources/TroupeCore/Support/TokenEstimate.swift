/// Rough token counts for budgets and display when a provider reports none.
public enum TokenEstimate {
    /// About four characters a token, the usual rule of thumb for English and code.
    public static func tokens(in text: String) -> Int {
        (text.utf8.count + 3) / 4
    }
}
