public import Foundation

/// Why a persona file could not be loaded. Each names the file and, where known, the line.
public enum PersonaError: Error, Equatable, Sendable, LocalizedError {
    /// The file does not start with a `---` front-matter block or never closes it.
    case missingFrontMatter(path: String)
    /// The front matter is not valid YAML.
    case invalidYAML(path: String, line: Int, message: String)
    /// A field has the wrong type or an unknown value.
    case invalidField(path: String, line: Int, field: String, message: String)
    /// A required field (`name`, `description`) is absent.
    case missingField(path: String, field: String)
    /// The file could not be read.
    case unreadable(path: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .missingFrontMatter(let path):
            return "\(path):1: no YAML front matter; start the file with a line '---', the fields, then '---'"
        case .invalidYAML(let path, let line, let message):
            return "\(path):\(line): invalid YAML front matter: \(message)"
        case .invalidField(let path, let line, let field, let message):
            return "\(path):\(line): field '\(field)': \(message)"
        case .missingField(let path, let field):
            return "\(path):1: required field '\(field)' is missing"
        case .unreadable(let path, let message):
            return "\(path): cannot read: \(message)"
        }
    }
}
