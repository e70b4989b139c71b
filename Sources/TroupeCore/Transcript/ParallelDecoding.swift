import Dispatch
import Foundation
import Synchronization

/// Decodes a batch of transcript lines on every processor: a long transcript's lines are
/// independent JSON documents, and decoding them is most of the cost of reading one.
enum ParallelDecoding {
    /// How many lines are read ahead and decoded together.
    static let batchSize = 512

    /// What `decode` makes of each line, in order; each slice of the batch has its own decoder.
    static func decode<Value: Sendable>(
        _ lines: [TranscriptLine], _ decode: @Sendable (JSONDecoder, TranscriptLine) throws -> Value
    ) -> [Result<Value, any Error>] {
        let slices = lines.count < 64 ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard slices > 1 else {
            let decoder = JSONDecoder()
            return lines.map { line in Result { try decode(decoder, line) } }
        }
        let size = (lines.count + slices - 1) / slices
        let parts = Mutex<[[Result<Value, any Error>]]>(Array(repeating: [], count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let decoder = JSONDecoder()
            let range = min(lines.count, slice * size)..<min(lines.count, (slice + 1) * size)
            let part = lines[range].map { line in Result { try decode(decoder, line) } }
            parts.withLock { $0[slice] = part }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}
