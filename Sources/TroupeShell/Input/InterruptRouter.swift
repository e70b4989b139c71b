import Dispatch
import Foundation
import Synchronization

/// Routes SIGINT: while a turn runs it cancels the turn's task; at the prompt it runs
/// `atPrompt` (wake the line editor, or exit when input is piped).
///
/// Uses a Dispatch signal source with SIGINT ignored, so the process never dies of Ctrl-C.
/// The handler is `@Sendable` on purpose: a main-actor-isolated closure run on Dispatch's
/// queue traps in Swift 6 (docs/platform-notes.md).
@MainActor
public final class InterruptRouter {
    /// How to cancel the running turn, if one runs. A class so the signal handler can share it.
    private final class CancelSlot: Sendable {
        let cancel = Mutex<(@Sendable () -> Void)?>(nil)
    }

    private nonisolated let slot = CancelSlot()
    private let source: any DispatchSourceSignal

    /// Starts listening; `atPrompt` runs on a background queue when no turn is running.
    public init(atPrompt: @escaping @Sendable () -> Void) {
        // Ignored until Dispatch's handler is in, so a Ctrl-C meanwhile cannot kill the process —
        // but only while nothing handles it yet: Dispatch installs its handler once per process,
        // and a second router (a second shell in one process) that reset it to "ignore" would
        // never get SIGINT again.
        if Self.currentHandlerIsDefault() { signal(SIGINT, SIG_IGN) }
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { @Sendable [slot] in
            if let cancel = slot.cancel.withLock({ $0 }) {
                cancel()
            } else {
                atPrompt()
            }
        }
        // Dispatch registers a source on its own thread after `resume()`; a SIGINT before that
        // reaches the sources registered already, not this one. So the prompt waits for it.
        let registered = DispatchSemaphore(value: 0)
        source.setRegistrationHandler { @Sendable in registered.signal() }
        source.resume()
        _ = registered.wait(timeout: .now() + 2)
        Self.waitForTheSignalHandler()
    }

    /// Dispatch installs its SIGINT handler on its own thread some time after `resume()`; until
    /// then SIGINT is ignored, so a Ctrl-C typed at the first prompt of a busy machine was lost
    /// (seen under load: the prompt was written before the handler was installed). The prompt
    /// waits for it: up to 2 s, looking every millisecond.
    private static func waitForTheSignalHandler() {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            let handler = currentHandler()
            if handler != unsafeBitCast(SIG_IGN, to: Int.self), handler != unsafeBitCast(SIG_DFL, to: Int.self) { return }
            usleep(1000)
        }
    }

    private static func currentHandlerIsDefault() -> Bool {
        currentHandler() == unsafeBitCast(SIG_DFL, to: Int.self)
    }

    /// SIGINT's disposition now, as a number to compare with `SIG_IGN` and `SIG_DFL`.
    private static func currentHandler() -> Int {
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
    }

    /// A router that is gone stops listening: Dispatch hands each SIGINT to every live source.
    isolated deinit {
        source.cancel()
    }

    /// Runs `operation` as the current turn; Ctrl-C (as SIGINT, or as a key the line editor's
    /// watcher reads while the turn runs) cancels it. Other keys typed meanwhile go to `onKey`.
    public func run<Result: Sendable>(
        _ operation: @escaping @Sendable () async -> Result, editor: (any LineEditing)? = nil,
        onKey: @escaping @Sendable (UInt8) -> Void = { _ in }
    ) async -> Result {
        let task = Task { await operation() }
        slot.cancel.withLock { $0 = { task.cancel() } }
        let watcher = editor?.watchDuringTurn(onKey: onKey) { task.cancel() }
        let result = await task.value
        watcher?.stop()
        slot.cancel.withLock { $0 = nil }
        return result
    }

    /// Cancels the running turn, as Ctrl-C does (`/stop`); false when no turn runs.
    public func cancelTurn() -> Bool {
        guard let cancel = slot.cancel.withLock({ $0 }) else { return false }
        cancel()
        return true
    }
}
