import ArgumentParser
import Foundation
import TroupeCore
import TroupeProviders
import TroupeShell
import TroupeTools

/// Assembles a session from options and the environment: personas, model, bus, transcript,
/// registry, tools and orchestrator.
struct SessionFactory {
    let options: SessionOptions
    let environment = ProcessInfo.processInfo.environment
    var paths: Paths { Paths(environment: environment) }

    /// A ready session; `progressFD` is where progress is shown (for colour decisions).
    func make(progressToStandardError: Bool) async throws -> ShellContext {
        let catalog = loadPersonas()
        let model = try await makeModel()
        let bus = EventBus()
        let transcript = try startTranscript(catalog: catalog, model: model)
        transcript?.record(bus)
        let registry = AgentRegistry(bus: bus)
        for persona in catalog.personas { await registry.register(persona) }
        let root = URL(fileURLWithPath: options.workspace ?? FileManager.default.currentDirectoryPath)
        let tools = ToolBox(WorkspaceTools.readOnly(Workspace(root: root)))
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: bus), tools: tools,
            configuration: OrchestratorConfiguration(maxParallelSteps: max(1, options.maxParallel)))
        let progressFD = progressToStandardError ? STDERR_FILENO : STDOUT_FILENO
        let sink = OutputSink(
            progress: progressToStandardError ? .standardError : .standardOutput, answers: .standardOutput)
        return ShellContext(
            version: TroupeCommand.version, orchestrator: orchestrator, registry: registry, bus: bus, catalog: catalog,
            modelIdentifier: model.identifier, transcriptPath: transcript?.url.path,
            style: TextStyle(enabled: TerminalInfo.wantsColor(progressFD, environment: environment)), sink: sink)
    }

    func loadPersonas() -> PersonaCatalog {
        let project = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("personas")
        return PersonaLoader(userDirectory: paths.userPersonas, projectDirectory: project).load()
    }

    /// `--model`, else `TROUPE_MODEL`, else a configured key's provider or a running Ollama, else offline.
    private func makeModel() async throws -> any ChatModel {
        let name = options.model ?? environment["TROUPE_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        if name == "offline" { return OfflineModel() }
        if let name, name.hasPrefix("script:") {
            return try ScriptedModel(contentsOf: URL(fileURLWithPath: String(name.dropFirst("script:".count))))
        }
        let timeouts = TransportTimeouts(
            connect: .seconds(options.connectTimeout), idle: .seconds(options.idleTimeout))
        let selection = ModelSelection(environment: environment, transport: URLSessionTransport(timeouts: timeouts))
        guard let name else { return await selection.defaultModel() ?? OfflineModel() }
        do {
            return try selection.model(named: name)
        } catch {
            throw ValidationError(error.localizedDescription)
        }
    }

    private func startTranscript(catalog: PersonaCatalog, model: any ChatModel) throws -> TranscriptWriter? {
        guard !options.noTranscript else { return nil }
        let folder = options.transcripts.map { URL(fileURLWithPath: $0) } ?? paths.transcripts
        let started = Date()
        let sessionID = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let size = TerminalInfo.size()
        let header = TranscriptHeader(
            toolVersion: TroupeCommand.version, sessionID: sessionID, started: started, model: model.identifier,
            personas: catalog.personas,
            terminal: size.map { TranscriptHeader.TerminalSize(columns: $0.columns, rows: $0.rows) })
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
