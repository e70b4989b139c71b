import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One file searched: its matching lines (with context when asked), read from its bytes.
struct FileSearch: Sendable {
    /// A line to show: a match (`:`) or context (`-`), as grep and ripgrep print them.
    struct Line: Sendable, Equatable {
        var number: Int
        var text: String
        var isMatch: Bool
    }

    /// What one file gave.
    struct Result: Sendable {
        var matches = 0
        var lines: [Line] = []
        var binary = false
        var unreadable = false
        /// Larger than `largestFile`: not searched.
        var tooLarge = false
        /// The search was cancelled, or ran out of time, before this file.
        var notSearched = false
        /// The search was cancelled, or ran out of time, within this file: what it found so far.
        var stopped = false
    }

    let matcher: TextMatcher
    let before: Int
    let after: Int
    let multiline: Bool
    /// Whether the lines themselves are wanted (not only counts or file names).
    let wantsLines: Bool
    /// When the whole search gives up (a pathological expression must not hold a worker forever).
    let deadline: ContinuousClock.Instant

    /// The longest line shown; longer ones are cut with a marker.
    static let longestLine = 500
    /// Bytes looked at to tell a binary file (a NUL among them).
    static let binaryProbe = 8_000
    /// Files larger than this are not searched (a log or a data dump, not source), and said so.
    static let largestFile = 64 << 20

    /// Lines between two looks at the clock when no expression runs long.
    static let linesPerClockCheck = 256

    func search(_ path: String) -> Result {
        if Task.isCancelled || ContinuousClock.now >= deadline { return Result(notSearched: true) }
        var status = stat()
        if stat(path, &status) == 0, Int(status.st_size) > Self.largestFile { return Result(tooLarge: true) }
        // Mapped, not copied: the pages are the file system's cache, not this process's memory.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            return Result(unreadable: true)
        }
        return data.withUnsafeBytes { raw -> Result in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.prefix(Self.binaryProbe).contains(0) { return Result(binary: true) }
            return multiline ? searchWhole(bytes) : searchLines(bytes)
        }
    }

    /// Line by line: candidate lines found by the byte search, then the expression on them alone.
    private func searchLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        var lineStarts: [Int]?
        var matchedLines: [Int] = []
        var stopped = false
        var tried = 0
        /// Tries the expression on `line`; false once the search must stop.
        func tryLine(_ line: Int, _ starts: [Int]) -> Bool {
            tried += 1
            if tried % Self.linesPerClockCheck == 0, Task.isCancelled || ContinuousClock.now >= deadline {
                stopped = true
                return false
            }
            switch matcher.match(text(of: line, in: bytes, starts: starts), until: deadline) {
            case .matched: matchedLines.append(line)
            case .unmatched: break
            case .stopped:
                stopped = true
                return false
            }
            return true
        }
        if matcher.required != nil {
            let offsets = matcher.candidates(in: bytes)
            guard !offsets.isEmpty else { return Result() }
            let starts = Self.lineStarts(bytes)
            lineStarts = starts
            var lastLine = -1
            for offset in offsets {
                let line = Self.line(containing: offset, starts: starts)
                guard line != lastLine else { continue }
                lastLine = line
                guard matcher.expression != nil else {
                    matchedLines.append(line)
                    continue
                }
                if matcher.holdsOtherLiterals(bytes, Self.range(of: line, starts: starts, count: bytes.count)),
                    !tryLine(line, starts)
                {
                    break
                }
            }
        } else {
            let starts = Self.lineStarts(bytes)
            lineStarts = starts
            for line in 0..<starts.count where !tryLine(line, starts) { break }
        }
        var result = Result(matches: matchedLines.count, stopped: stopped)
        guard wantsLines, let starts = lineStarts else { return result }
        result.lines = shown(matchedLines, starts: starts, bytes: bytes)
        return result
    }

    /// The whole file as one string (only for `multiline`): each match reported at its first line.
    private func searchWhole(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        guard let expression = matcher.expression else { return searchLines(bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        let starts = Self.lineStarts(bytes)
        var matchedLines: [Int] = []
        let (found, stopped) = TextMatcher.matches(of: expression, in: text, until: deadline)
        for match in found {
            guard let range = Range(match, in: text) else { continue }
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
            let first = Self.line(containing: offset, starts: starts)
            let endOffset = max(offset, text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound) - 1)
            let last = Self.line(containing: endOffset, starts: starts)
            for line in first...last where matchedLines.last != line { matchedLines.append(line) }
        }
        var result = Result(matches: matchedLines.count, stopped: stopped)
        if wantsLines { result.lines = shown(matchedLines, starts: starts, bytes: bytes) }
        return result
    }

    /// Matches with their context lines, each line once, in order.
    private func shown(_ matched: [Int], starts: [Int], bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        let matchSet = Set(matched)
        var wanted: [Int] = []
        for line in matched {
            for number in max(0, line - before)...min(starts.count - 1, line + after)
            where wanted.last.map({ number > $0 }) ?? true {
                wanted.append(number)
            }
        }
        return wanted.map { Line(number: $0 + 1, text: text(of: $0, in: bytes, starts: starts), isMatch: matchSet.contains($0)) }
    }

    /// Line `index`'s text without its line break, cut at `longestLine` characters.
    private func text(of index: Int, in bytes: UnsafeBufferPointer<UInt8>, starts: [Int]) -> String {
        let start = starts[index]
        var end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        if index + 1 == starts.count, end > start, bytes[end - 1] == 0x0A { end -= 1 }  // the file's final line break
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), as: UTF8.self)
        // Counting characters is costly; a line of few bytes has few characters.
        guard line.utf8.count > Self.longestLine, line.count > Self.longestLine else { return line }
        return String(line.prefix(Self.longestLine)) + " … (line cut)"
    }

    /// The byte range of line `index`, its line break included.
    static func range(of index: Int, starts: [Int], count: Int) -> Range<Int> {
        starts[index]..<(index + 1 < starts.count ? starts[index + 1] : count)
    }

    /// The offset where each line starts (a final line break starts no line); with `upTo`, only
    /// the first that many lines are looked for.
    static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>, upTo limit: Int? = nil) -> [Int] {
        var starts = [0]
        guard let base = bytes.baseAddress else { return starts }
        var index = 0
        while index < bytes.count, starts.count < (limit ?? Int.max), let hit = memchr(base + index, 0x0A, bytes.count - index) {
            let next = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            if next < bytes.count { starts.append(next) }
            index = next
        }
        return starts
    }

    /// The index of the line holding byte `offset`, by binary search.
    static func line(containing offset: Int, starts: [Int]) -> Int {
        var (low, high) = (0, starts.count - 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
