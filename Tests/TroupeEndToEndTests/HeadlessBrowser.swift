import Foundation
import TroupeTesting

/// A real headless Chromium, for checking what a browser makes of the HTML report: the DOM it
/// builds (`--dump-dom`) and the page it draws (`--screenshot`).
///
/// Found as `TROUPE_BROWSER`, else `chromium-headless-shell` or `chromium` on the `PATH`;
/// `scripts/test` installs Debian's `chromium-headless-shell` when none is there and sets
/// `TROUPE_REQUIRE_BROWSER`, so CI cannot pass without the check.
struct HeadlessBrowser {
    let executable: String
    /// A private profile folder, so no run reads or leaves a user's browser state.
    private let profile: URL

    /// The browser on this machine, or nil when there is none.
    static func find() -> HeadlessBrowser? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let chosen = environment["TROUPE_BROWSER"], !chosen.isEmpty { candidates.append(chosen) }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium-headless-shell", "chromium", "google-chrome"] {
            candidates += folders.map { "\($0)/\(name)" }
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        return HeadlessBrowser(executable: found)
    }

    /// Whether a missing browser fails the test instead of skipping it.
    static var isRequired: Bool { ProcessInfo.processInfo.environment["TROUPE_REQUIRE_BROWSER"] == "1" }

    init(executable: String) {
        self.executable = executable
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-browser-\(UUID().uuidString)")
    }

    /// The document `page` becomes once the browser has parsed and laid it out, serialized.
    func dumpDOM(of page: URL) throws -> String {
        let output = try run(["--dump-dom", page.absoluteString])
        return String(decoding: output, as: UTF8.self)
    }

    /// Draws `page` in a window `width` × `height` into the PNG file `image`.
    func screenshot(of page: URL, into image: URL, width: Int = 1100, height: Int = 1400) throws {
        _ = try run(["--window-size=\(width),\(height)", "--hide-scrollbars", "--screenshot=\(image.path)", page.absoluteString])
    }

    /// Runs the browser headless with `arguments`, stopped after a minute at most, and returns its
    /// standard output. (`--no-sandbox` because CI runs as root, where Chromium's own sandbox
    /// refuses to start; the pages are the report's own, with a policy that forbids scripts.)
    private func run(_ arguments: [String]) throws -> Data {
        defer { try? FileManager.default.removeItem(at: profile) }
        let finished = try FinishedProcess.run(
            "/usr/bin/timeout",
            [
                "60", executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=\(profile.path)",
            ] + arguments)
        guard finished.status == 0 else { throw BrowserFailure(status: finished.status, arguments: arguments) }
        return finished.output
    }
}

/// The browser exited with a failure (124: it ran past its minute).
struct BrowserFailure: Error, CustomStringConvertible {
    let status: Int32
    let arguments: [String]
    var description: String { "the browser exited with \(status) for \(arguments.joined(separator: " "))" }
}
