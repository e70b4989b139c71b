public import Foundation

/// Why a replayed model call could not be served the way it was recorded.
public enum ReplayError: Error, Equatable, LocalizedError {
    /// The recording has no call left for this agent and purpose: the replay took another path.
    case noRecordedCall(agent: String, purpose: RequestPurpose)
    /// The transcript ends before this call was answered (a cut-short or partly read file).
    case unansweredCall(agent: String, purpose: RequestPurpose)
    /// The call failed in the recording; the message is the original error's.
    case recordedFailure(String)

    public var errorDescription: String? {
        switch self {
        case .noRecordedCall(let agent, let purpose):
            return "the transcript has no further \(purpose.rawValue) call of \(agent): the replay diverged"
        case .unansweredCall(let agent, let purpose):
            return "the transcript ends before \(agent)'s \(purpose.rawValue) call was answered"
        case .recordedFailure(let message): return message
        }
    }
}
