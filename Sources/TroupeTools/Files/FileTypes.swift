/// ripgrep's `--type` names for common languages and formats, with the file names they cover
/// (a subset: `rg --type-list` has the rest).
enum FileTypes {
    static let globs: [String: [String]] = [
        "swift": ["*.swift"], "py": ["*.py", "*.pyi"], "python": ["*.py", "*.pyi"],
        "js": ["*.js", "*.jsx", "*.mjs", "*.cjs"], "ts": ["*.ts", "*.tsx", "*.mts", "*.cts"],
        "go": ["*.go"], "rust": ["*.rs"], "rs": ["*.rs"], "c": ["*.c", "*.h"],
        "cpp": ["*.cpp", "*.cc", "*.cxx", "*.hpp", "*.hh", "*.hxx", "*.h", "*.inl"], "java": ["*.java"],
        "kotlin": ["*.kt", "*.kts"], "ruby": ["*.rb", "Gemfile", "Rakefile"], "php": ["*.php"],
        "cs": ["*.cs"], "md": ["*.md", "*.markdown"], "markdown": ["*.md", "*.markdown"], "json": ["*.json"],
        "yaml": ["*.yaml", "*.yml"], "toml": ["*.toml"], "html": ["*.html", "*.htm"], "css": ["*.css", "*.scss"],
        "sh": ["*.sh", "*.bash", "*.zsh"], "txt": ["*.txt"], "sql": ["*.sql"], "xml": ["*.xml"],
    ]

    /// The globs of `type`, or nil when ripgrep's name is not known here.
    static func patterns(_ type: String) -> [GlobPattern]? {
        globs[type.lowercased()].map { $0.compactMap { GlobPattern($0) } }
    }
}
