/// The shortest edit turning one sequence into another, found only when it is short: Myers'
/// algorithm stopped after `maxEdits`. The standard library's `difference(from:)` has no such
/// bound, and on two long unrelated texts its time and memory grow with the square of their
/// length; here they stay within `(old + new) × maxEdits` and `maxEdits²`.
enum BoundedDifference {
    /// The offsets of `old`'s elements removed and of `new`'s elements inserted (as
    /// `CollectionDifference` numbers them), or nil when more than `maxEdits` are needed.
    static func edits<Element: Equatable>(from old: [Element], to new: [Element], maxEdits: Int) -> (
        removed: [Int], inserted: [Int]
    )? {
        let limit = min(maxEdits, old.count + new.count)
        let offset = limit + 1
        // furthest[k + offset]: the furthest position in `old` reached on diagonal k (x − y).
        var furthest = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for edits in 0...limit {
            trace.append(furthest)
            for diagonal in stride(from: -edits, through: edits, by: 2) {
                let down =
                    diagonal == -edits
                    || (diagonal != edits && furthest[diagonal - 1 + offset] < furthest[diagonal + 1 + offset])
                var x = down ? furthest[diagonal + 1 + offset] : furthest[diagonal - 1 + offset] + 1
                var y = x - diagonal
                while x < old.count, y < new.count, old[x] == new[y] {
                    x += 1
                    y += 1
                }
                furthest[diagonal + offset] = x
                if x >= old.count, y >= new.count {
                    return backtrack(trace, edits: edits, offset: offset, end: (x, y))
                }
            }
        }
        return nil
    }

    /// Walks the recorded frontiers back from `end` to the start, collecting each step off the
    /// diagonal.
    private static func backtrack(_ trace: [[Int]], edits: Int, offset: Int, end: (Int, Int)) -> (
        removed: [Int], inserted: [Int]
    ) {
        var (x, y) = end
        var removed: [Int] = []
        var inserted: [Int] = []
        for step in stride(from: edits, to: 0, by: -1) {
            let furthest = trace[step]
            let diagonal = x - y
            let down =
                diagonal == -step
                || (diagonal != step && furthest[diagonal - 1 + offset] < furthest[diagonal + 1 + offset])
            let previousDiagonal = down ? diagonal + 1 : diagonal - 1
            let previousX = furthest[previousDiagonal + offset]
            let previousY = previousX - previousDiagonal
            if down { inserted.append(previousY) } else { removed.append(previousX) }
            (x, y) = (previousX, previousY)
        }
        return (removed.reversed(), inserted.reversed())
    }
}
