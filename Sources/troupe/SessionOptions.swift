import ArgumentParser

/// Options every session-starting command shares.
struct SessionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            The model: provider/model (openai/gpt-4.1, anthropic/claude-sonnet-4-5, ollama/qwen3), an alias \
            (gpt, claude, sonnet, haiku, opus), 'offline' (built in, no network) or 'script:FILE' (scripted replies). \
            Default: $TROUPE_MODEL, else the provider of a set API key, else a running Ollama, else offline.
            """)
    var model: String?

    @Option(name: .long, help: "Seconds to wait for a provider's response to start (default 30).")
    var connectTimeout: Int?

    @Option(name: .long, help: "Seconds a provider's stream may stay silent before the call fails (default 120).")
    var idleTimeout: Int?

    @Option(name: .long, help: "The folder the workers' file tools may read (default: the current folder).")
    var workspace: String?

    @Option(name: .long, help: "Where to write the session transcript (default: $XDG_DATA_HOME/troupe/transcripts).")
    var transcripts: String?

    @Option(name: .long, help: "Continue a recorded session (its id, the start of it, or a transcript's path).")
    var resume: String?

    @Flag(
        name: .long,
        help: "Apply this folder's own MCP servers, persona permissions and scripted models for this session without asking.")
    var trustProject = false

    @Option(
        name: .long,
        help:
            "on (default): run_command is sandboxed (writes in the workspace, its own TMPDIR and ~/.cache only; no network, no Unix sockets); network: the same with IPv4 and IPv6; off: unrestricted."
    )
    var sandbox: String?

    @Flag(name: .long, help: "Do not record a transcript.")
    var noTranscript = false

    @Option(name: .long, help: "Tokens one request may use before it stops cleanly (default: unlimited).")
    var maxTokens: Int?

    @Option(name: .long, help: "US dollars one request may spend before it stops cleanly (needs `prices` in the config).")
    var maxCost: Double?

    @Option(
        name: .long,
        help:
            "Approval of handoffs for every persona: auto, ask or risk (default: each persona's own; risk asks before personas that write files or run commands)."
    )
    var approval: String?

    @Option(
        name: .long,
        help:
            "What every persona's tools may do unasked: ask, accept-edits (file changes), read-only or auto (default: each persona's own, ask)."
    )
    var permissionMode: String?

    @Option(
        name: .long,
        help:
            "When a proposed plan is shown for acceptance before it runs: always, never or auto (more than plan_review_steps steps, or a persona that writes files or runs commands). Default never."
    )
    var planReview: String?

    @Option(name: .long, help: "Steps that may run at once (default 4).")
    var maxParallel: Int?

    @Option(name: .long, help: "Stalls of the progress ledger before the orchestrator re-plans (default 3).")
    var maxStalls: Int?

    @Option(name: .long, help: "Re-plans per request before the orchestrator hands it back to you (default 3).")
    var maxReplans: Int?
}
