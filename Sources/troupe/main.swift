import Foundation
import TroupeCore
import TroupeTools

let bus = EventBus()
bus.subscribe { event in
    if case .modelRequested = event.kind { return }
    if case .modelResponded = event.kind { return }
    print((try? JSONCoding.string(event)) ?? "")
}
let registry = AgentRegistry(bus: bus)
let catalog = PersonaLoader(userDirectory: nil, projectDirectory: nil).load()
for p in catalog.personas { await registry.register(p) }
let tools = ToolBox(WorkspaceTools.readOnly(Workspace(root: URL(fileURLWithPath: "."))))
let orch = Orchestrator(registry: registry, gateway: ModelGateway(model: OfflineModel(), bus: bus), tools: tools)
let r = await orch.handle(CommandLine.arguments[1])
print(r.answer)
