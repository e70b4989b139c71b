import Foundation
import Synchronization
import Testing
import TroupeCore
import TroupeHTTP
import TroupeTesting

@testable import TroupeProviders

/// Failure behaviour of the provider clients against a scripted loopback server.
@Suite struct ErrorPathTests {
    let request = ChatRequest(agent: "analyst", purpose: .work, messages: [.system("s"), .user("count")])
    let fast = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(5), maxDelay: .seconds(5))
    let transport = URLSessionTransport(timeouts: TransportTimeouts(connect: .seconds(10), idle: .seconds(10)))

    func openAI(_ server: LoopbackServer, retry: RetryPolicy? = nil, transport: (any HTTPTransport)? = nil) -> OpenAIChatModel {
        OpenAIChatModel(
            endpoint: ProviderEndpoint(
                provider: "openai", baseURL: server.url("/v1"), model: "gpt-test", keyVariable: "OPENAI_API_KEY"),
            key: APIKey("sk-secret-key-value-123456"), transport: transport ?? self.transport, retry: retry ?? fast)
    }

    func anthropic(_ server: LoopbackServer) -> AnthropicChatModel {
        AnthropicChatModel(
            endpoint: ProviderEndpoint(
                provider: "anthropic", baseURL: server.url(), model: "claude-test", keyVariable: "ANTHROPIC_API_KEY"),
            key: APIKey("sk-ant-secret"), transport: transport, retry: fast)
    }

    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> ScriptedHTTPResponse {
        ScriptedHTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(body.utf8))
    }

    static func sse(_ body: Data, cutAfter: Int? = nil) -> ScriptedHTTPResponse {
        ScriptedHTTPResponse(status: 200, headers: [("Content-Type", "text/event-stream")], body: body, cutAfter: cutAfter)
    }

    /// Collects the retry notices of a call.
    final class Notices: Sendable {
        let list = Mutex<[RetryNotice]>([])
        var all: [RetryNotice] { list.withLock { $0 } }
    }

    @Test func a429HonoursRetryAfterThenSucceeds() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            Self.json(
                429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}", headers: [("retry-after-ms", "30")]),
            Self.sse(WireBodies.openAIStream("fine now")))
        let notices = Notices()
        let response = try await openAI(server).complete(request) { _ in
        } onRetry: { n in
            notices.list.withLock { $0.append(n) }
        }
        #expect(response.message.content == "fine now")
        #expect(notices.all == [RetryNotice(attempt: 1, delay: .milliseconds(30), reason: "429")])
        #expect(server.requests.count == 2)
    }

    /// Concurrent clients each get their own script; a request with none left gets the fallback.
    @Test func scriptsByPathThenTheUnscriptedAnswer() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            [Self.json(503, "{\"error\":{\"message\":\"down\"}}"), Self.sse(WireBodies.openAIStream("for a"))],
            forPathsStartingWith: "/a/")
        server.enqueue([Self.sse(WireBodies.openAIStream("for b"))], forPathsStartingWith: "/b/")
        server.answerUnscripted { _ in Self.sse(WireBodies.openAIStream("anyone")) }
        func model(_ path: String) -> OpenAIChatModel {
            OpenAIChatModel(
                endpoint: ProviderEndpoint(provider: "openai", baseURL: server.url(path), model: "m", keyVariable: nil),
                key: nil, transport: transport, retry: fast)
        }
        async let a = model("/a/v1").complete(request)
        async let b = model("/b/v1").complete(request)
        #expect(try await a.message.content == "for a")
        #expect(try await b.message.content == "for b")
        #expect(try await model("/a/v1").complete(request).message.content == "anyone")
        #expect(server.requests.filter { $0.path.hasPrefix("/a/") }.count == 3)
    }

    @Test func a429WithoutRetryAfterBacksOffExponentially() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            Self.json(429, "{\"error\":{\"message\":\"busy\"}}"), Self.json(503, "{\"error\":{\"message\":\"down\"}}"),
            Self.sse(WireBodies.openAIStream("ok")))
        let notices = Notices()
        _ = try await openAI(server).complete(request) { _ in
        } onRetry: { n in
            notices.list.withLock { $0.append(n) }
        }
        let delays = notices.all.map(\.delay)
        #expect(notices.all.map(\.reason) == ["429", "503"])
        #expect(delays[0] >= .microseconds(3750) && delays[0] <= .microseconds(6250))
        #expect(delays[1] >= .microseconds(7500) && delays[1] <= .microseconds(12500))
    }

    @Test func gives429UpAfterTheLastRetry() async throws {
        let server = try LoopbackServer()
        for _ in 0..<4 { server.enqueue(Self.json(429, "{\"error\":{\"message\":\"still busy\"}}")) }
        await #expect(throws: ProviderError.self) { try await openAI(server).complete(request) }
        #expect(server.requests.count == 4)
    }

    @Test func a529OverloadIsRetried() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            Self.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
            Self.sse(WireBodies.anthropicStream("recovered")))
        let notices = Notices()
        let response = try await anthropic(server).complete(request) { _ in
        } onRetry: { n in
            notices.list.withLock { $0.append(n) }
        }
        #expect(response.message.content == "recovered")
        #expect(notices.all.map(\.reason) == ["529 overloaded"])
    }

    @Test func a401NamesTheKeyVariableAndBaseURLButNeverTheKey() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            Self.json(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-secret-key-value-123456\",\"code\":\"invalid_api_key\"}}"
            ))
        do {
            _ = try await openAI(server).complete(request)
            Issue.record("expected a failure")
        } catch let error as ProviderError {
            let text = error.errorDescription ?? ""
            #expect(text.contains("check OPENAI_API_KEY and the base URL \(server.url("/v1").absoluteString)"))
            #expect(!text.contains("sk-secret-key-value-123456"))
            #expect(text.contains("Incorrect API key provided: [REDACTED]"))
            #expect(!"\(error)".contains("sk-secret-key-value-123456"))
        }
        #expect(server.requests.count == 1)
        #expect(server.requests[0].headers["authorization"] == "Bearer sk-secret-key-value-123456")
    }

    @Test func aContextLengthErrorSaysSoAndNamesTheModel() async throws {
        let server = try LoopbackServer()
        server.enqueue(
            Self.json(
                400,
                "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\",\"code\":\"context_length_exceeded\"}}"
            ))
        do {
            _ = try await openAI(server).complete(request)
            Issue.record("expected a failure")
        } catch let error as ProviderError {
            #expect(
                error.errorDescription?.hasPrefix("openai/gpt-test: the conversation is longer than the model's context window")
                    == true)
        }
    }

    @Test func aStreamCutAfterOutputIsReportedNotRetried() async throws {
        let server = try LoopbackServer()
        let body = WireBodies.openAIStream("a long answer that will be cut")
        server.enqueue(Self.sse(body, cutAfter: body.count / 2), Self.sse(WireBodies.openAIStream("duplicate")))
        do {
            _ = try await openAI(server).complete(request)
            Issue.record("expected a failure")
        } catch let error as ProviderError {
            guard case .truncated(_, true) = error else { Issue.record("wrong error \(error)"); return }
        }
        #expect(server.requests.count == 1)
    }

    @Test func aStreamCutBeforeOutputIsRetried() async throws {
        let server = try LoopbackServer()
        server.enqueue(Self.sse(WireBodies.openAIStream("x"), cutAfter: 0), Self.sse(WireBodies.openAIStream("second try")))
        let response = try await openAI(server).complete(request)
        #expect(response.message.content == "second try")
        #expect(server.requests.count == 2)
    }

    /// A 503 whose body is cut off is still a 503: retried, through the in-memory transport as
    /// through URLSession over a socket.
    @Test func aCutErrorBodyIsTreatedAlikeInMemoryAndOverASocket() async throws {
        var cut = Self.json(503, String(repeating: "x", count: 200))
        cut.cutAfter = 10
        let then = Self.sse(WireBodies.openAIStream("after the cut"))
        let server = try LoopbackServer()
        server.enqueue(cut, then)
        let overSocket = try? await openAI(server).complete(request)
        let memory = InMemoryHTTPTransport(cut, then)
        let inMemory = try? await openAI(server, transport: memory).complete(request)
        #expect(overSocket?.message.content == "after the cut")
        #expect(inMemory?.message.content == "after the cut")
        #expect(server.requests.count == 2)
        #expect(memory.requests.count == 2)
    }

    @Test func anErrorEventAfter200IsRetriedWhenNothingWasShown() async throws {
        let server = try LoopbackServer()
        let overloaded = Data(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}\n\nevent: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
                .utf8)
        server.enqueue(Self.sse(overloaded), Self.sse(WireBodies.anthropicStream("after the error")))
        let response = try await anthropic(server).complete(request)
        #expect(response.message.content == "after the error")
        #expect(server.requests.count == 2)
    }

    @Test func aSilentServerHitsTheIdleTimeout() async throws {
        let server = try LoopbackServer()
        var slow = Self.sse(WireBodies.openAIStream("late"))
        slow.pauseBeforeBody = .seconds(30)
        server.enqueue(slow)
        let impatient = URLSessionTransport(timeouts: TransportTimeouts(connect: .seconds(5), idle: .seconds(1)))
        do {
            _ = try await openAI(server, retry: RetryPolicy(maxRetries: 0), transport: impatient).complete(request)
            Issue.record("a 30 s silence should have failed the call")
        } catch let error as ProviderError {
            guard case .timeout(let phase, let after) = error else {
                Issue.record("expected the idle timeout, got \(error)")
                return
            }
            #expect(after == .seconds(1), "timed out in phase \(phase)")
        }
    }

    @Test func cancellingTheCallEndsItAtOnce() async throws {
        let server = try LoopbackServer()
        var slow = Self.sse(WireBodies.openAIStream("never"))
        slow.pauseBeforeBody = .seconds(5)
        server.enqueue(slow)
        let model = openAI(server)
        let call = Task { try await model.complete(request) }
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let started = ContinuousClock.now
        call.cancel()
        let result = await call.result
        // Ended before the server's body was due (5 s), not by it: a loaded machine took 3.1 s once.
        #expect(started.duration(to: .now) < .milliseconds(4_500))
        guard case .failure(let error) = result else { Issue.record("expected cancellation"); return }
        #expect(error is CancellationError)
    }
}
