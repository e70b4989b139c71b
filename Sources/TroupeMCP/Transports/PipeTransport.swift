import Foundation
import Logging
import MCP
import Synchronization
import TroupeProviders

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
        let lines = SharedLineSplitter()
        PipeReader.start(fromServer) { data in
            for line in lines.push(data) where !line.isEmpty { continuation.yield(Data(line.utf8)) }
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

/// TroupeProviders' `LineSplitter`, shared with the thread that reads the server's output.
private final class SharedLineSplitter: Sendable {
    private let splitter = Mutex(LineSplitter())

    /// The complete lines that `data` finishes.
    func push(_ data: Data) -> [String] {
        splitter.withLock { $0.push(data) }
    }
}
