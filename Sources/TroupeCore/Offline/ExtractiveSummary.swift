import Foundation

/// A summary of a document made without a language model, from the document's own words: its
/// title, the lead sentences of its first paragraph, its section headings and its size. Said to
/// be extractive wherever it is shown.
enum ExtractiveSummary {
    /// The summary of the document in a `read_file` result (`path (N lines)`, then numbered
    /// lines), or nil when `output` is not one.
    static func of(readOutput output: String) -> String? {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.first, let sizeStart = header.range(of: " (", options: .backwards),
            header.hasSuffix(" lines)"), Int(header[sizeStart.upperBound...].dropLast(" lines)".count)) != nil
        else { return nil }
        let path = String(header[..<sizeStart.lowerBound])
        let size = String(header[sizeStart.upperBound...].dropLast(1))
        let document = Document(lines.dropFirst().compactMap(Self.text(ofNumbered:)))
        var summary = ["\(document.title ?? path) — extractive summary, in its own words (\(OfflineModel.label)):"]
        if let lead = document.lead { summary.append(lead) }
        if !document.sections.isEmpty { summary.append("Sections: " + document.sections.prefix(10).joined(separator: " · ")) }
        summary.append("(\(path), \(size))")
        return summary.joined(separator: "\n")
    }

    /// `"    12\ttext"` (a numbered line of `read_file`, as `cat -n` prints it) as `"text"`.
    private static func text(ofNumbered line: String) -> String? {
        guard let tab = line.firstIndex(of: "\t"), Int(String(line[..<tab]).trimmingASCIIWhitespace) != nil else { return nil }
        return String(line[line.index(after: tab)...])
    }

    /// The parts of a Markdown document a summary takes.
    private struct Document {
        var title: String?
        var sections: [String] = []
        var lead: String?

        init(_ lines: [String]) {
            var inFence = false
            var paragraph: [String] = []
            func endParagraph() {
                if lead == nil, !paragraph.isEmpty { lead = Self.leadSentences(of: paragraph.joined(separator: " ")) }
                paragraph = []
            }
            for line in lines {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    inFence.toggle()
                    endParagraph()
                } else if inFence {
                    continue
                } else if trimmed.hasPrefix("#") {
                    endParagraph()
                    let level = trimmed.prefix { $0 == "#" }.count
                    let heading = Self.plain(String(trimmed.dropFirst(level)))
                    if level == 1, title == nil { title = heading } else if level == 2 { sections.append(heading) }
                } else if trimmed.isEmpty || Self.isBlockMarkup(trimmed) {
                    endParagraph()
                } else {
                    paragraph.append(trimmed)
                }
            }
            endParagraph()
        }

        /// A table row, HTML, a quote, an image or a list item: not the prose of a paragraph.
        static func isBlockMarkup(_ line: String) -> Bool {
            if ["|", "<", ">", "![", "- ", "* ", "+ "].contains(where: line.hasPrefix) { return true }
            let digits = line.prefix { $0.isNumber }
            return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
        }

        /// The first two sentences of `text`, without Markdown emphasis.
        static func leadSentences(of text: String) -> String {
            var sentences: [String] = []
            var rest = Substring(plain(text))
            while sentences.count < 2, let end = rest.range(of: ". ") {
                sentences.append(String(rest[..<end.lowerBound]) + ".")
                rest = rest[end.upperBound...]
            }
            if sentences.count < 2, !rest.isEmpty { sentences.append(String(rest)) }
            return sentences.joined(separator: " ")
        }

        /// `text` without Markdown's emphasis and code marks.
        static func plain(_ text: String) -> String {
            text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
                .trimmingCharacters(in: .whitespaces)
        }
    }
}
