/// Tells when a persona returns, for the same step, what it returned before: byte for byte, or
/// nearly (real models never repeat themselves exactly). Outputs are compared as sets of
/// three-word shingles of their normalized words; a Jaccard similarity at or over `threshold`
/// is a repeat.
struct LoopDetector: Sendable {
    /// The similarity at or over which two answers count as the same.
    var threshold = 0.8
    /// The answers seen, by persona and normalized step title: the first kept as text (most
    /// steps run once, so their shingles are never needed), later ones as shingle sets.
    private var seen: [String: (first: String, shingles: [Set<String>])] = [:]

    /// Records `output` of `persona` for the step titled `title`; true if it repeats an earlier one.
    mutating func record(persona: String, title: String, output: String) -> Bool {
        let key = persona + "\u{0}" + LowercaseWords.of(title).joined(separator: " ")
        guard var earlier = seen[key] else {
            seen[key] = (output, [])
            return false
        }
        if earlier.shingles.isEmpty { earlier.shingles = [Self.shingles(earlier.first)] }
        let shingles = Self.shingles(output)
        let repeated = output == earlier.first || earlier.shingles.contains { Self.similarity($0, shingles) >= threshold }
        earlier.shingles.append(shingles)
        seen[key] = earlier
        return repeated
    }

    /// The three-word shingles of `text` (its words themselves when it has fewer than three).
    static func shingles(_ text: String) -> Set<String> {
        let words = LowercaseWords.of(text)
        guard words.count >= 3 else { return Set(words) }
        return Set((0...(words.count - 3)).map { words[$0..<($0 + 3)].joined(separator: " ") })
    }

    /// The Jaccard similarity of two shingle sets (1 for two empty ones).
    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }
}

/// What the progress ledger told a step's worker to do, and why (it replaces the plan step's
/// title as the instruction; the title stays in the brief as `plan_step`).
struct LedgerInstruction: Sendable, Equatable {
    var instruction: String
    var reason: String
}
