/// Python's declarations: classes, and functions (`def`, `async def`), methods nested under their
/// classes by indentation. Functions defined inside functions are left out, as brace languages'
/// function bodies are.
enum PythonOutline {
    static let rules = LexicalRules(
        lineComment: [UInt8(ascii: "#")], blockComments: false, quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")],
        tripleQuotes: [UInt8(ascii: "\""), UInt8(ascii: "'")])

    /// A `class` or `def` whose body the lines being read may be in.
    private struct Block {
        var indent: Int
        var isClass: Bool
    }

    /// The declarations of `lines`, in order.
    static func declarations(in lines: [SourceLine]) -> [Declaration] {
        var found: [Declaration] = []
        var open: [Block] = []
        var brackets = 0
        var continued = false
        for index in lines.indices {
            let line = lines[index]
            let startsStatement = brackets == 0 && !continued && line.startsInCode
            for byte in line.code.utf8 {
                switch byte {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): brackets += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): brackets = max(0, brackets - 1)
                default: break
                }
            }
            continued = line.code.trimmingTrailingSpaces.hasSuffix("\\")
            guard startsStatement, !line.isBlank else { continue }
            while let last = open.last, last.indent >= line.indent { open.removeLast() }
            var cursor = CodeCursor(line.code)
            _ = cursor.take(word: "async")
            guard let keyword = cursor.word(), keyword == "def" || keyword == "class", let name = cursor.word() else { continue }
            let insideFunction = open.contains { !$0.isClass }
            let enclosingClasses = open.count
            open.append(Block(indent: line.indent, isClass: keyword == "class"))
            guard !insideFunction else { continue }
            let kind: Declaration.Kind = keyword == "class" ? .class : enclosingClasses > 0 ? .method : .function
            found.append(
                Declaration(
                    kind: kind, name: String(name), line: line.number, depth: enclosingClasses,
                    signature: Signature.of(lines, at: index, dropping: [":"])))
        }
        return found
    }
}
