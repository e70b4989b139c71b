/// A step's outcome as the progress judge and the synthesizer see it.
public struct StepReport: Sendable, Codable, Equatable {
    public var step: Int
    public var title: String
    public var persona: String
    public var status: StepState
    public var output: String
}
