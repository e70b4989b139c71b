import Foundation
import Synchronization

/// The last bytes a server wrote to stderr.
final class StderrTail: Sendable {
    private let bytes = Mutex(Data())
    private let limit = 2000

    func add(_ data: Data) {
        bytes.withLock { buffer in
            buffer.append(data)
            if buffer.count > limit { buffer = Data(buffer.suffix(limit)) }
        }
    }

    var text: String {
        String(decoding: bytes.withLock { $0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
