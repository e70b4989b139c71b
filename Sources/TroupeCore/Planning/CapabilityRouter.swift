/// Ranks personas for a piece of work by matching its words against their capabilities and
/// specializations. Deterministic; used to route, and to correct a model's unknown choices.
enum CapabilityRouter {
    /// Candidates for `text`, best first; ties keep the team's order. Unavailable agents are
    /// left out by the caller passing only healthy members.
    static func rank(_ text: String, among team: [TeamMember]) -> [RoutingCandidate] {
        let words = Set(WordStems.stems(of: text))
        let ranked = team.enumerated().map { index, member -> (Int, RoutingCandidate) in
            let capabilityHits = member.capabilities.filter { WordStems.matches(words, $0) }
            let specializationHits = member.specializations.filter { WordStems.matches(words, $0) }
            let nameHit = WordStems.matches(words, member.name)
            let score = capabilityHits.count * 3 + specializationHits.count + (nameHit ? 2 : 0)
            var reasons: [String] = []
            if !capabilityHits.isEmpty { reasons.append("capability \(capabilityHits.joined(separator: ", "))") }
            if !specializationHits.isEmpty { reasons.append("specialization \(specializationHits.joined(separator: ", "))") }
            if nameHit { reasons.append("named in the request") }
            let reason = reasons.isEmpty ? "no capability matched" : reasons.joined(separator: "; ")
            return (index, RoutingCandidate(persona: member.name, score: score, reason: reason))
        }
        return ranked.sorted { $0.1.score != $1.1.score ? $0.1.score > $1.1.score : $0.0 < $1.0 }.map(\.1)
    }

    /// The best candidate for `text`, or the first member when nothing matched (with that reason).
    static func best(_ text: String, among team: [TeamMember]) -> RoutingCandidate? {
        guard let top = rank(text, among: team).first else { return nil }
        if top.score > 0 { return top }
        return RoutingCandidate(persona: top.persona, score: 0, reason: "no capability matched; first worker of the team")
    }
}

/// Crude English stemming, enough to match "counting" with `count` and "summary" with `summarize`.
enum WordStems {
    private static let suffixes = [
        "ization", "izing", "izes", "ized", "ize", "ysis", "yses", "yze", "ing", "ied", "ies", "ed", "es", "s",
        "y", "e",
    ]

    /// The stem of one lowercase word.
    static func stem(_ word: String) -> String {
        for suffix in suffixes where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// The stems of the words of `text`.
    static func stems(of text: String) -> [String] {
        LowercaseWords.of(text).map(stem)
    }

    /// Whether any word of `phrase` (stemmed) is among `stems`, allowing one to prefix the other.
    static func matches(_ stems: Set<String>, _ phrase: String) -> Bool {
        let targets = WordStems.stems(of: phrase)
        return targets.contains { target in
            stems.contains(target)
                || stems.contains { $0.count >= 4 && target.count >= 4 && ($0.hasPrefix(target) || target.hasPrefix($0)) }
        }
    }
}
