import Foundation

/// The personas compiled into the binary from `Sources/TroupeCore/BuiltinPersonas/*.md`
/// (the repository's `personas/` folder links there), so `troupe` works from any directory.
public enum BuiltinPersonas {
    /// The file name and text of each built-in persona file.
    static let files: [(name: String, bytes: [UInt8])] = [
        ("orchestrator.md", PackageResources.orchestrator_md),
        ("researcher.md", PackageResources.researcher_md),
        ("analyst.md", PackageResources.analyst_md),
        ("coder.md", PackageResources.coder_md),
        ("writer.md", PackageResources.writer_md),
    ]

    /// The parsed built-in personas. A broken built-in file is a build defect caught by tests.
    public static let all: [Persona] = files.compactMap { file in
        try? PersonaParser.parse(
            String(decoding: file.bytes, as: UTF8.self), path: "built-in:\(file.name)", source: .builtin)
    }
}
