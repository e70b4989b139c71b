import Foundation
import Testing
import TroupeCore
import TroupeTesting

@testable import TroupeMCP

/// MCP servers over HTTP with the real client stack (URLSession) against a loopback server that
/// speaks streamable HTTP: answers as JSON and as event streams, a session id to carry, and an
/// `Authorization` header that must be the expanded `${VAR}` of the configuration.
@Suite struct MCPOverHTTPTests {
    /// A minimal streamable-HTTP MCP server: `initialize` (answered as an event stream, with a
    /// session id), `notifications/initialized`, `tools/list` (JSON) and `tools/call` (events).
    static func serve(_ server: LoopbackServer, expecting authorization: String) {
        server.answerUnscripted { request in
            func json(_ object: [String: Any], stream: Bool = false, session: Bool = false) -> ScriptedHTTPResponse {
                let text = String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                var headers = [("Content-Type", stream ? "text/event-stream" : "application/json")]
                if session { headers.append(("Mcp-Session-Id", "session-1")) }
                return ScriptedHTTPResponse(
                    status: 200, headers: headers, body: Data((stream ? "event: message\ndata: \(text)\n\n" : text).utf8))
            }
            guard request.headers["authorization"] == authorization else {
                return ScriptedHTTPResponse(status: 401, headers: [], body: Data("missing or wrong token".utf8))
            }
            if request.method == "DELETE" { return ScriptedHTTPResponse(status: 200, headers: [], body: Data()) }
            guard let message = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                let method = message["method"] as? String
            else { return ScriptedHTTPResponse(status: 400, headers: [], body: Data("not JSON-RPC".utf8)) }
            let id = message["id"] ?? NSNull()
            if method != "initialize", request.headers["mcp-session-id"] != "session-1" {
                return ScriptedHTTPResponse(status: 400, headers: [], body: Data("no session".utf8))
            }
            let params = message["params"] as? [String: Any] ?? [:]
            switch method {
            case "initialize":
                return json(
                    [
                        "jsonrpc": "2.0", "id": id,
                        "result": [
                            "protocolVersion": params["protocolVersion"] ?? "2025-03-26", "capabilities": ["tools": [:]],
                            "serverInfo": ["name": "loopback", "version": "1"],
                        ],
                    ], stream: true, session: true)
            case "tools/list":
                let schema: [String: Any] = ["type": "object", "properties": ["text": ["type": "string"]], "required": ["text"]]
                return json(
                    [
                        "jsonrpc": "2.0", "id": id,
                        "result": ["tools": [["name": "echo", "description": "Echo", "inputSchema": schema]]],
                    ])
            case "tools/call":
                let text = (params["arguments"] as? [String: Any])?["text"] as? String ?? ""
                return json(
                    [
                        "jsonrpc": "2.0", "id": id,
                        "result": ["content": [["type": "text", "text": "echo: \(text)"]], "isError": false],
                    ],
                    stream: true)
            default:
                return ScriptedHTTPResponse(status: 202, headers: [], body: Data())
            }
        }
    }

    func configuration(_ server: LoopbackServer, token: String) -> [MCPServerEntry] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-mcp-http-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("mcp.json")
        let text = """
            {"mcpServers": {"remote": {"type": "http", "url": "\(server.url("/mcp").absoluteString)",
              "headers": {"Authorization": "Bearer ${REMOTE_TOKEN}"}}}}
            """
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return MCPConfigFile.load([(url: file, scope: .user)], projectRoot: folder.path, environment: ["REMOTE_TOKEN": token])
            .entries
    }

    @Test func aStreamableHTTPServerListsAndAnswersToolsWithTheExpandedHeader() async throws {
        let server = try LoopbackServer()
        Self.serve(server, expecting: "Bearer s3cret")
        let servers = await MCPServers.start(configuration(server, token: "s3cret"), timeout: .seconds(20))
        #expect(servers.tools.map(\.spec.name) == ["remote.echo"])
        let echo = try #require(servers.tools.first)
        let answer = await echo.run(arguments: .object(["text": .string("over http")]))
        #expect(answer.text == "echo: over http")
        #expect(await servers.statusLines() == ["remote  ready · 1 tool(s): remote.echo"])
        await servers.stop()
        let methods = server.requests.map(\.method)
        #expect(methods.filter { $0 == "POST" }.count >= 4)
        #expect(methods.last == "DELETE")
        #expect(server.requests.dropFirst().allSatisfy { $0.headers["mcp-session-id"] == "session-1" })
    }

    @Test func aRefusedTokenMakesTheServerUnavailableWithTheServersWords() async throws {
        let server = try LoopbackServer()
        Self.serve(server, expecting: "Bearer right")
        let servers = await MCPServers.start(configuration(server, token: "wrong"), timeout: .seconds(20))
        #expect(servers.tools.isEmpty)
        let status = await servers.statusLines()
        #expect(status.count == 1)
        #expect(status[0].hasPrefix("remote  unavailable: "))
        #expect(status[0].contains("HTTP 401"))
        #expect(status[0].contains("missing or wrong token"))
        await servers.stop()
    }

    @Test func anSSEServerWhoseStreamEndsBeforeNamingItsEndpointIsUnavailable() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            ScriptedHTTPResponse(status: 200, headers: [("Content-Type", "text/event-stream")], body: Data(": hello\n\n".utf8))
        )
        let configuration = MCPServerConfiguration(transport: .sse(url: server.url("/sse"), headers: [:]))
        let servers = await MCPServers.start(["hosted": configuration], timeout: .seconds(20))
        let status = await servers.statusLines()
        #expect(status.count == 1)
        #expect(status.first?.hasPrefix("hosted  unavailable: ") == true)
        #expect(status.first?.contains("the server's event stream ended before it named its message endpoint") == true)
        await servers.stop()
    }
}
