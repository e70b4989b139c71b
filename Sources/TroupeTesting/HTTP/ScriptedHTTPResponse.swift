public import Foundation

/// One scripted HTTP answer, served by `LoopbackServer` over a socket or by
/// `InMemoryHTTPTransport` without one: status, headers, and a body cut into seeded chunks of 1–97
/// bytes, optionally paused or cut off.
public struct ScriptedHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data
    /// Seed of the chunk sizes (1…97 bytes).
    public var seed: UInt64
    /// Wait this long before the first body byte.
    public var pauseBeforeBody: Duration
    /// Close the connection after this many body bytes, without finishing the body.
    public var cutAfter: Int?
    /// Wait this long between body chunks: a slow stream.
    public var pauseBetweenChunks: Duration

    public init(
        status: Int, headers: [(String, String)], body: Data, seed: UInt64 = 1, pauseBeforeBody: Duration = .zero,
        cutAfter: Int? = nil, pauseBetweenChunks: Duration = .zero
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.seed = seed
        self.pauseBeforeBody = pauseBeforeBody
        self.cutAfter = cutAfter
        self.pauseBetweenChunks = pauseBetweenChunks
    }

    /// The body as it is sent: chunks of 1–97 bytes whose sizes follow `seed`, ending at
    /// `cutAfter` when it is set.
    public var chunks: [Data] {
        var generator = SplitMix64(seed: seed)
        var pieces: [Data] = []
        var offset = 0
        let limit = min(cutAfter ?? body.count, body.count)
        while offset < limit {
            let size = min(Int(generator.next() % 97) + 1, limit - offset)
            pieces.append(body[(body.startIndex + offset)..<(body.startIndex + offset + size)])
            offset += size
        }
        return pieces
    }
}
