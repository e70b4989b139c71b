public import TroupeCore

/// A registry holding the built-in personas.
public func builtinRegistry(bus: EventBus) async -> AgentRegistry {
    let registry = AgentRegistry(bus: bus)
    for persona in BuiltinPersonas.all { await registry.register(persona) }
    return registry
}

/// An orchestrator over `model` with the built-in personas and no retry wait.
public func makeOrchestrator(
    _ model: any ChatModel, log: EventLog, tools: ToolBox = ToolBox([]), configuration: OrchestratorConfiguration? = nil
) async -> Orchestrator {
    let registry = await builtinRegistry(bus: log.bus)
    return Orchestrator(
        registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: tools,
        configuration: configuration ?? OrchestratorConfiguration(retryBackoff: .zero))
}
