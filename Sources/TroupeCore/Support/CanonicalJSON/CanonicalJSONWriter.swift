import Foundation

/// Writes a ``CanonicalJSONNode`` tree as the bytes Foundation's `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (and `.prettyPrinted` when asked): members in the
/// lexicographic order of their keys' UTF-8, `"`, `\` and control characters escaped (the short
/// forms for backspace, form feed, newline, return and tab, `\u00xx` in lowercase hex for the
/// rest), everything else as its UTF-8.
struct CanonicalJSONWriter {
    /// What has been written so far.
    var bytes: [UInt8] = []
    /// How deep the containers a value writing itself has opened are (see
    /// ``CanonicalJSONWritable``): set to the depth of its node before it writes.
    var openDepth = 0
    private let pretty: Bool
    private var indent = 0

    /// Containers nested deeper than this are refused, as `JSONEncoder` refuses them.
    static let maximumDepth = 512

    init(pretty: Bool, capacity: Int = 256) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ node: CanonicalJSONNode, depth: Int = 0) throws {
        switch node {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .number(let text): append(text)
        case .string(let text): writeString(text)
        case .array(let array): try writeArray(array.elements, depth: depth + 1)
        case .object(let object): try writeObject(object, depth: depth + 1)
        case .deferred(let encoder): try write(encoder.node ?? .object(CanonicalJSONObject()), depth: depth)
        case .writable(let value):
            guard pretty else {
                let outer = openDepth
                openDepth = depth
                defer { openDepth = outer }
                return try value.write(to: &self)
            }
            try write(CanonicalNodeEncoder.node(for: value, parent: nil, key: nil, direct: false) ?? .null, depth: depth)
        }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func writeArray(_ elements: [CanonicalJSONNode], depth: Int) throws {
        guard depth < Self.maximumDepth else { throw CanonicalJSONEncoder.tooDeep }
        bytes.append(UInt8(ascii: "["))
        if pretty { bytes.append(UInt8(ascii: "\n")); indent += 1 }
        for (index, element) in elements.enumerated() {
            if index > 0 { append(pretty ? ",\n" : ",") }
            if pretty { writeIndent() }
            try write(element, depth: depth)
        }
        if pretty { bytes.append(UInt8(ascii: "\n")); indent -= 1; writeIndent() }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: CanonicalJSONObject, depth: Int) throws {
        guard depth < Self.maximumDepth else { throw CanonicalJSONEncoder.tooDeep }
        bytes.append(UInt8(ascii: "{"))
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            indent += 1
            if !object.keys.isEmpty { writeIndent() }
        }
        var first = true
        for index in Self.writtenOrder(of: object.keys) {
            if !first {
                append(pretty ? ",\n" : ",")
                if pretty { writeIndent() }
            }
            first = false
            writeString(object.keys[index])
            append(pretty ? " : " : ":")
            try write(object.values[index], depth: depth)
        }
        if pretty { bytes.append(UInt8(ascii: "\n")); indent -= 1; writeIndent() }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The members to write, by index: sorted by key, and of a key set more than once only the
    /// last.
    private static func writtenOrder(of keys: [String]) -> [Int] {
        if keys.count < 2 { return Array(keys.indices) }
        let sorted = keys.indices.sorted { left, right in
            let order = compareUTF8(keys[left], keys[right])
            return order == 0 ? left < right : order < 0
        }
        var order: [Int] = []
        order.reserveCapacity(sorted.count)
        for (position, index) in sorted.enumerated() {
            let next = position + 1
            if next < sorted.count, compareUTF8(keys[sorted[next]], keys[index]) == 0 { continue }
            order.append(index)
        }
        return order
    }

    /// The order of two keys' UTF-8 bytes: negative, zero or positive.
    static func compareUTF8(_ left: String, _ right: String) -> Int {
        let fast = left.utf8.withContiguousStorageIfAvailable { a in
            right.utf8.withContiguousStorageIfAvailable { b -> Int in
                let common = min(a.count, b.count)
                if common > 0, let aBase = a.baseAddress, let bBase = b.baseAddress {
                    let difference = memcmp(aBase, bBase, common)
                    if difference != 0 { return Int(difference) }
                }
                return a.count - b.count
            }
        }
        if let fast = fast ?? nil { return fast }
        if left.utf8.elementsEqual(right.utf8) { return 0 }
        return left.utf8.lexicographicallyPrecedes(right.utf8) ? -1 : 1
    }

    private mutating func writeIndent() {
        for _ in 0..<indent { append("  ") }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                writeEscape(byte)
                index += 1
                runStart = index
            }
            if utf8.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case UInt8(ascii: "\n"): append("\\n")
        case UInt8(ascii: "\r"): append("\\r")
        case UInt8(ascii: "\t"): append("\\t")
        default:
            append("\\u00")
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }
}
