import TroupeCore

/// The text of `/handoffs` (the tree of the current request's handoffs) and `/handoff ID` (the
/// exact brief a worker saw and what it returned).
struct HandoffInspector {
    let style: TextStyle

    func tree(_ handoffs: [HandoffRecord]) -> [String] {
        guard !handoffs.isEmpty else { return ["No handoffs yet in this request."] }
        var lines = [style.bold("handoffs") + style.dim("  \(handoffs.count) in this request · /handoff ID for the brief")]
        let children = Dictionary(grouping: handoffs.filter { $0.parent != nil }, by: { $0.parent! })
        func add(_ record: HandoffRecord, depth: Int) {
            lines.append(String(repeating: "  ", count: depth + 1) + line(record))
            for child in children[record.id] ?? [] { add(child, depth: depth + 1) }
        }
        let known = Set(handoffs.map(\.id))
        for root in handoffs where root.parent.map({ !known.contains($0) }) ?? true { add(root, depth: 0) }
        return lines
    }

    private func line(_ record: HandoffRecord) -> String {
        let step = record.step.map { "step \($0)" } ?? "direct"
        var details = ["brief \(record.briefTokens) tok"]
        if let duration = record.durationMs { details.append(EventRenderer.seconds(duration)) }
        if let tokens = record.tokens { details.append(EventRenderer.tokens(tokens)) }
        var text =
            "\(record.id) \(record.from) → \(record.to)  \(step)  \(state(record))  "
            + style.dim(details.joined(separator: " · "))
        if record.state == .rolledBack || record.state == .rejected, let why = record.result {
            text += style.dim("  " + EventRenderer.shortened(TerminalSanitizer.clean(why), to: 70))
        }
        return text
    }

    private func state(_ record: HandoffRecord) -> String {
        switch record.state {
        case .completed: return style.success("✓ completed")
        case .failed: return style.failure("✗ failed")
        case .rejected: return style.failure("⊘ rejected")
        case .rolledBack: return style.failure("↺ rolled back")
        case .initiated: return "· initiated"
        case .accepted: return "… running"
        }
    }

    func detail(_ id: String, in handoffs: [HandoffRecord]) -> [String] {
        guard let record = handoffs.last(where: { $0.id == id }) else {
            let known = handoffs.map(\.id).joined(separator: ", ")
            return ["No handoff '\(id)' in this request" + (known.isEmpty ? "." : "; known: \(known).")]
        }
        var lines = [line(record)]
        if let reason = record.reason, !reason.isEmpty { lines.append(style.dim("reason: ") + TerminalSanitizer.clean(reason)) }
        lines.append(style.bold("brief") + style.dim("  exactly as sent to \(record.to)"))
        if let brief = record.brief, let json = try? JSONCoding.string(brief, pretty: true) {
            lines += TerminalSanitizer.clean(json).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        } else {
            lines.append(style.dim("  not recorded"))
        }
        lines.append(style.bold("result"))
        let result = record.result ?? (record.state == .accepted ? "still running" : "none")
        lines += TerminalSanitizer.clean(result).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return lines
    }
}
