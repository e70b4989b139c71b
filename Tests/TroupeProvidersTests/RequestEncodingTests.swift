import Foundation
import Testing
import TroupeCore
import TroupeHTTP
import TroupeTesting

@testable import TroupeProviders

@Suite struct RequestEncodingTests {
    let tool = ToolSpec(name: "list_files", description: "List files", parameters: .object(["type": .string("object")]))
    let conversation: [ChatMessage] = [
        .system("be brief"), .user("list docs"),
        ChatMessage(
            role: .assistant, content: "", toolCalls: [ToolCall(id: "c1", name: "list_files", arguments: "{\"path\":\"docs\"}")],
            reasoning: [ReasoningBlock(text: "think", signature: "sig")]),
        ChatMessage(role: .tool, content: "1 file", toolCallID: "c1"),
    ]

    func body(_ request: HTTPRequest) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: request.body)
    }

    @Test func openAIStreamsWithUsageToolsAndSchema() throws {
        let endpoint = ProviderEndpoint(
            provider: "openai", baseURL: URL(string: "https://api.openai.com/v1")!, model: "gpt-4.1",
            keyVariable: "OPENAI_API_KEY")
        let request = ChatRequest(
            agent: "a", purpose: .plan, messages: conversation, tools: [tool],
            responseFormat: ResponseFormat(name: "plan", schema: .object([:])), maxOutputTokens: 100)
        let http = try OpenAIProvider(endpoint: endpoint, key: APIKey("k")).httpRequest(for: request)
        let json = try body(http)
        #expect(http.url.absoluteString == "https://api.openai.com/v1/chat/completions")
        #expect(http.headers["Authorization"] == "Bearer k")
        #expect(json["stream"] == .bool(true))
        #expect(json["stream_options"]?["include_usage"] == .bool(true))
        #expect(json["response_format"]?["type"] == .string("json_schema"))
        #expect(json["max_completion_tokens"] == .number(100))
        #expect(json["tools"]?.arrayValue.first?["function"]?["name"] == .string("list_files"))
        let messages = json["messages"]?.arrayValue ?? []
        #expect(messages[2]["content"] == .null)
        #expect(messages[2]["tool_calls"]?.arrayValue.first?["function"]?["arguments"] == .string("{\"path\":\"docs\"}"))
        #expect(messages[3]["tool_call_id"] == .string("c1"))
    }

    @Test func anthropicSendsVersionKeySystemAndBlocks() throws {
        let endpoint = ProviderEndpoint(
            provider: "anthropic", baseURL: URL(string: "https://api.anthropic.com")!, model: "claude-sonnet-4-5",
            keyVariable: "ANTHROPIC_API_KEY")
        let http = try AnthropicProvider(endpoint: endpoint, key: APIKey("ak"), defaultMaxTokens: 512)
            .httpRequest(for: ChatRequest(agent: "a", purpose: .work, messages: conversation, tools: [tool]))
        let json = try body(http)
        #expect(http.url.absoluteString == "https://api.anthropic.com/v1/messages")
        #expect(http.headers["anthropic-version"] == "2023-06-01")
        #expect(http.headers["x-api-key"] == "ak")
        #expect(json["system"] == .string("be brief"))
        #expect(json["max_tokens"] == .number(512))
        #expect(json["tools"]?.arrayValue.first?["input_schema"] == .object(["type": .string("object")]))
        let messages = json["messages"]?.arrayValue ?? []
        #expect(messages.count == 3)
        let assistant = messages[1]["content"]?.arrayValue ?? []
        #expect(assistant.map { $0["type"] } == [.string("thinking"), .string("tool_use")])
        #expect(assistant[0]["signature"] == .string("sig"))
        #expect(assistant[1]["input"] == .object(["path": .string("docs")]))
        #expect(messages[2]["content"]?.arrayValue.first?["type"] == .string("tool_result"))
    }

    @Test func ollamaAlwaysSendsStreamAndObjectArguments() throws {
        let endpoint = ProviderEndpoint(
            provider: "ollama", baseURL: URL(string: "http://localhost:11434")!, model: "qwen3", keyVariable: nil)
        let http = try OllamaProvider(endpoint: endpoint)
            .httpRequest(
                for: ChatRequest(
                    agent: "a", purpose: .plan, messages: conversation,
                    responseFormat: ResponseFormat(name: "p", schema: .object([:]))))
        let json = try body(http)
        #expect(http.url.absoluteString == "http://localhost:11434/api/chat")
        #expect(json["stream"] == .bool(true))
        #expect(json["format"] == .object([:]))
        #expect(
            json["messages"]?.arrayValue[2]["tool_calls"]?.arrayValue.first?["function"]?["arguments"]
                == .object(["path": .string("docs")]))
    }
}

@Suite struct StreamingParserTests {
    @Test func linesSurviveAnyChunking() {
        let text = "data: {\"a\":\"héllo\"}\r\n\r\n: comment\ndata: [DONE]\n"
        let bytes = Array(text.utf8)
        for size in 1...9 {
            var splitter = LineSplitter()
            var lines: [String] = []
            for start in stride(from: 0, to: bytes.count, by: size) {
                lines += splitter.push(Data(bytes[start..<min(start + size, bytes.count)]))
            }
            #expect(lines == ["data: {\"a\":\"héllo\"}", "", ": comment", "data: [DONE]"])
            #expect(splitter.finish() == nil)
        }
    }

    @Test func serverSentEventsJoinDataAndSkipComments() {
        var parser = ServerSentEventParser()
        let lines = ["event: message_start", "data: {\"x\":", "data: 1}", "", ": ping", "data:2", ""]
        let events = lines.compactMap { parser.push($0) }
        #expect(events == [ServerSentEvent(name: "message_start", data: "{\"x\":\n1}"), ServerSentEvent(name: nil, data: "2")])
    }

    @Test func retryAfterAcceptsSecondsMillisecondsAndDates() {
        #expect(RetryPolicy.retryAfter(HTTPResponseHead(status: 429, headers: ["Retry-After": "4"])) == .seconds(4))
        #expect(
            RetryPolicy.retryAfter(HTTPResponseHead(status: 429, headers: ["retry-after-ms": "250", "retry-after": "9"]))
                == .milliseconds(250))
        let now = Date(timeIntervalSince1970: 1_754_667_600)
        let head = HTTPResponseHead(status: 429, headers: ["retry-after": "Fri, 08 Aug 2025 15:40:10 GMT"])
        #expect(RetryPolicy.retryAfter(head, now: now) == .seconds(10))
        #expect(RetryPolicy(maxDelay: .seconds(5)).delay(attempt: 1, retryAfter: .seconds(90)) == .seconds(5))
    }

    /// A server's number is untrusted: one beyond `Int` or not a number at all must not trap.
    @Test func retryAfterBeyondReasonIsADayAndNonsenseIsNoWait() {
        func wait(_ name: String, _ value: String) -> Duration? {
            RetryPolicy.retryAfter(HTTPResponseHead(status: 429, headers: [name: value]))
        }
        #expect(wait("retry-after-ms", "1e300") == .seconds(86_400))
        #expect(wait("retry-after", "1e300") == .seconds(86_400))
        #expect(wait("retry-after", "nan") == .zero)
        #expect(wait("retry-after-ms", "-5") == .zero)
    }
}

@Suite struct ModelSelectionTests {
    let transport = URLSessionTransport()

    @Test func resolvesProvidersAndAliases() throws {
        let selection = ModelSelection(
            environment: ["OPENAI_API_KEY": "k", "ANTHROPIC_API_KEY": "a", "OLLAMA_HOST": "box:1234"], transport: transport)
        #expect(try selection.model(named: "openai/gpt-4.1-mini").identifier == "openai/gpt-4.1-mini")
        #expect(try selection.model(named: "sonnet").identifier == "anthropic/claude-sonnet-4-5")
        #expect(try selection.model(named: "ollama/qwen3").identifier == "ollama/qwen3")
        #expect(selection.ollamaHost.absoluteString == "http://box:1234")
    }

    @Test func explainsWhatIsMissing() {
        let selection = ModelSelection(environment: [:], transport: transport)
        #expect(throws: ModelSelection.SelectionError(errorDescription: "anthropic/claude-x needs ANTHROPIC_API_KEY")) {
            try selection.model(named: "anthropic/claude-x")
        }
        #expect(throws: ModelSelection.SelectionError.self) { try selection.model(named: "openai/gpt-4.1") }
        #expect(throws: ModelSelection.SelectionError.self) { try selection.model(named: "mistral/large") }
        #expect(throws: ModelSelection.SelectionError.self) { try selection.model(named: "nonsense") }
    }

    @Test func aLocalOpenAICompatibleServerNeedsNoKey() throws {
        let selection = ModelSelection(environment: ["OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"], transport: transport)
        #expect(try selection.model(named: "openai/local").identifier == "openai/local")
    }

    @Test func fallsBackToOfflineWhenNothingIsReachable() async throws {
        let server = try LoopbackServer()
        server.enqueue(ScriptedHTTPResponse(status: 404, headers: [], body: Data()))
        let selection = ModelSelection(environment: ["OLLAMA_HOST": "127.0.0.1:\(server.port)"], transport: transport)
        #expect(await selection.defaultModel() == nil)
    }

    @Test func picksARunningOllamasFirstModel() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            ScriptedHTTPResponse(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Data("{\"models\":[{\"name\":\"qwen3:8b\"}]}".utf8)))
        let selection = ModelSelection(environment: ["OLLAMA_HOST": "http://127.0.0.1:\(server.port)"], transport: transport)
        #expect(await selection.defaultModel()?.identifier == "ollama/qwen3:8b")
        #expect(server.requests.first?.path == "/api/tags")
    }
}
