import TroupeCore

/// Makes untrusted text (model output, tool output, file names) safe to print: removes escape
/// sequences (CSI, OSC, DCS, …), control characters other than newline and tab, and the
/// bidirectional overrides and isolates, so a reply cannot move the cursor, retitle the window,
/// write the clipboard, hide text or show it reversed.
public enum TerminalSanitizer {
    /// `text` without escape sequences, control characters and bidirectional controls.
    public static func clean(_ text: String) -> String {
        filtered(text, keepingOwnStyle: false)
    }

    /// What reaches the terminal at the last step (the output sink): `text` cleaned as `clean`
    /// does, except that Troupe's own styling — SGR sequences setting bold, dim, a basic colour or
    /// resetting — is kept. Nothing else survives, so text that slipped past its own cleaning
    /// can still change only colours.
    public static func keepingOwnStyle(_ text: String) -> String {
        filtered(text, keepingOwnStyle: true)
    }

    /// `text` with every control character, escape sequence, bidirectional control and invisible
    /// character (the zero-width ones, the Hangul fillers and every other default-ignorable code
    /// point) made visible (`␛]0;title␇`, `\u{202E}`, `\u{3164}`), nothing removed: what an approval
    /// prompt shows, so what is approved is exactly what runs. Newlines and tabs are kept as they are.
    public static func visible(_ text: String) -> String {
        visible(text, compactingRuns: false)
    }

    /// `visible(text)` that fits a screen: a run of blank lines is one line saying how many, a run
    /// of spaces `␠×N`, a run of one invisible character `\u{3164}×N` — so nothing can be pushed
    /// out of sight above or beside what is shown. What an approval and the trust question show.
    public static func visibleCompact(_ text: String) -> String {
        var lines: [String] = []
        var blank = 0
        func flushBlank() {
            if blank > 2 { lines.append("␊ × \(blank) blank lines") } else { lines += Array(repeating: "", count: blank) }
            blank = 0
        }
        for line in visible(text, compactingRuns: true).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0.isWhitespace || $0 == "\u{2800}" }) {
                blank += 1
                continue
            }
            flushBlank()
            lines.append(compactSpaces(String(line)))
        }
        flushBlank()
        return lines.joined(separator: "\n")
    }

    /// What `visible` writes for `scalar`, or nil when it is shown as itself.
    private static func shownAsCode(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.isShownAsCode else { return nil }
        switch scalar.value {
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + scalar.value)!)  // ␀…␟, ␛ for ESC
        case 0x7F: return "␡"
        default: return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }

    /// `visible`, with runs of more than three of one made-visible character written once with
    /// their count when `compactingRuns`.
    private static func visible(_ text: String, compactingRuns: Bool) -> String {
        var output = ""
        var run: (code: String, count: Int)?
        func flushRun() {
            guard let (code, count) = run else { return }
            output += count > 3 ? "\(code)×\(count)" : String(repeating: code, count: count)
            run = nil
        }
        for scalar in text.unicodeScalars {
            guard let code = shownAsCode(scalar) else {
                flushRun()
                output.unicodeScalars.append(scalar)
                continue
            }
            guard compactingRuns else {
                output += code
                continue
            }
            if run?.code == code {
                run!.count += 1
            } else {
                flushRun()
                run = (code, 1)
            }
        }
        flushRun()
        return output
    }

    /// `line` with each run of more than 8 blank characters (spaces, and the no-break, Braille and
    /// ideographic ones that look like them) written `␠×N`.
    private static func compactSpaces(_ line: String) -> String {
        var output = ""
        var spaces = 0
        func flush() {
            output += spaces > 8 ? "␠×\(spaces)" : String(repeating: " ", count: spaces)
            spaces = 0
        }
        for character in line {
            if character.isWhitespace || character == "\u{2800}" {
                spaces += 1
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    private static func filtered(_ text: String, keepingOwnStyle: Bool) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x1B where keepingOwnStyle && pending == "[":
                var sequence = "\u{1B}["
                pending = scalars.next()
                while let next = pending, (0x30...0x3F).contains(next.value) {
                    sequence.unicodeScalars.append(next)
                    pending = scalars.next()
                }
                guard let final = pending else { break }
                pending = scalars.next()
                if final == "m", Self.ownStyles.contains(String(sequence.dropFirst(2))) {
                    output.append(contentsOf: (sequence + "m").unicodeScalars)
                } else if !(0x40...0x7E).contains(final.value) {
                    // Not a complete CSI: skip the rest of it as `clean` would.
                    pending = skipCSI(from: pending, in: &scalars)
                }
            case 0x1B:
                pending = skipEscape(after: pending, in: &scalars)
            case 0x9B:
                pending = skipCSI(from: pending, in: &scalars)
            case 0x90, 0x9D, 0x9E, 0x9F, 0x98:
                pending = skipString(from: pending, in: &scalars)
            case 0x0A, 0x09:
                output.append(scalar)
            case 0x0D:
                if pending?.value != 0x0A { output.append("\n") }
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                continue
            case _ where scalar.isDirectionControl:
                continue
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// The SGR parameters `TextStyle` writes: reset, bold, dim and the basic colours.
    private static let ownStyles: Set<String> = ["0", "1", "2", "31", "32", "33", "34", "35", "36", "37"]

    /// Skips the sequence after ESC; returns the first scalar after it.
    private static func skipEscape(
        after next: Unicode.Scalar?, in scalars: inout String.UnicodeScalarView.Iterator
    ) -> Unicode.Scalar? {
        guard let next else { return nil }
        switch next {
        case "[": return skipCSI(from: scalars.next(), in: &scalars)
        case "]", "P", "X", "^", "_": return skipString(from: scalars.next(), in: &scalars)
        default:
            // Two-character escapes (ESC c, ESC 7, charset selections ESC ( B).
            if next == "(" || next == ")" || next == "#" { _ = scalars.next() }
            return scalars.next()
        }
    }

    /// Skips CSI parameters up to and including the final byte (0x40–0x7E).
    private static func skipCSI(from first: Unicode.Scalar?, in scalars: inout String.UnicodeScalarView.Iterator) -> Unicode
        .Scalar?
    {
        var current = first
        while let scalar = current {
            if (0x40...0x7E).contains(scalar.value) { return scalars.next() }
            current = scalars.next()
        }
        return nil
    }

    /// Skips an OSC/DCS-style string up to BEL or ST (ESC \ or 0x9C).
    private static func skipString(from first: Unicode.Scalar?, in scalars: inout String.UnicodeScalarView.Iterator) -> Unicode
        .Scalar?
    {
        var current = first
        while let scalar = current {
            if scalar.value == 0x07 || scalar.value == 0x9C { return scalars.next() }
            if scalar.value == 0x1B {
                let next = scalars.next()
                if next == "\\" { return scalars.next() }
                current = next
                continue
            }
            current = scalars.next()
        }
        return nil
    }
}
