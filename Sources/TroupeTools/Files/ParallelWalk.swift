import Dispatch
import Foundation
import Synchronization

/// Runs `read` on every folder reachable from `root` on every processor, each folder's result
/// gathered; `read` returns its own result and the subfolders to read next.
enum ParallelWalk {
    static func run<Folder: Sendable, Found: Sendable>(
        from root: Folder, read: @Sendable (Folder) -> (found: [Found], subfolders: [Folder])
    ) -> [Found] {
        let pending = PendingFolders(root)
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let parts = Mutex<[[Found]]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var mine: [Found] = []
            while let folder = pending.next() {
                let (found, subfolders) = read(folder)
                mine += found
                pending.finished(adding: subfolders)
            }
            parts.withLock { $0.append(mine) }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
