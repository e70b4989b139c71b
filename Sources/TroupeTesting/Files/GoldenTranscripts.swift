public import Foundation

/// The recorded sessions in the repository's `transcripts/` folder, which the suites replay,
/// render and re-encode as goldens.
public enum GoldenTranscripts {
    /// The `transcripts/` folder of this checkout.
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("transcripts")

    /// Every golden transcript (`*.jsonl`), sorted by path.
    public static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "jsonl" }.sorted { $0.path < $1.path }
    }
}
