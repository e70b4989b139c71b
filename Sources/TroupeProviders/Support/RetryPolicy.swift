public import Foundation
public import TroupeHTTP

/// Exponential backoff with jitter that honours the server's `retry-after-ms` / `retry-after`.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxRetries: Int = 4, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60)) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before retry number `attempt` (1-based): the server's request if it made one
    /// (capped at `maxDelay`), else `baseDelay · 2^(attempt-1)` with ±25 % jitter.
    public func delay(attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxDelay) }
        let exponential = baseDelay * (1 << min(attempt - 1, 16))
        let jitter = Double.random(in: 0.75...1.25)
        return min(maxDelay, exponential * jitter)
    }

    /// The wait a response asks for: `retry-after-ms`, then `retry-after` in seconds or as an HTTP date.
    public static func retryAfter(_ head: HTTPResponseHead, now: Date = Date()) -> Duration? {
        if let milliseconds = head.header("retry-after-ms").flatMap(Double.init) {
            return waiting(milliseconds: milliseconds)
        }
        guard let value = head.header("retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return waiting(milliseconds: seconds * 1000) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }

    /// A wait the server asked for, kept to what a wait can be: a negative or unreadable number
    /// (`nan`) is no wait, and one beyond a day (`1e300`) is a day — `maxDelay` caps it anyway.
    private static func waiting(milliseconds: Double) -> Duration {
        guard milliseconds.isFinite, milliseconds > 0 else { return .zero }
        return .milliseconds(Int(min(milliseconds, 86_400_000)))
    }

    /// Whether an HTTP status is worth retrying.
    public static func isRetryable(status: Int) -> Bool {
        [408, 409, 429, 500, 502, 503, 504, 529].contains(status)
    }
}
