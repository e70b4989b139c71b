/// One writer per file at a time across all workers: a worker that edits a file another is
/// editing waits for it. A lock lives only as long as the one write or edit that holds it, so a
/// cancelled or failed step never leaves one behind.
public actor FileLocks {
    private var held: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// Runs `body` holding the lock of `path`.
    public func withLock<T: Sendable>(_ path: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire(path)
        defer { release(path) }
        return try await body()
    }

    /// Whether `path` is locked now (for tests and `/status`).
    public func isLocked(_ path: String) -> Bool {
        held.contains(path)
    }

    private func acquire(_ path: String) async {
        if held.insert(path).inserted { return }
        await withCheckedContinuation { waiting[path, default: []].append($0) }
    }

    private func release(_ path: String) {
        if var queue = waiting[path], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[path] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            held.remove(path)
        }
    }
}
