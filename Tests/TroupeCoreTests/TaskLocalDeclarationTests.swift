import Foundation
import Testing

/// Swift 6.3.1 miscompiles `withValue` on a task-local of function type under `-O`
/// (docs/platform-notes.md): no task-local in the sources may hold one.
@Suite struct TaskLocalDeclarationTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func noTaskLocalHoldsAFunctionType() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("tasklocal-repro/") }
        var declarations: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            // The attribute and the declaration it marks, on one line or the next.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.contains("@TaskLocal") {
                let declaration = line.contains(" var ") ? line : line + " " + (lines.dropFirst(index + 1).first ?? "")
                declarations.append("\(file): \(declaration.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(declarations.count >= 2, "the task-locals this test knows of: LiveActivity.reporter, RequestHash.current")
        for declaration in declarations {
            #expect(!declaration.contains("->"), "a function-typed task-local: \(declaration)")
        }
    }
}
