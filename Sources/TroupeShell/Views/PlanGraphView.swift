import TroupeCore

/// `/graph`: the plan as a graph in the terminal — steps as boxes in layers (a step stands below
/// everything it depends on, and says which), each with its number, state mark, persona and
/// title; the critical path in heavy boxes. Layers wider than the terminal wrap; a terminal too
/// narrow for boxes gets the same layers as a list.
struct PlanGraphView {
    let style: TextStyle

    /// The narrowest and widest a box is drawn.
    static let boxWidths = 18...34
    static let gap = 2

    func render(_ plan: Plan?, timeline: TurnTimeline, width: Int) -> [String] {
        guard let plan, !plan.steps.isEmpty else { return ["No plan yet: the graph shows the current or last one."] }
        let layers = Self.layers(of: plan)
        // Once steps have run, the path that took longest; before, the longest chain.
        let ran = timeline.bars.contains { $0.activity == .step && $0.end != nil }
        let critical = Set(ran ? timeline.criticalPath : Self.longestChain(plan))
        var lines = [
            style.bold("plan graph") + "  \(plan.steps.count) step\(plan.steps.count == 1 ? "" : "s") in \(layers.count) layer"
                + (layers.count == 1 ? "" : "s") + " · critical path "
                + plan.steps.map(\.id).filter(critical.contains).map(String.init).joined(separator: " → ")
                + style.dim(" (heavy boxes)")
        ]
        guard width >= Self.boxWidths.lowerBound + 2 else {
            for (index, layer) in layers.enumerated() {
                lines.append(
                    "  layer \(index + 1): "
                        + layer.map { "\($0.id) \(style.mark($0.state)) \($0.persona)" }.joined(separator: ", "))
            }
            return lines
        }
        let widest = layers.map(\.count).max() ?? 1
        let boxWidth = min(Self.boxWidths.upperBound, max(Self.boxWidths.lowerBound, (width - 2) / widest - Self.gap))
        let perRow = max(1, (width - 2 + Self.gap) / (boxWidth + Self.gap))
        for (index, layer) in layers.enumerated() {
            if index > 0 { lines.append("  " + String(repeating: " ", count: boxWidth / 2) + "↓") }
            for start in stride(from: 0, to: layer.count, by: perRow) {
                let row = layer[start..<min(layer.count, start + perRow)].map {
                    box($0, width: boxWidth, heavy: critical.contains($0.id))
                }
                for line in 0..<row[0].count {
                    lines.append("  " + row.map { $0[line] }.joined(separator: String(repeating: " ", count: Self.gap)))
                }
            }
        }
        return lines
    }

    /// A step's box, `width` columns wide, five lines high.
    private func box(_ step: PlanStep, width: Int, heavy: Bool) -> [String] {
        let (top, side, bottom) = heavy ? (("┏", "━", "┓"), "┃", ("┗", "━", "┛")) : (("┌", "─", "┐"), "│", ("└", "─", "┘"))
        let inner = width - 4
        func line(_ text: String, visible: Int) -> String {
            side + " " + text + String(repeating: " ", count: max(0, inner - visible)) + " " + side
        }
        let head = "\(step.id) \(step.persona)"
        let headText = Self.cut(head, inner - 2)
        let title = Self.cut(TerminalSanitizer.clean(step.title), inner)
        let after = step.dependsOn.isEmpty ? "first" : "after " + step.dependsOn.map(String.init).joined(separator: ", ")
        let afterText = Self.cut(after, inner)
        return [
            top.0 + String(repeating: top.1, count: width - 2) + top.2,
            line(style.mark(step.state) + " " + headText, visible: headText.count + 2),
            line(title, visible: title.count),
            line(style.dim(afterText), visible: afterText.count),
            bottom.0 + String(repeating: bottom.1, count: width - 2) + bottom.2,
        ]
    }

    /// The steps by layer: a step's layer is one past the deepest of its dependencies.
    static func layers(of plan: Plan) -> [[PlanStep]] {
        var depth: [Int: Int] = [:]
        func layer(of step: PlanStep, seen: Set<Int>) -> Int {
            if let known = depth[step.id] { return known }
            let below =
                step.dependsOn.filter { !seen.contains($0) }.compactMap { id in plan.steps.first { $0.id == id } }
                .map { layer(of: $0, seen: seen.union([step.id])) + 1 }.max() ?? 0
            depth[step.id] = below
            return below
        }
        let layered = plan.steps.map { ($0, layer(of: $0, seen: [])) }
        let count = (layered.map(\.1).max() ?? 0) + 1
        return (0..<count).map { index in layered.filter { $0.1 == index }.map(\.0) }.filter { !$0.isEmpty }
    }

    /// The longest chain of dependent steps by count: the critical path before anything has run.
    static func longestChain(_ plan: Plan) -> [Int] {
        var best: [Int: [Int]] = [:]
        func chain(to step: PlanStep, seen: Set<Int>) -> [Int] {
            if let known = best[step.id] { return known }
            let before =
                step.dependsOn.filter { !seen.contains($0) }.compactMap { id in plan.steps.first { $0.id == id } }
                .map { chain(to: $0, seen: seen.union([step.id])) }.max { $0.count < $1.count } ?? []
            best[step.id] = before + [step.id]
            return before + [step.id]
        }
        return plan.steps.map { chain(to: $0, seen: []) }.max { $0.count < $1.count } ?? []
    }

    private static func cut(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}
