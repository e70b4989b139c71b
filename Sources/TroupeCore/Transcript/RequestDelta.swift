/// How a transcript records a model request that differs little from the previous request of the
/// same persona and purpose (the `base`): each message is the base's message unchanged, the base's
/// message with pieces of its text replaced (`TextEdits`), or written out whole. A progress-ledger
/// request repeats the plan with a few states changed and a worker's next tool round repeats its
/// whole conversation, so recording every request in full makes a transcript grow with the square
/// of a plan's length; recorded as deltas it grows with what changed (transcript format 3).
struct RequestDelta: Sendable, Codable, Equatable {
    /// The `seq` of the request this one is recorded against.
    var base: Int
    var messages: [MessageDelta]

    /// One message of the request.
    enum MessageDelta: Sendable, Equatable {
        /// The base's message at this index, unchanged.
        case same(Int)
        /// The base's message at this index, its content edited.
        case edited(Int, TextEdits)
        /// A message recorded whole.
        case whole(ChatMessage)
    }

    /// `request` as a delta from `base` (recorded at `seq`), or nil when it is written whole: a
    /// different tool list, response format or setting, or no message shared. Compared byte for
    /// byte (`ByteIdentity`), so that the request rebuilt from the delta is the bytes sent.
    static func between(_ request: ChatRequest, base: ChatRequest, seq: Int) -> RequestDelta? {
        guard ByteIdentity.sameSettings(request, base) else { return nil }
        let messages = request.messages.enumerated().map { index, message in
            index < base.messages.count ? delta(message, from: base.messages[index], at: index) : .whole(message)
        }
        guard messages.contains(where: { if case .whole = $0 { false } else { true } }) else { return nil }
        return RequestDelta(base: seq, messages: messages)
    }

    private static func delta(_ message: ChatMessage, from base: ChatMessage, at index: Int) -> MessageDelta {
        guard ByteIdentity.sameApartFromContent(message, base) else { return .whole(message) }
        if ByteIdentity.same(message.content, base.content) { return .same(index) }
        guard let edits = TextEdits.between(base.content, message.content) else { return .whole(message) }
        let recorded = edits.insert.reduce(edits.remove.count * 6) { $0 + $1.text.utf8.count + 16 }
        return recorded * 2 < message.content.utf8.count ? .edited(index, edits) : .whole(message)
    }

    /// The request this delta records, rebuilt from `base`.
    func applied(to base: ChatRequest) throws(Failure) -> ChatRequest {
        var request = base
        request.messages = try messages.map { delta throws(Failure) in
            switch delta {
            case .whole(let message): return message
            case .same(let index): return try Self.message(index, of: base)
            case .edited(let index, let edits):
                var message = try Self.message(index, of: base)
                message.content = try edits.applied(to: message.content)
                return message
            }
        }
        return request
    }

    private static func message(_ index: Int, of base: ChatRequest) throws(Failure) -> ChatMessage {
        guard base.messages.indices.contains(index) else {
            throw Failure(description: "message \(index) is not in the base request (\(base.messages.count) messages)")
        }
        return base.messages[index]
    }

    /// A delta that does not fit the request it names as its base.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}

extension RequestDelta.MessageDelta: Codable {
    private enum CodingKeys: String, CodingKey { case same, edited, pieces, message }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let index = try container.decodeIfPresent(Int.self, forKey: .same) {
            self = .same(index)
        } else if let index = try container.decodeIfPresent(Int.self, forKey: .edited) {
            self = .edited(index, try container.decode(TextEdits.self, forKey: .pieces))
        } else {
            self = .whole(try container.decode(ChatMessage.self, forKey: .message))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .same(let index): try container.encode(index, forKey: .same)
        case .edited(let index, let edits):
            try container.encode(index, forKey: .edited)
            try container.encode(edits, forKey: .pieces)
        case .whole(let message): try container.encode(message, forKey: .message)
        }
    }
}
