import Foundation

/// The `troupe` executable built beside `troupe-bench`, for the benchmarks that run the shell.
enum TroupeBinary {
    /// Its URL, or nil when it has not been built (`swift build -c release --product troupe`).
    static func beside() -> URL? {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("troupe")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }
}
