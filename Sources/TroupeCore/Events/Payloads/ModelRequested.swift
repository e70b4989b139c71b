/// A model call went out.
public struct ModelRequested: EventPayload {
    public static let eventType = "model.request"
    public var eventKind: EventKind { .modelRequested(self) }

    public var agent: String
    public var purpose: RequestPurpose
    public var hash: String
    public var request: ChatRequest
    /// Set only between the writing or reading of a transcript line and the request history
    /// (`RequestHistory`): the request as a delta from an earlier one, which the line holds as
    /// `request_delta` in place of `request`.
    var delta: RequestDelta?

    public init(agent: String, purpose: RequestPurpose, hash: String, request: ChatRequest) {
        self.agent = agent
        self.purpose = purpose
        self.hash = hash
        self.request = request
    }

    private enum CodingKeys: String, CodingKey {
        case agent, purpose, hash, request
        case delta = "request_delta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agent = try container.decode(String.self, forKey: .agent)
        purpose = try container.decode(RequestPurpose.self, forKey: .purpose)
        hash = try container.decode(String.self, forKey: .hash)
        if let delta = try container.decodeIfPresent(RequestDelta.self, forKey: .delta) {
            self.delta = delta
            request = ChatRequest(agent: agent, purpose: purpose, messages: [])
        } else {
            request = try container.decode(ChatRequest.self, forKey: .request)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agent, forKey: .agent)
        try container.encode(purpose, forKey: .purpose)
        try container.encode(hash, forKey: .hash)
        if let delta {
            try container.encode(delta, forKey: .delta)
        } else {
            try container.encode(request, forKey: .request)
        }
    }
}
