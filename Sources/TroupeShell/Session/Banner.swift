import TroupeCore

/// The lines printed when the shell starts.
enum Banner {
    static func lines(_ context: ShellContext) -> [String] {
        let style = context.style
        let count = context.catalog.personas.count
        let recording = context.transcriptPath.map { "recording \($0)" } ?? "not recording"
        let models = context.models.identifiers
        var lines = [
            style.bold("troupe \(context.version)") + " · model \(models.session) · \(count) personas · " + style.dim(recording)
        ]
        for (persona, model) in models.overrides.sorted(by: { $0.key < $1.key }) {
            lines.append(style.dim("  \(persona) uses \(model)"))
        }
        if models.session == OfflineModel().identifier {
            lines.append(
                style.dim(
                    "  offline: no language model; plans by sentence structure, routes by capability, lists/reads/searches/counts files here."
                ))
            lines.append(style.dim("  \(OfflineModel.providerHint)"))
        }
        lines.append(
            style.dim("  personas: ") + context.catalog.personas.map { style.color($0.name, $0.color) }.joined(separator: ", "))
        for warning in context.warnings {
            lines.append(style.failure("  warning: ") + warning)
        }
        for problem in context.catalog.problems {
            lines.append(style.failure("  skipped persona file: ") + (problem.error.errorDescription ?? problem.path))
        }
        if let resumed = context.resumed {
            let last =
                resumed.requests.last.map { ": last request \"\(TerminalSanitizer.clean(EventRenderer.shortened($0, to: 60)))\"" }
                ?? ""
            lines.append(
                style.bold("  resumed") + " session \(resumed.header.sessionID.prefix(8)) from \(resumed.header.started) · "
                    + "\(resumed.requests.count) request(s)\(last) · /plan, /ledger and /handoffs show where it stopped")
        }
        lines.append(style.dim("  /help for commands · @persona to address one · Ctrl-C cancels a turn · Ctrl-D exits"))
        return lines
    }
}
