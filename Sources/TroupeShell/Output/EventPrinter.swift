public import TroupeCore

/// Prints events as the shell shows them: progress lines, the answer as it streams, and the
/// usage line after each turn. Used by the shell and by `troupe replay`.
public final class EventPrinter: Sendable {
    private let renderer: EventRenderer
    private let sink: OutputSink
    /// Tokens and cost of the turn and the session, as printed.
    public let meter: UsageMeter
    private let answer = StreamedAnswer()
    private let style: TextStyle

    public init(style: TextStyle, personas: [Persona], prices: PriceTable, sink: OutputSink) {
        self.renderer = EventRenderer(
            style: style,
            colors: Dictionary(
                personas.compactMap { persona in persona.color.map { (persona.name, $0) } }, uniquingKeysWith: { a, _ in a }))
        self.sink = sink
        self.meter = UsageMeter(prices: prices)
        self.style = style
    }

    /// Prints `event`.
    public func print(_ event: TroupeEvent) {
        meter.apply(event)
        let rendered = renderer.render(event)
        let presented = answer.present(event, rendered: rendered)
        if let fragment = presented.fragment { sink.answerFragment(fragment) }
        sink.answer(presented.answer)
        sink.progress(rendered.progress)
        if case .planCompleted = event.kind { sink.progress([meter.line(style: style)]) }
    }
}
