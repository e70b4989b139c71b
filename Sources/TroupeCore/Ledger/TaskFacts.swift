/// The facts sheet of Magentic-One's outer loop, in its four categories, plus the plan.
public struct TaskFacts: Sendable, Codable, Equatable {
    /// Facts given in the request or verified by a step.
    public var given: [String]
    /// Facts still to look up.
    public var toLookUp: [String]
    /// Facts to derive (computation, logic).
    public var toDerive: [String]
    /// Educated guesses, marked as such wherever they are used.
    public var educatedGuesses: [String]

    public init(given: [String] = [], toLookUp: [String] = [], toDerive: [String] = [], educatedGuesses: [String] = []) {
        self.given = given
        self.toLookUp = toLookUp
        self.toDerive = toDerive
        self.educatedGuesses = educatedGuesses
    }

    enum CodingKeys: String, CodingKey {
        case given
        case toLookUp = "to_look_up"
        case toDerive = "to_derive"
        case educatedGuesses = "educated_guesses"
    }

    /// Missing categories are empty: models often leave out the ones they have nothing for.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        given = try container.decodeIfPresent([String].self, forKey: .given) ?? []
        toLookUp = try container.decodeIfPresent([String].self, forKey: .toLookUp) ?? []
        toDerive = try container.decodeIfPresent([String].self, forKey: .toDerive) ?? []
        educatedGuesses = try container.decodeIfPresent([String].self, forKey: .educatedGuesses) ?? []
    }
}
