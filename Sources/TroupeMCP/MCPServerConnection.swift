import Foundation
public import MCP
import Synchronization
public import TroupeCore
public import TroupeHTTP
import TroupeProviders

/// One configured MCP server: spawned over stdio (in its own process group, so the shell's
/// Ctrl-C does not reach it) or reached over HTTP, connected, its tools listed. A server that
/// fails to start, to answer, or that dies is marked unavailable with the reason (a stdio
/// server's with the tail of its stderr); the session goes on.
public actor MCPServerConnection {
    /// Where a server stands.
    public enum Status: Sendable, Equatable {
        case starting
        case ready(tools: [String])
        case unavailable(reason: String)
    }

    public let name: String
    let configuration: MCPServerConfiguration?
    let http: any HTTPTransport
    public private(set) var status: Status = .starting
    private var client: Client?
    private var process: Process?
    private let stderrTail = StderrTail()
    private let exited = OneShot()
    /// Carried by the server and everything it starts.
    private let mark = ProcessMark()
    private let stderrClosed = OneShot()

    /// A connection to the server `configuration` describes; HTTP servers are reached through `http`.
    public init(
        name: String, configuration: MCPServerConfiguration,
        http: any HTTPTransport = URLSessionTransport(timeouts: TransportTimeouts(connect: .seconds(30), idle: .seconds(86_400)))
    ) {
        self.name = name
        self.configuration = configuration
        self.http = http
    }

    /// A server whose configuration entry cannot be used: unavailable from the start, with why.
    public init(name: String, unusable reason: String) {
        self.name = name
        self.configuration = nil
        self.http = URLSessionTransport()
        self.status = .unavailable(reason: reason)
    }

    /// Starts the server and lists its tools; within `timeout` or it is marked unavailable.
    public func start(timeout: Duration = .seconds(15)) async -> [Tool] {
        guard let configuration else { return [] }
        let transport: any Transport
        switch configuration.transport {
        case .stdio(let command, let args, let env):
            guard let pipes = spawn(command, args, env) else { return [] }
            transport = pipes
        case .http(let url, let headers):
            transport = StreamableHTTPTransport(url: url, headers: headers, http: http)
        case .sse(let url, let headers):
            transport = LegacySSETransport(url: url, headers: headers, http: http)
        }
        let client = Client(name: "troupe", version: "0.1.0")
        self.client = client
        do {
            let tools = try await race(timeout: timeout, what: "answer the MCP handshake") {
                _ = try await client.connect(transport: transport)
                return try await client.listTools().tools
            }
            guard case .starting = status else { return [] }
            status = .ready(tools: tools.map(\.name))
            return tools
        } catch {
            status = .unavailable(reason: await failure(error))
            await stop()
            return []
        }
    }

    /// Starts `command` with its pipes, watched for its exit; nil (and unavailable) if it cannot start.
    private func spawn(_ command: String, _ args: [String], _ env: [String: String]) -> PipeTransport? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + args
        // The user's environment less its secrets; what the server's own `env` names, it gets; and
        // the mark by which whatever it starts is ended with it.
        process.environment = ChildEnvironment.scrubbed(
            ProcessInfo.processInfo.environment, adding: env.merging([ProcessMark.variable: mark.value]) { _, own in own })
        let toServer = Pipe(), fromServer = Pipe(), errors = Pipe()
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = errors
        let exited = self.exited
        process.terminationHandler = { finished in exited.fire(finished.terminationStatus) }
        do {
            try process.run()
        } catch {
            status = .unavailable(reason: "cannot start '\(command)': \(error.localizedDescription)")
            return nil
        }
        self.process = process
        let (tail, stderrClosed) = (stderrTail, self.stderrClosed)
        PipeReader.start(errors.fileHandleForReading.fileDescriptor) {
            tail.add($0)
        } onEnd: {
            stderrClosed.fire(0)
        }
        Task { [weak self] in
            await exited.wait()
            await self?.serverExited()
        }
        return PipeTransport(fromServer: fromServer.fileHandleForReading, toServer: toServer.fileHandleForWriting)
    }

    /// Calls `tool` with `arguments`; a failed or dying server comes back as an error output.
    public func call(_ tool: String, arguments: JSONValue) async -> ToolOutput {
        guard isReady, let client else {
            return ToolOutput(
                text: "error: MCP server \(name) is unavailable: \(reason)", summary: "\(name) unavailable", isError: true)
        }
        do {
            let mcpArguments = try JSONDecoder().decode([String: Value].self, from: JSONCoding.encode(arguments))
            let (content, isError) = try await race(timeout: .seconds(300), what: "answer \(tool)") {
                try await client.callTool(name: tool, arguments: mcpArguments)
            }
            let text = content.map(Self.text).joined(separator: "\n")
            return ToolOutput(
                text: isError == true ? "error: \(text)" : text,
                summary: "\(name).\(tool)" + (isError == true ? " failed" : " · \(text.count) characters"),
                isError: isError == true)
        } catch {
            let reason = await failure(error)
            return ToolOutput(text: "error: \(name).\(tool) failed: \(reason)", summary: "\(name).\(tool) failed", isError: true)
        }
    }

    /// Stops the server: the client lets go of it (pending calls fail), then it is terminated.
    public func stop() async {
        let client = self.client
        self.client = nil
        await client?.disconnect()
        if process?.isRunning == true { process?.terminate() }
        // A moment to end cleanly; then the server's own children (a wrapper's `npx`, a daemon it
        // forked) do not outlive it.
        for _ in 0..<10 where process?.isRunning == true { try? await Task.sleep(for: .milliseconds(50)) }
        mark.killAll()
    }

    /// The server ended on its own: it is unavailable from now on, and the client lets go of it
    /// so no call waits on it and the SDK's receive loop ends.
    private func serverExited() async {
        if case .unavailable = status {
        } else {
            status = .unavailable(reason: await failure(MCPServerError("the server exited")))
        }
        await stop()
    }

    private var isReady: Bool {
        if case .ready = status { return true }
        return false
    }

    private var reason: String {
        if case .unavailable(let reason) = status { return reason }
        return "not started"
    }

    /// What went wrong, in the words a user can act on: the exit status if the server ended,
    /// and the end of its stderr (waited for briefly, so a crash's last words are included).
    private func failure(_ error: any Error) async -> String {
        var text = "\(error)"
        // A write that failed because the server is gone races its exit: give the exit a moment.
        if exited.value == nil, process?.isRunning == false || error is CocoaError {
            _ = try? await race(timeout: .milliseconds(500), what: "exit", dies: false) { [exited] in await exited.wait() }
        }
        if let code = exited.value {
            text = "the server exited with status \(code)"
            _ = try? await race(timeout: .milliseconds(500), what: "close stderr", dies: false) { [stderrClosed] in
                await stderrClosed.wait()
            }
        }
        let tail = stderrTail.text
        return tail.isEmpty ? text : "\(text); its stderr ends: \(tail)"
    }

    private static func text(of item: Tool.Content) -> String {
        switch item {
        case .text(let text, _, _): return text
        case .image(_, let mimeType, _, _): return "[image \(mimeType)]"
        case .audio(_, let mimeType, _, _): return "[audio \(mimeType)]"
        case .resource: return "[resource]"
        case .resourceLink(let uri, _, _, _, _, _): return "[resource \(uri)]"
        }
    }

    /// `body`, unless `timeout` passes or (when `dies`) the server exits first. The loser is
    /// cancelled and not waited for: an SDK call stuck on a dead server must not hold the shell.
    private func race<T: Sendable>(
        timeout: Duration, what: String, dies: Bool = true, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let exited = self.exited
        let once = Once<T>()
        return try await withCheckedThrowingContinuation { continuation in
            once.set(continuation)
            let work = Task { once.finish(await Result(catching: body)) }
            let death = Task {
                guard dies else { return }
                await exited.wait()
                if !Task.isCancelled { once.finish(.failure(MCPServerError("the server exited"))) }
            }
            let clock = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled {
                    once.finish(.failure(MCPServerError("did not \(what) within \(timeout)")))
                }
            }
            once.onFinish { [work, death, clock] in
                work.cancel()
                death.cancel()
                clock.cancel()
            }
        }
    }
}
