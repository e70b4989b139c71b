/// Makes untrusted text (model output, tool output, file names) safe to print: removes escape
/// sequences (CSI, OSC, DCS, …) and control characters other than newline and tab, so a reply
/// cannot move the cursor, retitle the window, or hide text.
public enum TerminalSanitizer {
    /// `text` without escape sequences and control characters.
    public static func clean(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
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
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

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
