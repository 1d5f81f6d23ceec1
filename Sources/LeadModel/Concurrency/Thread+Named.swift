import Foundation

extension Thread {
    /// Starts a dedicated thread running `body`, named `name` in `top -H`, perf and debuggers.
    ///
    /// The name is set from inside the new thread: on Linux, Foundation applies a name set
    /// before `start()` to nothing, and the kernel keeps at most 15 bytes (a longer name is
    /// refused outright), so names here stay short.
    public static func startDedicated(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            Thread.current.name = name
            body()
        }
        thread.start()
    }
}
