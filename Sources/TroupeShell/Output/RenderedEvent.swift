import Foundation
import TroupeCore

/// Lines to print for one event: progress (plan, handoffs, ledger) and the answer.
public struct RenderedEvent: Sendable, Equatable {
    public var progress: [String] = []
    public var answer: [String] = []
}
