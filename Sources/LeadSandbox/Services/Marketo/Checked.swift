/// The result of a Marketo input check: the value, or what to answer instead. (`Result` needs an
/// `Error` type; Marketo's rejections are answers, not errors.)
enum Checked<Value, Rejection> {
    case accepted(Value)
    case rejected(Rejection)
}
