import Foundation
import TroupeCore

/// The files a search or a listing looks at, as ripgrep chooses them: inside a git work tree what
/// git tracks or could track (`git ls-files --cached --others --exclude-standard`: `.gitignore`
/// files at every level, `.git/info/exclude`, the global excludes); elsewhere, or without git, a
/// walk that applies every `.gitignore` on the way. Hidden files and folders are left out unless
/// asked for; `.git` always. Nothing is cut short: the caller decides what to show.
public struct FileSet: Sendable {
    let workspace: Workspace

    /// What to look at.
    public struct Options: Sendable {
        /// Apply ignore files (`no_ignore` turns this off).
        public var respectIgnores = true
        /// Include files and folders whose name starts with a dot.
        public var includeHidden = false

        public init(respectIgnores: Bool = true, includeHidden: Bool = false) {
            self.respectIgnores = respectIgnores
            self.includeHidden = includeHidden
        }
    }

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// The regular files under `target` (itself, if a file), sorted by path, and how they were
    /// chosen (for the tool's headline).
    public func files(under target: URL, options: Options = .init()) -> (files: [URL], source: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([target], "one file")
        }
        if options.respectIgnores, let listed = gitFiles(under: target) {
            let kept = listed.filter { relative in
                options.includeHidden || !relative.split(separator: "/").contains { $0.hasPrefix(".") }
            }
            .map { target.appendingPathComponent($0) }
            .filter { isRegularInside($0) }
            return (kept.sorted { $0.path < $1.path }, "files git tracks or could track")
        }
        var found: [URL] = []
        walk(target, ignores: inheritedIgnores(for: target, options: options), options: options, into: &found)
        let source = options.respectIgnores ? ".gitignore rules applied" : "ignore rules not applied"
        return (found.sorted { $0.path < $1.path }, source)
    }

    /// `git ls-files` run in `folder`, or nil when git is missing or `folder` is not in a work tree.
    private func gitFiles(under folder: URL) -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        process.environment = ChildEnvironment.scrubbed(ProcessInfo.processInfo.environment)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var seen = Set<String>()
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { seen.insert($0).inserted }
    }

    /// The `.gitignore` rules of the folders from the workspace root down to `target`'s parent,
    /// each with the path prefix that leads from its folder to `target`.
    private func inheritedIgnores(for target: URL, options: Options) -> [(prefix: String, rules: GitIgnore)] {
        guard options.respectIgnores else { return [] }
        let relative = workspace.relativePath(target)
        guard relative != "." else { return [] }
        var result: [(prefix: String, rules: GitIgnore)] = []
        let components = relative.split(separator: "/").map(String.init)
        var folder = workspace.root
        for (depth, component) in components.enumerated() {
            if let rules = Self.rules(in: folder) {
                result.append((components[depth...].joined(separator: "/") + "/", rules))
            }
            folder = folder.appendingPathComponent(component)
        }
        return result
    }

    private static func rules(in folder: URL) -> GitIgnore? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8) else { return nil }
        let rules = GitIgnore(text)
        return rules.isEmpty ? nil : rules
    }

    /// Walks `folder`, deepest `.gitignore` deciding first, skipping ignored folders whole (git
    /// never looks inside an ignored folder, so nothing in it can be re-included).
    private func walk(_ folder: URL, ignores: [(prefix: String, rules: GitIgnore)], options: Options, into found: inout [URL]) {
        var ignores = ignores
        if options.respectIgnores, let own = Self.rules(in: folder) { ignores.append(("", own)) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() {
            if name == ".git" || (!options.includeHidden && name.hasPrefix(".")) { continue }
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if Self.isIgnored(name, isDirectory: isDirectory.boolValue, by: ignores) { continue }
            if isDirectory.boolValue {
                if (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]))?.isSymbolicLink == true { continue }
                let inside = ignores.map { (prefix: $0.prefix + name + "/", rules: $0.rules) }
                walk(url, ignores: inside, options: options, into: &found)
            } else if isRegularInside(url) {
                found.append(url)
            }
        }
    }

    /// The deepest rule file with a verdict decides.
    private static func isIgnored(_ name: String, isDirectory: Bool, by ignores: [(prefix: String, rules: GitIgnore)]) -> Bool {
        for ignore in ignores.reversed() {
            if let verdict = ignore.rules.verdict(ignore.prefix + name, isDirectory: isDirectory) { return verdict }
        }
        return false
    }

    /// A regular file whose real location is inside the workspace (a symlink out is left out).
    private func isRegularInside(_ url: URL) -> Bool {
        let resolved = url.resolvingSymlinksInPath()
        guard (try? resolved.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { return false }
        let root = workspace.root.path
        return resolved.path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
