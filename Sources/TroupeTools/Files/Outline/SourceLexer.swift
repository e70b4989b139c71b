/// Splits a source file into `SourceLine`s by its language's `LexicalRules`: comments left out,
/// string contents kept apart from the code, literals and block comments followed over line
/// breaks. One pass over the bytes, no regular expressions.
struct SourceLexer {
    let rules: LexicalRules

    /// The lines of `bytes` (UTF-8); a final line break starts no line.
    func lines(of bytes: [UInt8]) -> [SourceLine] {
        var pass = LexerPass(rules: rules, bytes: bytes)
        return pass.run()
    }
}

/// One pass of the lexer over one file: where it is, what it is inside, and the line being built.
private struct LexerPass {
    enum State {
        case code
        case blockComment(depth: Int)
        case literal(LexicalRules.Literal)
    }

    /// A literal starting: its opening delimiter and how it reads on.
    struct Opening {
        var opener: [UInt8]
        var literal: LexicalRules.Literal
    }

    let rules: LexicalRules
    let bytes: [UInt8]
    var index = 0
    var state = State.code
    var lines: [SourceLine] = []
    var code: [UInt8] = []
    var text: [UInt8] = []
    var lineStart = 0
    var lineStartsInCode = true
    var preprocessorContinues = false

    init(rules: LexicalRules, bytes: [UInt8]) {
        self.rules = rules
        self.bytes = bytes
    }

    mutating func run() -> [SourceLine] {
        while index < bytes.count {
            if bytes[index] == Byte.newline {
                endLine()
                index += 1
                continue
            }
            switch state {
            case .code: stepInCode()
            case .blockComment(let depth): stepInComment(depth: depth)
            case .literal(let literal): stepInLiteral(literal)
            }
        }
        if lineStart < bytes.count { endLine() }
        return lines
    }

    private mutating func stepInCode() {
        let byte = bytes[index]
        let mayOpenPrefixedString = rules.prefixedRawStrings && (byte == Byte.r || byte == Byte.b)
        if (Byte.isWord(byte) && !mayOpenPrefixedString) || byte == Byte.space {
            append(byte)
            index += 1
        } else if starts(with: rules.lineComment) {
            index = bytes[index...].firstIndex(of: Byte.newline) ?? bytes.count
        } else if rules.blockComments, byte == Byte.slash, peek(1) == Byte.star {
            state = .blockComment(depth: 1)
            append(Byte.space)
            index += 2
        } else if let opening = literalOpening() {
            code += opening.opener
            text += opening.opener
            index += opening.opener.count
            state = .literal(opening.literal)
        } else {
            append(byte)
            index += 1
        }
    }

    private mutating func stepInComment(depth: Int) {
        if bytes[index] == Byte.star, peek(1) == Byte.slash {
            state = depth == 1 ? .code : .blockComment(depth: depth - 1)
            index += 2
        } else if rules.nestedBlockComments, bytes[index] == Byte.slash, peek(1) == Byte.star {
            state = .blockComment(depth: depth + 1)
            index += 2
        } else {
            index += 1
        }
    }

    private mutating func stepInLiteral(_ literal: LexicalRules.Literal) {
        let byte = bytes[index]
        if literal.escapes, byte == Byte.backslash {
            text.append(byte)
            index += 1
            if index < bytes.count, bytes[index] != Byte.newline {
                text.append(bytes[index])
                index += 1
            }
        } else if starts(with: literal.terminator) {
            code += literal.terminator
            text += literal.terminator
            index += literal.terminator.count
            state = .code
        } else {
            text.append(byte)
            index += 1
        }
    }

    /// The literal opening at `index`, if one does: its opening delimiter and how it reads.
    private func literalOpening() -> Opening? {
        let byte = bytes[index]
        if rules.hashedRawStrings, byte == Byte.hash { return hashedRawString() }
        if rules.prefixedRawStrings, byte == Byte.r || byte == Byte.b, let prefixed = prefixedString() { return prefixed }
        if rules.tripleQuotes.contains(byte), peek(1) == byte, peek(2) == byte {
            let fence = [byte, byte, byte]
            return Opening(opener: fence, literal: .init(terminator: fence, escapes: true, spansLines: true))
        }
        if byte == Byte.apostrophe {
            if rules.quoteMayBeLifetime, !isCharacterLiteral() { return nil }
            if rules.quoteMayBeDigitSeparator, index > 0, Byte.isDigit(bytes[index - 1]) { return nil }
        }
        if rules.quotes.contains(byte) || (rules.quoteMayBeLifetime && byte == Byte.apostrophe) {
            let literal = LexicalRules.Literal(terminator: [byte], escapes: true, spansLines: rules.quotedStringsSpanLines)
            return Opening(opener: [byte], literal: literal)
        }
        if byte == Byte.backtick, let literal = rules.backtick { return Opening(opener: [byte], literal: literal) }
        if rules.regularExpressions, byte == Byte.slash, regularExpressionMayStart() {
            return Opening(opener: [byte], literal: .init(terminator: [byte], escapes: true, spansLines: false))
        }
        return nil
    }

    /// Swift's `#"…"#` and `#"""…"""#` (any number of `#`), or nil for other uses of `#`.
    private func hashedRawString() -> Opening? {
        var hashes = 0
        while peek(hashes) == Byte.hash { hashes += 1 }
        guard peek(hashes) == Byte.quote else { return nil }
        let fence = [UInt8](repeating: Byte.hash, count: hashes)
        if peek(hashes + 1) == Byte.quote, peek(hashes + 2) == Byte.quote {
            let quotes = [Byte.quote, Byte.quote, Byte.quote]
            return Opening(opener: fence + quotes, literal: .init(terminator: quotes + fence, escapes: false, spansLines: true))
        }
        return Opening(
            opener: fence + [Byte.quote], literal: .init(terminator: [Byte.quote] + fence, escapes: false, spansLines: false))
    }

    /// Rust's `r"…"`, `r#"…"#`, `b"…"`, `br"…"`, or nil when the `r` or `b` starts a name.
    private func prefixedString() -> Opening? {
        if index > 0, Byte.isWord(bytes[index - 1]) { return nil }
        var offset = bytes[index] == Byte.b ? 1 : 0
        let raw = peek(offset) == Byte.r
        if raw { offset += 1 }
        guard offset > 0 else { return nil }
        var hashes = 0
        if raw { while peek(offset + hashes) == Byte.hash { hashes += 1 } }
        guard peek(offset + hashes) == Byte.quote else { return nil }
        let opener = Array(bytes[index...(index + offset + hashes)])
        let terminator = [Byte.quote] + [UInt8](repeating: Byte.hash, count: hashes)
        return Opening(opener: opener, literal: .init(terminator: terminator, escapes: !raw, spansLines: true))
    }

    /// Whether the `'` at `index` opens a Rust character literal (`'x'`, `'\n'`, `'é'`) rather
    /// than naming a lifetime (`'a`, `'static`).
    private func isCharacterLiteral() -> Bool {
        guard let next = peek(1) else { return false }
        if next == Byte.backslash { return true }
        let width = next < 0x80 ? 1 : next >= 0xF0 ? 4 : next >= 0xE0 ? 3 : 2
        return peek(1 + width) == Byte.apostrophe
    }

    /// Whether a `/` here starts a regular expression rather than dividing: it follows an
    /// operator, an opening bracket, the start of the line or a keyword such as `return`.
    private func regularExpressionMayStart() -> Bool {
        guard let last = code.lastIndex(where: { $0 != Byte.space && $0 != Byte.tab }) else { return true }
        if Byte.expressionStarts.contains(code[last]) { return true }
        var start = last
        while start > 0, Byte.isWord(code[start - 1]) { start -= 1 }
        let word = String(decoding: code[start...last], as: UTF8.self)
        return ["return", "typeof", "case", "in", "of", "yield", "await", "void", "delete", "instanceof", "new", "throw"]
            .contains(word)
    }

    /// Ends the line before `index`: its code and text, its indentation, whether it is a
    /// preprocessor line; a literal that cannot go on over a line break ends with it.
    private mutating func endLine() {
        if code.last == Byte.carriageReturn { code.removeLast() }
        if text.last == Byte.carriageReturn { text.removeLast() }
        var firstNonBlank = lineStart
        var indent = 0
        while firstNonBlank < index, bytes[firstNonBlank] == Byte.space || bytes[firstNonBlank] == Byte.tab {
            indent = bytes[firstNonBlank] == Byte.tab ? (indent / 8 + 1) * 8 : indent + 1
            firstNonBlank += 1
        }
        var isPreprocessor = false
        if rules.preprocessor {
            isPreprocessor =
                preprocessorContinues || (lineStartsInCode && firstNonBlank < index && bytes[firstNonBlank] == Byte.hash)
            var last = index - 1
            if last >= lineStart, bytes[last] == Byte.carriageReturn { last -= 1 }
            preprocessorContinues = isPreprocessor && last >= lineStart && bytes[last] == Byte.backslash
        }
        lines.append(
            SourceLine(
                number: lines.count + 1, code: isPreprocessor ? "" : String(decoding: code, as: UTF8.self),
                text: String(decoding: text, as: UTF8.self), indent: indent, startsInCode: lineStartsInCode))
        code.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        if case .literal(let literal) = state, !literal.spansLines { state = .code }
        lineStart = index + 1
        if case .code = state { lineStartsInCode = true } else { lineStartsInCode = false }
    }

    private mutating func append(_ byte: UInt8) {
        code.append(byte)
        text.append(byte)
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private func starts(with marker: [UInt8]) -> Bool {
        guard !marker.isEmpty, index + marker.count <= bytes.count else { return false }
        for (offset, byte) in marker.enumerated() where bytes[index + offset] != byte { return false }
        return true
    }
}

/// The bytes the lexer tells apart.
private enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let slash = UInt8(ascii: "/")
    static let star = UInt8(ascii: "*")
    static let backslash = UInt8(ascii: "\\")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let backtick = UInt8(ascii: "`")
    static let hash = UInt8(ascii: "#")
    static let r = UInt8(ascii: "r")
    static let b = UInt8(ascii: "b")
    /// Characters after which an expression, so a regular expression literal, may start (not `<`,
    /// which a JSX closing tag `</div>` follows).
    static let expressionStarts = Array("(,=:[!&|?{};+-*%~^".utf8)

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A byte of a name: ASCII letters, digits, `_`, `$`, and any byte of a non-ASCII character.
    static func isWord(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte >= 0x80
    }
}
