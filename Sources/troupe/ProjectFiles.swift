import ArgumentParser
import Foundation
import TroupeCore
import TroupeMCP

/// The working folder's own configuration files — which a cloned repository controls —
/// `.troupe/config` and `.mcp.json`, read before the session decides what of them to apply.
struct ProjectFiles {
    let configPath: String
    let mcpPath: String
    /// `.troupe/config`, without what a project may never set for itself.
    var config: ConfigFile
    /// What was left out of it, and why.
    let warnings: [String]

    init(folder: URL, options: SessionOptions) throws {
        let configURL = folder.appendingPathComponent(".troupe/config")
        configPath = configURL.path
        mcpPath = folder.appendingPathComponent(".mcp.json").path
        do {
            (config, warnings) = Self.withoutSelfGrantedAutonomy(try ConfigFile.load(configURL), path: configURL.path)
        } catch {
            throw ValidationError(error.localizedDescription)
        }
    }

    /// The servers of the user's `mcp.json` and this folder's `.mcp.json` (the project's wins by
    /// name), not started, and the files that could not be read as a whole.
    func mcpEntries(userFile: URL, environment: [String: String]) -> (entries: [MCPServerEntry], problems: [String]) {
        let root = URL(fileURLWithPath: mcpPath).deletingLastPathComponent().path
        return MCPConfigFile.load(
            [(userFile, .user), (URL(fileURLWithPath: mcpPath), .project)], projectRoot: root, environment: environment)
    }

    /// A project's configuration may not turn the questions off for every persona, nor loosen the
    /// commands' sandbox: its `permission_mode: auto`, `approval: auto` and a `sandbox` other than
    /// `on` are left out, with a warning (the user's own configuration and the flags can set
    /// them), trusted or not.
    static func withoutSelfGrantedAutonomy(_ config: ConfigFile, path: String) -> (ConfigFile, [String]) {
        var config = config
        var warnings: [String] = []
        if let steps = config.maxPlanSteps, steps > Plan.defaultMaxSteps {
            warnings.append(
                "\(path): max_plan_steps: \(steps) is not taken from a project's configuration (it may lower the cap, not raise it)"
            )
            config.maxPlanSteps = nil
        }
        if let sandbox = config.sandbox, sandbox != "on" {
            warnings.append(
                "\(path): sandbox: \(sandbox) is not taken from a project's configuration (use --sandbox \(sandbox) or your own config)"
            )
            config.sandbox = nil
        }
        for (field, value) in [("permission_mode", config.permissionMode), ("approval", config.approval)] where value == "auto" {
            let flag = field.replacingOccurrences(of: "_", with: "-")
            warnings.append(
                "\(path): \(field): auto is not taken from a project's configuration (use --\(flag) auto or your own config)")
        }
        if config.permissionMode == "auto" { config.permissionMode = nil }
        if config.approval == "auto" { config.approval = nil }
        return (config, warnings)
    }
}
