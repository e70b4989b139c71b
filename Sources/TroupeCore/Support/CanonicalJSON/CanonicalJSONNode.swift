/// A value being encoded by ``CanonicalJSONEncoder``: the tree is built first because an
/// object's members are written in key order, which is known only once all are encoded.
enum CanonicalJSONNode {
    case null
    case bool(Bool)
    /// A number already in its written form.
    case number(String)
    case string(String)
    case array(CanonicalJSONArray)
    case object(CanonicalJSONObject)
    /// A value that writes itself (compactly; pretty output takes its `encode(to:)`).
    case writable(any CanonicalJSONWritable)
    /// What a `superEncoder()` was given, read when the tree is written.
    case deferred(CanonicalNodeEncoder)
}

/// An array being filled by an unkeyed container (a reference: nested containers add to it
/// after it is placed in its parent).
final class CanonicalJSONArray {
    var elements: [CanonicalJSONNode] = []
}

/// An object being filled by a keyed container, members in the order they were encoded.
/// A key encoded twice keeps its last value, as `JSONEncoder`'s dictionary does.
final class CanonicalJSONObject {
    var keys: [String] = []
    var values: [CanonicalJSONNode] = []

    func set(_ key: String, _ value: CanonicalJSONNode) {
        keys.append(key)
        values.append(value)
    }

    /// The value last set for `key`, for a nested container asked for twice under one key.
    func value(for key: String) -> CanonicalJSONNode? {
        keys.lastIndex(of: key).map { values[$0] }
    }
}
