public import Foundation

/// Loads personas from the built-in set, then each folder in order; a later persona with the
/// same name replaces an earlier one. The shell's order: built-in, `~/.claude/agents/`,
/// `$XDG_CONFIG_HOME/troupe/personas/`, `./.claude/agents/`, `./personas/`.
public struct PersonaLoader: Sendable {
    /// The folders, earliest (most easily overridden) first.
    public var folders: [PersonaFolder]

    public init(folders: [PersonaFolder]) {
        self.folders = folders
    }

    /// The user's folder, then the project's.
    public init(userDirectory: URL?, projectDirectory: URL?) {
        self.init(
            folders: [userDirectory.map { PersonaFolder($0, .user) }, projectDirectory.map { PersonaFolder($0, .project) }]
                .compactMap { $0 })
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
        var seenFolders = Set<String>()
        for folder in folders where seenFolders.insert(folder.url.standardizedFileURL.path).inserted {
            for file in Self.personaFiles(in: folder.url) {
                let source: PersonaSource = folder.scope == .user ? .user(path: file.path) : .project(path: file.path)
                do {
                    let text = try String(contentsOf: file, encoding: .utf8)
                    var persona = try PersonaParser.parse(text, path: file.path, source: source)
                    if folder.scope == .project { persona = Self.withoutSelfGrantedAutonomy(persona) }
                    add(persona)
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

    /// A persona from the working directory — which a cloned repository controls — may not let
    /// itself run tools without asking: `permission_mode: auto` (Claude Code's
    /// `bypassPermissions`) is loaded as `ask`, with a warning. Handing work to it still follows
    /// its `approval`; every change and command it makes is asked for.
    static func withoutSelfGrantedAutonomy(_ persona: Persona) -> Persona {
        guard persona.permissionMode == .auto else { return persona }
        var persona = persona
        persona.permissionMode = .ask
        persona.warnings.append(
            "a project's persona may not run tools without asking: permission mode auto is loaded as ask "
                + "(put the file in your own persona folder to allow it)")
        return persona
    }

    /// The `.md` files of `directory`, sorted by name so loading is deterministic.
    static func personaFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }
}
