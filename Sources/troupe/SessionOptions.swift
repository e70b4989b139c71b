import ArgumentParser

/// Options every session-starting command shares.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: "The model: 'offline' (built in, no network) or 'script:FILE' (scripted replies).")
    var model: String = "offline"

    @Option(name: .long, help: "The folder the workers' file tools may read (default: the current folder).")
    var workspace: String?

    @Option(name: .long, help: "Where to write the session transcript (default: $XDG_DATA_HOME/troupe/transcripts).")
    var transcripts: String?

    @Flag(name: .long, help: "Do not record a transcript.")
    var noTranscript = false

    @Option(name: .long, help: "Steps that may run at once.")
    var maxParallel: Int = 4
}
