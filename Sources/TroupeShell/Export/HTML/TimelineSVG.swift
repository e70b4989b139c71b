import Foundation
import TroupeCore

/// A request's timeline as an SVG chart for the HTML report: a row per step and per call of the
/// orchestrator, waiting drawn apart from running, with the seconds on an axis. Every text in it
/// is escaped.
struct TimelineSVG {
    static let labelWidth = 260
    static let chartWidth = 560
    static let rowHeight = 22

    func render(_ timeline: TurnTimeline) -> String {
        guard let start = timeline.start, !timeline.bars.isEmpty else { return "" }
        let end = timeline.end ?? timeline.bars.map { $0.end ?? $0.start }.max() ?? start
        let total = max(end.timeIntervalSince(start), 0.001)
        func x(_ time: Date) -> Int { Self.labelWidth + Int(time.timeIntervalSince(start) / total * Double(Self.chartWidth)) }
        let bars = timeline.bars.sorted { ($0.start, $0.step ?? 0) < ($1.start, $1.step ?? 0) }
        var rows: [String] = []
        for (index, bar) in bars.enumerated() {
            let y = 8 + index * Self.rowHeight
            let label =
                bar.step.map { "\($0) · \(bar.persona) · \(bar.label)" } ?? "\(bar.activity.rawValue) · \(bar.persona)"
            let shown = label.count > 40 ? String(label.prefix(39)) + "…" : label
            var row = "<text x=\"4\" y=\"\(y + 14)\">\(HTMLEscape.text(shown))</text>"
            if let ready = bar.step.flatMap(timeline.ready), ready < bar.start {
                row +=
                    "<rect class=\"waiting\" x=\"\(x(ready))\" y=\"\(y + 3)\" width=\"\(max(1, x(bar.start) - x(ready)))\" height=\"14\"/>"
            }
            let running = max(1, x(bar.end ?? end) - x(bar.start))
            let seconds = String(format: "%.3f s", (bar.end ?? end).timeIntervalSince(bar.start))
            row +=
                "<rect class=\"running \(bar.activity.rawValue)\" x=\"\(x(bar.start))\" y=\"\(y + 3)\" width=\"\(running)\" "
                + "height=\"14\"><title>\(HTMLEscape.text(label)): \(seconds)</title></rect>"
            rows.append(row)
        }
        let height = 8 + bars.count * Self.rowHeight + 20
        let width = Self.labelWidth + Self.chartWidth + 10
        let axis =
            "<text x=\"\(Self.labelWidth)\" y=\"\(height - 4)\">0 s</text>"
            + "<text x=\"\(Self.labelWidth + Self.chartWidth - 60)\" y=\"\(height - 4)\">\(String(format: "%.2f s", total))</text>"
        return "<svg class=\"timeline\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\">" + rows.joined() + axis + "</svg>"
    }
}
