/// Who wrote a message in a model conversation.
public enum ChatRole: String, Sendable, Codable, Equatable {
    case system, user, assistant, tool
}
