/// The hash of the request a model is being asked to answer (`ChatRequest.canonicalHash`),
/// set by the `ModelGateway` for the duration of the call: it has computed it for the
/// transcript already, and a model that matches requests by hash — the replay model — need not
/// encode and hash the whole conversation a second time.
public enum RequestHash {
    @TaskLocal public static var current: String?

    /// The hash of `request`: the gateway's, when this call came through it.
    public static func of(_ request: ChatRequest) -> String {
        current ?? request.canonicalHash
    }
}
