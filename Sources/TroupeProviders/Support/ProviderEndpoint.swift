public import Foundation

/// Where a model lives: provider name, base URL, model name, and which variable holds the key.
/// The key itself is kept apart (`APIKey`) so that printing an endpoint never shows it.
public struct ProviderEndpoint: Sendable, Equatable {
    /// `openai`, `anthropic`, `ollama`.
    public var provider: String
    public var baseURL: URL
    public var model: String
    /// `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, or nil for servers without keys.
    public var keyVariable: String?

    public init(provider: String, baseURL: URL, model: String, keyVariable: String?) {
        self.provider = provider
        self.baseURL = baseURL
        self.model = model
        self.keyVariable = keyVariable
    }

    /// `baseURL` + `path`, without doubling slashes.
    public func url(_ path: String) -> URL {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        return URL(string: base + path) ?? baseURL
    }
}

/// An API key. Its description is redacted so it cannot leak through logs or interpolation.
public struct APIKey: Sendable, Equatable, CustomStringConvertible {
    /// The secret; used only to build request headers.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "[REDACTED]" }
}
