public import Foundation

/// The folder tools may touch. Every path a model gives is resolved inside it; anything that
/// leads outside (`..`, absolute paths elsewhere, symlinks out) is refused.
public struct Workspace: Sendable {
    /// The workspace root, symlinks resolved.
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Why a path was refused.
    public enum PathError: Error, Equatable, CustomStringConvertible {
        case outside(String)
        case missing(String)

        public var description: String {
            switch self {
            case .outside(let path): return "'\(path)' is outside the workspace; use a path inside it"
            case .missing(let path): return "'\(path)' does not exist in the workspace"
            }
        }
    }

    /// The URL of `path` (relative to the root, or absolute inside it) if it exists inside.
    public func resolve(_ path: String) throws -> URL {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        let candidate =
            trimmed.hasPrefix("/")
            ? URL(fileURLWithPath: trimmed)
            : root.appendingPathComponent(trimmed.isEmpty ? "." : trimmed)
        let resolved = candidate.standardizedFileURL.resolvingSymlinksInPath()
        guard contains(resolved) else { throw PathError.outside(path) }
        guard FileManager.default.fileExists(atPath: resolved.path) else { throw PathError.missing(path) }
        return resolved
    }

    /// `path` (absolute, inside the root) relative to the root, by its text alone.
    public func relativePath(ofPath path: String) -> String {
        if path == root.path { return "." }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The path of `url` relative to the root, for display.
    public func relativePath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        if path == root.path { return "." }
        return path.hasPrefix(root.path + "/") ? String(path.dropFirst(root.path.count + 1)) : path
    }

    private func contains(_ url: URL) -> Bool {
        let path = url.path
        return path == root.path || path.hasPrefix(root.path.hasSuffix("/") ? root.path : root.path + "/")
    }
}
