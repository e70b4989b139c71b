public import Foundation

/// A folder of persona files and whose it is.
public struct PersonaFolder: Sendable {
    /// Whether the folder is the user's (their home) or the project's (the working directory).
    public enum Scope: Sendable { case user, project }

    public var url: URL
    public var scope: Scope

    public init(_ url: URL, _ scope: Scope) {
        self.url = url
        self.scope = scope
    }
}
