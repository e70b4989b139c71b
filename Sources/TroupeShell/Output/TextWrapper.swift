/// Breaks lines at spaces to fit the terminal's width, so words are not cut where the terminal
/// would wrap them. Escape sequences (styling) take no room; a broken line's continuation keeps
/// its indentation; a word wider than the line is left whole.
enum TextWrapper {
    /// `line` as pieces no wider than `width` columns.
    static func wrap(_ line: String, width: Int) -> [String] {
        guard width > 10, visibleWidth(line) > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let words = line.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false)
        var pieces: [String] = []
        var current = indent
        var currentWidth = indent.count
        var empty = true
        for word in words {
            let wordWidth = visibleWidth(Substring(word))
            if !empty, currentWidth + 1 + wordWidth > width {
                pieces.append(current)
                (current, currentWidth, empty) = (indent, indent.count, true)
            }
            if !empty {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += wordWidth
            empty = false
        }
        pieces.append(current)
        return pieces
    }

    /// Columns `text` takes on screen: its characters less its `ESC [ … letter` sequences.
    static func visibleWidth<S: StringProtocol>(_ text: S) -> Int {
        var width = 0
        var inEscape = false
        var afterEscape = false
        for scalar in text.unicodeScalars {
            if afterEscape {
                afterEscape = false
                inEscape = scalar == "["
                continue
            }
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                afterEscape = true
                continue
            }
            if scalar.properties.generalCategory != .nonspacingMark { width += 1 }
        }
        return width
    }
}
