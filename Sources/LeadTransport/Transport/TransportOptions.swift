/// How a client talks to servers. Defaults are the safe ones: verification on, bounded time and
/// memory, no redirects.
public struct TransportOptions: Sendable, Hashable {
    /// Limit for DNS + TCP + TLS, milliseconds (default 10 s).
    public var connectTimeoutMilliseconds: Int
    /// Limit for a whole transfer, milliseconds (default 30 s).
    public var totalTimeoutMilliseconds: Int
    /// Largest response body accepted, bytes (default 10 MiB).
    public var maxBodyBytes: Int
    /// Redirect handling.
    public var redirects: RedirectPolicy
    /// Skip TLS verification. Every report shows a warning when this is set.
    public var insecure: Bool
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// Most transfers in flight at once; further requests wait their turn.
    public var maxConcurrentTransfers: Int
    /// libcurl threads (each its own `curl_multi` loop and connection cache) a burst spreads its
    /// transfers over. Single requests always use the first, so sequential requests share one
    /// connection. More than one pays off only for bursts that keep one thread busy.
    public var transferThreads: Int

    /// Creates options.
    public init(
        connectTimeoutMilliseconds: Int = 10_000, totalTimeoutMilliseconds: Int = 30_000, maxBodyBytes: Int = 10 << 20,
        redirects: RedirectPolicy = .fail, insecure: Bool = false, caFile: String? = nil,
        maxConcurrentTransfers: Int = 16,
        transferThreads: Int = 1
    ) {
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.maxBodyBytes = maxBodyBytes
        self.redirects = redirects
        self.insecure = insecure
        self.caFile = caFile
        self.maxConcurrentTransfers = maxConcurrentTransfers
        self.transferThreads = max(1, transferThreads)
    }

    /// The libcurl threads worth using for a burst of `concurrency` transfers on `cores` cores:
    /// one per core, but each driving at least four connections, below which a thread's poll
    /// and wake-up overhead outweighs what it adds.
    public static func burstThreads(concurrency: Int, cores: Int) -> Int {
        max(1, min(cores, concurrency / 4))
    }
}
