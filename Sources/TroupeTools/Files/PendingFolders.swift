import Foundation
import Synchronization

/// Folders still to be read by a walk shared among threads, and how many threads are reading
/// one: the walk is over when none is waiting and none is being read (a folder being read may
/// still add more).
final class PendingFolders<Folder: Sendable>: Sendable {
    private struct State {
        var waiting: [Folder]
        var reading = 0
    }

    private let state: Mutex<State>
    /// Wakes threads waiting for a folder; its lock is only the condition's own.
    private let arrived = NSCondition()

    init(_ first: Folder) {
        state = Mutex(State(waiting: [first]))
    }

    /// The next folder to read, waiting while others may still add some; nil when the walk is over.
    func next() -> Folder? {
        arrived.lock()
        defer { arrived.unlock() }
        while true {
            let taken: Folder?? = state.withLock { state in
                if let folder = state.waiting.popLast() {
                    state.reading += 1
                    return .some(folder)
                }
                return state.reading == 0 ? .some(nil) : nil
            }
            if let taken { return taken }
            arrived.wait()
        }
    }

    /// Ends the reading of one folder, adding the folders found in it.
    func finished(adding found: [Folder]) {
        arrived.lock()
        defer { arrived.unlock() }
        state.withLock { state in
            state.waiting += found
            state.reading -= 1
        }
        arrived.broadcast()
    }
}
