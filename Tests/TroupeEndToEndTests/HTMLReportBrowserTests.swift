import Foundation
import Synchronization
import Testing
import TroupeTesting

/// The HTML report as a real browser sees it: every golden transcript exported by the binary under
/// test, parsed by headless Chromium into the document that was written (no element added, lost or
/// moved by error recovery), drawn into a screenshot that is not blank; and a session whose model
/// answers with markup shows that markup as text. One browser at a time: each takes a core.
@Suite(.serialized) struct HTMLReportBrowserTests {
    @Test(arguments: ReplayTests.goldens) func theBrowserBuildsAndDrawsTheReportOfEveryGolden(_ golden: URL) throws {
        guard let browser = try Self.browser() else { return }
        let sandbox = try Sandbox()
        let page = try Self.export(golden, in: sandbox)
        let written = try String(contentsOf: page, encoding: .utf8)
        let parsed = try browser.dumpDOM(of: page)
        let (inBrowser, inFile) = (Self.elements(in: parsed), Self.elements(in: written))
        #expect(
            inBrowser == inFile,
            "the browser's document differs from the file at element \(zip(inBrowser, inFile).prefix { $0 == $1 }.count)")
        #expect(parsed.contains("<h2>Request 1</h2>"))
        #expect(!parsed.lowercased().contains("<script"))

        let image = sandbox.root.appendingPathComponent("report.png")
        try browser.screenshot(of: page, into: image)
        let drawn = try Self.size(of: image), nothing = try Self.blankScreenshotSize(browser)
        #expect(drawn > 4 * nothing, "the report's screenshot (\(drawn) bytes) is hardly more than a blank page's (\(nothing))")
    }

    @Test func markupFromTheModelAndTheUserIsTextInTheBrowser() throws {
        guard let browser = try Self.browser() else { return }
        let sandbox = try Sandbox()
        let hostile =
            #"<script>document.title='PWNED'</script><img src=x onerror="document.title='PWNED'">"#
            + #"<a href="javascript:alert(1)">link</a><iframe src="https://example.com"></iframe><style>body{display:none}</style>"#
        let plan: [String: Any] = ["needs_plan": false, "direct_answer": hostile, "facts": ["given": ["none"]], "steps": []]
        let reply = String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
        let line = try JSONSerialization.data(withJSONObject: ["purpose": "plan", "text": reply])
        try sandbox.write("hostile.jsonl", String(decoding: line, as: UTF8.self) + "\n")
        let result = try sandbox.run(["run", "-p", "say \(hostile)", "--model", "script:hostile.jsonl", "--transcripts", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let transcript = try #require(
            try FileManager.default.contentsOfDirectory(
                at: sandbox.workspace.appendingPathComponent("out"), includingPropertiesForKeys: nil
            )
            .first { $0.pathExtension == "jsonl" })
        let page = try Self.export(transcript, in: sandbox)
        let parsed = try browser.dumpDOM(of: page).lowercased()
        for element in ["<script", "<img", "<a ", "<iframe"] {
            #expect(!parsed.contains(element), "the browser built a \(element)> element from the session")
        }
        #expect(parsed.components(separatedBy: "<style>").count == 2, "one style element, the report's own")
        #expect(!parsed.contains("<title>pwned</title>"))
        #expect(parsed.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "the answer's markup shown as text")

        let image = sandbox.root.appendingPathComponent("hostile.png")
        try browser.screenshot(of: page, into: image)
        let drawn = try Self.size(of: image), nothing = try Self.blankScreenshotSize(browser)
        #expect(drawn > 4 * nothing, "the page still draws (no style from the session hid it): \(drawn) bytes, blank \(nothing)")
    }

    /// The browser, or nil (the test skipped with a note) when none is installed and none is required.
    private static func browser() throws -> HeadlessBrowser? {
        if let browser = HeadlessBrowser.find() { return browser }
        try #require(!HeadlessBrowser.isRequired, "no headless Chromium: scripts/test installs chromium-headless-shell")
        print("note: no headless Chromium on this machine, the browser check of the HTML report did not run")
        return nil
    }

    /// Exports `transcript` with the binary under test into `report.html` in the sandbox.
    private static func export(_ transcript: URL, in sandbox: Sandbox) throws -> URL {
        let result = try sandbox.run(["export", "--format", "html", transcript.path])
        try #require(result.status == 0, "\(result.stderr)")
        return try sandbox.write("report.html", result.stdout)
    }

    /// The elements of `html` in document order, by the names of their opening tags: an element
    /// the browser added, dropped or moved (error recovery moves misplaced ones ahead of a table)
    /// changes the sequence. End tags are left out — a browser writes `<rect></rect>` for the
    /// file's `<rect/>` — and so is `tbody`, which it adds to every table by the standard's rules.
    private static func elements(in html: String) -> [String] {
        html.matches(of: /<([a-zA-Z][a-zA-Z0-9]*)/).compactMap { match in
            let name = match.output.1.lowercased()
            return name == "tbody" ? nil : name
        }
    }

    /// The size of a blank page's screenshot, taken once.
    private static func blankScreenshotSize(_ browser: HeadlessBrowser) throws -> Int {
        try blankSize.withLock { size in
            if let size { return size }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-blank-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let page = folder.appendingPathComponent("blank.html"), image = folder.appendingPathComponent("blank.png")
            try "<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>".write(
                to: page, atomically: true, encoding: .utf8)
            try browser.screenshot(of: page, into: image)
            let measured = try Self.size(of: image)
            size = measured
            return measured
        }
    }
    private static let blankSize = Mutex<Int?>(nil)

    private static func size(of file: URL) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
    }
}
