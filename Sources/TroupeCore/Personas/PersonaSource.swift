/// Where a persona file was found; later sources override earlier ones by name.
public enum PersonaSource: Sendable, Equatable, Codable {
    case builtin
    case user(path: String)
    case project(path: String)

    /// The file path, or `built-in`.
    public var description: String {
        switch self {
        case .builtin: return "built-in"
        case .user(let path), .project(let path): return path
        }
    }
}
