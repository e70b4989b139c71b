import Foundation

/// The readable text of an HTML page: scripts, styles and tags removed, block elements on lines
/// of their own, entities decoded, runs of blank space collapsed.
enum HTMLText {
    static func text(of html: String) -> (title: String?, text: String) {
        var body = html
        let title = between("<title", "</title>", in: body).map {
            decode(stripTags($0)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        for element in ["script", "style", "noscript", "svg", "head"] { body = removeElements(element, from: body) }
        body = removeComments(body)
        for tag in ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "pre", "blockquote"] {
            body = body.replacingOccurrences(of: "<\(tag)", with: "\n<\(tag)", options: .caseInsensitive)
            body = body.replacingOccurrences(of: "</\(tag)>", with: "</\(tag)>\n", options: .caseInsensitive)
        }
        body = body.replacingOccurrences(of: "<li", with: "• <li", options: .caseInsensitive)
        let lines = decode(stripTags(body)).split(separator: "\n").map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        }
        var result: [String] = []
        for line in lines where !(line.isEmpty && (result.last?.isEmpty ?? true)) { result.append(line) }
        return (title, result.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func between(_ open: String, _ close: String, in text: String) -> String? {
        guard let start = text.range(of: open, options: .caseInsensitive),
            let tagEnd = text[start.upperBound...].firstIndex(of: ">"),
            let end = text.range(of: close, options: .caseInsensitive, range: tagEnd..<text.endIndex)
        else { return nil }
        return String(text[text.index(after: tagEnd)..<end.lowerBound])
    }

    private static func removeElements(_ name: String, from text: String) -> String {
        var result = text
        while let start = result.range(of: "<\(name)", options: .caseInsensitive) {
            guard let end = result.range(of: "</\(name)>", options: .caseInsensitive, range: start.upperBound..<result.endIndex)
            else {
                result.removeSubrange(start.lowerBound...)
                break
            }
            result.removeSubrange(start.lowerBound..<end.upperBound)
        }
        return result
    }

    private static func removeComments(_ text: String) -> String {
        var result = text
        while let start = result.range(of: "<!--") {
            let end = result.range(of: "-->", range: start.upperBound..<result.endIndex)?.upperBound ?? result.endIndex
            result.removeSubrange(start.lowerBound..<end)
        }
        return result
    }

    private static func stripTags(_ text: String) -> String {
        var result = ""
        var inTag = false
        for character in text {
            if character == "<" {
                inTag = true
            } else if character == ">", inTag {
                inTag = false
                result.append(" ")
            } else if !inTag {
                result.append(character)
            }
        }
        return result
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "—", "ndash": "–", "hellip": "…",
        "copy": "©",
    ]

    private static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = entities[name]
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
