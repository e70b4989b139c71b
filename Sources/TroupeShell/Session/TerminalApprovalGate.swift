import Foundation
public import TroupeCore

/// Asks the person at the terminal to approve a handoff, one question at a time, with keys read
/// while the turn runs. Only keys typed at the terminal answer it: nothing an agent writes can.
public actor TerminalApprovalGate: ApprovalGate {
    private let sink: OutputSink
    private let style: TextStyle
    private let keys: KeyClaims
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []

    public init(sink: OutputSink, style: TextStyle, keys: KeyClaims) {
        self.sink = sink
        self.style = style
        self.keys = keys
    }

    public func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        await waitForTurn()
        keys.open()
        sink.suspendFooter()
        defer {
            keys.close()
            sink.resumeFooter()
            finishTurn()
        }
        let step = request.step.map { "step \($0)" } ?? "a request"
        if let tool = request.tool {
            sink.progress(
                [
                    style.bold("? approve \(tool)") + "  \(request.persona) · \(step): "
                        + TerminalSanitizer.visibleCompact(request.instruction).replacingOccurrences(of: "\n", with: "␊")
                ]
                    + TerminalSanitizer.visibleCompact(request.preview ?? "").split(
                        separator: "\n", omittingEmptySubsequences: false
                    )
                    .map { diffLine(String($0)) })
            sink.progressFragment("  [y]es once · [a]lways \(tool) for \(request.persona) · [n]o  ")
        } else {
            sink.progress(
                [
                    style.bold("? approve handoff") + "  \(request.requestedBy) → \(request.persona) · \(step): "
                        + TerminalSanitizer.visibleCompact(EventRenderer.shortened(request.instruction, to: 80))
                ] + request.risks.map { style.dim("  \(request.persona) \(TerminalSanitizer.clean($0))") })
            sink.progressFragment("  [y]es once · [a]lways for \(request.persona) · [n]o  ")
        }
        while true {
            guard let key = await keys.next() else {
                sink.progress(["(no answer)"])
                return .deny(reason: "no answer (interrupted)")
            }
            switch key {
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), 0x0d, 0x0a:
                sink.progress(["yes"])
                return .approveOnce
            case UInt8(ascii: "a"), UInt8(ascii: "A"):
                sink.progress(["always" + (request.tool.map { " \($0)" } ?? "") + " for \(request.persona)"])
                return .approveForSession
            case UInt8(ascii: "n"), UInt8(ascii: "N"):
                sink.progress(["no"])
                sink.progressFragment("  reason (Enter for none): ")
                return .deny(reason: await readLine())
            case UInt8(ascii: "/"):
                sink.progressFragment("/")
                if let decision = Self.decision(typed: await readLine()) {
                    if case .deny = decision { sink.progress(["no"]) } else { sink.progress(["yes"]) }
                    return decision
                }
                sink.progressFragment("  answer y, a, n, /approve [always] or /deny [reason]  ")
            default:
                continue
            }
        }
    }

    /// A line of a diff or command already made visible (every control character and escape
    /// shown, `␛]0;…␇`, `␍`, never removed); additions and removals coloured.
    private func diffLine(_ line: String) -> String {
        let clean = "    " + line
        if line.hasPrefix("+"), !line.hasPrefix("+++") { return style.success(clean) }
        if line.hasPrefix("-"), !line.hasPrefix("---") { return style.failure(clean) }
        return style.dim(clean)
    }

    /// The answer typed as a command: `approve`, `approve always`, `deny [reason]`.
    static func decision(typed: String) -> ApprovalDecision? {
        let words = typed.split(separator: " ", maxSplits: 1).map(String.init)
        let rest = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch words.first {
        case "approve": return rest == "always" ? .approveForSession : .approveOnce
        case "deny": return .deny(reason: rest)
        default: return nil
        }
    }

    /// A line typed with echo off: printable keys are echoed, Backspace erases, Enter ends.
    private func readLine() async -> String {
        var bytes: [UInt8] = []
        var partial: [UInt8] = []
        while let key = await keys.next() {
            switch key {
            case 0x0d, 0x0a:
                sink.progress([""])
                return String(decoding: bytes, as: UTF8.self)
            case 0x7f, 0x08:
                guard !bytes.isEmpty else { continue }
                while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
                sink.progressFragment("\u{8} \u{8}")
            case 0x20...0x7e, 0x80...0xff:
                bytes.append(key)
                partial.append(key)
                if let character = String(validating: partial, as: UTF8.self) {
                    sink.progressFragment(character)
                    partial = []
                } else if partial.count >= 4 {
                    partial = []
                }
            default:
                continue
            }
        }
        sink.progress([""])
        return String(decoding: bytes, as: UTF8.self)
    }

    private func waitForTurn() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { queue.append($0) }
    }

    private func finishTurn() {
        if queue.isEmpty { busy = false } else { queue.removeFirst().resume() }
    }
}
