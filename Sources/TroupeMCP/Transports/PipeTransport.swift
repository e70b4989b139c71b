import Foundation
import Logging
import MCP
import Synchronization

/// The MCP SDK's `Transport` over a spawned server's pipes, one JSON-RPC message per line.
///
/// Used instead of the SDK's `StdioTransport`, which polls its descriptors every 10 ms for as
/// long as the session lasts: here a thread blocks reading the server's output. End of file
/// (the server exiting) ends the stream with an error, which is what stops the SDK client's
/// receive loop; a stream that just finished would have it re-read the finished stream forever.
actor PipeTransport: Transport {
    /// The SDK logs through this; Troupe keeps the terminal for the user, so it goes nowhere.
    nonisolated let logger = Logger(label: "troupe.mcp", factory: { _ in SwiftLogNoOpLogHandler() })
    private let fromServer: Int32
    private let toServer: FileHandle
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var started = false

    /// A transport reading the server's stdout from `fromServer` and writing its stdin to `toServer`.
    init(fromServer: FileHandle, toServer: FileHandle) {
        self.fromServer = fromServer.fileDescriptor
        self.toServer = toServer
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() {
        guard !started else { return }
        started = true
        let continuation = self.continuation
        let lines = LineSplitter()
        PipeReader.start(fromServer) { data in
            for line in lines.append(data) { continuation.yield(line) }
        } onEnd: {
            continuation.finish(throwing: MCPServerError("the server closed its output"))
        }
    }

    func disconnect() {
        continuation.finish()
        try? toServer.close()
    }

    func send(_ data: Data) throws {
        try toServer.write(contentsOf: data + Data([UInt8(ascii: "\n")]))
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { messages }
}

/// Cuts a byte stream into non-empty lines, keeping a partial last line for the next chunk.
final class LineSplitter: Sendable {
    private let pending = Mutex(Data())

    /// The complete lines that `data` finishes.
    func append(_ data: Data) -> [Data] {
        pending.withLock { pending in
            pending.append(data)
            var lines: [Data] = []
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                if !line.isEmpty { lines.append(Data(line)) }
                pending = Data(pending[(newline + 1)...])
            }
            return lines
        }
    }
}
