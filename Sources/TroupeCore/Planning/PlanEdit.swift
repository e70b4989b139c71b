/// A change the user makes to a proposed plan before it runs (`/plan drop|add|move`, `/assign`).
public enum PlanEdit: Sendable, Equatable {
    /// Remove step `step`; the steps after it wait for what it waited for instead.
    case drop(step: Int)
    /// Add a step for `persona` after the steps in `after`.
    case add(title: String, persona: String, after: [Int])
    /// Run step `step` after `after` as well (an added dependency), or first (`after` nil: none).
    case move(step: Int, after: Int?)
    /// Give step `step` to `persona`.
    case assign(step: Int, persona: String)

    /// Reads `/plan drop 2`, `/plan add Write the notes @writer after 1,3`, `/plan move 3 after 1`,
    /// `/plan move 3 first` (without `/plan`), or `/assign 2 @analyst` (without `/`); the usage
    /// when the words do not make an edit.
    public static func parse(_ text: String) -> Result<PlanEdit, PlanEditError> {
        let words = text.split(separator: " ").map(String.init)
        switch words.first {
        case "drop":
            guard words.count == 2, let step = Int(words[1]) else { return .failure(.usage("/plan drop STEP")) }
            return .success(.drop(step: step))
        case "add":
            guard let at = words.lastIndex(where: { $0.hasPrefix("@") }), at > 1 else {
                return .failure(.usage("/plan add TITLE @persona [after STEP,STEP]"))
            }
            var after: [Int] = []
            let rest = words[(at + 1)...]
            if !rest.isEmpty {
                guard rest.first == "after", rest.count == 2 else {
                    return .failure(.usage("/plan add TITLE @persona [after STEP,STEP]"))
                }
                let ids = rest.last!.split(separator: ",").map { Int($0) }
                guard ids.allSatisfy({ $0 != nil }) else { return .failure(.usage("/plan add TITLE @persona [after STEP,STEP]")) }
                after = ids.compactMap { $0 }
            }
            return .success(
                .add(title: words[1..<at].joined(separator: " "), persona: String(words[at].dropFirst()), after: after))
        case "move":
            guard words.count >= 3, let step = Int(words[1]) else { return .failure(.usage("/plan move STEP after STEP|first")) }
            if words.count == 3, words[2] == "first" { return .success(.move(step: step, after: nil)) }
            guard words.count == 4, words[2] == "after", let after = Int(words[3]) else {
                return .failure(.usage("/plan move STEP after STEP|first"))
            }
            return .success(.move(step: step, after: after))
        case "assign":
            guard words.count == 3, let step = Int(words[1]), words[2].hasPrefix("@") else {
                return .failure(.usage("/assign STEP @persona"))
            }
            return .success(.assign(step: step, persona: String(words[2].dropFirst())))
        default:
            return .failure(.usage("/plan drop|add|move …, /assign STEP @persona"))
        }
    }

    /// `plan` with this edit applied; the result may still be invalid (`Plan.validationErrors`).
    public func apply(to plan: Plan) -> Result<Plan, PlanEditError> {
        var plan = plan
        switch self {
        case .drop(let id):
            guard let dropped = plan.step(id) else { return .failure(.noStep(id)) }
            plan.steps.removeAll { $0.id == id }
            for index in plan.steps.indices where plan.steps[index].dependsOn.contains(id) {
                var dependencies = plan.steps[index].dependsOn.filter { $0 != id }
                for inherited in dropped.dependsOn where !dependencies.contains(inherited) { dependencies.append(inherited) }
                plan.steps[index].dependsOn = dependencies
            }
        case .add(let title, let persona, let after):
            for id in after where plan.step(id) == nil { return .failure(.noStep(id)) }
            let id = (plan.steps.map(\.id).max() ?? 0) + 1
            plan.steps.append(
                PlanStep(id: id, title: title, persona: persona, dependsOn: after, routingReason: "added by the user"))
        case .move(let id, let after):
            guard let index = plan.steps.firstIndex(where: { $0.id == id }) else { return .failure(.noStep(id)) }
            if let after {
                guard plan.step(after) != nil else { return .failure(.noStep(after)) }
                if !plan.steps[index].dependsOn.contains(after) { plan.steps[index].dependsOn.append(after) }
            } else {
                plan.steps[index].dependsOn = []
            }
        case .assign(let id, let persona):
            guard let index = plan.steps.firstIndex(where: { $0.id == id }) else { return .failure(.noStep(id)) }
            plan.steps[index].persona = persona
            plan.steps[index].routingReason = "assigned by the user"
        }
        return .success(plan)
    }
}

/// Why a plan edit could not be made.
public enum PlanEditError: Error, Equatable, CustomStringConvertible {
    case usage(String)
    case noStep(Int)
    /// The edited plan (or YAML) is not a valid plan; every problem is listed.
    case invalid([String])

    public var description: String {
        switch self {
        case .usage(let usage): return "Usage: \(usage)"
        case .noStep(let id): return "There is no step \(id) in the plan."
        case .invalid(let problems): return "The plan is not valid: " + problems.joined(separator: "; ")
        }
    }
}
