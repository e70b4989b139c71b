public import Foundation
public import TroupeCore

/// `/timeline`: a Gantt chart of one request in the terminal — a row per step and per call of the
/// orchestrator, waiting (`░`, from when a step could start to its handoff) apart from running
/// (`█`), the number of workers in flight over time, and under it where the wall time and the
/// tokens went.
public struct TimelineView {
    let style: TextStyle
    /// The price of `usage` of `model`, when prices are configured.
    var cost: (_ usage: TokenUsage, _ model: String) -> Double?

    public init(style: TextStyle, cost: @escaping (_ usage: TokenUsage, _ model: String) -> Double? = { _, _ in nil }) {
        self.style = style
        self.cost = cost
    }

    /// Columns given to a row's label.
    static let labelWidth = 34

    /// The chart of `timeline` for a terminal `width` columns wide. A request still running is drawn
    /// up to `now` (the present, for the live shell) or, without it, up to its last event (a
    /// recording cut short).
    public func render(_ timeline: TurnTimeline, width: Int, now: Date? = nil) -> [String] {
        guard let start = timeline.start, !timeline.bars.isEmpty else {
            return ["No request has run yet: the timeline shows the current or last one."]
        }
        let lastEvent = timeline.bars.map { $0.end ?? $0.start }.max() ?? start
        let end = timeline.end ?? max(now ?? lastEvent, lastEvent)
        let total = max(end.timeIntervalSince(start), 0.001)
        let columns = max(10, width - Self.labelWidth - 12)
        let scale = Scale(start: start, seconds: total, columns: columns)
        let steps = timeline.bars.filter { $0.activity == .step }
        let inFlight = Self.concurrency(steps, scale: scale)
        var lines = [
            style.bold("timeline") + "  " + (timeline.end == nil ? "running · " : "")
                + "\(Self.duration(total)) wall · \(steps.count) step\(steps.count == 1 ? "" : "s")"
                + " · at most \(inFlight.max() ?? 0) worker\(inFlight.max() == 1 ? "" : "s") at once",
            style.dim("  ░ waiting to start  █ running"),
        ]
        for bar in timeline.bars.sorted(by: { ($0.start, $0.step ?? 0) < ($1.start, $1.step ?? 0) }) {
            let ready = bar.step.flatMap(timeline.ready)
            lines.append(row(bar, ready: ready, scale: scale, now: end))
        }
        lines.append(
            "  " + "in flight".padded(Self.labelWidth) + Self.sparkline(inFlight) + "  " + style.dim("max \(inFlight.max() ?? 0)")
        )
        lines += summary(timeline, wall: total)
        return lines
    }

    /// One bar: its label, the chart, its length.
    private func row(_ bar: TurnTimeline.Bar, ready: Date?, scale: Scale, now: Date) -> String {
        let label: String
        if let step = bar.step {
            label = "\(step) \(bar.status.map(style.mark) ?? "…") \(bar.persona) " + TerminalSanitizer.clean(bar.label)
        } else {
            label = style.dim("· \(bar.activity.rawValue)")
        }
        let runEnd = bar.end ?? now
        let waitFrom = ready.map { min($0, bar.start) } ?? bar.start
        var cells = Array(repeating: " ", count: scale.columns)
        let (waitStart, runStart, runStop) = (scale.column(waitFrom), scale.column(bar.start), scale.column(runEnd))
        for column in waitStart..<runStart where column < cells.count { cells[column] = "░" }
        for column in runStart...max(runStart, runStop - 1) where column < cells.count { cells[column] = "█" }
        let seconds = Self.duration(runEnd.timeIntervalSince(bar.start))
        return "  " + fitted(label, Self.labelWidth) + cells.joined() + " " + style.dim(seconds)
    }

    /// Wall time, the critical path with its model and Troupe time, tokens and cost per persona.
    private func summary(_ timeline: TurnTimeline, wall: Double) -> [String] {
        var lines: [String] = []
        let path = timeline.criticalPath
        if !path.isEmpty {
            let (seconds, model) = Self.pathTimes(path, in: timeline)
            lines.append(
                "  critical path " + path.map(String.init).joined(separator: " → ")
                    + ": \(Self.duration(seconds)) — model calls \(Self.duration(model)),"
                    + " Troupe \(Self.duration(max(0, seconds - model)))")
        }
        let personas = timeline.usageByPersona.sorted { $0.value.total > $1.value.total }
        if !personas.isEmpty {
            lines.append(
                "  tokens  "
                    + personas.map { persona, usage in
                        let price = timeline.modelsByPersona[persona].flatMap { cost(usage, $0) }
                        return "\(persona) \(EventRenderer.compact(usage.total))"
                            + (price.map { String(format: " ($%.4f)", $0) } ?? "")
                    }.joined(separator: " · "))
        }
        return lines
    }

    /// The seconds the steps of `path` ran, and how much of them their personas' model calls took.
    static func pathTimes(_ path: [Int], in timeline: TurnTimeline) -> (seconds: Double, model: Double) {
        var seconds = 0.0
        var model = 0.0
        for id in path {
            guard let bar = timeline.bars.first(where: { $0.step == id && $0.activity == .step }), let end = bar.end else {
                continue
            }
            seconds += end.timeIntervalSince(bar.start)
            let calls = timeline.modelCalls.filter { $0.agent == bar.persona && $0.start >= bar.start && $0.end <= end }
            model += calls.reduce(0) { $0 + $1.end.timeIntervalSince($1.start) }
        }
        return (seconds, min(model, seconds))
    }

    /// Steps running at each column's middle.
    static func concurrency(_ steps: [TurnTimeline.Bar], scale: Scale) -> [Int] {
        (0..<scale.columns).map { column in
            let time = scale.time(at: column)
            return steps.filter { $0.start <= time && ($0.end.map { time < $0 } ?? true) }.count
        }
    }

    /// `0.8 s`, or `12 ms` under a second (a scripted or offline run is that fast).
    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.1f s", seconds)
    }

    /// `counts` as block heights, the tallest for the largest.
    static func sparkline(_ counts: [Int]) -> String {
        let blocks = Array(" ▁▂▃▄▅▆▇█")
        let highest = max(1, counts.max() ?? 1)
        return String(counts.map { blocks[Int((Double($0) / Double(highest) * 8).rounded())] })
    }

    /// `text` cut or padded to `width` columns (styling not counted).
    private func fitted(_ text: String, _ width: Int) -> String {
        let visible = TerminalSanitizer.clean(text)
        guard visible.count >= width else { return text + String(repeating: " ", count: width - visible.count) }
        return String(visible.prefix(width - 2)) + "… "
    }
}

/// Seconds since a start mapped to chart columns.
struct Scale {
    let start: Date
    let seconds: Double
    let columns: Int

    func column(_ time: Date) -> Int {
        max(0, min(columns - 1, Int(time.timeIntervalSince(start) / seconds * Double(columns))))
    }

    func time(at column: Int) -> Date {
        start.addingTimeInterval((Double(column) + 0.5) / Double(columns) * seconds)
    }
}
