/// A unified-style diff of two texts by lines, for showing an edit before and after it is made.
enum LineDiff {
    /// `-`/`+` lines with a few lines of context around each change, at most `limit` lines.
    static func unified(old: String, new: String, path: String, context: Int = 2, limit: Int = 200) -> String {
        let a = lines(old)
        let b = lines(new)
        // Trim the common head and tail, then an LCS table over the middle (edits are local).
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let x = Array(a[head..<(a.count - tail)])
        let y = Array(b[head..<(b.count - tail)])
        var operations: [(Character, String)] = []
        if x.count * y.count <= 4_000_000 {
            var table = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
            for i in stride(from: x.count - 1, through: 0, by: -1) {
                for j in stride(from: y.count - 1, through: 0, by: -1) {
                    table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            var (i, j) = (0, 0)
            while i < x.count || j < y.count {
                if i < x.count, j < y.count, x[i] == y[j] {
                    operations.append((" ", x[i]))
                    i += 1
                    j += 1
                } else if i < x.count, j == y.count || table[i + 1][j] >= table[i][j + 1] {
                    operations.append(("-", x[i]))
                    i += 1
                } else {
                    operations.append(("+", y[j]))
                    j += 1
                }
            }
        } else {
            operations = x.map { ("-", $0) } + y.map { ("+", $0) }
        }
        let before = a[max(0, head - context)..<head].map { (Character(" "), $0) }
        let after = a[(a.count - tail)..<min(a.count, a.count - tail + context)].map { (Character(" "), $0) }
        var lines = [
            "--- \(old.isEmpty ? "/dev/null" : "a/\(path)")", "+++ b/\(path)", "@@ line \(max(1, head - context + 1)) @@",
        ]
        lines += (before + operations + after).map { "\($0.0)\($0.1)" }
        if lines.count > limit { lines = Array(lines.prefix(limit)) + ["… \(lines.count - limit) more diff lines"] }
        return lines.joined(separator: "\n")
    }

    /// The lines of `text`; a final newline ends the last line rather than starting another.
    private static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// The diff (at most `limit` lines) and its size, `+3 −1 lines`, from one comparison.
    static func change(old: String, new: String, path: String, limit: Int = 200) -> (diff: String, stat: String) {
        let lines = unified(old: old, new: new, path: path, limit: Int.max).split(
            separator: "\n", omittingEmptySubsequences: false)
        let body = lines.dropFirst(3)
        let added = body.filter { $0.hasPrefix("+") }.count
        let removed = body.filter { $0.hasPrefix("-") }.count
        let shown = lines.count > limit ? lines.prefix(limit) + ["… \(lines.count - limit) more diff lines"] : lines[...]
        return (shown.joined(separator: "\n"), "+\(added) −\(removed) lines")
    }
}
