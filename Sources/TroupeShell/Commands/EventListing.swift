import Foundation
import TroupeCore

/// The text of `/events [filter] [--json]`: the session's recorded events, read back from its
/// transcript (so nothing is held in memory for it), newest last.
struct EventListing {
    let style: TextStyle

    /// The last `limit` events whose line contains `filter` (any text: a type such as
    /// `handoff`, a persona, a step), one line each, or as their recorded JSON. The file is read
    /// as bytes, found by `memchr` and a byte search, and only the lines shown become text: a
    /// long session's transcript is megabytes, and `/events` is typed between turns.
    func lines(transcript: URL, filter: String, json: Bool, limit: Int = 40) throws -> [String] {
        let data = try Data(contentsOf: transcript, options: .alwaysMapped)
        let (total, matches) = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let (total, ranges) = Self.matchingLines(in: bytes, filter: filter, limit: limit)
            return (total, ranges.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) })
        }
        guard !matches.isEmpty else { return ["No events" + (filter.isEmpty ? "." : " match '\(filter)'.")] }
        let header = style.dim(
            "\(total) event(s)" + (filter.isEmpty ? "" : " matching '\(filter)'")
                + (total > matches.count ? ", the last \(matches.count) shown" : ""))
        if json { return [header] + matches.map { TerminalSanitizer.clean($0) } }
        return [header] + matches.map { describe(Substring($0)) }
    }

    /// How many event lines (every line after the header) hold `filter`, ignoring case, and the
    /// last `limit` of them.
    static func matchingLines(in bytes: UnsafeBufferPointer<UInt8>, filter: String, limit: Int) -> (
        total: Int, last: [Range<Int>]
    ) {
        var total = 0
        var last: [Range<Int>] = []
        let needle = Array(filter.utf8).map(lowercased)
        let asciiNeedle = needle.allSatisfy { $0 < 0x80 }
        var start = (lineEnd(in: bytes, from: 0) + 1)
        while start < bytes.count {
            let end = lineEnd(in: bytes, from: start)
            let line = start..<end
            if !line.isEmpty, needle.isEmpty || matches(bytes[line], needle: needle, ascii: asciiNeedle, filter: filter) {
                total += 1
                last.append(line)
                if last.count > limit { last.removeFirst() }
            }
            start = end + 1
        }
        return (total, last)
    }

    /// The offset of the line break ending the line that starts at `start` (or the end).
    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
            let hit = memchr(base + start, 0x0A, bytes.count - start)
        else { return bytes.count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// Whether `line` holds `needle`, ASCII letters compared without case; a filter with other
    /// letters is compared as text (`localizedCaseInsensitiveContains`).
    private static func matches(_ line: Slice<UnsafeBufferPointer<UInt8>>, needle: [UInt8], ascii: Bool, filter: String) -> Bool {
        guard ascii else {
            return String(decoding: UnsafeBufferPointer(rebasing: line), as: UTF8.self).localizedCaseInsensitiveContains(filter)
        }
        guard line.count >= needle.count, let first = needle.first else { return needle.isEmpty }
        var index = line.startIndex
        let lastStart = line.endIndex - needle.count
        while index <= lastStart {
            if lowercased(line[index]) == first {
                var offset = 1
                while offset < needle.count, lowercased(line[index + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
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
