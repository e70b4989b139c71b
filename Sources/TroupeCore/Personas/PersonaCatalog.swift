import Foundation

/// The personas of a session and the files that failed to load.
public struct PersonaCatalog: Sendable {
    /// Personas by name after overrides: built-in < user < project.
    public var personas: [Persona]
    /// Files that were skipped, each with its error.
    public var problems: [PersonaProblem]
    /// The project's instructions (`AGENTS.md`, `CLAUDE.md`), when every persona was given them.
    public var instructions: ProjectInstructions?

    /// The persona named `name`, if loaded.
    public func persona(named name: String) -> Persona? {
        personas.first { $0.name == name }
    }
}
