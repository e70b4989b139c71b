/// A dependency graph of steps. Validated before it runs: unique ids, known dependencies,
/// no cycles, known personas that accept delegated work.
public struct Plan: Sendable, Codable, Equatable {
    public var steps: [PlanStep]

    public init(steps: [PlanStep]) {
        self.steps = steps
    }

    /// The step with `id`.
    public func step(_ id: Int) -> PlanStep? {
        steps.first { $0.id == id }
    }

    /// Pending steps whose dependencies are all done, in id order.
    public var readySteps: [PlanStep] {
        let done = Set(steps.filter { $0.state == .done }.map(\.id))
        return steps.filter { $0.state == .pending && $0.dependsOn.allSatisfy(done.contains) }
    }

    /// Counts of steps by state.
    public func count(_ state: StepState) -> Int {
        steps.filter { $0.state == state }.count
    }

    /// Sets the state of step `id`.
    public mutating func setState(_ state: StepState, of id: Int) {
        if let index = steps.firstIndex(where: { $0.id == id }) { steps[index].state = state }
    }

    /// How many steps a plan may have unless configured otherwise (`max_plan_steps`): a plan is
    /// shown, recorded and judged whole, and a runaway one costs tokens by the square of its size.
    public static let defaultMaxSteps = 50

    /// Every problem that makes this plan unsafe to run; empty when it is valid.
    public func validationErrors(workers: Set<String>, maxSteps: Int = Plan.defaultMaxSteps) -> [String] {
        var errors: [String] = []
        if steps.isEmpty { errors.append("the plan has no steps") }
        if steps.count > maxSteps {
            errors.append("the plan has \(steps.count) steps; at most \(maxSteps) are allowed: merge related steps")
        }
        var uses: [Int: Int] = [:]
        for step in steps { uses[step.id, default: 0] += 1 }
        for id in uses.filter({ $0.value > 1 }).keys.sorted() { errors.append("step id \(id) is used more than once") }
        let known = Set(uses.keys)
        for step in steps {
            if step.title.trimmingASCIIWhitespace.isEmpty { errors.append("step \(step.id) has no title") }
            if !workers.contains(step.persona) {
                let team = workers.sorted().joined(separator: ", ")
                errors.append("step \(step.id): '\(step.persona)' is not a worker of this team (\(team))")
            }
            for dependency in step.dependsOn where !known.contains(dependency) {
                errors.append("step \(step.id) depends on step \(dependency), which does not exist")
            }
            if step.dependsOn.contains(step.id) { errors.append("step \(step.id) depends on itself") }
        }
        if let cycle = firstCycle() {
            errors.append("steps \(cycle.map(String.init).joined(separator: " → ")) form a cycle")
        }
        return errors
    }

    /// One dependency cycle as a path of step ids, if any (depth-first search).
    func firstCycle() -> [Int]? {
        let byID = Dictionary(steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var visiting: [Int] = []
        var finished: Set<Int> = []
        func visit(_ id: Int) -> [Int]? {
            if let start = visiting.firstIndex(of: id) { return Array(visiting[start...]) + [id] }
            if finished.contains(id) { return nil }
            visiting.append(id)
            for dependency in byID[id]?.dependsOn ?? [] where dependency != id {
                if let cycle = visit(dependency) { return cycle }
            }
            visiting.removeLast()
            finished.insert(id)
            return nil
        }
        for step in steps {
            if let cycle = visit(step.id) { return cycle }
        }
        return nil
    }
}
