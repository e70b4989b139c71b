import Foundation
import Testing
import TroupeCore
import TroupeHTTP
import TroupeTesting

@testable import TroupeProviders

/// Every recorded provider response, served byte for byte in random chunk sizes — by the loopback
/// server through the real URLSession transport, and by the in-memory transport — and parsed by
/// the real provider client.
@Suite struct FixtureReplayTests {
    /// What each fixture must decode to.
    enum Expected {
        case reply(text: String, calls: [String], usage: (Int, Int)?, stop: StopReason)
        case failure(check: @Sendable (ProviderError) -> Bool)
    }

    static let expectations: [String: Expected] = [
        "openai/chat_stream_parallel_tool_calls.sse": .reply(
            text: "", calls: ["get_country {}", "get_product_name {}"], usage: (364, 40), stop: .toolUse),
        "openai/chat_stream_text_include_usage.sse": .reply(text: "1, 2, 3, 4, 5", calls: [], usage: (14, 13), stop: .endTurn),
        "openai/chat_stream_tool_call_args_split.sse": .reply(
            text: "", calls: ["get_weather {\"city\":\"Mexico City\"}"], usage: (423, 15), stop: .toolUse),
        "openai/openrouter_chat_stream_sse_comment.sse": .reply(
            text: "test response", calls: [], usage: (586, 3), stop: .endTurn),
        "openai/chat_nonstream_tool_calls.json": .reply(text: "", calls: ["getCurrentWeather"], usage: nil, stop: .toolUse),
        "openai/ollama_v1_chat_nonstream_tool_calls.json": .reply(text: "", calls: ["final_result"], usage: nil, stop: .toolUse),
        "anthropic/messages_stream_server_tool_blocks.sse": .reply(
            text: "Let me search for a tool", calls: ["get_exchange_rate {\"from_currency\": \"USD\", \"to_currency\": \"EUR\"}"],
            usage: (1591, 175), stop: .toolUse),
        "anthropic/messages_stream_text_claude3.sse": .reply(text: "1\n2\n3\n4\n5", calls: [], usage: (15, 13), stop: .endTurn),
        "anthropic/messages_stream_text_then_tool_use.sse": .reply(
            text: "I'll calculate the tip and get the waiter's name for you.",
            calls: ["calculateTip {\"billAmount\": 50, \"tipPercentage\": 15}", "getWaiterName {}"], usage: (679, 111),
            stop: .toolUse),
        "anthropic/messages_stream_thinking_signature.sse": .reply(
            text: "1. **Pouch** - references their iconic bill pouch", calls: [], usage: (46, 133), stop: .endTurn),
        "anthropic/messages_stream_two_tool_use_no_args.sse": .reply(
            text: "", calls: ["pelican_name_generator {}", "pelican_name_generator {}"], usage: (542, 62), stop: .toolUse),
        "anthropic/messages_nonstream_after_tool_result.json": .reply(
            text: "The weather in Boston is currently **72°F and sunny**.", calls: [], usage: nil, stop: .endTurn),
        "anthropic/messages_nonstream_text_claude3.json": .reply(
            text: "Hello! As an AI language model", calls: [], usage: nil, stop: .endTurn),
        "anthropic/messages_nonstream_tool_use.json": .reply(
            text: "", calls: ["getCurrentWeather {\"location\":\"Boston, MA\"}"], usage: nil, stop: .toolUse),
        "ollama/api_chat_stream.ndjson": .reply(
            text: "Okay, here we go!\n\n1, 2, 3, 4, 5\n", calls: [], usage: (16, 22), stop: .endTurn),
        "ollama/api_chat_stream_default_length.ndjson": .reply(
            text: "Hello there!", calls: [], usage: (15, 50), stop: .maxTokens),
        "ollama/cloud_api_chat_stream_thinking.ndjson": .reply(
            text: "1  \n2  \n3  \n4  \n5", calls: [], usage: (74, 57), stop: .endTurn),
        "ollama/cloud_api_chat_nonstream_tool_call.json": .reply(
            text: "", calls: ["getWeather {\"location\":\"San Francisco, CA\"}"], usage: (145, 44), stop: .toolUse),
        "errors/anthropic_400_invalid_request_error.json": .failure { error in
            if case .http(_, 400, let message, _, false) = error { return message.contains("effort level") }
            return false
        },
        "errors/anthropic_404_not_found_error.json": .failure { error in
            if case .unknownModel(_, let message) = error { return message == "model: claude-does-not-exist" }
            return false
        },
        "errors/ollama_400_model_does_not_support_tools.json": .failure { error in
            if case .http(_, 400, let message, _, false) = error { return message.hasSuffix("does not support tools") }
            return false
        },
        "errors/openai_400_unsupported_value.json": .failure { error in
            if case .http(_, 400, let message, _, false) = error { return message.hasPrefix("Unsupported value") }
            return false
        },
        "errors/openrouter_429_provider_error.json": .failure { error in
            if case .http(_, 429, "Provider returned error", nil, true) = error { return true }
            return false
        },
        "errors/openrouter_429_rate_limit.json": .failure { error in
            if case .http(_, 429, let message, nil, true) = error { return message.hasPrefix("Rate limit exceeded") }
            return false
        },
    ]

    @Test func everyFixtureHasAnExpectation() throws {
        #expect(Set(try Fixtures.all()) == Set(Self.expectations.keys))
    }

    // A missing folder gives no cases here; `everyFixtureHasAnExpectation` fails and names it.
    @Test(arguments: (try? Fixtures.all()) ?? [], [UInt64(1), 7, 42])
    func decodesTheFixture(name: String, seed: UInt64) async throws {
        let server = try LoopbackServer()
        server.enqueue(try Fixtures.response(name, seed: seed))
        let transport = URLSessionTransport(timeouts: TransportTimeouts(connect: .seconds(10), idle: .seconds(10)))
        try await Self.check(name, model: Self.model(for: name, baseURL: server.url(), transport: transport))
        #expect(server.requests.count == 1)
    }

    /// The same fixtures in the same chunks through the in-memory transport: the client and
    /// decoders without a socket.
    @Test(arguments: (try? Fixtures.all()) ?? [], [UInt64(1), 7, 42])
    func decodesTheFixtureInMemory(name: String, seed: UInt64) async throws {
        let transport = InMemoryHTTPTransport(try Fixtures.response(name, seed: seed))
        try await Self.check(
            name, model: Self.model(for: name, baseURL: URL(string: "http://in-memory.test")!, transport: transport))
        #expect(transport.requests.count == 1)
    }

    /// `model`'s answer to a request checked against what fixture `name` must decode to.
    static func check(_ name: String, model: any ChatModel) async throws {
        let request = ChatRequest(agent: "researcher", purpose: .work, messages: [.system("s"), .user("hi")])
        switch Self.expectations[name] {
        case .reply(let text, let calls, let usage, let stop)?:
            let response = try await model.complete(request)
            #expect(response.message.content.hasPrefix(text), "\(name): \(response.message.content.prefix(80))")
            if text.isEmpty { #expect(response.message.content.isEmpty) }
            let shown = response.message.toolCalls.map { call in
                calls.contains(call.name) ? call.name : "\(call.name) \(call.arguments)"
            }
            #expect(shown == calls)
            if let (input, output) = usage {
                #expect(response.usage == TokenUsage(inputTokens: input, outputTokens: output))
            }
            #expect(response.stopReason == stop)
        case .failure(let check)?:
            do {
                _ = try await model.complete(request)
                Issue.record("\(name) should fail")
            } catch let error as ProviderError {
                #expect(check(error), "\(name): \(error)")
                #expect(error.errorDescription?.isEmpty == false)
            }
        case nil:
            Issue.record("no expectation for \(name)")
        }
    }

    /// The client a fixture belongs to, at `baseURL` over `transport`, with no retries.
    static func model(for name: String, baseURL: URL, transport: any HTTPTransport) -> any ChatModel {
        let noRetry = RetryPolicy(maxRetries: 0)
        if name.hasPrefix("anthropic/") || name.hasPrefix("errors/anthropic") {
            let endpoint = ProviderEndpoint(
                provider: "anthropic", baseURL: baseURL, model: "claude-test", keyVariable: "ANTHROPIC_API_KEY")
            return AnthropicChatModel(endpoint: endpoint, key: APIKey("sk-ant-test"), transport: transport, retry: noRetry)
        }
        if name.hasPrefix("ollama/") || name.hasPrefix("errors/ollama") {
            let endpoint = ProviderEndpoint(provider: "ollama", baseURL: baseURL, model: "llama-test", keyVariable: nil)
            return OllamaChatModel(endpoint: endpoint, transport: transport, retry: noRetry)
        }
        let endpoint = ProviderEndpoint(
            provider: "openai", baseURL: baseURL.appendingPathComponent("v1"), model: "gpt-test", keyVariable: "OPENAI_API_KEY")
        return OpenAIChatModel(endpoint: endpoint, key: APIKey("sk-test"), transport: transport, retry: noRetry)
    }
}
