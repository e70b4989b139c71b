import Foundation
import MCP

// An MCP server over stdio for the test suite: `echo` answers, `fail` returns an error result,
// `crash` exits in the middle of a call. Built with the MCP SDK's server side.
let server = Server(name: "fixture", version: "1.0.0", capabilities: .init(tools: .init(listChanged: false)))

await server.withMethodHandler(ListTools.self) { _ in
    .init(tools: [
        Tool(
            name: "echo", description: "Repeat the text.",
            inputSchema: .object([
                "type": .string("object"),
                "properties": .object(["text": .object(["type": .string("string")])]),
                "required": .array([.string("text")]),
            ])),
        Tool(name: "fail", description: "Always fails.", inputSchema: .object(["type": .string("object")])),
        Tool(name: "crash", description: "Exits mid-call.", inputSchema: .object(["type": .string("object")])),
    ])
}

await server.withMethodHandler(CallTool.self) { params in
    switch params.name {
    case "echo":
        return .init(content: [.text(text: "echo: \(params.arguments?["text"]?.stringValue ?? "")", annotations: nil, _meta: nil)]
        )
    case "fail":
        return .init(content: [.text(text: "the fixture always fails", annotations: nil, _meta: nil)], isError: true)
    case "crash":
        FileHandle.standardError.write(Data("fixture: crashing on purpose\n".utf8))
        exit(3)
    default:
        return .init(content: [.text(text: "unknown tool \(params.name)", annotations: nil, _meta: nil)], isError: true)
    }
}

try await server.start(transport: StdioTransport())
await server.waitUntilCompleted()
