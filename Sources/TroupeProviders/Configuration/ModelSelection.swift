public import Foundation
public import TroupeCore
public import TroupeHTTP

/// Turns a model name (`openai/gpt-4.1`, `anthropic/claude-sonnet-4-5`, `ollama/qwen3`, an alias)
/// and the environment into a provider model (DESIGN §6 variables).
public struct ModelSelection: Sendable {
    /// Short names people type.
    public static let aliases: [String: String] = [
        "gpt": "openai/gpt-4.1", "gpt-4.1": "openai/gpt-4.1", "gpt-4.1-mini": "openai/gpt-4.1-mini",
        "claude": "anthropic/claude-sonnet-4-5", "sonnet": "anthropic/claude-sonnet-4-5",
        "haiku": "anthropic/claude-haiku-4-5", "opus": "anthropic/claude-opus-4-1",
    ]

    let environment: [String: String]
    let transport: any HTTPTransport
    let retry: RetryPolicy

    public init(environment: [String: String], transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy()) {
        self.environment = environment
        self.transport = transport
        self.retry = retry
    }

    /// Why a model name could not be used.
    public struct SelectionError: Error, LocalizedError, Equatable {
        public var errorDescription: String?
    }

    /// The model named `name` (`provider/model`, an alias, or a bare Claude model id such as
    /// `claude-sonnet-4-20250514`, as Claude Code agent files name them).
    public func model(named name: String) throws -> any ChatModel {
        var full = Self.aliases[name] ?? name
        if !full.contains("/"), full.hasPrefix("claude-") { full = "anthropic/" + full }
        guard let slash = full.firstIndex(of: "/") else {
            throw SelectionError(errorDescription: "model '\(name)' needs a provider: openai/NAME, anthropic/NAME or ollama/NAME")
        }
        let provider = String(full[..<slash])
        let model = String(full[full.index(after: slash)...])
        switch provider {
        case "openai":
            let base = url(environment["OPENAI_BASE_URL"], default: "https://api.openai.com/v1")
            let key = nonEmpty(environment["OPENAI_API_KEY"])
            if key == nil, base.host == "api.openai.com" {
                throw SelectionError(
                    errorDescription: "openai/\(model) needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)")
            }
            let endpoint = ProviderEndpoint(provider: "openai", baseURL: base, model: model, keyVariable: "OPENAI_API_KEY")
            return OpenAIChatModel(endpoint: endpoint, key: key.map(APIKey.init), transport: transport, retry: retry)
        case "anthropic":
            guard let key = nonEmpty(environment["ANTHROPIC_API_KEY"]) else {
                throw SelectionError(errorDescription: "anthropic/\(model) needs ANTHROPIC_API_KEY")
            }
            let base = url(environment["ANTHROPIC_BASE_URL"], default: "https://api.anthropic.com")
            let endpoint = ProviderEndpoint(provider: "anthropic", baseURL: base, model: model, keyVariable: "ANTHROPIC_API_KEY")
            return AnthropicChatModel(endpoint: endpoint, key: APIKey(key), transport: transport, retry: retry)
        case "ollama":
            let endpoint = ProviderEndpoint(provider: "ollama", baseURL: ollamaHost, model: model, keyVariable: nil)
            return OllamaChatModel(endpoint: endpoint, transport: transport, retry: retry)
        default:
            throw SelectionError(errorDescription: "unknown provider '\(provider)' in '\(name)': use openai, anthropic or ollama")
        }
    }

    /// The model to use when none was named: a key's provider, else a running Ollama's first
    /// model (asked briefly), else nil for the offline model.
    public func defaultModel(probeTimeout: Duration = .milliseconds(1500)) async -> (any ChatModel)? {
        if nonEmpty(environment["OPENAI_API_KEY"]) != nil { return try? model(named: "openai/gpt-4.1") }
        if nonEmpty(environment["ANTHROPIC_API_KEY"]) != nil { return try? model(named: "anthropic/claude-sonnet-4-5") }
        guard let name = await firstOllamaModel(timeout: probeTimeout) else { return nil }
        return try? model(named: "ollama/\(name)")
    }

    /// `OLLAMA_HOST` as a URL (`localhost:11434` by default; a bare host gets `http://`).
    var ollamaHost: URL {
        var host = nonEmpty(environment["OLLAMA_HOST"]) ?? "http://localhost:11434"
        if !host.contains("://") { host = "http://" + host }
        if URL(string: host)?.port == nil, !host.dropFirst(8).contains(":") { host += ":11434" }
        return URL(string: host) ?? URL(string: "http://localhost:11434")!
    }

    private func firstOllamaModel(timeout: Duration) async -> String? {
        let endpoint = ProviderEndpoint(provider: "ollama", baseURL: ollamaHost, model: "", keyVariable: nil)
        let probe = URLSessionTransport(timeouts: TransportTimeouts(connect: timeout, idle: timeout))
        guard let (head, body) = try? await probe.send(HTTPRequest(url: endpoint.url("/api/tags"), method: "GET")),
            head.status == 200, let data = try? await ProviderClient<OllamaProvider>.collect(body),
            let json = try? JSONValue.parse(data)
        else { return nil }
        return json["models"]?.arrayValue.first?["name"]?.stringValue
    }

    private func url(_ value: String?, default fallback: String) -> URL {
        nonEmpty(value).flatMap(URL.init(string:)) ?? URL(string: fallback)!
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
