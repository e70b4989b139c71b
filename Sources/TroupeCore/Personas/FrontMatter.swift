import Foundation
import Yams

/// A persona file's front matter as fields, read strictly as YAML when it is YAML and leniently,
/// as Claude Code reads agent files, when it is not.
///
/// Many agent files in the wild are not valid YAML: a `description:` whose text holds `: `, or
/// `<example>` blocks whose lines start `user:` or `Context:` at the left margin. Claude Code
/// loads them, so Troupe does too: when the strict parse fails, a line that starts at column 0
/// with a known field name and a colon starts that field, and every other line continues the
/// text of the field before it. Each field's text is then read as YAML on its own (so
/// `tools: [Read, Grep]` is still a list) or else kept as plain text. The strict failure is kept
/// as a warning naming its line.
struct FrontMatter {
    /// The fields, as YAML nodes.
    var mapping: Node.Mapping
    /// Where strict YAML failed, when the lenient reader was used.
    var warning: String?

    /// The fields the lenient reader recognises at the start of a line: Troupe's and Claude Code's.
    static let knownFields: Set<String> = [
        "name", "description", "role", "capabilities", "specializations", "tools", "disallowed_tools",
        "disallowedTools", "permission_mode", "permissionMode", "model", "max_parallel_tasks", "can_delegate",
        "can_be_delegated_to", "escalates_to", "approval", "context", "color", "max_tokens", "max_turns", "maxTurns",
        "max_cost", "hooks", "memory", "skills", "effort", "background", "mcpServers", "isolation", "initialPrompt",
        "version", "author", "tags", "category", "license", "type",
    ]

    /// Reads `yaml` (the lines between the `---` markers; they start at line 2 of the file).
    init(_ yaml: String, path: String) throws {
        (mapping, warning) = try Self.read(yaml, path: path)
    }

    private static func read(_ yaml: String, path: String) throws -> (Node.Mapping, String?) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let lenient = Self.lenient(yaml)
            guard !lenient.isEmpty else {
                throw PersonaError.invalidYAML(path: path, line: fileLine(of: error), message: problem(of: error))
            }
            return (
                Node.Mapping(lenient),
                "line \(fileLine(of: error)): not strict YAML (\(problem(of: error))); read as Claude Code reads it"
            )
        }
        guard let node else { return (Node.Mapping([]), nil) }
        guard let mapping = node.mapping else {
            throw PersonaError.invalidYAML(path: path, line: 2, message: "front matter must be a mapping of fields")
        }
        return (mapping, nil)
    }

    /// The fields by the lenient rule, in file order; empty when no line starts a known field.
    static func lenient(_ yaml: String) -> [(Node, Node)] {
        var fields: [(key: String, lines: [String])] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let key = knownKey(startingLine: line) {
                fields.append((key, [String(line.dropFirst(key.count + 1))]))
            } else if !fields.isEmpty {
                fields[fields.count - 1].lines.append(line)
            }
        }
        return fields.map { field in (Node(field.key), value(of: field.lines)) }
    }

    /// The known field a line starts at column 0 (`description: …`), if any.
    private static func knownKey(startingLine line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = String(line[..<colon])
        return knownFields.contains(key) ? key : nil
    }

    /// A field's text as YAML when it reads as YAML on its own, else as plain text.
    private static func value(of lines: [String]) -> Node {
        let text = lines.joined(separator: "\n")
        if let mapping = (try? Yams.compose(yaml: "value:" + text))??.mapping, mapping.count == 1, let node = mapping["value"] {
            return node
        }
        let plain = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
        return Node(plain.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The file line of a YAML error: front-matter lines start after the opening `---`.
    static func fileLine(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line + 1
        default:
            return 2
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return "\(error)"
        }
    }
}
