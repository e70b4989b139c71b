import Foundation
import Testing
import TroupeCore

@testable import TroupeProviders

/// Stream shapes the recorded fixtures do not cover, from the providers' documentation.
@Suite struct DecoderEdgeCaseTests {
    @Test func openAICompatiblesThatReuseIndexZeroForNewCallsGiveSeparateCalls() throws {
        let body = """
            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"one","arguments":"{}"}}]}}]}

            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"b","function":{"name":"two","arguments":"{\\"x\\":1}"}}]}}]}

            data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

            data: [DONE]


            """
        let response = try WireDecoding.decodeStream(Data(body.utf8), format: .openAI, chunkSize: 5)
        #expect(
            response.message.toolCalls == [
                ToolCall(id: "a", name: "one", arguments: "{}"), ToolCall(id: "b", name: "two", arguments: "{\"x\":1}"),
            ])
        #expect(response.stopReason == .toolUse)
    }

    @Test func ollamaErrorLinesAfter200StopTheStream() {
        let body =
            "{\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n{\"error\":\"model runner crashed\"}\n"
        #expect(throws: ProviderError.self) { try WireDecoding.decodeStream(Data(body.utf8), format: .ollama) }
    }

    @Test func aStreamWithoutItsTerminatorIsTruncated() {
        let body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"}}]}\n\n"
        do {
            _ = try WireDecoding.decodeStream(Data(body.utf8), format: .openAI)
            Issue.record("expected truncation")
        } catch ProviderError.truncated(_, let afterOutput) {
            #expect(afterOutput)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func anthropicSkipsUnknownEventsAndBlocks() throws {
        let body = """
            event: message_start
            data: {"type":"message_start","message":{"usage":{"input_tokens":5,"output_tokens":1}}}

            event: brand_new_event
            data: {"type":"brand_new_event","whatever":1}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"future_block"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"future_delta","x":"y"}}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"ok"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"refusal"},"usage":{"output_tokens":2}}

            event: message_stop
            data: {"type":"message_stop"}


            """
        let response = try WireDecoding.decodeStream(Data(body.utf8), format: .anthropic, chunkSize: 3)
        #expect(response.message.content == "ok")
        #expect(response.stopReason == .refusal)
        #expect(response.usage == TokenUsage(inputTokens: 5, outputTokens: 2))
    }
}
