public import Foundation
public import TroupeCore

/// Decodes a recorded response body the way the provider clients do, without HTTP: for
/// benchmarks, fuzzing and tools that inspect recordings.
public enum WireDecoding {
    /// A provider wire format.
    public enum Format: String, Sendable, CaseIterable {
        case openAI = "openai", anthropic, ollama
    }

    /// The reply in `body` (a streamed body), fed to the parser `chunkSize` bytes at a time.
    public static func decodeStream(_ body: Data, format: Format, chunkSize: Int = 4096) throws -> ChatResponse {
        let endpoint = ProviderEndpoint(
            provider: format.rawValue, baseURL: URL(string: "http://127.0.0.1")!, model: "m", keyVariable: nil)
        var decoder: any ReplyDecoder
        switch format {
        case .openAI: decoder = OpenAIStreamDecoder(endpoint: endpoint)
        case .anthropic: decoder = AnthropicStreamDecoder(endpoint: endpoint)
        case .ollama: decoder = OllamaStreamDecoder(endpoint: endpoint)
        }
        var splitter = LineSplitter()
        var offset = body.startIndex
        while offset < body.endIndex {
            let end = min(offset + max(1, chunkSize), body.endIndex)
            for line in splitter.push(body[offset..<end]) { _ = try decoder.consume(line: line) }
            offset = end
        }
        if let last = splitter.finish() { _ = try decoder.consume(line: last) }
        return try decoder.finish()
    }
}
