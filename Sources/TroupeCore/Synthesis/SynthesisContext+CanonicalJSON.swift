// The synthesis context's canonical JSON written directly (it carries every step's output, so a
// long plan's final request is mostly this), and its groups of results: what the synthesized
// `encode(to:)` gives, members in their keys' UTF-8 order, absent optionals left out. Like every
// `CanonicalJSONWritable` conformance, it is used wherever the type is encoded compactly.

extension SynthesisContext: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("facts")
        try json.value(facts)
        json.member("request")
        json.string(request)
        json.member("results_by_persona")
        try json.array(resultsByPersona)
        if let stopReason {
            json.member("stop_reason")
            json.string(stopReason)
        }
        if let verdict {
            json.member("verdict")
            try json.beginObject()
            json.member("answer")
            json.boolean(verdict.answer)
            json.member("reason")
            json.string(verdict.reason)
            json.endObject()
        }
        json.endObject()
    }
}

extension PersonaResults: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("persona")
        json.string(persona)
        json.member("results")
        try json.array(results)
        json.member("role")
        json.string(role)
        json.endObject()
    }
}
