// The facts sheet's canonical JSON written directly (the synthesis context and the progress
// ledger's context carry it): what the synthesized `encode(to:)` gives, every category written,
// in their keys' UTF-8 order.

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
