/// Finds the declarations of one source file with a light line-based scanner for its language,
/// told by the file's extension: comments and string literals stepped over, braces (or Python's
/// indentation) followed to nest members under their types. Fast and forgiving rather than exact:
/// code a real parser would reject still gives an outline.
struct OutlineScanner: Sendable {
    /// The languages outlined.
    enum Language: Sendable {
        case swift, python, javaScript, go, rust, cFamily, java
    }

    let language: Language

    /// The extensions read, each with its language.
    static let languages: [String: Language] = [
        "swift": .swift, "py": .python, "js": .javaScript, "jsx": .javaScript, "mjs": .javaScript, "cjs": .javaScript,
        "ts": .javaScript, "tsx": .javaScript, "go": .go, "rs": .rust, "c": .cFamily, "h": .cFamily, "cc": .cFamily,
        "cpp": .cFamily, "cxx": .cFamily, "hpp": .cFamily, "hh": .cFamily, "java": .java,
    ]

    /// The scanner for files ending in `fileExtension` (any case); nil when no scanner reads them.
    init?(fileExtension: String) {
        guard let language = Self.languages[fileExtension.lowercased()] else { return nil }
        self.language = language
    }

    /// The scanner for the file at `path`, by its extension; nil when no scanner reads it.
    init?(path: String) {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(fileExtension: String(name[name.index(after: dot)...]))
    }

    /// The declarations of a file's contents (UTF-8), in order, and how many lines it has.
    func outline(_ bytes: [UInt8]) -> (declarations: [Declaration], lineCount: Int) {
        let lines = SourceLexer(rules: rules).lines(of: bytes)
        let declarations: [Declaration]
        switch language {
        case .swift: declarations = BraceScanner.declarations(in: lines, by: SwiftOutline())
        case .python: declarations = PythonOutline.declarations(in: lines)
        case .javaScript: declarations = BraceScanner.declarations(in: lines, by: JavaScriptOutline())
        case .go: declarations = BraceScanner.declarations(in: lines, by: GoOutline())
        case .rust: declarations = BraceScanner.declarations(in: lines, by: RustOutline())
        case .cFamily: declarations = BraceScanner.declarations(in: lines, by: CFamilyOutline())
        case .java: declarations = BraceScanner.declarations(in: lines, by: JavaOutline())
        }
        return (declarations, lines.count)
    }

    private var rules: LexicalRules {
        switch language {
        case .swift: return SwiftOutline.rules
        case .python: return PythonOutline.rules
        case .javaScript: return JavaScriptOutline.rules
        case .go: return GoOutline.rules
        case .rust: return RustOutline.rules
        case .cFamily: return CFamilyOutline.rules
        case .java: return JavaOutline.rules
        }
    }
}
