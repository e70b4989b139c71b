// A step report's canonical JSON written directly (the synthesis context carries one per step,
// the progress ledger's context the steps it judges):
// what the synthesized `encode(to:)` gives, members in their keys' UTF-8 order.

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
