import Foundation
import TroupeCore
import TroupeMCP
import TroupeShell

/// What the working folder's own files — which a cloned repository controls — would do beyond
/// the defaults: start MCP servers, let a persona skip the questions, run a scripted model. They
/// take effect only once the user trusts the folder (Claude Code's project trust dialog); until
/// then the session uses them in a safe form. The answer holds for these files' contents: a
/// change asks again.
struct ProjectTrust {
    /// One thing a project file would do, in words for the question.
    struct Finding: Equatable {
        var file: String
        var effect: String
    }

    let folder: URL
    let findings: [Finding]
    /// SHA-256 over the project files that can widen what runs, paths and contents.
    let fingerprint: String

    /// The settings of `folder`'s files that need trust: its personas' approval, permission mode
    /// and `script:` models, its configuration's `script:` models, and its MCP servers.
    init(folder: URL, personas: [Persona], projectConfig: ConfigFile, projectConfigPath: String, mcp: [MCPServerEntry]) {
        self.folder = folder
        var findings: [Finding] = []
        var files: [String] = []
        for persona in personas {
            guard case .project(let path) = persona.source else { continue }
            files.append(path)
            if Self.isBuiltInCopy(persona) { continue }
            var effects: [String] = []
            if persona.approval == .auto { effects.append("approval: auto (its handoffs never ask)") }
            if persona.permissionMode == .auto || persona.permissionMode == .acceptEdits {
                effects.append(
                    "permission mode \(persona.permissionMode.rawValue) (its tools \(persona.permissionMode == .auto ? "never ask" : "write files without asking"))"
                )
            }
            if persona.model.hasPrefix("script:") { effects.append("model \(persona.model) (replies scripted by a file)") }
            if !effects.isEmpty {
                findings.append(Finding(file: path, effect: "persona \(persona.name): " + effects.joined(separator: ", ")))
            }
        }
        files.append(projectConfigPath)
        if projectConfig.permissionMode == PermissionMode.acceptEdits.rawValue {
            findings.append(
                Finding(
                    file: projectConfigPath, effect: "permission_mode: accept-edits (every persona writes files without asking)"))
        }
        for (field, model) in Self.scriptedModels(in: projectConfig) {
            findings.append(Finding(file: projectConfigPath, effect: "\(field): \(model) (replies scripted by a file)"))
        }
        for entry in mcp {
            files.append(entry.file)
            var runs: String
            switch entry.configuration {
            case .success(let configuration):
                runs = configuration.summary
                if !configuration.declaredEnvironment.isEmpty {
                    runs +=
                        " — with env "
                        + configuration.declaredEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                        .joined(separator: " ")
                }
            case .failure(let problem):
                runs = "nothing, its entry is unusable (\(problem.reason))"
            }
            findings.append(Finding(file: entry.file, effect: "MCP server \(entry.name) starts: \(runs)"))
        }
        self.findings = findings
        self.fingerprint = Self.fingerprint(of: Set(files).sorted())
    }

    /// The `script:` models a configuration names, with the field that names each.
    static func scriptedModels(in config: ConfigFile) -> [(field: String, model: String)] {
        var found: [(String, String)] = []
        if let model = config.model, model.hasPrefix("script:") { found.append(("model", model)) }
        for (persona, model) in (config.personaModels ?? [:]).sorted(by: { $0.key < $1.key }) where model.hasPrefix("script:") {
            found.append(("persona_models.\(persona)", model))
        }
        return found
    }

    /// The configuration without what needs trust: its `script:` models and accept-edits.
    static func safe(_ config: ConfigFile) -> ConfigFile {
        var config = config
        if config.permissionMode == PermissionMode.acceptEdits.rawValue { config.permissionMode = nil }
        if config.model?.hasPrefix("script:") == true { config.model = nil }
        config.personaModels = config.personaModels?.filter { !$0.value.hasPrefix("script:") }
        return config
    }

    /// A project persona as an untrusted folder may have it: default approval and permission
    /// mode, the session's model instead of a script.
    static func safe(_ persona: Persona) -> Persona {
        guard case .project = persona.source, !isBuiltInCopy(persona) else { return persona }
        var persona = persona
        if persona.approval == .auto { persona.approval = .risk }
        if persona.permissionMode == .auto || persona.permissionMode == .acceptEdits { persona.permissionMode = .ask }
        if persona.model.hasPrefix("script:") { persona.model = "inherit" }
        return persona
    }

    /// Whether `persona`'s file is byte for byte the built-in persona of its name (Troupe's own
    /// checkout links `personas/` to them): it grants nothing the built-in one does not.
    static func isBuiltInCopy(_ persona: Persona) -> Bool {
        BuiltinPersonas.all.contains { $0.name == persona.name && $0.contentHash == persona.contentHash }
    }

    /// The question shown before the first prompt.
    var question: [String] {
        ["This folder's own files would change what Troupe runs without asking:"]
            // Shown as they are, escapes and all: what the user trusts is what will run.
            + findings.map {
                "  " + TerminalSanitizer.visibleCompact($0.effect).replacingOccurrences(of: "\n", with: "␊")
                    + "  (\(TerminalSanitizer.visible(relative($0.file))))"
            }
            + ["Only trust a folder whose files you know. Trust \(TerminalSanitizer.clean(folder.path))? [y/N] "]
    }

    /// Whether `question` fits whole on a terminal of `columns` × `rows`, with a line to spare for
    /// the answer: what cannot be seen at once — a finding padded past the screen, or seventy
    /// servers with the harmful one first — is not asked about.
    func fits(columns: Int, rows: Int) -> Bool {
        let width = max(columns, 1)
        let needed = question.reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
        return needed < rows
    }

    /// What is said instead of a question that would not fit on the screen.
    var tooLongToAsk: String {
        let files = Set(findings.map { TerminalSanitizer.visible(relative($0.file)) }).sorted().joined(separator: ", ")
        return "This folder's own files (\(files)) would change what Troupe runs without asking, and what they would do "
            + "is too long to show whole on this screen, so it is not asked about: the folder stays untrusted. "
            + "Read those files yourself; start with --trust-project once you trust them.\n"
    }

    /// The warning of a session that left them out.
    var notApplied: String {
        let list = findings.map { TerminalSanitizer.clean($0.effect) }.joined(separator: "; ")
        return "this folder is not trusted, so its files were not applied (\(list)); "
            + "start troupe here and answer the question, or pass --trust-project"
    }

    private func relative(_ path: String) -> String {
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    private static func fingerprint(of files: [String]) -> String {
        var data = Data()
        for file in files {
            data.append(Data(file.utf8))
            data.append(0)
            data.append((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data())
            data.append(0)
        }
        return ContentHash.sha256(data)
    }
}
