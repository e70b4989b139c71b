import Foundation
import TroupeTesting

/// The recorded provider responses in `Tests/Fixtures/wire/` (provenance in its SOURCES.md).
enum Fixtures {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/wire")

    /// The fixture folder is not where the tests expect it.
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "the recorded wire fixtures are missing: no folder at \(path)" }
    }

    /// Every fixture body file, as `provider/name.ext`; throws `Missing` when the folder is absent.
    static func all() throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder.path) else { throw Missing(path: folder.path) }
        var names: [String] = []
        for provider in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let directory = folder.appendingPathComponent(provider)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where !file.hasSuffix(".meta.json") {
                names.append("\(provider)/\(file)")
            }
        }
        return names
    }

    /// The body bytes of `name` (`openai/chat_stream_text_include_usage.sse`).
    static func body(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    /// The fixture as the server sent it: recorded status and headers (framing headers dropped),
    /// body byte for byte.
    static func response(_ name: String, seed: UInt64 = 1) throws -> ScriptedHTTPResponse {
        let base = (name as NSString).deletingPathExtension
        let meta =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(base + ".meta.json")))
            as? [String: Any]
        let response = meta?["response"] as? [String: Any]
        let status = response?["status"] as? Int ?? 200
        let framing: Set<String> = ["content-length", "transfer-encoding", "content-encoding", "connection"]
        let headers = (response?["headers"] as? [String] ?? []).compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[..<colon])
            guard !framing.contains(name.lowercased()) else { return nil }
            return (name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return ScriptedHTTPResponse(status: status, headers: headers, body: try body(name), seed: seed)
    }
}
