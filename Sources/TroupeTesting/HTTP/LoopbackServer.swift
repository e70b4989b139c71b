public import Foundation
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 that answers each connection with the next scripted
/// response: status, headers and body, the body cut into random chunk sizes (chunked encoding),
/// optionally paused or cut off, so clients are tested and measured through their real network
/// path. Its in-memory twin is `InMemoryHTTPTransport`: the same scripted answers, cut
/// into the same chunks, without a socket.
public final class LoopbackServer: Sendable {
    /// A request the server received.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: Data
    }

    private final class State: Sendable {
        let queue = Mutex<[ScriptedHTTPResponse]>([])
        /// Responses for requests whose path starts with the key, answered before the shared queue's.
        let routed = Mutex<[String: [ScriptedHTTPResponse]]>([:])
        /// Makes the answer to a request nothing was scripted for.
        let unscripted = Mutex<(@Sendable (Request) -> ScriptedHTTPResponse)?>(nil)
        let received = Mutex<[Request]>([])
        let firstBodyByteSent = Mutex<[ContinuousClock.Instant]>([])
    }

    /// The port it listens on.
    public let port: UInt16
    private let listener: Int32
    private let state = State()

    /// Starts listening on a free port of 127.0.0.1.
    public init() throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = socketFD
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketFD, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let listener = self.listener
        let state = self.state
        Thread.detachNewThread {
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                Thread.detachNewThread { Self.serve(connection, state: state) }
            }
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// `http://127.0.0.1:PORT` + `path`.
    public func url(_ path: String = "") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// Queues responses, answered in order.
    public func enqueue(_ responses: ScriptedHTTPResponse...) {
        state.queue.withLock { $0.append(contentsOf: responses) }
    }

    /// Queues responses for requests whose path starts with `pathPrefix`, answered in order and
    /// ahead of the shared queue: concurrent clients each get their own script.
    public func enqueue(_ responses: [ScriptedHTTPResponse], forPathsStartingWith pathPrefix: String) {
        state.routed.withLock { $0[pathPrefix, default: []].append(contentsOf: responses) }
    }

    /// Answers every request no script is left for with what `respond` makes of it (by default
    /// such a request gets a 500): a server for clients whose requests are not known in advance.
    public func answerUnscripted(with respond: @escaping @Sendable (Request) -> ScriptedHTTPResponse) {
        state.unscripted.withLock { $0 = respond }
    }

    /// When the first body byte of each response went out, in answer order.
    public var firstBodyByteTimes: [ContinuousClock.Instant] {
        state.firstBodyByteSent.withLock { $0 }
    }

    /// Requests received so far.
    public var requests: [Request] {
        state.received.withLock { $0 }
    }

    private static func serve(_ connection: Int32, state: State) {
        defer { close(connection) }
        guard let request = readRequest(connection) else { return }
        state.received.withLock { $0.append(request) }
        let response =
            state.routed.withLock { routed -> ScriptedHTTPResponse? in
                guard let prefix = routed.keys.first(where: { request.path.hasPrefix($0) && !routed[$0]!.isEmpty })
                else { return nil }
                let next = routed[prefix]!.removeFirst()
                if routed[prefix]!.isEmpty { routed[prefix] = nil }
                return next
            }
            ?? state.queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            ?? state.unscripted.withLock { $0 }.map { $0(request) }
            ?? ScriptedHTTPResponse(
                status: 500, headers: [("Content-Type", "application/json")],
                body: Data("{\"error\":\"no scripted response\"}".utf8))
        var head = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        guard send(connection, Data(head.utf8)) else { return }
        if response.pauseBeforeBody > .zero {
            Thread.sleep(forTimeInterval: response.pauseBeforeBody / .seconds(1))
        }
        for (index, piece) in response.chunks.enumerated() {
            let size = piece.count
            var frame = Data(String(size, radix: 16).utf8) + Data("\r\n".utf8)
            frame.append(piece)
            frame.append(Data("\r\n".utf8))
            if index == 0 {
                state.firstBodyByteSent.withLock { $0.append(.now) }
            } else if response.pauseBetweenChunks > .zero {
                Thread.sleep(forTimeInterval: response.pauseBetweenChunks / .seconds(1))
            }
            guard send(connection, frame) else { return }
        }
        if response.cutAfter == nil { _ = send(connection, Data("0\r\n\r\n".utf8)) }
    }

    private static func readRequest(_ connection: Int32) -> Request? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            data.append(contentsOf: buffer[0..<count])
            headEnd = data.range(of: Data("\r\n\r\n".utf8))
        }
        let head = String(decoding: data[..<headEnd!.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Data(data[headEnd!.upperBound...])
        while body.count < length {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }
            body.append(contentsOf: buffer[0..<count])
        }
        return Request(
            method: String(requestLine.first ?? ""), path: requestLine.count > 1 ? String(requestLine[1]) : "/",
            headers: headers, body: body)
    }

    private static func send(_ connection: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let count = Glibc.send(connection, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if count <= 0 { return false }
                sent += count
            }
            return true
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 429: return "Too Many Requests"
        case 529: return "Overloaded"
        default: return "Status"
        }
    }
}
