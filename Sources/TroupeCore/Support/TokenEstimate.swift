/// Rough token counts for budgets and display when a provider reports none.
package enum TokenEstimate {
    /// About four characters a token, the usual rule of thumb for English and code.
    package static func tokens(in text: String) -> Int {
        tokens(bytes: text.utf8.count)
    }

    /// Tokens in `bytes` bytes of UTF-8 text.
    package static func tokens(bytes: Int) -> Int {
        (bytes + 3) / 4
    }
}
