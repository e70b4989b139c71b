/// Finds the declarations of a file in a brace language: asks the language what each line
/// declares where declarations may stand (the top of the file, the body of a type or namespace),
/// and follows the braces to nest members under their containers and to pass over function
/// bodies and other blocks whole.
enum BraceScanner {
    /// A block open at the line being read.
    private struct Scope {
        /// The container whose body the block is, as an index into the declarations found.
        var container: Int?
        /// Whether declarations may stand in it: a container's body or a transparent block, not
        /// a function body or any other block.
        var admitsDeclarations: Bool

        static let block = Scope(container: nil, admitsDeclarations: false)
        static let transparent = Scope(container: nil, admitsDeclarations: true)
    }

    /// What the next `{` outside parentheses opens.
    private enum Awaited {
        /// The body of the declaration found at this index.
        case body(of: Int)
        case transparentBlock
    }

    /// The declarations of `lines`, in order, found by `language`'s rules.
    static func declarations<Language: BraceLanguage>(in lines: [SourceLine], by language: Language) -> [Declaration] {
        var language = language
        var found: [Declaration] = []
        var scopes: [Scope] = []
        var awaited: Awaited?
        var parentheses = 0
        for index in lines.indices where !lines[index].isBlank {
            if scopes.last?.admitsDeclarations ?? true {
                let enclosing = scopes.last(where: { $0.container != nil })?.container.map { found[$0] }
                switch language.meaning(of: lines, at: index, in: enclosing) {
                case .declaration(let kind, let name)?:
                    found.append(
                        Declaration(
                            kind: kind, name: name, line: lines[index].number, depth: scopes.filter { $0.container != nil }.count,
                            signature: Signature.of(lines, at: index, dropping: ["{", ";"])))
                    awaited = .body(of: found.count - 1)
                    parentheses = 0
                case .transparentBlock?:
                    awaited = .transparentBlock
                    parentheses = 0
                case nil:
                    break
                }
            }
            let code = Array(lines[index].code.utf8)
            for (offset, byte) in code.enumerated() {
                switch byte {
                case UInt8(ascii: "("), UInt8(ascii: "["):
                    parentheses += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"):
                    parentheses -= 1
                case UInt8(ascii: "{"):
                    if parentheses <= 0, let opened = awaited {
                        scopes.append(scope(opening: opened, found: found))
                        awaited = nil
                    } else {
                        scopes.append(.block)
                    }
                case UInt8(ascii: "}"):
                    if let closed = scopes.popLast(), let container = closed.container, found[container].name.isEmpty {
                        found[container].name = nameAfterBrace(at: offset, in: code)
                    }
                    if parentheses <= 0 { awaited = nil }
                case UInt8(ascii: ";"):
                    if parentheses <= 0 { awaited = nil }
                default:
                    break
                }
            }
        }
        return found
    }

    private static func scope(opening awaited: Awaited, found: [Declaration]) -> Scope {
        switch awaited {
        case .body(let index): return found[index].kind.isContainer ? Scope(container: index, admitsDeclarations: true) : .block
        case .transparentBlock: return .transparent
        }
    }

    /// The name written after a closing brace (`} Point;`), for a container declared without one.
    private static func nameAfterBrace(at offset: Int, in code: [UInt8]) -> String {
        var cursor = CodeCursor(String(decoding: code[(offset + 1)...], as: UTF8.self))
        return cursor.word().map(String.init) ?? "(anonymous)"
    }
}
