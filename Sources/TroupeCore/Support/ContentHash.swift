import Crypto
public import Foundation

/// SHA-256 digests as lowercase hex, for persona file hashes and model request hashes.
public enum ContentHash {
    /// The hex SHA-256 digest of `data`.
    public static func sha256(_ data: some DataProtocol) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// The hex SHA-256 digest of the UTF-8 bytes of `text`.
    public static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }
}
