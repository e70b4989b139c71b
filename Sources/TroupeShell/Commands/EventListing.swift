import Foundation
import TroupeCore

/// The text of `/events [filter] [--json]`: the session's recorded events, read back from its
/// transcript (so nothing is held in memory for it), newest last.
struct EventListing {
    let style: TextStyle

    /// The last `limit` events whose line contains `filter` (any text: a type such as
    /// `handoff`, a persona, a step), one line each, or as their recorded JSON.
    func lines(transcript: URL, filter: String, json: Bool, limit: Int = 40) throws -> [String] {
        let text = try String(contentsOf: transcript, encoding: .utf8)
        var matches: [Substring] = []
        var total = 0
        for line in text.split(separator: "\n").dropFirst() {
            guard filter.isEmpty || line.localizedCaseInsensitiveContains(filter) else { continue }
            total += 1
            matches.append(line)
            if matches.count > limit { matches.removeFirst() }
        }
        guard !matches.isEmpty else { return ["No events" + (filter.isEmpty ? "." : " match '\(filter)'.")] }
        let header = style.dim(
            "\(total) event(s)" + (filter.isEmpty ? "" : " matching '\(filter)'")
                + (total > matches.count ? ", the last \(matches.count) shown" : ""))
        if json { return [header] + matches.map { TerminalSanitizer.clean(String($0)) } }
        return [header] + matches.map(describe)
    }

    /// `  #42 23:04:26.120 orchestration.handoff_initiated  from: orchestrator · handoff: h2 · …`.
    private func describe(_ line: Substring) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return TerminalSanitizer.clean(String(line.prefix(120)))
        }
        let seq = (object["seq"] as? Int).map { "#\($0)" } ?? "#?"
        let time = (object["ts"] as? String).map { String($0.dropFirst(11).prefix(12)) } ?? ""
        let type = object["type"] as? String ?? "?"
        let fields = object.keys.filter { !["seq", "ts", "type"].contains($0) }.sorted().map { key -> String in
            "\(key): " + EventRenderer.shortened(Self.flat(object[key]!), to: 40)
        }
        let detail = EventRenderer.shortened(fields.joined(separator: " · "), to: 140)
        return "  " + style.dim("\(seq.padded(6)) \(time)") + " \(type)  " + TerminalSanitizer.clean(detail)
    }

    private static func flat(_ value: Any) -> String {
        if let string = value as? String { return string.replacingOccurrences(of: "\n", with: " ") }
        guard JSONSerialization.isValidJSONObject([value]),
            let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
        else { return "\(value)" }
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
