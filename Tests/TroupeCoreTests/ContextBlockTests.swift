import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// The context block survives whatever the steps wrote: fences, braces, quotes, escapes.
@Suite struct ContextBlockTests {
    /// Pieces step outputs are made of, the troublesome ones often.
    static let pieces = [
        "```", "```json\n", "\n```json\n", "\n```\n", "{", "}", "\"", "\\", "\\n", "\n", "\t", "é", "🎭", "\u{1B}[31m", "\u{0}",
        "README", " ", "# Title\n", "```swift\nlet x = 1\n```", "{\"a\": [1, 2]}", "---\n",
    ]

    static func output(_ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test(arguments: [UInt64(1), 7, 42, 1234, 99_999])
    func anyStepOutputComesBackAsWritten(_ seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<50 {
            let reports = (1...3).map { step in
                StepReport(
                    step: step, title: Self.output(&random), persona: "writer", status: .done, output: Self.output(&random))
            }
            let context = SynthesisContext(
                request: Self.output(&random), facts: TaskFacts(), results: reports, roles: ["writer": Self.output(&random)],
                stopReason: nil)
            for pretty in [true, false] {
                let message = ContextBlock.message(Self.output(&random), context: context, pretty: pretty)
                #expect(try ContextBlock.decode(SynthesisContext.self, from: message) == context)
            }
        }
    }

    @Test func aReadmeWithFencedCodeInAStepOutputIsReadBack() throws {
        let readme = "# Tool\n\n```sh\nswift run tool\n```\n\nThen:\n```json\n{\"broken\": \n```\n"
        let report = StepReport(step: 1, title: "Read README.md", persona: "researcher", status: .done, output: readme)
        let message = ContextBlock.message("Write the answer.", context: report)
        #expect(try ContextBlock.decode(StepReport.self, from: message) == report)
    }
}
