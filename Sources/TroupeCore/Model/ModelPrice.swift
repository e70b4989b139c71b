/// What a model costs, in US dollars per million tokens.
public struct ModelPrice: Sendable, Codable, Equatable {
    public var input: Double
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }
}
