import TroupeCore

/// The plan as an SVG drawing for the HTML report: steps as boxes in layers (as `/graph` lays
/// them out), an arrow from each step to each step waiting for it, the critical path drawn
/// heavier. Every text in it is escaped.
struct PlanGraphSVG {
    static let boxWidth = 180
    static let boxHeight = 46
    static let gapX = 24
    static let gapY = 40

    func render(_ plan: Plan, critical: Set<Int>) -> String {
        let layers = PlanGraphView.layers(of: plan)
        let widest = layers.map(\.count).max() ?? 1
        let width = widest * (Self.boxWidth + Self.gapX) + Self.gapX
        let height = layers.count * (Self.boxHeight + Self.gapY) + Self.gapY
        var centers: [Int: (x: Int, top: Int, bottom: Int)] = [:]
        var boxes: [String] = []
        for (row, layer) in layers.enumerated() {
            let offset = (width - layer.count * (Self.boxWidth + Self.gapX) + Self.gapX) / 2
            for (column, step) in layer.enumerated() {
                let x = offset + column * (Self.boxWidth + Self.gapX)
                let y = Self.gapY + row * (Self.boxHeight + Self.gapY)
                centers[step.id] = (x + Self.boxWidth / 2, y, y + Self.boxHeight)
                let heavy = critical.contains(step.id)
                let title = step.title.count > 26 ? String(step.title.prefix(25)) + "…" : step.title
                boxes.append(
                    "<g class=\"step \(step.state.rawValue)\"><rect x=\"\(x)\" y=\"\(y)\" width=\"\(Self.boxWidth)\" "
                        + "height=\"\(Self.boxHeight)\" rx=\"6\" stroke-width=\"\(heavy ? 3 : 1)\"/>"
                        + "<text x=\"\(x + 8)\" y=\"\(y + 18)\">\(step.id) · \(HTMLEscape.text(step.persona)) · "
                        + "\(step.state.rawValue)</text><text x=\"\(x + 8)\" y=\"\(y + 36)\">\(HTMLEscape.text(title))</text>"
                        + "<title>\(HTMLEscape.text(step.title))</title></g>")
            }
        }
        var edges: [String] = []
        for step in plan.steps {
            guard let to = centers[step.id] else { continue }
            for dependency in step.dependsOn {
                guard let from = centers[dependency] else { continue }
                edges.append(
                    "<line x1=\"\(from.x)\" y1=\"\(from.bottom)\" x2=\"\(to.x)\" y2=\"\(to.top)\" marker-end=\"url(#arrow)\"/>")
            }
        }
        return "<svg class=\"graph\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
            + "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
            + edges.joined() + boxes.joined() + "</svg>"
    }
}
