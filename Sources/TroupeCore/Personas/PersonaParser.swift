import Foundation
import Yams

/// Turns the text of a persona file into a `Persona`, or a `PersonaError` naming the line.
///
/// Accepts DESIGN §4 front matter and the Claude Code agent format (`tools` as a comma-separated
/// string, `model: sonnet`). Unknown fields are ignored so files written for other tools load.
public enum PersonaParser {
    /// Parses `text` read from `path`; `source` says which persona folder it came from.
    public static func parse(_ text: String, path: String, source: PersonaSource) throws -> Persona {
        let (frontMatter, body) = try split(text, path: path)
        let mapping = try composeMapping(frontMatter, path: path)
        let fields = FieldReader(mapping: mapping, path: path)
        guard let name = try fields.string("name"), !name.isEmpty else {
            throw PersonaError.missingField(path: path, field: "name")
        }
        guard let description = try fields.string("description") else {
            throw PersonaError.missingField(path: path, field: "description")
        }
        let role =
            try fields.enumeration("role", PersonaRole.self)
            ?? (name == "orchestrator" ? .orchestrator : .worker)
        return Persona(
            name: name,
            description: description,
            role: role,
            capabilities: try fields.list("capabilities") ?? [],
            specializations: try fields.list("specializations") ?? [],
            tools: try fields.list("tools") ?? [],
            disallowedTools: try fields.list("disallowed_tools") ?? fields.list("disallowedTools") ?? [],
            permissionMode: try fields.enumeration("permission_mode", PermissionMode.self)
                ?? fields.claudeCodePermissionMode() ?? .ask,
            model: try fields.string("model") ?? "inherit",
            maxParallelTasks: try fields.positiveInt("max_parallel_tasks") ?? 1,
            canDelegate: try fields.bool("can_delegate") ?? (role != .worker),
            canBeDelegatedTo: try fields.bool("can_be_delegated_to") ?? (role != .orchestrator),
            escalatesTo: try fields.string("escalates_to") ?? (role == .orchestrator ? nil : "orchestrator"),
            approval: try fields.enumeration("approval", ApprovalPolicy.self) ?? .risk,
            context: try fields.enumeration("context", ContextPolicy.self) ?? .dependencies,
            color: try fields.string("color"),
            budget: Budget(
                maxTokens: try fields.positiveInt("max_tokens"), maxModelCalls: try fields.positiveInt("max_turns"),
                maxCostUSD: try fields.positiveNumber("max_cost")),
            systemPrompt: body.trimmingCharacters(in: .whitespacesAndNewlines),
            source: source,
            contentHash: ContentHash.sha256(text)
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

    private static func composeMapping(_ yaml: String, path: String) throws -> Node.Mapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw PersonaError.invalidYAML(path: path, line: fileLine(of: error), message: problem(of: error))
        } catch {
            throw PersonaError.invalidYAML(path: path, line: 2, message: "\(error)")
        }
        guard let mapping = node?.mapping else {
            throw PersonaError.invalidYAML(path: path, line: 2, message: "front matter must be a mapping of fields")
        }
        return mapping
    }

    /// The file line of a YAML error: front-matter lines start after the opening `---`.
    private static func fileLine(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line + 1
        default:
            return 2
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return "\(error)"
        }
    }
}

/// Reads typed fields from a front-matter mapping, reporting the line of a bad value.
private struct FieldReader {
    let mapping: Node.Mapping
    let path: String

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

    /// Claude Code's `permissionMode` (`default`, `acceptEdits`, `plan`, `bypassPermissions`).
    func claudeCodePermissionMode() throws -> PermissionMode? {
        guard let text = try string("permissionMode") else { return nil }
        switch text {
        case "default": return .ask
        case "acceptEdits": return .acceptEdits
        case "plan": return .readOnly
        case "bypassPermissions": return .auto
        default:
            throw failure(
                "permissionMode", node("permissionMode")!, "'\(text)' is not one of default, acceptEdits, plan, bypassPermissions"
            )
        }
    }

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
