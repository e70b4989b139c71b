import Foundation
import Testing
import TroupeCore
import TroupeProviders
import TroupeTesting

@testable import TroupeFuzzTargets

/// What fuzzing found stays fixed: every input kept in `fuzz/regressions/TARGET/` runs through
/// its target again. And the targets read real inputs the way the product does.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: FuzzTarget.allCases) func everyKeptInputRunsThroughItsTarget(_ target: FuzzTarget) throws {
        let folder = Self.root.appendingPathComponent("fuzz/regressions/\(target.rawValue)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() {
            target.run(try Data(contentsOf: folder.appendingPathComponent(file)))
        }
    }

    @Test func recordedBodiesDecodeAsTheClientsDecodeThem() throws {
        let wire = Self.root.appendingPathComponent("Tests/Fixtures/wire")
        let anthropic = try Data(contentsOf: wire.appendingPathComponent("anthropic/messages_stream_text_claude3.sse"))
        #expect(!(try WireDecoding.decodeStream(anthropic, format: .anthropic)).message.content.isEmpty)
        let ollama = try Data(contentsOf: wire.appendingPathComponent("ollama/api_chat_stream.ndjson"))
        #expect(!(try WireDecoding.decodeStream(ollama, format: .ollama)).message.content.isEmpty)
        #expect(throws: (any Error).self) { try WireDecoding.decodeStream(Data("data: {\"choices\": [".utf8), format: .openAI) }
    }

    @Test func theGoldenTranscriptsAndShippedPersonasGoThroughTheirTargets() throws {
        for file in GoldenTranscripts.files {
            FuzzTarget.transcript.run(try Data(contentsOf: file))
        }
        let personas = Self.root.appendingPathComponent("personas")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: personas.path)) ?? [] where file.hasSuffix(".md") {
            let data = try Data(contentsOf: personas.appendingPathComponent(file))
            let persona = try PersonaParser.parse(String(decoding: data, as: UTF8.self), path: file, source: .builtin)
            #expect(persona.name + ".md" == file)
        }
    }
}
