/// What the user did with a proposed plan, as recorded.
public enum PlanReviewAction: Sendable, Equatable {
    /// Asked for a new plan with this feedback.
    case feedback(String)
    /// Ran this plan instead of the proposed one.
    case edited(Plan)
    /// Did not run the plan.
    case declined
}
