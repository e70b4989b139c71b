// The synthesis context's canonical JSON written directly (it carries every step's output, so a
// long plan's final request is mostly this): what the synthesized `encode(to:)` gives, members in
// their keys' UTF-8 order, absent optionals left out.

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

extension TaskFacts: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("educated_guesses")
        try json.strings(educatedGuesses)
        json.member("given")
        try json.strings(given)
        json.member("to_derive")
        try json.strings(toDerive)
        json.member("to_look_up")
        try json.strings(toLookUp)
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

extension StepReport: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("output")
        json.string(output)
        json.member("persona")
        json.string(persona)
        json.member("status")
        json.string(status.rawValue)
        json.member("step")
        json.integer(step)
        json.member("title")
        json.string(title)
        json.endObject()
    }
}
