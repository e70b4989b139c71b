import TroupeCore

/// The lines printed when the shell starts.
enum Banner {
    static func lines(_ context: ShellContext) -> [String] {
        let style = context.style
        let count = context.catalog.personas.count
        let recording = context.transcriptPath.map { "recording \($0)" } ?? "not recording"
        var lines = [
            style.bold("troupe \(context.version)") + " · model \(context.modelIdentifier) · \(count) personas · "
                + style.dim(recording)
        ]
        if context.modelIdentifier == OfflineModel().identifier {
            lines.append(
                style.dim(
                    "  offline: no language model; plans by sentence structure, routes by capability, lists/reads/searches/counts files here."
                ))
            lines.append(style.dim("  \(OfflineModel.providerHint)"))
        }
        lines.append(
            style.dim("  personas: ") + context.catalog.personas.map { style.color($0.name, $0.color) }.joined(separator: ", "))
        for problem in context.catalog.problems {
            lines.append(style.failure("  skipped persona file: ") + (problem.error.errorDescription ?? problem.path))
        }
        lines.append(style.dim("  /help for commands · @persona to address one · Ctrl-C cancels a turn · Ctrl-D exits"))
        return lines
    }
}
