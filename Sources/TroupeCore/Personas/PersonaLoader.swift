import Foundation

/// A persona file that failed to load; the others still do.
public struct PersonaProblem: Sendable, Equatable {
    /// The file it is about.
    public var path: String
    /// What is wrong, with file and line.
    public var error: PersonaError
}

/// The personas of a session and the files that failed to load.
public struct PersonaCatalog: Sendable {
    /// Personas by name after overrides: built-in < user < project.
    public var personas: [Persona]
    /// Files that were skipped, each with its error.
    public var problems: [PersonaProblem]

    /// The persona named `name`, if loaded.
    public func persona(named name: String) -> Persona? {
        personas.first { $0.name == name }
    }
}

/// Loads personas from the built-in set, the user folder and the project folder (DESIGN §4).
public struct PersonaLoader: Sendable {
    /// `$XDG_CONFIG_HOME/troupe/personas` (or `$TROUPE_HOME/personas`).
    public var userDirectory: URL?
    /// `./personas` of the working directory.
    public var projectDirectory: URL?

    public init(userDirectory: URL?, projectDirectory: URL?) {
        self.userDirectory = userDirectory
        self.projectDirectory = projectDirectory
    }

    /// Loads every source in order; a later persona with the same name replaces an earlier one.
    public func load() -> PersonaCatalog {
        var byName: [String: Persona] = [:]
        var order: [String] = []
        var problems: [PersonaProblem] = []
        func add(_ persona: Persona) {
            if byName[persona.name] == nil { order.append(persona.name) }
            byName[persona.name] = persona
        }
        BuiltinPersonas.all.forEach(add)
        for (directory, makeSource) in folders() {
            for file in Self.personaFiles(in: directory) {
                do {
                    let text = try String(contentsOf: file, encoding: .utf8)
                    add(try PersonaParser.parse(text, path: file.path, source: makeSource(file.path)))
                } catch let error as PersonaError {
                    problems.append(PersonaProblem(path: file.path, error: error))
                } catch {
                    let failure = PersonaError.unreadable(path: file.path, message: error.localizedDescription)
                    problems.append(PersonaProblem(path: file.path, error: failure))
                }
            }
        }
        return PersonaCatalog(personas: order.compactMap { byName[$0] }, problems: problems)
    }

    private func folders() -> [(URL, @Sendable (String) -> PersonaSource)] {
        var result: [(URL, @Sendable (String) -> PersonaSource)] = []
        if let userDirectory { result.append((userDirectory, { .user(path: $0) })) }
        if let projectDirectory, projectDirectory.standardizedFileURL != userDirectory?.standardizedFileURL {
            result.append((projectDirectory, { .project(path: $0) }))
        }
        return result
    }

    /// The `.md` files of `directory`, sorted by name so loading is deterministic.
    static func personaFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }
}
