import Foundation
import Testing
import TroupeCore

@testable import TroupeShell

/// `plan_review: auto` goes by what the tools a step's persona may use declare they do.
@Suite struct PlanReviewPolicyTests {
    static func persona(_ name: String, tools: [String]) -> Persona {
        var persona = BuiltinPersonas.all.first { $0.name == "researcher" }!
        persona.name = name
        persona.tools = tools
        return persona
    }

    static let plan = Plan(steps: [
        PlanStep(id: 1, title: "look", persona: "reader"), PlanStep(id: 2, title: "act", persona: "actor"),
    ])

    @Test func aStepForAPersonaThatMayChangeThingsIsShownFirst() throws {
        let effects: [String: ToolEffect] = [
            "read_file": .readsOnly, "search_files": .readsOnly, "web_fetch": .readsTheNetwork, "write_file": .writesFiles,
            "edit_file": .writesFiles, "run_command": .runsCommands,
        ]
        let policy = PlanReviewPolicy(mode: .auto, maxSteps: 4)
        let reader = Self.persona("reader", tools: ["read_file", "search_files", "web_fetch"])
        for (tools, risky) in [
            (["Bash"], true), (["Write"], true), (["edit_file"], true), (["*"], true), (["Read", "WebFetch"], false),
        ] {
            let actor = Self.persona("actor", tools: tools)
            #expect(policy.wantsReview(Self.plan, personas: [reader, actor], toolEffects: effects) == risky, "\(tools)")
        }
    }

    @Test func anMCPToolIsJudgedByItsEffectAndAnAbsentOneByNothing() {
        let policy = PlanReviewPolicy(mode: .auto, maxSteps: 4)
        let reader = Self.persona("reader", tools: ["read_file"])
        let actor = Self.persona("actor", tools: ["github.*"])
        let withServer: [String: ToolEffect] = ["read_file": .readsOnly, "github.create_issue": .external]
        #expect(policy.wantsReview(Self.plan, personas: [reader, actor], toolEffects: withServer))
        #expect(
            !policy.wantsReview(Self.plan, personas: [reader, actor], toolEffects: ["read_file": .readsOnly]),
            "a server this session does not have gives the persona nothing to run")
        #expect(
            PlanReviewPolicy(mode: .auto, maxSteps: 1).wantsReview(Self.plan, personas: [reader, reader], toolEffects: [:]),
            "longer than maxSteps")
    }
}
