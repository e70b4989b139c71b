import Foundation

/// One file's outline: how many lines it has and what it declares, or why it was not read.
struct FileOutline: Sendable {
    /// Why a file was passed over.
    enum Skipped: Sendable, Equatable {
        /// A NUL byte among its first bytes.
        case binary
        /// Larger than `FileOutline.largestFile`.
        case tooLarge
        case unreadable
    }

    /// The absolute path.
    var path: String
    var lineCount = 0
    var declarations: [Declaration] = []
    var skipped: Skipped?

    /// Bytes a file may have to be outlined.
    static let largestFile = 2 * 1024 * 1024

    /// Reads the file at `path` and outlines it with `scanner`.
    static func read(_ path: String, with scanner: OutlineScanner) -> FileOutline {
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= largestFile else { return FileOutline(path: path, skipped: .tooLarge) }
        guard let data = FileManager.default.contents(atPath: path) else { return FileOutline(path: path, skipped: .unreadable) }
        guard !data.prefix(FileSearch.binaryProbe).contains(0) else { return FileOutline(path: path, skipped: .binary) }
        let outline = scanner.outline(Array(data))
        return FileOutline(path: path, lineCount: outline.lineCount, declarations: outline.declarations)
    }
}
