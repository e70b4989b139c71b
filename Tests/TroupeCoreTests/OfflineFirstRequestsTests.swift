import Foundation
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

/// What a newcomer's first request to the built-in offline model (no language model) comes to,
/// run against the small project `FirstRequests.fixture`: which persona takes each step, which
/// tools the steps call, how the turn ends and the facts the answer must hold.
struct FirstRequest: Sendable, CustomTestStringConvertible {
    /// How the turn ends.
    enum Kind: String, Sendable, CaseIterable {
        /// Every step done.
        case completed
        /// Some steps done, the others need a language model.
        case partial
        /// No step done: every step needs a language model.
        case failed
        /// A greeting or a question about the team: answered without a plan.
        case direct

        var outcome: TurnOutcome {
            switch self {
            case .completed: return .completed
            case .partial: return .partial
            case .failed: return .failed
            case .direct: return .direct
            }
        }
    }

    var request: String
    /// The persona of each step, in step order. `a|b` accepts either; `*` any worker (a step no
    /// capability fits, which needs a language model whoever takes it).
    var route: [String]
    /// The tools the steps call, by step and then in call order; `a|b` accepts either.
    var tools: [String]
    var outcome: Kind
    /// Key facts the answer holds: numbers, file names, the words of the files.
    var answerContains: [String]
    /// Text the answer must not hold (what a scope or a summary leaves out).
    var answerOmits: [String] = []
    /// The steps (1-based) that need a language model; every step of a failed turn.
    var needsModel: [Int] = []
    /// Arguments some call of a tool was given, as `"tool.argument": value` (taken literally).
    var arguments: [String: String] = [:]

    var testDescription: String { request.replacingOccurrences(of: "\n", with: " ⏎ ") }

    /// The steps that need a language model.
    var modelSteps: Set<Int> { outcome == .failed ? Set(1...max(route.count, 1)) : Set(needsModel) }

    /// A request the offline model does in full.
    static func completed(
        _ request: String, route: [String], tools: [String], answer: [String], omits: [String] = [],
        arguments: [String: String] = [:]
    ) -> FirstRequest {
        FirstRequest(
            request: request, route: route, tools: tools, outcome: .completed, answerContains: answer, answerOmits: omits,
            arguments: arguments)
    }

    /// A request the offline model does in part: the `needsModel` steps need a language model.
    static func partial(
        _ request: String, route: [String], tools: [String], needsModel: [Int], answer: [String],
        arguments: [String: String] = [:]
    ) -> FirstRequest {
        FirstRequest(
            request: request, route: route, tools: tools, outcome: .partial, answerContains: answer, needsModel: needsModel,
            arguments: arguments)
    }

    /// A one-step request only a language model can do, taken by `persona`.
    static func failed(_ request: String, persona: String) -> FirstRequest {
        failed(request, route: [persona])
    }

    /// A request of steps that all need a language model, taken by the personas of `route`.
    static func failed(_ request: String, route: [String]) -> FirstRequest {
        FirstRequest(request: request, route: route, tools: [], outcome: .failed, answerContains: [])
    }

    /// A request answered without a plan.
    static func direct(_ request: String) -> FirstRequest {
        FirstRequest(request: request, route: [], tools: [], outcome: .direct, answerContains: ["offline model"])
    }
}

/// The fixture project and the requests run against it.
enum FirstRequests {
    /// A small project, "Orbit". Sizes (lines, words): README.md 22/75, docs/guide.md 13/52,
    /// Sources/App: Engine.swift 41, Config.swift 19, main.swift 8, defaults.json 3 (71 lines in
    /// all, 68 of Swift); Tests: 3 files, 21 lines (17 of Swift in 2 files); scripts: 2 files;
    /// config.json 5; 12 files, 145 lines in all. "TODO": 4 lines in 3 files (3 in Sources/App);
    /// "Engine" (any case): 7 lines in 4 files; "parseConfig": 5 lines in 5 files;
    /// "max_retries": 3 lines in 3 files; "parse config": 1 (docs/guide.md); "FIXME": none.
    static let fixture: [(path: String, text: String)] = [
        (
            "README.md",
            #"""
            # Orbit

            Orbit is a small task runner for the terminal. It reads config.json,
            plans the tasks and runs them in order. It never talks to the network.

            ## Install

            Build it with the script:

            ```sh
            ./scripts/build.sh --release
            ```

            ## Usage

            Run `orbit run` in a folder that has a config.json.

            Add `--dry-run` to print the plan without running it.

            ## Design

            The Engine owns the task queue, and parseConfig turns JSON into a Config.
            """#
        ),
        (
            "docs/guide.md",
            #"""
            # Orbit guide

            This guide shows how to write a config.json for Orbit. Every field is optional.

            ## Fields

            - `name`: the project name.
            - `max_retries`: how often a failed task runs again.
            - `tasks`: the tasks, in order.

            ## Loading

            Orbit will parse config from the working folder when it starts.
            """#
        ),
        (
            "Sources/App/Engine.swift",
            #"""
            import Foundation

            /// Runs the tasks of a config, one after another.
            final class Engine {
                private var queue: [Job] = []
                private let config: Config

                init(config: Config) {
                    self.config = config
                }

                func enqueue(_ job: Job) {
                    queue.append(job)
                }

                // TODO: run independent jobs in parallel
                func run() throws {
                    while !queue.isEmpty {
                        let job = queue.removeFirst()
                        try perform(job, attempts: config.maxRetries + 1)
                    }
                }

                private func perform(_ job: Job, attempts: Int) throws {
                    for attempt in 1...attempts {
                        if job.action() { return }
                        print("attempt \(attempt) of \(job.name) failed")
                    }
                    throw EngineError.gaveUp(job.name)
                }
            }

            enum EngineError: Error {
                case gaveUp(String)
            }

            struct Job {
                var name: String
                var action: () -> Bool
                // TODO: add a timeout
            }
            """#
        ),
        (
            "Sources/App/Config.swift",
            #"""
            import Foundation

            struct Config: Decodable {
                var name: String
                var maxRetries: Int
                var tasks: [String]

                enum CodingKeys: String, CodingKey {
                    case name, tasks
                    case maxRetries = "max_retries"
                }
            }

            /// Reads the config file at `path`.
            func parseConfig(at path: String) throws -> Config {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                // TODO: report the line of a syntax error
                return try JSONDecoder().decode(Config.self, from: data)
            }
            """#
        ),
        (
            "Sources/App/main.swift",
            #"""
            import Foundation

            do {
                let config = try parseConfig(at: "config.json")
                try Engine(config: config).run()
            } catch {
                fatalError("orbit: \(error)")
            }
            """#
        ),
        (
            "Sources/App/defaults.json",
            #"""
            {
              "tasks": []
            }
            """#
        ),
        (
            "Tests/AppTests/ConfigTests.swift",
            #"""
            import XCTest
            @testable import App

            final class ConfigTests: XCTestCase {
                func testReadsRetries() throws {
                    let config = try parseConfig(at: "config.json")
                    XCTAssertEqual(config.maxRetries, 3)
                }
            }
            """#
        ),
        (
            "Tests/AppTests/EngineTests.swift",
            #"""
            import XCTest
            @testable import App

            final class EngineTests: XCTestCase {
                func testRunsNothingWhenEmpty() throws {
                    try Engine(config: parseConfig(at: "config.json")).run()
                }
            }
            """#
        ),
        (
            "Tests/AppTests/Fixtures/sample.json",
            #"""
            {
              "name": "sample",
              "tasks": ["build"]
            }
            """#
        ),
        (
            "scripts/build.sh",
            #"""
            #!/bin/sh
            set -eu
            # TODO: sign the binary
            swift build "$@"
            """#
        ),
        (
            "scripts/release.py",
            #"""
            # Tags a release of Orbit.
            import subprocess
            import sys

            def tag(version):
                subprocess.run(["git", "tag", version], check=True)

            if __name__ == "__main__":
                tag(sys.argv[1])
            """#
        ),
        (
            "config.json",
            #"""
            {
              "name": "orbit",
              "max_retries": 3,
              "tasks": ["lint", "test", "package"]
            }
            """#
        ),
    ]

    /// Writes the fixture into a new temporary folder.
    static func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for file in fixture { try folder.write(file.path, file.text + "\n") }
        return folder
    }

    static let biggest = "Sources/App/Engine.swift (41 lines)"

    static let corpus: [FirstRequest] =
        counting + searching + listing + reading + outlining + multiPart + partial + failed
        + direct

    static let counting: [FirstRequest] = [
        .completed(
            "How many lines of code are in this project?", route: ["analyst"], tools: ["count_lines"],
            answer: ["12 files", "145 lines"]),
        .completed(
            "How many lines of Swift are in Sources?", route: ["analyst"], tools: ["count_lines"],
            answer: ["3 files", "68 lines"], omits: ["defaults.json"],
            arguments: ["count_lines.path": "Sources", "count_lines.extension": "swift"]),
        .completed(
            "Count the lines in Tests", route: ["analyst"], tools: ["count_lines"], answer: ["3 files", "21 lines"],
            arguments: ["count_lines.path": "Tests"]),
        .completed(
            "Count the lines of *.swift files under Tests", route: ["analyst"], tools: ["count_lines"],
            answer: ["2 files", "17 lines"], omits: ["sample.json"],
            arguments: ["count_lines.path": "Tests", "count_lines.extension": "swift"]),
        .completed("Which file is the biggest?", route: ["analyst"], tools: ["count_lines"], answer: [biggest]),
        .completed(
            "Which is the smallest file?", route: ["analyst"], tools: ["count_lines"],
            answer: ["Sources/App/defaults.json (3 lines)"]),
        .completed(
            "What is the largest Swift file?", route: ["analyst"], tools: ["count_lines"], answer: [biggest],
            arguments: ["count_lines.extension": "swift"]),
        .completed(
            "Count the words in docs/guide.md", route: ["analyst"], tools: ["count_lines"], answer: ["13 lines", "52 words"],
            arguments: ["count_lines.path": "docs/guide.md"]),
        .completed(
            "How many lines are in README.md?", route: ["analyst"], tools: ["count_lines"], answer: ["22 lines"],
            arguments: ["count_lines.path": "README.md"]),
        .completed(
            "How many lines are in \"Sources/App/Engine.swift\"?", route: ["analyst"], tools: ["count_lines"],
            answer: ["41 lines"], arguments: ["count_lines.path": "Sources/App/Engine.swift"]),
    ]

    static let searching: [FirstRequest] = [
        .completed(
            "Find every TODO in the code", route: ["researcher"], tools: ["search_files"],
            answer: ["4 matches", "Sources/App/Engine.swift", "Sources/App/Config.swift", "scripts/build.sh"],
            arguments: ["search_files.pattern": "TODO"]),
        .completed(
            "grep TODO in Sources", route: ["researcher"], tools: ["search_files"],
            answer: ["3 matches", "Sources/App/Engine.swift", "Sources/App/Config.swift"], omits: ["scripts/build.sh"],
            arguments: ["search_files.pattern": "TODO", "search_files.path": "Sources"]),
        .completed(
            "Where is parseConfig used?", route: ["researcher"], tools: ["search_files"],
            answer: ["5 matches", "Sources/App/main.swift", "Tests/AppTests/ConfigTests.swift", "README.md"],
            arguments: ["search_files.pattern": "parseConfig"]),
        .completed(
            "search for max_retries in the config", route: ["researcher"], tools: ["search_files"],
            answer: ["3 matches", "config.json", "docs/guide.md", "Sources/App/Config.swift"],
            arguments: ["search_files.pattern": "max_retries"]),
        .completed(
            "grep \"fatalError\"", route: ["researcher"], tools: ["search_files"], answer: ["1 match", "Sources/App/main.swift"],
            arguments: ["search_files.pattern": "fatalError"]),
        .completed(
            "Search for \"parse config\" in docs", route: ["researcher"], tools: ["search_files"],
            answer: ["1 match", "docs/guide.md"], omits: ["README.md"],
            arguments: ["search_files.pattern": "parse config", "search_files.path": "docs"]),
        .completed(
            "Which files mention \"Engine\"?", route: ["researcher"], tools: ["search_files"],
            answer: [
                "7 matches", "README.md", "Sources/App/Engine.swift", "Sources/App/main.swift",
                "Tests/AppTests/EngineTests.swift",
            ],
            arguments: ["search_files.pattern": "Engine"]),
        .completed(
            "Look for FIXME", route: ["researcher"], tools: ["search_files"], answer: ["0 matches"],
            arguments: ["search_files.pattern": "FIXME"]),
        .completed(
            "Find \"max_retries\" in config.json", route: ["researcher"], tools: ["search_files"],
            answer: ["1 match", "config.json"], omits: ["docs/guide.md"],
            arguments: ["search_files.pattern": "max_retries", "search_files.path": "config.json"]),
        .completed(
            "Search for 'TODO: add a timeout'", route: ["researcher"], tools: ["search_files"],
            answer: ["1 match", "Sources/App/Engine.swift"], omits: ["scripts/build.sh"],
            arguments: ["search_files.pattern": "TODO: add a timeout"]),
    ]

    static let listing: [FirstRequest] = [
        .completed(
            "List the files", route: ["researcher"], tools: ["list_files"],
            answer: ["12 files", "docs/guide.md", "scripts/release.py", "Tests/AppTests/Fixtures/sample.json"]),
        .completed(
            "List the Swift files under Sources", route: ["researcher"], tools: ["list_files"],
            answer: ["3 .swift files", "Sources/App/Config.swift", "Sources/App/main.swift"], omits: ["defaults.json"],
            arguments: ["list_files.path": "Sources", "list_files.extension": "swift"]),
        .completed(
            "Which files are in scripts?", route: ["researcher"], tools: ["list_files"],
            answer: ["2 files", "scripts/build.sh", "scripts/release.py"], arguments: ["list_files.path": "scripts"]),
        .completed(
            "How many files are in Tests?", route: ["researcher"], tools: ["list_files"],
            answer: ["3 files", "Tests/AppTests/Fixtures/sample.json"], arguments: ["list_files.path": "Tests"]),
        .completed(
            "Show me the Python files", route: ["researcher"], tools: ["list_files"], answer: ["scripts/release.py"],
            omits: ["scripts/build.sh"], arguments: ["list_files.extension": "py"]),
    ]

    static let reading: [FirstRequest] = [
        .completed(
            "read README.md", route: ["researcher"], tools: ["read_file"],
            answer: ["README.md (22 lines)", "Orbit is a small task runner"], arguments: ["read_file.path": "README.md"]),
        .completed(
            "Open config.json", route: ["researcher"], tools: ["read_file"], answer: ["config.json (5 lines)", "max_retries"],
            arguments: ["read_file.path": "config.json"]),
        .completed(
            "Show Sources/App/main.swift", route: ["researcher"], tools: ["read_file"],
            answer: ["Sources/App/main.swift (8 lines)", "fatalError"],
            arguments: ["read_file.path": "Sources/App/main.swift"]),
        .completed(
            "Summarize README.md", route: ["researcher"], tools: ["read_file"],
            answer: [
                "extractive", "Orbit is a small task runner for the terminal.", "plans the tasks and runs them in order.",
                "Install", "Usage", "Design",
            ],
            omits: ["--release"], arguments: ["read_file.path": "README.md"]),
        .completed(
            "Give me an overview of docs/guide.md", route: ["researcher"], tools: ["read_file"],
            answer: ["extractive", "Orbit guide", "This guide shows how to write a config.json for Orbit."],
            arguments: ["read_file.path": "docs/guide.md"]),
        .completed(
            "Summarize Sources/App/Config.swift", route: ["researcher"], tools: ["outline"],
            answer: ["extractive", "parseConfig", "CodingKeys"]),
    ]

    static let outlining: [FirstRequest] = [
        .completed(
            "What's declared in Sources/App/Engine.swift?", route: ["researcher|coder"], tools: ["outline"],
            answer: ["EngineError", "enqueue"]),
        .completed(
            "Give me an outline of Sources/App/Config.swift", route: ["researcher|coder"], tools: ["outline"],
            answer: ["parseConfig", "CodingKeys"]),
        .completed(
            "Where is parseConfig defined?", route: ["researcher|coder"], tools: ["outline|search_files"],
            answer: ["Sources/App/Config.swift"]),
        .completed(
            "Where is \"Engine\" defined?", route: ["researcher|coder"], tools: ["outline|search_files"],
            answer: ["Sources/App/Engine.swift"]),
        .completed(
            "where is EngineError declared", route: ["researcher|coder"], tools: ["outline|search_files"],
            answer: ["Sources/App/Engine.swift"]),
    ]

    static let multiPart: [FirstRequest] = [
        .completed(
            "List the Swift files under Sources, count their lines, and write a short summary",
            route: ["researcher", "analyst", "writer"], tools: ["list_files", "count_lines"],
            answer: ["3 .swift files", "68 lines"]),
        .completed(
            "Find every TODO and count the lines in Sources", route: ["researcher", "analyst"],
            tools: ["search_files", "count_lines"], answer: ["4 matches", "71 lines"]),
        .completed(
            "Read docs/guide.md, then summarize it", route: ["researcher", "writer"], tools: ["read_file"],
            answer: ["extractive", "Orbit guide"], arguments: ["read_file.path": "docs/guide.md"]),
        .completed(
            "Count the lines in Sources and count the lines in Tests", route: ["analyst", "analyst"],
            tools: ["count_lines", "count_lines"], answer: ["71 lines", "21 lines"]),
        .completed(
            "1. list the files in docs\n2. read docs/guide.md", route: ["researcher", "researcher"],
            tools: ["list_files", "read_file"], answer: ["1 file under docs", "docs/guide.md (13 lines)"]),
    ]

    static let partial: [FirstRequest] = [
        .partial(
            "Count the lines in Sources and write a haiku about Swift", route: ["analyst", "writer"], tools: ["count_lines"],
            needsModel: [2], answer: ["71 lines"]),
        .partial(
            "Find every TODO, then fix them", route: ["researcher", "coder"], tools: ["search_files"], needsModel: [2],
            answer: ["4 matches"], arguments: ["search_files.pattern": "TODO"]),
        .partial(
            "List the Swift files and explain the design trade-offs of the Engine", route: ["researcher", "writer"],
            tools: ["list_files"], needsModel: [2], answer: ["5 .swift files"]),
        .partial(
            "Read README.md and translate it into French", route: ["researcher", "*"], tools: ["read_file"],
            needsModel: [2], answer: ["README.md (22 lines)"]),
        .partial(
            "Count the lines of Swift in Sources, then refactor Engine.swift to be shorter", route: ["analyst", "coder"],
            tools: ["count_lines"], needsModel: [2], answer: ["68 lines"],
            arguments: ["count_lines.extension": "swift"]),
        .partial(
            "Which file is the biggest? Then rewrite it in Rust", route: ["analyst", "*"], tools: ["count_lines"],
            needsModel: [2], answer: [biggest]),
        .partial(
            "Explain why the Engine retries, and list the files in scripts", route: ["writer", "researcher"],
            tools: ["list_files"], needsModel: [1], answer: ["2 files", "scripts/build.sh"]),
        .partial(
            "Count the lines in Tests, write a haiku about Swift and translate README.md into German",
            route: ["analyst", "writer", "*"], tools: ["count_lines"], needsModel: [2, 3], answer: ["21 lines"]),
    ]

    static let failed: [FirstRequest] = [
        .failed("Write a haiku about parallel agents", persona: "writer"),
        .failed("Write a poem about the Engine", persona: "writer"),
        .failed("Refactor the Engine to use async/await", persona: "coder"),
        .failed("Fix the bug in parseConfig", persona: "coder"),
        .failed("Explain the design trade-offs of this codebase", persona: "writer"),
        .failed("Translate README.md into German", persona: "*"),
        .failed("Is this code well designed?", persona: "coder"),
        .failed("Write unit tests for parseConfig", persona: "writer|coder"),
        .failed("Draft release notes for version 2.0", persona: "writer"),
        .failed("Why does the engine retry failed tasks?", persona: "*"),
        .failed("What does this project do?", persona: "*"),
        .failed("Rename \"parseConfig\" to \"loadConfig\" everywhere", persona: "*"),
        .failed("Write a haiku about Swift and translate README.md into German", route: ["writer", "*"]),
    ]

    static let direct: [FirstRequest] = [.direct("hello"), .direct("What can you do?"), .direct("help")]
}

/// What one turn published: the steps' personas, tools and statuses.
private struct TurnRecord {
    /// The receiver of each step's handoff from the orchestrator, in step order.
    var personas: [String] = []
    /// Each tool call, by step and then in call order.
    var calls: [ToolCalled] = []
    /// The statuses each step finished with (one each, unless a step ran twice).
    var statuses: [Int: [StepState]] = [:]
    /// The number of steps of the plan that was started, if one was.
    var plannedSteps: Int?

    init(_ log: EventLog) {
        var handoffs: [(step: Int, index: Int, persona: String)] = []
        var calls: [(step: Int, index: Int, call: ToolCalled)] = []
        for (index, event) in log.events.enumerated() {
            switch event.kind {
            case .handoffInitiated(let handoff) where handoff.parent == nil:
                handoffs.append((handoff.step ?? 0, index, handoff.to))
            case .toolCalled(let call):
                calls.append((call.step ?? 0, index, call))
            case .taskCompleted(let task):
                statuses[task.step, default: []].append(task.status)
            case .planStarted(let started) where plannedSteps == nil:
                plannedSteps = started.plan.steps.count
            default:
                break
            }
        }
        personas = handoffs.sorted { ($0.step, $0.index) < ($1.step, $1.index) }.map { $0.persona }
        self.calls = calls.sorted { ($0.step, $0.index) < ($1.step, $1.index) }.map { $0.call }
    }
}

@Suite struct OfflineFirstRequestsTests {
    static let workers = Set(BuiltinPersonas.all.filter(\.isWorker).map(\.name))
    static let internalErrors = ["DecodingError", "could not read this request", "not valid JSON"]
    static let needsModel = "needs a language model"

    /// Whether `actual` is what `pattern` accepts: one of its `|`-separated names, or any worker for `*`.
    static func accepts(_ pattern: String, _ actual: String) -> Bool {
        pattern == "*" ? workers.contains(actual) : pattern.split(separator: "|").contains { $0 == actual }
    }

    static func accepts(_ patterns: [String], _ actual: [String]) -> Bool {
        patterns.count == actual.count && zip(patterns, actual).allSatisfy { accepts($0, $1) }
    }

    /// The value of `key` in a call's JSON arguments, as text: an extension without `*.`, a path
    /// without `./` or a trailing slash.
    static func argument(_ key: String, of call: ToolCall) -> String? {
        guard let data = call.arguments.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let value = object[key]
        else { return nil }
        var text = value as? String ?? "\(value)"
        if key == "extension" { text = text.trimmingCharacters(in: CharacterSet(charactersIn: "*.")).lowercased() }
        if key == "path" {
            if text.hasPrefix("./") { text.removeFirst(2) }
            if text.count > 1, text.hasSuffix("/") { text.removeLast() }
        }
        return text
    }

    @Test(arguments: FirstRequests.corpus)
    func aNewcomersFirstRequest(_ expected: FirstRequest) async throws {
        let folder = try FirstRequests.project()
        let log = EventLog()
        let tools = ToolBox(WorkspaceTools.readOnly(Workspace(root: folder.url)))
        let orchestrator = await makeOrchestrator(OfflineModel(), log: log, tools: tools)
        let result = await orchestrator.handle(expected.request)
        let answer = result.answer
        let turn = TurnRecord(log)

        withExtendedLifetime(folder) {}

        #expect(result.outcome == expected.outcome.outcome, "outcome; the answer:\n\(answer)")
        for text in Self.internalErrors {
            #expect(!answer.contains(text), "internal error text \"\(text)\" in the answer:\n\(answer)")
        }

        // The route: one handoff per planned step, each to a persona that fits.
        if expected.outcome == .direct {
            #expect(turn.plannedSteps == nil, "a direct answer needs no plan")
        } else {
            #expect(turn.plannedSteps == expected.route.count, "steps planned")
        }
        #expect(
            Self.accepts(expected.route, turn.personas),
            "route \(turn.personas), expected \(expected.route) (no step retried, handed on or re-planned)")

        // How each step ended.
        let statuses = turn.statuses.keys.sorted().map { turn.statuses[$0]! }
        let wanted = (0..<expected.route.count).map { [expected.modelSteps.contains($0 + 1) ? StepState.needsModel : .done] }
        #expect(statuses == wanted, "step statuses by step")

        // The tools, and what they were asked.
        let called = turn.calls.map(\.call.name)
        #expect(Self.accepts(expected.tools, called), "tools called \(called), expected \(expected.tools)")
        for (key, value) in expected.arguments.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            let given = turn.calls.filter { $0.call.name == parts[0] }.compactMap { Self.argument(parts[1], of: $0.call) }
            #expect(given.contains(value), "\(key): \(given), expected \"\(value)\"")
        }

        // The answer: its facts, what it leaves out, and whether it says a language model is needed.
        for fact in expected.answerContains {
            #expect(answer.contains(fact), "the answer lacks \"\(fact)\":\n\(answer)")
        }
        for text in expected.answerOmits {
            #expect(!answer.contains(text), "the answer holds \"\(text)\":\n\(answer)")
        }
        let saysNeedsModel = answer.components(separatedBy: Self.needsModel).count - 1
        switch expected.outcome {
        case .completed:
            #expect(saysNeedsModel == 0, "a completed turn needs no language model:\n\(answer)")
        case .partial, .failed:
            #expect(saysNeedsModel == 1, "says \"\(Self.needsModel)\" \(saysNeedsModel) times, not once:\n\(answer)")
            #expect(answer.contains(OfflineModel.providerHint), "says how to get a language model:\n\(answer)")
        case .direct:
            break
        }
    }

    @Test func theCorpusCoversEveryKindOfFirstRequest() {
        let corpus = FirstRequests.corpus
        #expect(corpus.count >= 40)
        #expect(Set(corpus.map(\.request)).count == corpus.count, "no request twice")
        for kind in FirstRequest.Kind.allCases {
            #expect(corpus.contains { $0.outcome == kind }, "no \(kind.rawValue) request")
        }
        #expect(corpus.filter { $0.outcome == .completed }.count >= 20)
        #expect(corpus.filter { $0.outcome == .partial }.count >= 5)
        #expect(corpus.filter { $0.outcome == .failed }.count >= 8)
        let tools = Set(corpus.flatMap(\.tools).flatMap { $0.split(separator: "|").map(String.init) })
        #expect(tools.isSuperset(of: ["count_lines", "search_files", "list_files", "read_file", "outline"]))
        for entry in corpus {
            switch entry.outcome {
            case .completed:
                #expect(!entry.route.isEmpty && entry.needsModel.isEmpty, "\(entry.request)")
            case .partial:
                #expect(
                    !entry.needsModel.isEmpty && entry.needsModel.count < entry.route.count
                        && entry.needsModel.allSatisfy { (1...entry.route.count).contains($0) }, "\(entry.request)")
            case .failed:
                #expect(!entry.route.isEmpty && entry.tools.isEmpty, "\(entry.request)")
            case .direct:
                #expect(entry.route.isEmpty && entry.tools.isEmpty, "\(entry.request)")
            }
        }
    }

    /// The numbers the corpus expects, checked against the fixture itself (not through Troupe's
    /// tools), so a wrong expectation shows here rather than as a fault of the engine.
    @Test func theFixtureIsWhatTheCorpusAssumes() {
        let files = Dictionary(uniqueKeysWithValues: FirstRequests.fixture.map { ($0.path, $0.text + "\n") })
        func lines(_ path: String) -> Int { files[path]!.filter { $0 == "\n" }.count }
        func words(_ path: String) -> Int { files[path]!.split(whereSeparator: \.isWhitespace).count }
        /// The lines holding `text` in any case, and the files they are in.
        func matchingLines(_ text: String, under prefix: String = "") -> [Int] {
            let hits = files.filter { $0.key.hasPrefix(prefix) }.map { file in
                file.value.split(separator: "\n").filter { $0.localizedCaseInsensitiveContains(text) }.count
            }
            return [hits.reduce(0, +), hits.filter { $0 > 0 }.count]
        }
        /// The files under `prefix` (with extension `ext`) and their lines.
        func total(under prefix: String, extension ext: String? = nil) -> [Int] {
            let paths = files.keys.filter { $0.hasPrefix(prefix) && (ext == nil || $0.hasSuffix(".\(ext!)")) }
            return [paths.count, paths.map(lines).reduce(0, +)]
        }
        #expect(total(under: "") == [12, 145])
        #expect(total(under: "Sources/") == [4, 71])
        #expect(total(under: "Sources/", extension: "swift") == [3, 68])
        #expect(total(under: "Tests/") == [3, 21])
        #expect(total(under: "Tests/", extension: "swift") == [2, 17])
        #expect(total(under: "", extension: "swift") == [5, 68 + 17])
        #expect(total(under: "scripts/")[0] == 2)
        #expect(lines("README.md") == 22 && lines("docs/guide.md") == 13 && words("docs/guide.md") == 52)
        #expect(lines("Sources/App/Engine.swift") == 41 && lines("Sources/App/main.swift") == 8 && lines("config.json") == 5)
        #expect(files.keys.allSatisfy { $0 == "Sources/App/Engine.swift" || lines($0) < 41 }, "Engine.swift is the biggest")
        #expect(matchingLines("TODO") == [4, 3])
        #expect(matchingLines("TODO", under: "Sources/") == [3, 2])
        #expect(matchingLines("TODO: add a timeout") == [1, 1])
        #expect(matchingLines("Engine") == [7, 4])
        #expect(matchingLines("parseConfig") == [5, 5])
        #expect(matchingLines("max_retries") == [3, 3])
        #expect(matchingLines("max_retries", under: "config.json") == [1, 1])
        #expect(matchingLines("parse config") == [1, 1])
        #expect(matchingLines("fatalError") == [1, 1])
        #expect(matchingLines("FIXME") == [0, 0])
    }
}
