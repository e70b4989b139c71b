import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

/// Offline summaries of a document: its own title, lead and headings, said to be extractive.
@Suite struct ExtractiveSummaryTests {
    /// `text` written to a file and read back by the real `read_file`.
    static func read(_ text: String, path: String = "README.md") async throws -> String {
        let folder = try TemporaryFolder()
        try folder.write(path, text)
        return await ReadFileTool(workspace: Workspace(root: folder.url)).run(arguments: .object(["path": .string(path)])).text
    }

    @Test func aReadmeGivesItsTitleLeadAndSections() async throws {
        let readme = """
            # Lantern

            A static site generator for field notes. It turns a folder of
            **Markdown** into pages. Nothing else is needed.

            - a list item is not the lead
            1. nor is a numbered one

            ```sh
            lantern build notes/   # the output goes to site/
            ```

            ## Install
            Run `make install`.

            ## Usage
            ### Options
            | flag | meaning |
            ## Licence
            """
        let summary = try #require(ExtractiveSummary.of(readOutput: try await Self.read(readme)))
        #expect(summary.hasPrefix("Lantern — extractive summary"))
        #expect(summary.contains("A static site generator for field notes. It turns a folder of Markdown into pages."))
        #expect(!summary.contains("list item"))
        #expect(!summary.contains("Nothing else"), "two lead sentences")
        #expect(summary.contains("Sections: Install · Usage · Licence"))
        #expect(!summary.contains("lantern build"), "code is not prose")
        #expect(summary.hasSuffix("(README.md, 19 lines)"))
    }

    @Test func aDocumentWithoutHeadingsIsNamedByItsPathAndOtherOutputIsNotADocument() async throws {
        let summary = try #require(
            ExtractiveSummary.of(readOutput: try await Self.read("just one line of notes", path: "notes.txt")))
        #expect(summary.hasPrefix("notes.txt — extractive summary"))
        #expect(summary.contains("just one line of notes"))
        #expect(ExtractiveSummary.of(readOutput: "2 files under Sources: 3 lines, 8 words in total") == nil)
    }
}
