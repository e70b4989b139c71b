import Testing
import TroupeTesting

@testable import TroupeCore

/// The bookkeeping of every finished step, read from bytes or kept as the run goes where that
/// is cheaper: each reading must give what the plain one gives.
@Suite struct HandoffBookkeepingTests {
    /// Texts of ASCII, backticks, CR LF, accents (precomposed and combining), the Greek varia
    /// (canonically a backtick) and emoji.
    static func randomTexts(seed: UInt64, count: Int) -> [String] {
        let pieces = [
            "a", "Z", "7", " ", "\t", "\n", "\r\n", "_", "-", "`", "```", "```swift\n", "é", "e\u{301}", "`\u{301}", "\u{1FEF}",
            "Ünïcode", "🎭", "step 12", "Step-12", String(repeating: "x", count: 40),
        ]
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int(random.next() % 10)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test func theFenceCheckAgreesWithContains() {
        for text in Self.randomTexts(seed: 7, count: 5_000) {
            #expect(StepArtifact.holdsFence(text) == text.contains("```"), "\(text.debugDescription)")
        }
        #expect(!StepArtifact.holdsFence("done"))
        #expect(StepArtifact.holdsFence("a\n```\nb\n```"))
    }

    @Test func wordsReadFromBytesAreTheWordsReadFromCharacters() {
        for text in Self.randomTexts(seed: 11, count: 5_000) {
            #expect(LowercaseWords.of(text) == LowercaseWords.readingCharacters(text), "\(text.debugDescription)")
        }
        #expect(LowercaseWords.of("Step-12: Fix the Parser\r\nnow") == ["step", "12", "fix", "the", "parser", "now"])
    }

    /// Random plans taken through random state changes and re-plans: the first pending step kept
    /// as the run goes is the one a scan of the plan finds.
    @Test func theFirstPendingStepIsTheOneAScanFinds() {
        var random = SplitMix64(seed: 5)
        let states: [StepState] = [.pending, .running, .done, .failed, .skipped, .cancelled]
        func randomPlan() -> Plan {
            let count = Int(random.next() % 30) + 1
            return Plan(
                steps: (1...count).map { id in
                    let dependencies = id > 1 && random.next() % 2 == 0 ? [Int(random.next() % UInt64(id - 1)) + 1] : []
                    return PlanStep(id: id, title: "step \(id)", persona: "alpha", dependsOn: dependencies)
                })
        }
        for _ in 0..<200 {
            var run = PlanRun(ledger: TaskLedger(request: "r", facts: TaskFacts(), plan: randomPlan()))
            for change in 0..<60 {
                if change % 25 == 24 {
                    var plan = run.plan
                    plan.steps += randomPlan().steps.map {
                        var step = $0
                        step.id += 100 * (change + 1)
                        step.dependsOn = step.dependsOn.map { $0 + 100 * (change + 1) }
                        return step
                    }
                    run.plan = plan
                } else {
                    let id = run.plan.steps[Int(random.next() % UInt64(run.plan.steps.count))].id
                    run.setState(states[Int(random.next() % UInt64(states.count))], of: id)
                }
                let scanned = run.plan.steps.first { $0.state == .pending }?.id
                #expect(run.firstPending == scanned)
            }
        }
    }
}
