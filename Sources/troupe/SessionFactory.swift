import ArgumentParser
import Foundation
import TroupeCore
import TroupeHTTP
import TroupeMCP
import TroupeProviders
import TroupeShell
import TroupeTools

/// Assembles a session from flags, environment and configuration files: personas, models, bus,
/// transcript, registry, tools and orchestrator.
struct SessionFactory {
    let options: SessionOptions
    let environment = ProcessInfo.processInfo.environment
    var paths: Paths { Paths(environment: environment) }

    /// A ready session; progress goes to stderr when `progressToStandardError`. Approvals are
    /// asked with keys from `approvalKeys` (an interactive terminal); without it, handoffs that
    /// need approval are denied with a reason saying how to allow them.
    func make(progressToStandardError: Bool, approvalKeys: KeyClaims? = nil) async throws -> ShellContext {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var project = try ProjectFiles(folder: here, options: options)
        var catalog = loadPersonas()
        var (mcpEntries, mcpProblems) = project.mcpEntries(userFile: paths.userMCP, environment: environment)
        var trustWarnings: [String] = []
        let trust = ProjectTrust(
            folder: here, personas: catalog.personas, projectConfig: project.config, projectConfigPath: project.configPath,
            mcp: mcpEntries.filter { $0.file == project.mcpPath })
        if !trust.findings.isEmpty, !isTrusted(trust, interactive: approvalKeys != nil) {
            catalog.personas = catalog.personas.map(ProjectTrust.safe)
            project.config = ProjectTrust.safe(project.config)
            mcpEntries = mcpEntries.map { entry in
                guard entry.file == project.mcpPath else { return entry }
                var entry = entry
                entry.configuration = .failure(
                    MCPServerEntry.Problem(reason: "not started: this folder is not trusted (--trust-project)"))
                return entry
            }
            trustWarnings.append(trust.notApplied)
        }
        let (config, configWarnings) = try configuration(project: project.config)
        let selection = ModelSelection(
            environment: environment,
            transport: URLSessionTransport(
                timeouts: TransportTimeouts(
                    connect: .seconds(options.connectTimeout ?? config.connectTimeout ?? 30),
                    idle: .seconds(options.idleTimeout ?? config.idleTimeout ?? 120))))
        let model = try await sessionModel(config: config, selection: selection)
        let router = ModelRouter(sessionModel: model)
        var warnings =
            trustWarnings + project.warnings + mcpProblems + configWarnings
            + assignPersonaModels(catalog: catalog, config: config, router: router, selection: selection)
        let folder = (options.transcripts ?? config.transcripts).map { URL(fileURLWithPath: $0) } ?? paths.transcripts
        let resumed: ResumedSession?
        do {
            resumed = try options.resume.map { try ResumedSession(url: ResumedSession.find($0, in: folder)) }
        } catch {
            throw ValidationError("cannot resume: \(error.localizedDescription)")
        }
        let bus = EventBus(lastSeq: resumed?.lastSeq ?? 0)
        let configuration = OrchestratorConfiguration(
            maxParallelSteps: max(1, options.maxParallel ?? config.maxParallel ?? 4),
            maxStalls: max(1, options.maxStalls ?? config.maxStalls ?? 3),
            maxReplans: max(0, options.maxReplans ?? config.maxReplans ?? 3),
            strategy: try planStrategy(config), progressLedger: try ledgerPolicy(config),
            maxPlanSteps: max(1, config.maxPlanSteps ?? Plan.defaultMaxSteps))
        let sessionApproval = try approvalPolicy(config)
        let sessionPermissions = try permissionMode(config)
        let budget = budget(config: config, catalog: catalog)
        let transcript =
            try resumed.map {
                try TranscriptWriter(appendingTo: $0.url, redactor: SecretRedactor.fromEnvironment(self.environment))
            }
            ?? startTranscript(
                catalog: catalog, model: model, folder: options.transcripts ?? config.transcripts,
                settings: TranscriptHeader.Settings(
                    configuration: configuration, approval: sessionApproval, budget: requestBudget(config),
                    permissionMode: sessionPermissions))
        transcript?.record(bus)
        if let resumed {
            bus.publish(.userIntervention(UserIntervention(kind: .resume, detail: resumed.header.sessionID)))
            resumed.rollBackInterruptedHandoffs(on: bus)
        }
        let registry = AgentRegistry(bus: bus)
        for persona in catalog.personas { await registry.register(persona) }
        let root = URL(fileURLWithPath: options.workspace ?? FileManager.default.currentDirectoryPath)
        let progressFD = progressToStandardError ? STDERR_FILENO : STDOUT_FILENO
        let sink = OutputSink(progress: progressToStandardError ? .standardError : .standardOutput, answers: .standardOutput)
        let style = TextStyle(enabled: TerminalInfo.wantsColor(progressFD, environment: environment))
        let gate: any ApprovalGate =
            approvalKeys.map { TerminalApprovalGate(sink: sink, style: style, keys: $0) }
            ?? FixedApprovalGate(
                .deny(
                    reason:
                        "there is no terminal to ask; pass --approval auto (handoffs) or --permission-mode accept-edits|auto (tools) to allow it"
                ))
        let mcp = await startMCPServers(mcpEntries, warnings: &warnings)
        let sandbox = try commandSandbox(config: config, workspace: root, warnings: &warnings)
        let tools = ToolBox(WorkspaceTools.standard(Workspace(root: root), sandbox: sandbox) + mcp.tools)
        let orchestrator = Orchestrator(
            registry: registry,
            gateway: ModelGateway(
                router: router, bus: bus, budget: budget,
                rateLimits: (config.rateLimits ?? [:]).mapValues {
                    RateLimiter(maxInFlight: $0.maxInFlight, requestsPerMinute: $0.requestsPerMinute)
                }),
            tools: tools,
            configuration: configuration,
            approvals: HandoffApprovals(
                gate: gate, sessionPolicy: sessionApproval, costThreshold: config.approvalCostThreshold,
                toolEffects: tools.effects, sessionPermissionMode: sessionPermissions))
        let environment = self.environment
        return ShellContext(
            version: TroupeCommand.version, orchestrator: orchestrator, registry: registry, bus: bus, catalog: catalog,
            models: router, makeModel: { name in try Self.model(named: name, selection: selection, environment: environment) },
            warnings: warnings, prices: PriceTable(config.prices ?? [:]), transcriptPath: transcript?.url.path,
            style: style, sink: sink, resumed: resumed, mcpStatus: { await mcp.statusLines() },
            shutdown: {
                await mcp.stop()
                if let folder = sandbox?.temporaryFolder { try? FileManager.default.removeItem(atPath: folder) }
            },
            planReview: try planReview(config),
            modelNames: Array(Set(ModelSelection.aliases.keys).union(ModelSelection.aliases.values).union(["offline"])).sorted(),
            commandLimits: sandbox?.summary ?? "not sandboxed: commands may write anywhere you can and use the network",
            process: .executable)
    }

    private func planStrategy(_ config: ConfigFile) throws -> PlanStrategy {
        guard let name = config.planStrategy else { return .hierarchical }
        guard let strategy = PlanStrategy(rawValue: name) else {
            throw ValidationError("plan_strategy '\(name)' in the configuration: use hierarchical, parallel or sequential")
        }
        return strategy
    }

    private func planReview(_ config: ConfigFile) throws -> PlanReviewPolicy {
        let name = options.planReview ?? config.planReview ?? "never"
        guard let mode = PlanReviewPolicy.Mode(rawValue: name) else {
            throw ValidationError("plan review '\(name)': use always, never or auto")
        }
        return PlanReviewPolicy(mode: mode, maxSteps: config.planReviewSteps ?? 4)
    }

    private func approvalPolicy(_ config: ConfigFile) throws -> ApprovalPolicy? {
        guard let name = options.approval ?? config.approval else { return nil }
        guard let policy = ApprovalPolicy(rawValue: name) else {
            throw ValidationError("approval '\(name)': use auto, ask or risk")
        }
        return policy
    }

    private func permissionMode(_ config: ConfigFile) throws -> PermissionMode? {
        guard let name = options.permissionMode ?? config.permissionMode else { return nil }
        guard let mode = PermissionMode(rawValue: name) else {
            throw ValidationError("permission mode '\(name)': use ask, accept-edits, read-only or auto")
        }
        return mode
    }

    private func ledgerPolicy(_ config: ConfigFile) throws -> ProgressLedgerPolicy {
        guard let name = config.progressLedger else { return .everyStep }
        guard let policy = ProgressLedgerPolicy(rawValue: name) else {
            throw ValidationError("progress_ledger '\(name)' in the configuration: use every_step or on_trouble")
        }
        return policy
    }

    /// The sandbox `run_command` runs in: `--sandbox`, else the configuration's `sandbox`, else on.
    /// Off — or on a kernel without Landlock — commands are unrestricted, and a warning says so.
    /// A project's configuration may not turn it off.
    private func commandSandbox(config: ConfigFile, workspace: URL, warnings: inout [String]) throws -> CommandSandbox? {
        let mode = options.sandbox ?? config.sandbox ?? "on"
        guard ["on", "off", "network"].contains(mode) else {
            throw ValidationError("sandbox '\(mode)': use on, network or off")
        }
        guard mode != "off" else {
            warnings.append(
                "commands are not sandboxed (sandbox off): run_command can write anywhere you can and use the network")
            return nil
        }
        guard CommandSandbox.kernelSupport != nil else {
            warnings.append("commands are not sandboxed: this kernel offers no Landlock (Linux 5.13 or later is needed)")
            return nil
        }
        do {
            return try CommandSandbox(
                helper: "/proc/self/exe", workspace: workspace, allowsNetwork: mode == "network", environment: environment)
        } catch {
            throw ValidationError("cannot make the commands' temporary folder: \(error.localizedDescription)")
        }
    }

    /// The servers of `entries` started (the ones marked unusable kept, with their reason).
    private func startMCPServers(_ entries: [MCPServerEntry], warnings: inout [String]) async -> MCPServers {
        let started = await MCPServers.start(entries)
        for line in await started.statusLines() where line.contains("  unavailable: ") {
            warnings.append("MCP server " + line.replacingOccurrences(of: "  unavailable: ", with: " is unavailable: "))
        }
        return started
    }

    /// The request budget from flags and configuration, and each persona's from its file.
    private func requestBudget(_ config: ConfigFile) -> Budget {
        Budget(
            maxTokens: options.maxTokens ?? config.maxTokensPerRequest, maxModelCalls: config.maxModelCallsPerRequest,
            maxCostUSD: options.maxCost ?? config.maxCostPerRequest)
    }

    private func budget(config: ConfigFile, catalog: PersonaCatalog) -> BudgetTracker {
        let request = requestBudget(config)
        let personas = Dictionary(catalog.personas.map { ($0.name, $0.budget) }, uniquingKeysWith: { first, _ in first })
        return BudgetTracker(request: request, personas: personas, prices: PriceTable(config.prices ?? [:]))
    }

    func loadPersonas() -> PersonaCatalog {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var catalog = PersonaLoader(folders: [
            PersonaFolder(paths.claudeUserAgents, .user), PersonaFolder(paths.userPersonas, .user),
            PersonaFolder(here.appendingPathComponent(".claude/agents"), .project),
            PersonaFolder(here.appendingPathComponent("personas"), .project),
        ]).load()
        if let instructions = ProjectInstructions.load(root: here) {
            catalog.personas = catalog.personas.map(instructions.applied)
            catalog.instructions = instructions
        }
        return catalog
    }

    /// The user's configuration overridden by the project's (`project`, already made safe); a
    /// plan cap only lowered by it.
    private func configuration(project: ConfigFile) throws -> (ConfigFile, [String]) {
        do {
            let user = try ConfigFile.load(paths.userConfig)
            var merged = user.overridden(by: project)
            merged.maxPlanSteps = [user.maxPlanSteps, project.maxPlanSteps].compactMap { $0 }.min()
            return (merged, [])
        } catch {
            throw ValidationError(error.localizedDescription)
        }
    }

    /// Whether the user trusts `trust`'s folder: by `--trust-project`, by an earlier yes to these
    /// very files, or — at an interactive start — by answering the question now (remembered).
    private func isTrusted(_ trust: ProjectTrust, interactive: Bool) -> Bool {
        if options.trustProject { return true }
        let store = TrustedProjects(file: paths.trustedProjects)
        if store.contains(trust) { return true }
        guard interactive else { return false }
        let screen = TerminalInfo.size(of: STDERR_FILENO) ?? (columns: 80, rows: 24)
        guard trust.fits(columns: screen.columns, rows: screen.rows) else {
            FileHandle.standardError.write(Data(trust.tooLongToAsk.utf8))
            return false
        }
        FileHandle.standardError.write(Data(trust.question.joined(separator: "\n").utf8))
        guard let answer = readLine(), ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
            return false
        }
        do {
            try store.add(trust)
        } catch {
            FileHandle.standardError.write(Data("troupe: trusted for this session only: \(error.localizedDescription)\n".utf8))
        }
        return true
    }

    /// `--model`, else `TROUPE_MODEL`, else the configuration's, else a set key's provider or a
    /// running Ollama, else offline.
    private func sessionModel(config: ConfigFile, selection: ModelSelection) async throws -> any ChatModel {
        let named = options.model ?? environment["TROUPE_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? config.model
        guard let named else { return await selection.defaultModel() ?? OfflineModel() }
        do {
            return try Self.model(named: named, selection: selection, environment: environment)
        } catch {
            throw ValidationError(error.localizedDescription)
        }
    }

    /// `offline`, `script:FILE`, or a provider model.
    static func model(named name: String, selection: ModelSelection, environment: [String: String]) throws -> any ChatModel {
        if name == "offline" { return OfflineModel() }
        if name.hasPrefix("script:") {
            let path = String(name.dropFirst("script:".count))
            return try ScriptedModel(contentsOf: URL(fileURLWithPath: path), name: path)
        }
        return try selection.model(named: name)
    }

    /// Routes personas whose file or configuration names a model; returns what could not be used.
    private func assignPersonaModels(
        catalog: PersonaCatalog, config: ConfigFile, router: ModelRouter, selection: ModelSelection
    ) -> [String] {
        var warnings: [String] = []
        for persona in catalog.personas {
            let name = config.personaModels?[persona.name] ?? persona.model
            guard name != "inherit", !name.isEmpty else { continue }
            do {
                router.set(try Self.model(named: name, selection: selection, environment: environment), for: persona.name)
            } catch {
                warnings.append(
                    "\(persona.name): model '\(name)' is not usable (\(error.localizedDescription)); using the session model")
            }
        }
        return warnings
    }

    private func startTranscript(
        catalog: PersonaCatalog, model: any ChatModel, folder: String?, settings: TranscriptHeader.Settings
    ) throws -> TranscriptWriter? {
        guard !options.noTranscript else { return nil }
        let folder = folder.map { URL(fileURLWithPath: $0) } ?? paths.transcripts
        let started = Date()
        let sessionID = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let size = TerminalInfo.size()
        let header = TranscriptHeader(
            toolVersion: TroupeCommand.version, sessionID: sessionID, started: started, model: model.identifier,
            personas: catalog.personas,
            terminal: size.map { TranscriptHeader.TerminalSize(columns: $0.columns, rows: $0.rows) }, settings: settings)
        let url = folder.appendingPathComponent(TranscriptWriter.fileName(startedAt: started, sessionID: sessionID))
        do {
            return try TranscriptWriter(url: url, header: header, redactor: SecretRedactor.fromEnvironment(environment))
        } catch {
            let reason = error.localizedDescription
            throw ValidationError(
                "cannot write a transcript in \(folder.path) (\(reason)); use --transcripts DIR or --no-transcript")
        }
    }
}
