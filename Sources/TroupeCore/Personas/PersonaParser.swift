import Foundation
import Yams

/// Turns the text of a persona file into a `Persona`, or a `PersonaError` naming the line.
///
/// Accepts Troupe's front matter and Claude Code agent files as they are found in the wild:
/// CRLF line ends and a byte-order mark, front matter that is not strict YAML (`FrontMatter`),
/// no `name` (the file's name, as Claude Code plugins do), no `description` (a warning and the
/// body's first line), Claude Code's field names (`permissionMode`, `maxTurns`,
/// `disallowedTools`) and tool names (`ToolGrant`). Fields Troupe does not use are kept.
public enum PersonaParser {
    /// Parses `text` read from `path`; `source` says which persona folder it came from.
    public static func parse(_ text: String, path: String, source: PersonaSource) throws -> Persona {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let (yaml, body) = try split(normalized, path: path)
        let frontMatter = try FrontMatter(yaml, path: path)
        let fields = FieldReader(mapping: frontMatter.mapping, path: path)
        var warnings = frontMatter.warning.map { [$0] } ?? []
        let name = try fields.name() ?? fileName(path)
        guard !name.isEmpty else { throw PersonaError.missingField(path: path, field: "name") }
        let prompt = body.trimmingCharacters(in: .whitespacesAndNewlines)
        let description: String
        if let given = try fields.string("description"), !given.isEmpty {
            description = given
        } else {
            description = firstLine(of: prompt) ?? name
            warnings.append("no description: using \"\(description)\"")
        }
        let role = try fields.enumeration("role", PersonaRole.self) ?? (name == "orchestrator" ? .orchestrator : .worker)
        let (permissionMode, permissionWarning) = try fields.permissionMode()
        if let permissionWarning { warnings.append(permissionWarning) }
        return Persona(
            name: name,
            description: description,
            role: role,
            capabilities: try fields.list("capabilities") ?? DerivedCapabilities.from(description),
            specializations: try fields.list("specializations") ?? [],
            // No `tools` line: every tool of the session, as a Claude Code agent inherits them all;
            // a `tools` line left empty: none.
            tools: try fields.list("tools") ?? (fields.isPresent("tools") ? [] : ["*"]),
            disallowedTools: try fields.list("disallowed_tools") ?? fields.list("disallowedTools") ?? [],
            permissionMode: permissionMode,
            model: try fields.string("model") ?? "inherit",
            maxParallelTasks: try fields.positiveInt("max_parallel_tasks") ?? 1,
            canDelegate: try fields.bool("can_delegate") ?? (role != .worker),
            canBeDelegatedTo: try fields.bool("can_be_delegated_to") ?? (role != .orchestrator),
            escalatesTo: try fields.string("escalates_to") ?? (role == .orchestrator ? nil : "orchestrator"),
            approval: try fields.enumeration("approval", ApprovalPolicy.self) ?? .risk,
            context: try fields.enumeration("context", ContextPolicy.self) ?? .dependencies,
            color: try fields.string("color"),
            budget: Budget(
                maxTokens: try fields.positiveInt("max_tokens"),
                maxModelCalls: try fields.positiveInt("max_turns") ?? fields.positiveInt("maxTurns"),
                maxCostUSD: try fields.positiveNumber("max_cost")),
            systemPrompt: prompt,
            source: source,
            contentHash: ContentHash.sha256(text),
            warnings: warnings,
            otherFields: fields.unused()
        )
    }

    /// Splits `---` front matter from the Markdown body.
    private static func split(_ text: String, path: String) throws -> (String, String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { throw PersonaError.missingFrontMatter(path: path) }
        let frontMatter = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return (frontMatter, body)
    }

    /// `code-reviewer` for `…/code-reviewer.md`.
    private static func fileName(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.hasSuffix(".md") ? String(last.dropLast(3)) : last
    }

    /// The first line of text of a Markdown body, without heading marks.
    private static func firstLine(of body: String) -> String? {
        body.split(separator: "\n").lazy.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# \t")) }
            .first { !$0.isEmpty }.map { String($0.prefix(200)) }
    }
}

/// Reads typed fields from a front-matter mapping, reporting the line of a bad value.
private struct FieldReader {
    let mapping: Node.Mapping
    let path: String

    /// The fields Troupe reads; the rest are kept as `Persona.otherFields`.
    static let used: Set<String> = [
        "name", "description", "role", "capabilities", "specializations", "tools", "disallowed_tools",
        "disallowedTools", "permission_mode", "permissionMode", "model", "max_parallel_tasks", "can_delegate",
        "can_be_delegated_to", "escalates_to", "approval", "context", "color", "max_tokens", "max_turns", "maxTurns",
        "max_cost",
    ]

    /// The fields Troupe does not read, each as its YAML text (a scalar as it is).
    func unused() -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, !Self.used.contains(name) else { continue }
            if case .scalar(let scalar) = value {
                fields[name] = scalar.string
            } else {
                fields[name] = ((try? Yams.serialize(node: value)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return fields
    }

    private func node(_ key: String) -> Node? {
        guard let node = mapping[key] else { return nil }
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" { return nil }
        return node
    }

    private func failure(_ key: String, _ node: Node, _ message: String) -> PersonaError {
        .invalidField(path: path, line: (node.mark?.line ?? 1) + 1, field: key, message: message)
    }

    func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw failure(key, node, "expected text") }
        return scalar.string.trimmingCharacters(in: .whitespaces)
    }

    /// The `name` field, when given: text without control characters or direction overrides
    /// (a name is shown everywhere — prompts, plans, the footer — and cannot carry a terminal
    /// escape into them).
    func name() throws -> String? {
        guard let value = try string("name"), !value.isEmpty, let node = node("name") else { return nil }
        let unprintable = value.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.isDirectionControl
        }
        if unprintable {
            throw failure("name", node, "holds control characters or direction overrides; use letters, digits, - and _")
        }
        return value
    }

    /// Whether the front matter has the field at all, even empty.
    func isPresent(_ key: String) -> Bool {
        mapping[key] != nil
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool else { throw failure(key, node, "expected true or false") }
        return value
    }

    func positiveInt(_ key: String) throws -> Int? {
        guard let node = node(key) else { return nil }
        guard let value = node.int, value > 0 else { throw failure(key, node, "expected a whole number above 0") }
        return value
    }

    func positiveNumber(_ key: String) throws -> Double? {
        guard let node = node(key) else { return nil }
        guard let value = node.float, value > 0 else { throw failure(key, node, "expected a number above 0") }
        return value
    }

    /// A YAML sequence of strings, or one comma-separated string (Claude Code's `tools: Read, Grep`).
    func list(_ key: String) throws -> [String]? {
        guard let node = node(key) else { return nil }
        switch node {
        case .scalar(let scalar):
            return scalar.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        case .sequence(let sequence):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else { throw failure(key, item, "expected a list of words") }
                return scalar.string
            }
        default:
            throw failure(key, node, "expected a list like [a, b]")
        }
    }

    /// `permission_mode` (Troupe's values) or Claude Code's `permissionMode`, and a warning when
    /// the latter has a value Troupe does not know (then the default, ask, applies).
    func permissionMode() throws -> (PermissionMode, String?) {
        if let mode = try enumeration("permission_mode", PermissionMode.self) { return (mode, nil) }
        guard let text = try string("permissionMode") else { return (.ask, nil) }
        if let mode = Self.claudeCodePermissionModes[text] { return (mode, nil) }
        let known = Self.claudeCodePermissionModes.keys.sorted().joined(separator: ", ")
        return (.ask, "permissionMode '\(text)' is not one of \(known): asking before every change (the default)")
    }

    /// Claude Code's permission modes and the Troupe mode closest to each.
    static let claudeCodePermissionModes: [String: PermissionMode] = [
        "default": .ask, "acceptEdits": .acceptEdits, "plan": .readOnly, "bypassPermissions": .auto,
        // Never prompts, so only what is already allowed happens: no changes, no commands.
        "dontAsk": .readOnly,
        // Approves what it judges safe and asks about the rest: edits go ahead, commands ask.
        "auto": .acceptEdits,
    ]

    func enumeration<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure(key, node(key)!, "'\(text)' is not one of \(allowed)")
        }
        return value
    }
}
