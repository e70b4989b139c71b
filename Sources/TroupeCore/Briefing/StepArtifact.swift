import Foundation

/// Something a step produced that later steps may need whole: a block of code from its answer,
/// or a file its tools read or wrote.
public struct StepArtifact: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        /// A fenced block in the worker's answer; `content` holds it.
        case code
        /// A workspace file a tool of the worker touched; `content` is nil.
        case file
    }

    public var kind: Kind
    /// `swift block 1`, or the file's workspace-relative path.
    public var name: String
    public var content: String?
    /// The step that produced it, once the orchestrator has collected it.
    public var step: Int?

    public init(kind: Kind, name: String, content: String? = nil, step: Int? = nil) {
        self.kind = kind
        self.name = name
        self.content = content
        self.step = step
    }

    /// The fenced blocks of `output` and the files in `filesTouched`, in that order, without repeats.
    public static func extract(from output: String, filesTouched: [String]) -> [StepArtifact] {
        split(output, filesTouched: filesTouched).artifacts
    }

    /// `output` with each fenced block replaced by a reference to its artifact (`[code: swift block 1]`),
    /// and the artifacts: the blocks, then the files in `filesTouched` without repeats. Briefs carry
    /// the prose and the code apart, so either can be cut to fit without losing the other.
    public static func split(_ output: String, filesTouched: [String] = []) -> (prose: String, artifacts: [StepArtifact]) {
        var artifacts: [StepArtifact] = []
        guard holdsFence(output) else {
            var seen = Set<String>()
            for path in filesTouched where seen.insert(path).inserted { artifacts.append(StepArtifact(kind: .file, name: path)) }
            return (output, artifacts)
        }
        var prose: [Substring] = []
        var language = ""
        var body: [Substring] = []
        var inBlock = false
        var counts: [String: Int] = [:]
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("```") else {
                if inBlock { body.append(line) } else { prose.append(line) }
                continue
            }
            if inBlock {
                let tag = language.isEmpty ? "text" : language
                counts[tag, default: 0] += 1
                let name = "\(tag) block \(counts[tag]!)"
                artifacts.append(StepArtifact(kind: .code, name: name, content: body.joined(separator: "\n")))
                prose.append("[code: \(name)]")
                body = []
            } else {
                language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()
            }
            inBlock.toggle()
        }
        if inBlock { prose += ["```" + language] + body }
        var seen = Set<String>()
        for path in filesTouched where seen.insert(path).inserted {
            artifacts.append(StepArtifact(kind: .file, name: path))
        }
        return (prose.joined(separator: "\n"), artifacts)
    }

    /// Whether `output` holds a fence, as `contains("```")` tells: answered at once for ASCII
    /// text without a backtick (no character there can read as one). Most answers are short ASCII
    /// prose, and the generic search cost more than the rest of a handoff's bookkeeping.
    static func holdsFence(_ output: String) -> Bool {
        var text = output
        let plain = text.withUTF8 { bytes in !bytes.contains { $0 == UInt8(ascii: "`") || $0 >= 0x80 } }
        return !plain && output.contains("```")
    }
}
