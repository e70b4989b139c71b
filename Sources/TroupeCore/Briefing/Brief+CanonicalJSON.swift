// The brief's canonical JSON written directly (every handoff writes it into the worker's
// request): what `Brief.encode(to:)` gives, members in their keys' UTF-8 order.

extension Brief: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        if !artifacts.isEmpty {
            json.member("artifacts")
            try json.array(artifacts)
        }
        if !background.isEmpty {
            json.member("background")
            try json.strings(background)
        }
        if !constraints.isEmpty {
            json.member("constraints")
            try json.strings(constraints)
        }
        if !dependencyResults.isEmpty {
            json.member("dependency_results")
            try json.array(dependencyResults)
        }
        if !details.isEmpty {
            json.member("details")
            json.string(details)
        }
        json.member("expected_format")
        json.string(expectedFormat)
        if !facts.isEmpty {
            json.member("facts")
            try json.strings(facts)
        }
        json.member("instruction")
        json.string(instruction)
        if !omitted.isEmpty {
            json.member("omitted")
            try json.strings(omitted)
        }
        if let planStep {
            json.member("plan_step")
            json.string(planStep)
        }
        if !reason.isEmpty {
            json.member("reason")
            json.string(reason)
        }
        json.member("request")
        json.string(request)
        json.member("requested_by")
        json.string(requestedBy)
        if let step {
            json.member("step")
            json.integer(step)
        }
        json.member("token_budget")
        json.integer(tokenBudget)
        json.member("version")
        json.integer(version)
        json.endObject()
    }
}

extension DependencyResult: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        json.member("output")
        json.string(output)
        json.member("persona")
        json.string(persona)
        json.member("step")
        json.integer(step)
        json.member("title")
        json.string(title)
        json.endObject()
    }
}

extension StepArtifact: CanonicalJSONWritable {
    func write(to json: inout CanonicalJSONWriter) throws {
        try json.beginObject()
        if let content {
            json.member("content")
            json.string(content)
        }
        json.member("kind")
        json.string(kind.rawValue)
        json.member("name")
        json.string(name)
        if let step {
            json.member("step")
            json.integer(step)
        }
        json.endObject()
    }
}
