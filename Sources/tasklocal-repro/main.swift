// The reduced reproduction of a Swift 6.3.1 (Linux) miscompile, kept so the project can tell
// when the toolchain is fixed (docs/platform-notes.md). In an optimized build, binding a
// task-local whose value is a function type passes the runtime a null type metadata pointer and
// crashes in `swift_task_localValuePush`; the same function wrapped in a struct runs cleanly.
// `tasklocal-repro function` runs the crashing form, `tasklocal-repro wrapped` the form Troupe
// uses; each prints `bound` when the value was seen inside `withValue`.

enum FunctionTyped {
    @TaskLocal static var report: (@Sendable () -> Void)?
}

struct Wrapped: Sendable {
    let report: @Sendable () -> Void
}

enum NominalTyped {
    @TaskLocal static var report: Wrapped?
}

@MainActor func bindOnTheMainActor<Result: Sendable>(_ operation: @Sendable () async -> Result) async -> Result {
    switch CommandLine.arguments.dropFirst().first {
    case "function": return await FunctionTyped.$report.withValue({}) { await operation() }
    default: return await NominalTyped.$report.withValue(Wrapped {}) { await operation() }
    }
}

let seen = await bindOnTheMainActor { FunctionTyped.report != nil || NominalTyped.report != nil }
print(seen ? "bound" : "unbound")
