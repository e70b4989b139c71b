/// Text from a transcript made safe to put in an HTML document: control characters and escape
/// sequences removed (as for a terminal), then `&`, `<`, `>`, `"` and `'` escaped — so nothing a
/// model, a tool or a persona file wrote can become markup, an attribute or a script.
enum HTMLEscape {
    static func text(_ untrusted: String) -> String {
        var output = ""
        output.reserveCapacity(untrusted.utf8.count)
        for character in TerminalSanitizer.clean(untrusted) {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
