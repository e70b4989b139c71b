/// The coding key of an array element (its index) or of a `superEncoder()` ("super").
struct CanonicalIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init?(intValue: Int) { self.init(index: intValue) }

    static let `super` = CanonicalIndexKey(stringValue: "super")!
}
