import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore
@testable import TroupeTools

/// The workers' file tools against real trees: Claude Code's Grep, Glob and Read semantics, and
/// the file set chosen as git and ripgrep choose it.
@Suite struct FileToolsTests {
    /// Runs `git` in `folder`; its standard output.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL) throws -> String {
        try FinishedProcess.run(
            "/usr/bin/env", ["git", "-C", folder.path] + arguments,
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
                "GIT_CONFIG_NOSYSTEM": "1",
            ]
        ).text
    }

    /// Tool arguments from Swift values (strings, integers, booleans).
    func json(_ values: KeyValuePairs<String, Any>) -> JSONValue {
        .object(
            Dictionary(
                values.map { key, value in
                    switch value {
                    case let flag as Bool: return (key, JSONValue.bool(flag))
                    case let number as Int: return (key, JSONValue.number(Double(number)))
                    default: return (key, JSONValue.string("\(value)"))
                    }
                }, uniquingKeysWith: { first, _ in first }))
    }

    @Test(arguments: [
        ("*.swift", "Sources/App/main.swift", true), ("*.swift", "main.swift.orig", false),
        ("**/*.swift", "main.swift", true), ("**/*.swift", "a/b/c/main.swift", true),
        ("Sources/**/*.swift", "Sources/main.swift", true), ("Sources/**/*.swift", "Tests/main.swift", false),
        ("src/*.{ts,tsx}", "src/app.tsx", true), ("src/*.{ts,tsx}", "src/deep/app.ts", false),
        ("file?.txt", "file1.txt", true), ("file?.txt", "file10.txt", false),
        ("[abc]*.md", "b-notes.md", true), ("[!abc]*.md", "b-notes.md", false), ("docs/**", "docs/a/b.md", true),
    ])
    func globsMatchAsClaudeCodeAndRipgrepReadThem(_ glob: String, _ path: String, _ expected: Bool) throws {
        let pattern = try #require(GlobPattern(glob))
        #expect(pattern.matches(path) == expected)
    }

    /// Random trees and `.gitignore` files, the walker's choice against git's on the same tree.
    @Test(arguments: 1...12)
    func theIgnoreRulesChooseWhatGitChooses(_ seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let patterns = [
            "*.log", "build/", "/build", "!keep.log", "**/gen/**", "docs/*.md", "!docs/index.md", "*.tmp", "secret*",
            "a/**/b.txt", "[ab].txt", "/top.txt", "nested/", "!nested/", "*.o", "cache", "!important.tmp", "out/**",
        ]
        let names = [
            "a.txt", "b.txt", "c.txt", "keep.log", "x.log", "top.txt", "y.tmp", "important.tmp", "secret.key", "f.o", "index.md",
            "guide.md",
        ]
        let folders = ["", "build/", "docs/", "a/", "a/x/", "a/x/y/", "gen/", "src/gen/", "nested/", "cache/", "out/", "src/"]
        let plain = try TemporaryFolder()
        let repository = try TemporaryFolder()
        try Self.git(["init", "-q"], in: repository.url)
        var files: [String] = []
        for folder in folders {
            for name in names where Int.random(in: 0..<3, using: &random) == 0 { files.append(folder + name) }
        }
        var ignores: [String: String] = [:]
        for folder in ["", "a/", "docs/", "src/"] where Int.random(in: 0..<2, using: &random) == 0 || folder.isEmpty {
            let count = Int.random(in: 1...5, using: &random)
            ignores[folder + ".gitignore"] =
                (0..<count).map { _ in patterns.randomElement(using: &random)! }.joined(separator: "\n") + "\n"
        }
        for tree in [plain, repository] {
            for file in files { try tree.write(file, "x\n") }
            for (path, rules) in ignores { try tree.write(path, rules) }
        }
        let workspace = Workspace(root: plain.url)
        let walked = Set(
            FileSet(workspace: workspace).files(under: workspace.root).paths.map { workspace.relativePath(ofPath: $0) })
        let listed = Set(
            try Self.git(["ls-files", "--cached", "--others", "--exclude-standard"], in: repository.url)
                .split(separator: "\n").map(String.init).filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } })
        #expect(walked == listed, "rules: \(ignores.sorted { $0.key < $1.key })")
    }

    @Test func searchFindsARegularExpressionWithContextAndSaysWhatItSearched() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "Sources/Server.swift",
            "import Foundation\n\nfunc requestHandler() {}\nfunc other() {}\nfunc ErrorHandler(x: Int) {}\n")
        try folder.write("Sources/Notes.md", "func fakeHandler in prose\n")
        try folder.write("build/Generated.swift", "func buildHandler() {}\n")
        try folder.write(".gitignore", "build/\n")
        try folder.write(".hidden/Secret.swift", "func hiddenHandler() {}\n")
        try folder.write("Sources/blob.bin", "func binHandler\u{0}\n")
        let tool = SearchFilesTool(workspace: Workspace(root: folder.url))
        let content = outputLines(await tool.run(arguments: json(["pattern": "func .*Handler", "glob": "*.swift", "-B": 1])))
        #expect(content[0] == "2 matches of \"func .*Handler\" in 1 file under . (1 file searched: .gitignore rules applied)")
        #expect(
            Array(content.dropFirst())
                == [
                    "Sources/Server.swift-2- ", "Sources/Server.swift:3: func requestHandler() {}",
                    "Sources/Server.swift-4- func other() {}", "Sources/Server.swift:5: func ErrorHandler(x: Int) {}",
                ])
        let apart = outputLines(
            await tool.run(arguments: json(["pattern": "Handler\\(\\)", "-C": 0, "-A": 1, "path": "Sources/Server.swift"])))
        #expect(
            Array(apart.dropFirst()) == [
                "Sources/Server.swift:3: func requestHandler() {}", "Sources/Server.swift-4- func other() {}",
            ])
        let pasted = outputLines(await tool.run(arguments: json(["pattern": "requestHandler(", "path": "Sources"])))
        #expect(pasted[0].hasSuffix("the pattern is not a valid regular expression, so searched as literal text)"))
        #expect(pasted.count == 2)
        let files = outputLines(
            await tool.run(arguments: json(["pattern": "handler", "-i": true, "output_mode": "files_with_matches"])))
        #expect(Array(files.dropFirst()) == ["Sources/Notes.md", "Sources/Server.swift"])
        #expect(files[0].contains("1 binary skipped"))
        let counted = outputLines(
            await tool.run(arguments: json(["pattern": "Handler", "output_mode": "count", "hidden": true, "no_ignore": true])))
        #expect(
            Array(counted.dropFirst()) == [
                ".hidden/Secret.swift:1", "Sources/Notes.md:1", "Sources/Server.swift:2", "build/Generated.swift:1",
            ])
        let typed = outputLines(await tool.run(arguments: json(["pattern": "Handler", "type": "md"])))
        #expect(typed.count == 2 && typed[1] == "Sources/Notes.md:1: func fakeHandler in prose")
        let bad = await tool.run(arguments: json(["pattern": "func (", "multiline": true]))
        #expect(bad.isError && bad.text.contains("not a valid regular expression"))
    }

    @Test func everyMatchIsCountedAndTheCutIsSaid() async throws {
        let folder = try TemporaryFolder()
        for index in 0..<30 { try folder.write("f\(index).txt", (0..<10).map { "hit \($0)" }.joined(separator: "\n")) }
        let output = outputLines(
            await SearchFilesTool(workspace: Workspace(root: folder.url)).run(
                arguments: json(["pattern": "hit", "head_limit": 5])))
        #expect(output[0].hasPrefix("300 matches of \"hit\" in 30 files under . (30 files searched"))
        #expect(output.count == 7)
        #expect(output[6] == "… 295 more not shown (head_limit 5); narrow the search or raise head_limit")
    }

    @Test func multilinePatternsSpanLines() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.swift", "struct A {\n    let x: Int\n}\nstruct B {}\n")
        let output = outputLines(
            await SearchFilesTool(workspace: Workspace(root: folder.url)).run(
                arguments: json(["pattern": "struct A \\{.*?\\}", "multiline": true])))
        #expect(output[0].hasPrefix("3 matches"))
        #expect(Array(output.dropFirst()) == ["a.swift:1: struct A {", "a.swift:2:     let x: Int", "a.swift:3: }"])
    }

    @Test func listingGlobsSortsNewestFirstAndSaysWhatItLeftOut() async throws {
        let folder = try TemporaryFolder()
        for path in [
            "Sources/App/main.swift", "Sources/Core/Model.swift", "Tests/ModelTests.swift", "README.md", "node_modules/x.js",
        ] {
            try folder.write(path, "x\n")
        }
        try folder.write(".gitignore", "node_modules/\n")
        let old = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes(
            [.modificationDate: old], ofItemAtPath: folder.url.appendingPathComponent("Sources/App/main.swift").path)
        let tool = ListFilesTool(workspace: Workspace(root: folder.url))
        let swift = outputLines(await tool.run(arguments: json(["pattern": "**/*.swift", "sort": "modified"])))
        #expect(swift[0].hasPrefix("3 files matching **/*.swift under . ("))
        #expect(swift.last == "Sources/App/main.swift")
        let limited = outputLines(await tool.run(arguments: json(["pattern": "Sources/**/*.swift", "limit": 1])))
        #expect(
            limited == [limited[0], "Sources/App/main.swift", "… 1 more not shown (limit 1); narrow the pattern or raise limit"])
        let inFolder = outputLines(await tool.run(arguments: json(["path": "Sources", "pattern": "{App,Core}/*.swift"])))
        #expect(Array(inFolder.dropFirst()) == ["Sources/App/main.swift", "Sources/Core/Model.swift"])
    }

    @Test func anExtensionFilterMatchesEitherCaseAsAGlobDoesNot() async throws {
        let folder = try TemporaryFolder()
        for path in ["Docs/README.MD", "notes.md", "Makefile.mdx"] { try folder.write(path, "hit\n") }
        let workspace = Workspace(root: folder.url)
        let listed = outputLines(await ListFilesTool(workspace: workspace).run(arguments: json(["extension": "md"])))
        #expect(Array(listed.dropFirst()).sorted() == ["Docs/README.MD", "notes.md"])
        let searched = await SearchFilesTool(workspace: workspace).run(arguments: json(["pattern": "hit", "extension": ".MD"]))
        #expect(searched.text.contains("Docs/README.MD:1:") && searched.text.contains("notes.md:1:"))
        #expect(!searched.text.contains("Makefile.mdx"))
        let globbed = outputLines(await ListFilesTool(workspace: workspace).run(arguments: json(["pattern": "*.md"])))
        #expect(Array(globbed.dropFirst()) == ["notes.md"], "a glob is case-sensitive, as ripgrep's --glob")
    }

    @Test func aFileLargerThanTheToolsReadWholeIsSaidToBe() async throws {
        let folder = try TemporaryFolder()
        let line = Data(String(repeating: "a log line that goes on; ", count: 40).appending("\n").utf8)
        var big = Data(capacity: FileSearch.largestFile + line.count * 2)
        while big.count <= FileSearch.largestFile { big.append(line) }
        try big.write(to: folder.url.appendingPathComponent("huge.log"))
        try folder.write("small.txt", "one\ntwo\n")
        let workspace = Workspace(root: folder.url)
        let read = outputLines(
            await ReadFileTool(workspace: workspace).run(arguments: json(["file_path": "huge.log", "limit": 3])))
        #expect(read[0] == "huge.log (\(big.count >> 20) MB; lines not counted past 4)")
        #expect(read.count == 5 && read[4] == "… more lines; read on with offset 4", "\(read)")
        let further = outputLines(
            await ReadFileTool(workspace: workspace).run(
                arguments: json(["file_path": "huge.log", "offset": 60_000, "limit": 2])))
        #expect(further[0] == "huge.log (\(big.count >> 20) MB; lines not counted past 60002)", "\(further)")
        #expect(further[1].hasPrefix(" 60000\ta log line") && further[2].hasPrefix(" 60001\ta log line"), "\(further)")
        #expect(further[3] == "… more lines; read on with offset 60002")
        let counted = await CountLinesTool(workspace: workspace).run(arguments: json(["path": "."]))
        #expect(counted.summary == "1 file under .: 2 lines, 2 words in total (1 file over 64 MB not counted)")
        let searched = await SearchFilesTool(workspace: workspace).run(arguments: json(["pattern": "log line"]))
        #expect(searched.summary.contains("1 file over 64 MB skipped"), "\(searched.summary)")
    }

    @Test func linesAndWordsAreCountedAsWcCountsThem() async throws {
        let folder = try TemporaryFolder()
        try folder.write("crlf.txt", "one two\r\nthree\r\n")
        try folder.write("open.txt", "no final break\n\nlast words here")
        let counted = outputLines(
            await CountLinesTool(workspace: Workspace(root: folder.url)).run(arguments: json(["path": "."])))
        #expect(counted[0] == "2 files under .: 5 lines, 9 words in total", "\(counted)")
        #expect(counted.contains("    3      6  open.txt") && counted.contains("    2      3  crlf.txt"), "\(counted)")
    }

    @Test func aLargeFileOfLongLinesIsReadInWholeLinesWithTheOffsetToReadOn() async throws {
        let folder = try TemporaryFolder()
        // 20,160-byte lines: the first megabyte read holds 52 of them and the start of the 53rd.
        let line = Data((String(repeating: "x", count: 20_159) + "\n").utf8)
        var big = Data(capacity: line.count * 3_500)
        for _ in 0..<3_500 { big.append(line) }
        try big.write(to: folder.url.appendingPathComponent("wide.log"))
        let read = outputLines(
            await ReadFileTool(workspace: Workspace(root: folder.url)).run(arguments: json(["path": "wide.log"])))
        #expect(read.count == 54, "a headline, 52 whole lines and the note: \(read.count)")
        #expect(read[52].hasPrefix("    52\txxx") && read[52].hasSuffix("(line cut at 2000 characters)"))
        #expect(read.last == "… more lines; read on with offset 53")
    }

    @Test func aLargeFileThatIsOneLineIsNotSaidToHaveMoreLines() async throws {
        let folder = try TemporaryFolder()
        try Data(repeating: UInt8(ascii: "a"), count: FileSearch.largestFile + 1).write(
            to: folder.url.appendingPathComponent("one.line"))
        let read = outputLines(
            await ReadFileTool(workspace: Workspace(root: folder.url)).run(arguments: json(["path": "one.line"])))
        #expect(read.count == 3, "\(read.map { $0.prefix(80) })")
        #expect(read[1].hasPrefix("     1\taaa") && read[1].hasSuffix("(line cut at 2000 characters)"))
        #expect(read.last == "… line 1 goes on past the 1 MB read; a next line, if any, is at offset 2", "\(read.last ?? "")")
    }

    @Test func aRunawayExpressionStopsAtTheTimeLimitWithWhatItFoundSoFar() async throws {
        let folder = try TemporaryFolder()
        // `(a+)+b` backtracks 2^40 ways on forty a's with no b: it would run for days.
        try folder.write("a.txt", "aab\n" + String(repeating: "a", count: 40) + "\nab\n")
        let workspace = Workspace(root: folder.url)
        var request = try SearchFilesTool.request(ToolArguments(json: json(["pattern": "(a+)+b"])), pattern: "(a+)+b")
        request.timeLimit = .milliseconds(300)
        let file = folder.url.appendingPathComponent("a.txt").path
        // The file searched here, not on the task pool: the deadline is the search's, not a queue's.
        let searcher = FileSearch(
            matcher: request.matcher, before: 0, after: 0, multiline: false, wantsLines: true, deadline: .now + request.timeLimit)
        let result = searcher.search(file)
        #expect(result.stopped && result.matches == 1)
        let output = SearchFilesTool.report(
            [(file, result)], files: [file], source: "walked", request: request, pattern: "(a+)+b", target: folder.url,
            workspace: workspace)
        #expect(
            output.summary
                == "1 match of \"(a+)+b\" in 1 file under . (1 file searched: walked; stopped at the 300 ms time limit, 1 file searched only in part)"
        )
        #expect(outputLines(output).dropFirst() == ["a.txt:1: aab"])
    }

    @Test func aRunawayExpressionStopsWhenItsTaskIsCancelled() async throws {
        let matcher = try TextMatcher(pattern: "(a+)+b", ignoreCase: false)
        let line = String(repeating: "a", count: 40)
        let task = Task {
            while !Task.isCancelled { await Task.yield() }
            return matcher.match(line, until: .now + .seconds(3600))
        }
        task.cancel()
        #expect(await task.value == .stopped)
    }

    @Test func readingTakesAnOffsetAndALimitCutsLongLinesAndDescribesImages() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "long.txt", (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n" + String(repeating: "x", count: 2_500) + "\n"
        )
        let png = folder.url.appendingPathComponent("logo.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: png)
        let tool = ReadFileTool(workspace: Workspace(root: folder.url))
        let part = outputLines(await tool.run(arguments: json(["file_path": "long.txt", "offset": 3, "limit": 2])))
        #expect(part == ["long.txt (11 lines)", "     3\tline 3", "     4\tline 4", "… 7 more lines; read on with offset 5"])
        let last = outputLines(await tool.run(arguments: json(["path": "long.txt", "offset": 11])))
        #expect(last[1].hasSuffix(" … (line cut at 2000 characters)"))
        let image = await tool.run(arguments: json(["path": "logo.png"]))
        #expect(image.text == "logo.png is a PNG image, 10 bytes; it is not shown as text")
        let past = await tool.run(arguments: json(["path": "long.txt", "offset": 40]))
        #expect(past.isError && past.text == "long.txt has 11 lines; offset 40 is past its end")
    }

    @Test func theLiteralsARegularExpressionRequiresAreFoundForTheByteSearch() {
        #expect(TextMatcher.requiredLiterals(in: "func .*Handler") == ["func ", "Handler"])
        #expect(TextMatcher.requiredLiterals(in: "foo|bar") == [])
        #expect(TextMatcher.requiredLiterals(in: "colou?r names") == ["colo", "r names"])
        #expect(TextMatcher.requiredLiterals(in: "a\\.b(c|d)ef") == ["a.b", "ef"])
    }
}
