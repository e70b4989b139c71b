import Synchronization

/// Decides when a handoff or a tool call needs the user's approval, asks the gate, publishes the
/// question and the answer, and remembers "yes for this session". Handoffs follow DESIGN §3's
/// policies (automatic, always ask, risk-based); tool calls that change files or run commands
/// follow the persona's (or the session's) permission mode.
public final class HandoffApprovals: Sendable {
    /// The most lines a command may have and still be asked about: an approval shows it whole.
    public static let tallestCommand = 40
    /// The most columns a command may take and still be asked about (forty rows of a hundred):
    /// an approval shows it whole, each invisible character as a code up to ten columns wide.
    public static let longestCommand = 4_000

    /// Applies to every persona when set; otherwise each persona's own `approval`.
    public let sessionPolicy: ApprovalPolicy?
    /// Spending (US dollars, this request) past which any handoff under `risk` asks first.
    public let costThreshold: Double?
    /// Who answers.
    public let gate: any ApprovalGate
    /// The session's tools and what each does; a persona is judged by the ones it may use.
    public let toolEffects: [String: ToolEffect]
    /// Applies to every persona's tools when set; otherwise each persona's own `permission_mode`.
    public let sessionPermissionMode: PermissionMode?
    private let approvedPersonas = Mutex<Set<String>>([])
    /// "yes for this session" answers for tool calls, as `persona\0tool`.
    private let approvedTools = Mutex<Set<String>>([])

    public init(
        gate: any ApprovalGate, sessionPolicy: ApprovalPolicy? = nil, costThreshold: Double? = nil,
        toolEffects: [String: ToolEffect] = [:], sessionPermissionMode: PermissionMode? = nil
    ) {
        self.gate = gate
        self.sessionPolicy = sessionPolicy
        self.costThreshold = costThreshold
        self.toolEffects = toolEffects
        self.sessionPermissionMode = sessionPermissionMode
    }

    /// Whether `persona` may make the change `preview` shows with `tool`: nil when it may (by
    /// its permission mode, an earlier "always", or the user's yes now), else why not — which
    /// goes back to the worker as the tool's result.
    public func reviewTool(_ tool: String, preview: ToolPreview, persona: Persona, step: Int?, bus: EventBus) async -> String? {
        let mode = sessionPermissionMode ?? persona.permissionMode
        switch (mode, preview.kind) {
        case (.auto, _): return nil
        case (.acceptEdits, .edit) where preview.protectedBecause == nil: return nil
        case (.readOnly, _): return "\(tool) is not allowed: \(persona.name) is read-only (permission mode read-only)"
        default: break
        }
        // What cannot be shown whole on a screen cannot be approved.
        let height = preview.detail.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.count
        if preview.kind == .command, height > Self.tallestCommand {
            return "\(tool) was not run: its command is \(height) lines, more than an approval shows whole "
                + "(\(Self.tallestCommand)); put it in a script file the user can read, and run that"
        }
        let width = preview.detail.unicodeScalars.reduce(0) { $0 + ($1.isShownAsCode ? 10 : 1) }
        if preview.kind == .command, width > Self.longestCommand {
            return "\(tool) was not run: its command takes \(width) columns shown, more than an approval shows whole "
                + "(\(Self.longestCommand)); put it in a script file the user can read, and run that"
        }
        let key = "\(persona.name)\u{0}\(tool)"
        // "Always" covers the tool's ordinary use; a protected file is asked about every time.
        if preview.protectedBecause == nil, approvedTools.withLock({ $0.contains(key) }) { return nil }
        let request = ApprovalRequest(
            handoff: "", requestedBy: persona.name, persona: persona.name, step: step,
            instruction: preview.summary + (preview.protectedBecause.map { " — protected: \($0)" } ?? ""), risks: [],
            tool: tool, preview: preview.detail)
        bus.publish(.approvalRequested(request))
        let decision = await gate.decide(request)
        bus.publish(.approvalDecided(ApprovalDecided(handoff: "", persona: persona.name, decision: decision)))
        switch decision {
        case .approveOnce: return nil
        case .approveForSession:
            _ = approvedTools.withLock { $0.insert(key) }
            return nil
        case .deny(let reason):
            return "the user did not allow \(preview.summary)" + (reason.isEmpty ? "" : ": \(reason)")
        }
    }

    /// The risks of handing work to `persona` after `spentUSD` this request; empty when none.
    public func risks(of persona: Persona, spentUSD: Double) -> [String] {
        var risks: [String] = []
        let tools = persona.grantedTools(among: toolEffects.keys.sorted())
        let writing = tools.filter { toolEffects[$0] == .writesFiles }
        if !writing.isEmpty { risks.append("may write files (\(writing.joined(separator: ", ")))") }
        let commands = tools.filter { toolEffects[$0] == .runsCommands }
        if !commands.isEmpty { risks.append("may run commands (\(commands.joined(separator: ", ")))") }
        if let threshold = costThreshold, spentUSD >= threshold {
            risks.append("this request has spent $\(Self.dollars(spentUSD)), past the $\(Self.dollars(threshold)) threshold")
        }
        return risks
    }

    /// The risks to show when `persona` needs approval now; nil when it may go ahead.
    public func approvalNeeded(for persona: Persona, spentUSD: Double) -> [String]? {
        if approvedPersonas.withLock({ $0.contains(persona.name) }) { return nil }
        switch sessionPolicy ?? persona.approval {
        case .auto: return nil
        case .ask: return risks(of: persona, spentUSD: spentUSD)
        case .risk:
            let risks = risks(of: persona, spentUSD: spentUSD)
            return risks.isEmpty ? nil : risks
        }
    }

    /// Asks the gate when handing `brief` to `persona` needs approval; nil when it does not.
    /// Both the question and the answer are published (`approval.requested`, `approval.decided`).
    public func review(
        handoff: String, requestedBy: String, persona: Persona, brief: Brief, spentUSD: Double, bus: EventBus
    ) async -> ApprovalDecision? {
        guard let risks = approvalNeeded(for: persona, spentUSD: spentUSD) else { return nil }
        let request = ApprovalRequest(
            handoff: handoff, requestedBy: requestedBy, persona: persona.name, step: brief.step,
            instruction: brief.instruction, risks: risks)
        bus.publish(.approvalRequested(request))
        let decision = await gate.decide(request)
        if decision == .approveForSession { _ = approvedPersonas.withLock { $0.insert(persona.name) } }
        bus.publish(.approvalDecided(ApprovalDecided(handoff: handoff, persona: persona.name, decision: decision)))
        return decision
    }

    private static func dollars(_ amount: Double) -> String {
        let cents = (amount * 100).rounded() / 100
        return cents == cents.rounded() ? "\(Int(cents))" : "\(cents)"
    }
}
