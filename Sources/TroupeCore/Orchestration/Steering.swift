import Synchronization

/// Overrides the user gives while a plan runs. Posted from any task; the scheduler applies them
/// before it next launches steps, which is the only moment a pending step's persona matters.
final class Steering: Sendable {
    /// One override.
    enum Override: Sendable, Equatable {
        /// Run pending step `step` with `persona` instead of its planned one.
        case assign(step: Int, persona: String)
    }

    private let pending = Mutex<[Override]>([])

    func post(_ override: Override) {
        pending.withLock { $0.append(override) }
    }

    /// The overrides posted since the last call, oldest first.
    func take() -> [Override] {
        pending.withLock { overrides in
            defer { overrides = [] }
            return overrides
        }
    }
}
