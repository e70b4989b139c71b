import Foundation
import Testing
import TroupeTesting

/// The toolchain miscompile behind the release-only crash (docs/platform-notes.md), run from the
/// build under test. The form Troupe uses must always work; the function-typed form is expected
/// to crash in an optimized build, and when it stops crashing this test fails, to say the
/// workaround can go.
@Suite struct TaskLocalReproductionTests {
    static let reproduction = Sandbox.sibling("tasklocal-repro")

    /// Runs the reproduction in `form`, returning how it ended and what it printed.
    static func run(_ form: String) throws -> (reason: Process.TerminationReason, status: Int32, output: String) {
        let finished = try FinishedProcess.run(reproduction, [form], environment: ["SWIFT_BACKTRACE": "enable=no"])
        return (finished.reason, finished.status, finished.text)
    }

    @Test func aTaskLocalOfANominalTypeBindsInThisBuild() throws {
        let result = try Self.run("wrapped")
        #expect(result.reason == .exit && result.status == 0)
        #expect(result.output == "bound\n")
    }

    @Test func aTaskLocalOfFunctionTypeStillCrashesOptimizedBuilds() throws {
        let result = try Self.run("function")
        guard Sandbox.isOptimized else {
            #expect(result.output == "bound\n", "a debug build binds it correctly")
            return
        }
        withKnownIssue("Swift 6.3.1 miscompiles withValue on a function-typed task-local under -O") {
            #expect(result.reason == .exit && result.output == "bound\n")
        }
    }
}
