/// The size of the round the background encoder last finished.
///
/// `@unchecked Sendable`: written by the background encoding task and read by the writing
/// thread only after `DispatchGroup.wait()`, which orders the two.
final class RoundResult: @unchecked Sendable {
    var size = 0
}
