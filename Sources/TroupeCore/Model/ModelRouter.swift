import Synchronization

/// Which model answers for which persona: the session's model, and per-persona overrides from
/// front matter (`model: provider/model`) or `/model @persona NAME`. Thread-safe.
public final class ModelRouter: Sendable {
    private struct State {
        var sessionModel: any ChatModel
        var overrides: [String: any ChatModel] = [:]
    }

    private let state: Mutex<State>

    /// A router sending every persona to `sessionModel`.
    public init(sessionModel: any ChatModel) {
        state = Mutex(State(sessionModel: sessionModel))
    }

    /// The model for `persona`.
    public func model(for persona: String) -> any ChatModel {
        state.withLock { $0.overrides[persona] ?? $0.sessionModel }
    }

    /// Sets the model of `persona`, or the session's model when `persona` is nil.
    public func set(_ model: any ChatModel, for persona: String? = nil) {
        state.withLock { state in
            if let persona { state.overrides[persona] = model } else { state.sessionModel = model }
        }
    }

    /// Makes `persona` use the session's model again.
    public func clear(for persona: String) {
        _ = state.withLock { $0.overrides.removeValue(forKey: persona) }
    }

    /// The session model's identifier and each override's, by persona.
    public var identifiers: (session: String, overrides: [String: String]) {
        state.withLock { state in (state.sessionModel.identifier, state.overrides.mapValues(\.identifier)) }
    }
}
