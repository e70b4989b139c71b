import Foundation

/// The environment a child process gets — a command a worker runs, an MCP server — without the
/// secrets of the user's: provider keys and anything named like a key, token, password or
/// secret stay in Troupe. A server whose own configuration names a variable still gets it.
package enum ChildEnvironment {
    /// Whether a variable named `name` holds a secret.
    package static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("_KEY") || upper.hasSuffix("_TOKEN") || upper.hasSuffix("_PAT") || upper.contains("API_KEY")
            || upper.contains("APIKEY") || upper.contains("SECRET") || upper.contains("PASSWORD") || upper.contains("PASSWD")
            || upper.contains("CREDENTIAL") || upper == "TOKEN"
    }

    /// `environment` without its secrets, then `added` on top (those are kept whatever their name).
    package static func scrubbed(_ environment: [String: String], adding added: [String: String] = [:]) -> [String: String] {
        environment.filter { !isSecret($0.key) }.merging(added) { _, new in new }
    }

    /// This process's environment without its secrets and without `removed`, `added` on top, as
    /// `KEY=value` C strings for `posix_spawn` (null-terminated; free each with `free`).
    package static func scrubbedForSpawn(
        adding added: [String: String] = [:], removing removed: [String] = []
    ) -> [UnsafeMutablePointer<CChar>?] {
        var environment = scrubbed(ProcessInfo.processInfo.environment, adding: added)
        for name in removed { environment[name] = nil }
        return environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    }
}
