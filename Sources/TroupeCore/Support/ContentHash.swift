import Crypto
import Foundation

/// SHA-256 digests as lowercase hex, for persona file hashes and model request hashes.
public enum ContentHash {
    /// The hex SHA-256 digest of `data`.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The hex SHA-256 digest of the UTF-8 bytes of `text`.
    public static func sha256(_ text: String) -> String {
        sha256(Data(text.utf8))
    }
}
