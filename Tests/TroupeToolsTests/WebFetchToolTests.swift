import Foundation
import Testing
import TroupeCore
import TroupeHTTP
import TroupeTesting
import TroupeTools

/// `web_fetch`: HTML reduced to text, caps and errors through the in-memory transport; the total
/// time limit against a loopback server that drips, through URLSession.
@Suite struct WebFetchToolTests {
    func fetch(_ server: LoopbackServer, tool: WebFetchTool = WebFetchTool()) async -> ToolOutput {
        await tool.run(arguments: .object(["url": .string("http://127.0.0.1:\(server.port)/page")]))
    }

    func fetch(_ transport: InMemoryHTTPTransport, maxBytes: Int = 2_000_000) async -> ToolOutput {
        await WebFetchTool(maxBytes: maxBytes, transport: transport).run(
            arguments: .object(["url": .string("https://example.com/page")]))
    }

    static func response(_ body: String, type: String = "text/html; charset=utf-8", status: Int = 200) -> ScriptedHTTPResponse {
        ScriptedHTTPResponse(status: status, headers: [("Content-Type", type)], body: Data(body.utf8))
    }

    @Test func aServerThatDripsIsStoppedAtTheTotalLimit() async throws {
        let server = try LoopbackServer()
        var slow = Self.response(String(repeating: "<p>drip</p>", count: 2_000), type: "text/html")
        slow.pauseBetweenChunks = .milliseconds(100)  // each chunk well inside an idle limit; the whole far past 1 s
        server.enqueue(slow)
        let output = await fetch(server, tool: WebFetchTool(timeout: .seconds(1)))
        #expect(output.isError)
        #expect(output.text.contains("it took longer than the 1 s limit"), "\(output.text)")
    }

    @Test func htmlComesBackAsReadableText() async throws {
        let server = InMemoryHTTPTransport()
        server.enqueue(
            Self.response(
                """
                <html><head><title>CSV &amp; you</title><style>p{}</style></head><body>
                <script>alert(1)</script><h1>Import</h1><p>Rows are read <b>twice</b>&nbsp;&mdash; slow.</p>
                <ul><li>one</li><li>two &#x26; three</li></ul><!-- hidden --></body></html>
                """))
        let output = await fetch(server)
        #expect(!output.isError)
        #expect(output.text.contains("→ 200 text/html"))
        #expect(output.text.contains("title: CSV & you"))
        #expect(output.text.contains("Import\n"))
        #expect(output.text.contains("Rows are read twice — slow."))
        #expect(output.text.contains("• one"))
        #expect(output.text.contains("• two & three"))
        #expect(!output.text.contains("alert"))
        #expect(!output.text.contains("hidden"))
        #expect(server.requests.first?.method == "GET")
        #expect(server.requests.first?.url.absoluteString == "https://example.com/page")
        #expect(server.requests.first?.headers["User-Agent"] == "troupe web_fetch")
    }

    @Test func bigPagesAreCutAndErrorsReported() async throws {
        let server = InMemoryHTTPTransport()
        server.enqueue(Self.response(String(repeating: "a", count: 50_000), type: "text/plain"))
        let cut = await fetch(server, maxBytes: 10_000)
        #expect(cut.text.contains("the page was cut at 10000 bytes"))
        #expect(cut.text.hasSuffix("\n\n" + String(repeating: "a", count: 10_000)))
        var dropped = Self.response(String(repeating: "b", count: 5_000), type: "text/plain")
        dropped.cutAfter = 1_000
        server.enqueue(dropped)
        let failed = await fetch(server)
        #expect(failed.isError)
        #expect(failed.text.hasPrefix("error: fetching https://example.com/page failed: "), "\(failed.text)")
        server.enqueue(Self.response("missing", type: "text/plain", status: 404))
        let missing = await fetch(server)
        #expect(missing.isError)
        #expect(missing.text.contains("→ 404"))
        let refused = await WebFetchTool().run(arguments: .object(["url": .string("file:///etc/passwd")]))
        #expect(refused.isError)
        #expect(refused.text == "error: web_fetch needs an http or https URL")
        let previewed = await WebFetchTool().preview(arguments: .object(["url": .string("https://example.com/a")]))
        guard case .success(let preview)? = previewed else {
            Issue.record("no preview")
            return
        }
        #expect(preview.kind == .command)
        #expect(preview.summary == "fetch https://example.com/a")
    }
}
