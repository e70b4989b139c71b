public import Foundation
import TroupeCore

/// The files a search or a listing looks at, as ripgrep chooses them: inside a git work tree what
/// git tracks or could track (`git ls-files --cached --others --exclude-standard`: `.gitignore`
/// files at every level, `.git/info/exclude`, the global excludes); elsewhere, or without git, a
/// walk that applies every `.gitignore` on the way. Hidden files and folders are left out unless
/// asked for; `.git` always; symbolic links are not followed (as ripgrep without `-L`). Nothing is
/// cut short: the caller decides what to show.
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

    /// The absolute paths of the regular files under `target` (itself, if a file), sorted, and
    /// how they were chosen (for the tool's headline). Paths, not URLs: a URL per file of a large
    /// tree costs more than the walk.
    public func files(under target: URL, options: Options = .init()) -> (paths: [String], source: String) {
        guard DirectoryEntries.kind(of: target.path) == .directory else { return ([target.path], "one file") }
        if options.respectIgnores, let listed = gitFiles(under: target) {
            let base = target.path.hasSuffix("/") ? target.path : target.path + "/"
            let kept = listed.filter { relative in
                (options.includeHidden || !relative.split(separator: "/").contains { $0.hasPrefix(".") })
                    && DirectoryEntries.kind(of: base + relative) == .file
            }
            return (kept.sorted().map { base + $0 }, "files git tracks or could track")
        }
        let start = Folder(path: target.path, ignores: inheritedIgnores(for: target, options: options))
        let found = ParallelWalk.run(from: start) { folder in Self.read(folder, options: options) }
        let source = options.respectIgnores ? ".gitignore rules applied" : "ignore rules not applied"
        return (found.sorted(), source)
    }

    /// `git ls-files` run in `folder`, or nil when git is missing or `folder` is not in a work tree.
    private func gitFiles(under folder: URL) -> [String]? {
        let listing = CapturedProcess.run([
            "/usr/bin/env", "git", "-C", folder.path, "ls-files", "-z", "--cached", "--others", "--exclude-standard",
        ])
        guard let listing, listing.status == 0 else { return nil }
        var seen = Set<String>()
        return listing.output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { seen.insert($0).inserted }
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
        rules(inPath: folder.path)
    }

    private static func rules(inPath folder: String) -> GitIgnore? {
        guard let text = try? String(contentsOfFile: folder + "/.gitignore", encoding: .utf8) else { return nil }
        let rules = GitIgnore(text)
        return rules.isEmpty ? nil : rules
    }

    /// A folder to read and the ignore rules that apply in it, each with the path prefix from its
    /// rule file's folder.
    struct Folder: Sendable {
        var path: String
        var ignores: [(prefix: String, rules: GitIgnore)]
    }

    /// The files of `folder` and the subfolders to walk next, deepest `.gitignore` deciding first;
    /// an ignored folder is skipped whole (git never looks inside one, so nothing in it can be
    /// re-included).
    private static func read(_ folder: Folder, options: Options) -> (found: [String], subfolders: [Folder]) {
        var ignores = folder.ignores
        guard let entries = DirectoryEntries.of(folder.path) else { return ([], []) }
        if options.respectIgnores, entries.contains(where: { $0.name == ".gitignore" }), let own = rules(inPath: folder.path) {
            ignores.append(("", own))
        }
        var found: [String] = []
        var subfolders: [Folder] = []
        for entry in entries {
            if entry.name == ".git" || (!options.includeHidden && entry.name.hasPrefix(".")) { continue }
            guard entry.kind == .file || entry.kind == .directory else { continue }
            let isDirectory = entry.kind == .directory
            if !ignores.isEmpty, isIgnored(entry.name, isDirectory: isDirectory, by: ignores) { continue }
            let path = folder.path + "/" + entry.name
            if isDirectory {
                subfolders.append(Folder(path: path, ignores: ignores.map { ($0.prefix + entry.name + "/", $0.rules) }))
            } else {
                found.append(path)
            }
        }
        return (found, subfolders)
    }

    /// The deepest rule file with a verdict decides.
    private static func isIgnored(_ name: String, isDirectory: Bool, by ignores: [(prefix: String, rules: GitIgnore)]) -> Bool {
        for ignore in ignores.reversed() {
            if let verdict = ignore.rules.verdict(ignore.prefix + name, isDirectory: isDirectory) { return verdict }
        }
        return false
    }
}
