import Foundation
import Testing
import TroupeTesting

/// `run_command` in its sandbox (Landlock): writes in the workspace only, no network, unless the
/// user says otherwise; the helper is the shipped binary itself.
@Suite struct CommandSandboxTests {
    /// A model script: one coder step whose command writes inside the workspace and beside it.
    func script(_ sandbox: Sandbox) throws -> URL {
        try sandbox.write(
            "session.jsonl",
            """
            {"purpose":"plan","text":"{\\"facts\\":{},\\"steps\\":[{\\"id\\":1,\\"title\\":\\"write two files\\",\\"persona\\":\\"coder\\"}]}"}
            {"agent":"coder","purpose":"work","tool_calls":[{"name":"run_command","arguments":{"command":"touch inside.txt; touch ../outside.txt 2> refused.txt"}}]}
            {"agent":"coder","purpose":"work","text":"tried both"}
            {"purpose":"progress_ledger","text":"{\\"is_request_satisfied\\":{\\"reason\\":\\"done\\",\\"answer\\":true},\\"is_in_loop\\":{\\"reason\\":\\"no\\",\\"answer\\":false},\\"is_progress_being_made\\":{\\"reason\\":\\"yes\\",\\"answer\\":true},\\"next_speaker\\":{\\"reason\\":\\"none\\",\\"answer\\":\\"none\\"},\\"instruction_or_question\\":{\\"reason\\":\\"done\\",\\"answer\\":\\"\\"}}"}
            {"purpose":"synthesis","text":"Tried."}
            """)
    }

    @Test func aCommandWritesInTheWorkspaceButNotBesideIt() throws {
        let sandbox = try Sandbox()
        let model = try script(sandbox)
        let outside = sandbox.root.appendingPathComponent("outside.txt")
        let result = try sandbox.run(["run", "write the files", "--model", "script:\(model.path)", "--permission-mode", "auto"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: sandbox.workspace.appendingPathComponent("inside.txt").path))
        #expect(!FileManager.default.fileExists(atPath: outside.path), "the sandbox let a command write outside the workspace")
        let refusal = try String(contentsOf: sandbox.workspace.appendingPathComponent("refused.txt"), encoding: .utf8)
        #expect(refusal.contains("Permission denied"), "\(refusal)")
    }

    @Test func aCommandCannotReadTheKeysFromTroupesOwnEnvironmentBlock() throws {
        let sandbox = try Sandbox()
        /// Runs `command` as a worker's tool call and returns what it left in seen.txt.
        func look(_ command: String, options: [String]) throws -> String {
            let plan = #"{"facts":{},"steps":[{"id":1,"title":"look","persona":"coder"}]}"#
            let lines: [[String: Any]] = [
                ["purpose": "plan", "text": plan],
                [
                    "agent": "coder", "purpose": "work",
                    "tool_calls": [["name": "run_command", "arguments": ["command": command]]],
                ],
                ["agent": "coder", "purpose": "work", "text": "looked"], ["purpose": "synthesis", "text": "Looked."],
            ]
            let model = try sandbox.write(
                "session.jsonl",
                try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }.joined(
                    separator: "\n"))
            let result = try sandbox.run(
                ["run", "look", "--model", "script:\(model.path)", "--permission-mode", "auto"] + options,
                extra: ["PROBE_API_KEY": "sk-e2e-probe-1234"])
            #expect(result.status == 0, "\(result.stderr)")
            return try String(contentsOf: sandbox.workspace.appendingPathComponent("seen.txt"), encoding: .utf8)
        }
        let read = #"tr '\0' '\n' < /proc/$TROUPE/environ | grep '^PROBE_API_KEY=' | rev > seen.txt 2>&1"#
        // In the sandbox, troupe is the helper's parent; there, reading it is refused outright.
        let boxed = try look(#"TROUPE=$(awk '/^PPid/ {print $2}' /proc/$PPID/status); "# + read, options: [])
        #expect(!boxed.contains("4321-eborp-e2e-ks"), "the key was read from troupe's environment block: \(boxed)")
        // Unsandboxed, the command's parent is troupe and its block can be read: it holds no key.
        let open = try look("TROUPE=$PPID; " + read, options: ["--sandbox", "off"])
        #expect(open.hasPrefix("*****************=YEK_IPA_EBORP"), "the block is readable and holds no key: \(open)")
    }

    @Test func whatACommandLeavesBehindEndsWithItEvenWithoutItsMark() throws {
        let sandbox = try Sandbox()
        // `env -i` drops the process mark and `setsid` leaves the group: only the helper, the
        // subreaper of everything the command starts, still finds this one.
        let escaped = sandbox.workspace.appendingPathComponent("escaped.pid")
        let result = try sandbox.run(
            [
                Sandbox.binary, "__sandbox-exec", "--write", sandbox.workspace.path, "--", "/bin/sh", "-c",
                "env -i setsid sleep 30 & echo $! > '\(escaped.path)'; exit 3",
            ].dropFirst().map { $0 })
        #expect(result.status == 3, "the command's exit status comes through: \(result.stderr)")
        let pid = try #require(
            Int32(try String(contentsOf: escaped, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        #expect(stat == nil || stat?.split(separator: ")").last?.split(separator: " ").first == "Z", "\(stat ?? "")")
    }

    @Test func aCommandCannotReachTheTerminalOrTheDevicesBeyondTheHarmlessOnes() throws {
        let sandbox = try Sandbox()
        let model = try sandbox.write(
            "tty.jsonl",
            try String(contentsOf: script(sandbox), encoding: .utf8).replacingOccurrences(
                of: "touch inside.txt; touch ../outside.txt 2> refused.txt",
                with: "echo ok > /dev/null && touch inside.txt; (echo x > /dev/tty) 2> refused.txt; ls /proc/self/fd > fds.txt"))
        let shell = try sandbox.startShell(["--model", "script:\(model.path)", "--permission-mode", "auto"])
        var at = try shell.expect("› ")
        shell.type("write the files\r")
        at = try shell.expect("── ", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        #expect(
            FileManager.default.fileExists(atPath: sandbox.workspace.appendingPathComponent("inside.txt").path),
            "/dev/null is writable")
        let refusal = try String(contentsOf: sandbox.workspace.appendingPathComponent("refused.txt"), encoding: .utf8)
        #expect(refusal.contains("No such device or address") || refusal.contains("Permission denied"), "\(refusal)")
    }

    @Test func sandboxOffIsTheUsersChoiceAndSaysSo() throws {
        let sandbox = try Sandbox()
        let model = try script(sandbox)
        let result = try sandbox.run(
            ["run", "write the files", "--model", "script:\(model.path)", "--permission-mode", "auto", "--sandbox", "off"])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("outside.txt").path))
        #expect(result.stderr.contains("commands are not sandboxed (sandbox off)"))
    }

    @Test func aProjectCannotTurnItsSandboxOff() throws {
        let sandbox = try Sandbox()
        let model = try script(sandbox)
        try sandbox.write(".troupe/config", "sandbox: off\n")
        let result = try sandbox.run(["run", "write the files", "--model", "script:\(model.path)", "--permission-mode", "auto"])
        #expect(result.stderr.contains("sandbox: off is not taken from a project's configuration"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("outside.txt").path))
    }

    @Test func theHelperRefusesUnixAndUDPSocketsButNotSocketPairs() throws {
        let sandbox = try Sandbox()
        let probe =
            #"exec 3<>/dev/udp/127.0.0.1/9 && echo udp-open; "#
            + #"perl -MSocket -e 'print socket(my $s, PF_UNIX, SOCK_STREAM, 0) ? "unix-open\n" : "unix-refused: $!\n"; "#
            + #"print socketpair(my $a, my $b, AF_UNIX, SOCK_STREAM, PF_UNSPEC) ? "pair-open\n" : "pair-refused\n"; "#
            + #"print socketpair(my $c, my $d, AF_UNIX, SOCK_DGRAM, PF_UNSPEC) ? "dgram-pair-open\n" : "dgram-pair-refused\n"; "#
            + #"print socket(my $n, 16, 3, 0) ? "netlink-open\n" : "netlink-refused\n"'"#
        func run(_ options: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            try sandbox.run(
                ["__sandbox-exec", "--write", sandbox.workspace.path] + options + ["--", "/bin/bash", "-c", probe])
        }
        let closed = try run([])
        #expect(!closed.stdout.contains("udp-open") && closed.stderr.contains("Permission denied"), "\(closed.stderr)")
        #expect(
            closed.stdout.contains("unix-refused: Permission denied"), "a tmux or docker socket is out of reach: \(closed.stdout)"
        )
        #expect(closed.stdout.contains("\npair-open") && closed.stdout.contains("dgram-pair-refused"), "\(closed.stdout)")
        #expect(
            closed.stdout.contains("netlink-refused"), "as root, netlink reconfigures the machine's network: \(closed.stdout)")
        let open = try run(["--network"])
        #expect(open.stdout.contains("udp-open") && open.stdout.contains("unix-refused"), "\(open.stdout) \(open.stderr)")
        #expect(open.stdout.contains("netlink-open"), "name lookups ask netlink which addresses are configured")
    }

    @Test func aCommandCannotReadTheUsersTerminalsOrUseRootsPrivileges() throws {
        let sandbox = try Sandbox()
        // A terminal held open meanwhile, so at least one surely exists: the command must read none.
        let holder = try PseudoTerminal(executable: "/bin/cat", arguments: [], directory: nil, environment: [:])
        defer { holder.type("\u{04}") }
        let outside = sandbox.root.appendingPathComponent("outside.txt")
        try "x".write(to: outside, atomically: true, encoding: .utf8)
        let probe =
            "for t in /dev/pts/[0-9]*; do (exec 3< $t && echo terminal-open) 2>&1; done; grep CapEff /proc/self/status; "
            + "chown 65534 \(outside.path) 2>&1 | tail -c 40; cat /etc/passwd > /dev/null && echo etc-readable"
        let result = try sandbox.run(
            ["__sandbox-exec", "--write-files", "/dev/null", "--write", sandbox.workspace.path, "--", "/bin/bash", "-c", probe])
        #expect(!result.stdout.contains("terminal-open") && result.stdout.contains("Permission denied"), "\(result.stdout)")
        #expect(result.stdout.contains("etc-readable"), "the rest of the system stays readable: \(result.stdout)")
        #expect(result.stdout.contains("CapEff:\t0000000000000000"), "no capability, even as root: \(result.stdout)")
        if getuid() == 0 {
            let owner = try FileManager.default.attributesOfItem(atPath: outside.path)[.ownerAccountID] as? Int
            #expect(owner == 0, "root in the box cannot give a file outside it away")
        }
    }

    @Test func theHelperRefusesTheNetworkUnlessAllowed() throws {
        let sandbox = try Sandbox()
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, 16) } }
        listen(listener, 4)
        var length = socklen_t(16)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)
        let probe = "exec 3<>/dev/tcp/127.0.0.1/\(port) && echo connected"
        let denied = try sandbox.run(
            [Sandbox.binary, "__sandbox-exec", "--write", sandbox.workspace.path, "--", "/bin/bash", "-c", probe].dropFirst().map
            { $0 })
        #expect(!denied.stdout.contains("connected"), "\(denied.stderr)")
        #expect(denied.status == 1 && denied.stderr.contains("Permission denied"), "refused by the sandbox: \(denied.stderr)")
        let allowed = try sandbox.run(
            [Sandbox.binary, "__sandbox-exec", "--write", sandbox.workspace.path, "--network", "--", "/bin/bash", "-c", probe]
                .dropFirst().map { $0 })
        #expect(allowed.stdout.contains("connected"), "\(allowed.stderr)")
    }
}
