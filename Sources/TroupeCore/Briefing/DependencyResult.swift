import Foundation

/// The result of a finished step, as handed to the steps that depend on it.
public struct DependencyResult: Sendable, Codable, Equatable {
    public var step: Int
    public var persona: String
    public var title: String
    public var output: String

    public init(step: Int, persona: String, title: String, output: String) {
        self.step = step
        self.persona = persona
        self.title = title
        self.output = output
    }
}
