/// The final answer of a request.
struct Synthesis: Sendable, Equatable {
    var answer: String
}
