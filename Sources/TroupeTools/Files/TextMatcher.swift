import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What `search_files` looks for in a file's bytes: a literal, found by a byte search, or a
/// regular expression, tried only on lines that hold its longest required literal (so most
/// lines of most files are never turned into strings). Case-insensitive search folds ASCII.
struct TextMatcher: Sendable {
    /// Why a pattern cannot be searched for.
    struct InvalidPattern: Error, CustomStringConvertible {
        var description: String
    }

    let pattern: String
    let ignoreCase: Bool
    /// The bytes every matching line holds (the whole pattern when it is a literal), folded when
    /// `ignoreCase`; nil when no literal is required (then every line is tried).
    let required: [UInt8]?
    /// Nil for a literal pattern.
    let expression: NSRegularExpression?
    /// The other literals every match holds, looked for in a candidate line's bytes before the
    /// expression is tried on it (case-sensitive searches only).
    let alsoRequired: [[UInt8]]

    /// A matcher for `pattern`: a literal when it has no regular-expression syntax (or `literal`
    /// says so), else a regular expression (ICU syntax, like ripgrep's for common patterns).
    init(pattern: String, ignoreCase: Bool, multiline: Bool = false, literal: Bool = false) throws {
        self.pattern = pattern
        let asciiOnly = pattern.utf8.allSatisfy { $0 < 0x80 }
        let isLiteral = literal || !pattern.contains(where: { Self.syntax.contains($0) })
        self.ignoreCase = ignoreCase
        if isLiteral, asciiOnly || !ignoreCase {
            self.expression = nil
            self.required = Self.fold(Array(pattern.utf8), ignoreCase)
            self.alsoRequired = []
            return
        }
        var options: NSRegularExpression.Options = ignoreCase ? [.caseInsensitive] : []
        if multiline { options.formUnion([.dotMatchesLineSeparators, .anchorsMatchLines]) }
        let source = isLiteral ? NSRegularExpression.escapedPattern(for: pattern) : pattern
        do {
            self.expression = try NSRegularExpression(pattern: source, options: options)
        } catch {
            throw InvalidPattern(description: "'\(pattern)' is not a valid regular expression")
        }
        // An inline flag (`(?i)`) changes what the literals match: no byte prefilter then.
        let runs = (isLiteral ? [pattern] : pattern.contains("(?") ? [] : Self.requiredLiterals(in: pattern))
            .filter { $0.utf8.count >= 2 && $0.utf8.allSatisfy { $0 < 0x80 } }
            .sorted { $0.utf8.count > $1.utf8.count }
        self.required = runs.first.map { Self.fold(Array($0.utf8), ignoreCase) }
        self.alsoRequired = ignoreCase ? [] : runs.dropFirst().map { Array($0.utf8) }
    }

    /// Whether the line at `range` of `bytes` holds every literal of `alsoRequired`.
    func holdsOtherLiterals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return alsoRequired.isEmpty }
        return alsoRequired.allSatisfy { needle in Self.find(needle, in: base + range.lowerBound, count: range.count) }
    }

    /// Whether `needle` (not empty) occurs in the `count` bytes at `start`: memchr to its first
    /// byte, memcmp for the rest.
    private static func find(_ needle: [UInt8], in start: UnsafePointer<UInt8>, count: Int) -> Bool {
        var offset = 0
        let last = count - needle.count
        return needle.withUnsafeBufferPointer { needleBytes in
            while offset <= last, let hit = memchr(start + offset, Int32(needleBytes[0]), last - offset + 1) {
                let at = start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(start + at, needleBytes.baseAddress!, needle.count) == 0 { return true }
                offset = at + 1
            }
            return false
        }
    }

    private static let syntax: Set<Character> = ["\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "^", "$"]

    /// What trying the expression on a line gave.
    enum LineOutcome: Equatable {
        case matched, unmatched
        /// The search's deadline passed, or its task was cancelled, while the expression ran.
        case stopped
    }

    /// Whether `line` matches (its bytes already known to hold `required`, when there is one).
    /// A backtracking expression that runs long is stopped once `deadline` passes or the task is
    /// cancelled: ICU reports progress during a long match, and that is where it is checked.
    func match(_ line: String, until deadline: ContinuousClock.Instant) -> LineOutcome {
        guard let expression else { return .matched }
        let (found, stopped) = Self.enumerate(expression, in: line, until: deadline, firstOnly: true)
        return !found.isEmpty ? .matched : stopped ? .stopped : .unmatched
    }

    /// Every match of `expression` in `text` (one pass: the text is bridged once), and whether
    /// the deadline or a cancellation stopped the pass before its end.
    static func matches(of expression: NSRegularExpression, in text: String, until deadline: ContinuousClock.Instant)
        -> (ranges: [NSRange], stopped: Bool)
    {
        enumerate(expression, in: text, until: deadline, firstOnly: false)
    }

    private static func enumerate(
        _ expression: NSRegularExpression, in text: String, until deadline: ContinuousClock.Instant, firstOnly: Bool
    ) -> (ranges: [NSRange], stopped: Bool) {
        var found: [NSRange] = []
        var stopped = false
        expression.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) {
            result, _, stop in
            if let result {
                found.append(result.range)
                if firstOnly {
                    stop.pointee = true
                    return
                }
            }
            // Between matches and, for one that takes long, while it is tried.
            if Task.isCancelled || ContinuousClock.now >= deadline {
                stopped = true
                stop.pointee = true
            }
        }
        return (found, stopped)
    }

    /// The start offsets of `required` in `bytes` (ASCII-folded when `ignoreCase`).
    func candidates(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let needle = required, let first = needle.first, let base = bytes.baseAddress else { return [] }
        var found: [Int] = []
        let last = bytes.count - needle.count
        var index = 0
        let folds = ignoreCase
        let alternate = folds ? Self.otherCase(first) : first
        while index <= last {
            if first == alternate {
                // One byte to look for: memchr's vectorized scan skips to it.
                guard let hit = memchr(base + index, Int32(first), last - index + 1) else { break }
                index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            let byte = bytes[index]
            if byte == first || byte == alternate {
                var offset = 1
                while offset < needle.count {
                    let candidate = folds ? Self.lower(bytes[index + offset]) : bytes[index + offset]
                    if candidate != needle[offset] { break }
                    offset += 1
                }
                if offset == needle.count {
                    found.append(index)
                    index += needle.count
                    continue
                }
            }
            index += 1
        }
        return found
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    private static func otherCase(_ byte: UInt8) -> UInt8 {
        if (0x61...0x7A).contains(byte) { return byte - 0x20 }
        return lower(byte)
    }

    private static func fold(_ bytes: [UInt8], _ ignoreCase: Bool) -> [UInt8] {
        ignoreCase ? bytes.map(lower) : bytes
    }

    /// The runs of plain characters every match must contain, in order: none when the pattern has
    /// a top-level alternation; characters in groups, classes, or followed by `?`, `*` or `{` left out.
    static func requiredLiterals(in pattern: String) -> [String] {
        let characters = Array(pattern)
        var depth = 0
        var inClass = false
        var runs: [String] = []
        var current = ""
        var index = 0
        func endRun() {
            if !current.isEmpty { runs.append(current) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let optional = next == "?" || next == "*" || next == "{"
            if inClass {
                if character == "]" { inClass = false }
                index += 1
                continue
            }
            switch character {
            case "\\":
                guard let escaped = next else { return [] }
                let afterEscape = index + 2 < characters.count ? characters[index + 2] : nil
                let escapedOptional = afterEscape == "?" || afterEscape == "*" || afterEscape == "{"
                if depth == 0, !escaped.isLetter, !escaped.isNumber, !escapedOptional {
                    current.append(escaped)
                } else {
                    endRun()
                }
                index += 2
                continue
            case "|" where depth == 0:
                return []
            case "(":
                depth += 1
                endRun()
            case ")":
                depth = max(0, depth - 1)
                endRun()
            case "[":
                inClass = true
                endRun()
            case ".", "*", "+", "?", "{", "}", "^", "$", "|":
                endRun()
            default:
                if depth == 0, !optional {
                    current.append(character)
                } else {
                    endRun()
                }
            }
            index += 1
        }
        endRun()
        return runs
    }
}
