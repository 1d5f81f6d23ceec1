import Foundation
import Testing

@testable import LeadDestinations
@testable import LeadModel
@testable import LeadTransport

/// Token reuse, renewal and Marketo's client-side limits, without a network.
@Suite struct TokenCacheTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }

    @Test func concurrentCallersShareOneFetchAndReuseTheToken() async throws {
        let counter = Counter()
        let cache = TokenCache {
            try? await Task.sleep(for: .milliseconds(50))
            return .success(AccessToken(value: "token-\(counter.next())", expiresIn: 3599))
        }
        let tokens = await withTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { (try? await cache.token().get()) ?? "" } }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(tokens) == ["token-1"])
        #expect(await cache.fetches == 1)
        #expect(try await cache.token().get() == "token-1", "reused until expiry")
        await cache.invalidate("token-1")
        #expect(try await cache.token().get() == "token-2", "renewed after the service refused it")
        await cache.invalidate("token-1")
        #expect(try await cache.token().get() == "token-2", "a stale invalidation does not drop the new token")
        #expect(await cache.redact("a token-1 and token-2") == "a \(Redactor.mask) and \(Redactor.mask)")
    }

    @Test func expiredTokensAreRenewedAndFailuresAreNotCached() async throws {
        let counter = Counter()
        let cache = TokenCache {
            let n = counter.next()
            if n == 2 {
                return .failure(
                    FindingsFailure(findings: [Finding(code: .authRejected, destination: "d", message: "no", hint: "h")]
                    ))
            }
            return .success(AccessToken(value: "token-\(n)", expiresIn: 0))
        }
        #expect(try await cache.token().get() == "token-1")
        let failed = await cache.token()
        #expect((try? failed.get()) == nil)
        #expect(
            try await cache.token().get() == "token-3",
            "a token past its renewal time is fetched again; a failure is retried")
    }

    /// Only lower bounds and "not yet" are asserted: a loaded machine makes waits longer, never
    /// shorter, so the test cannot pass by luck or fail by load.
    @Test func marketoGateKeepsTheWindowAndConcurrencyLimits() async {
        let window = MarketoCallGate(perWindow: 3, window: .milliseconds(300), concurrent: 10)
        let start = ContinuousClock.now
        for _ in 0..<3 {
            await window.enter()
            await window.leave()
        }
        await window.enter()
        #expect(ContinuousClock.now - start >= .milliseconds(300), "the fourth call waits for the window")
        await window.leave()

        let concurrency = MarketoCallGate(perWindow: 100, window: .seconds(20), concurrent: 2)
        await concurrency.enter()
        await concurrency.enter()
        let third = Task {
            await concurrency.enter()
            return ContinuousClock.now
        }
        try? await Task.sleep(for: .milliseconds(150))
        let released = ContinuousClock.now
        await concurrency.leave()
        #expect(await third.value >= released, "a third call starts only once one of two in flight has finished")
    }

    @Test func overLimitValuesAreFoundBeforeSending() {
        let leads = LeadGenerator(
            options: GenerationOptions(seed: 1, matrix: .documented, variants: [.limits], locales: [.enUS])
        ).leads()
        let over = leads.filter { $0.limitEdge == .over }
        let at = leads.filter { $0.limitEdge == .at }
        #expect(!over.isEmpty && !at.isEmpty)
        for lead in at { #expect(FieldLimits.overLimit(lead, at: .salesforce).isEmpty, "values at the limit are fine") }
        for lead in over {
            let fields = FieldLimits.overLimit(lead, at: .salesforce)
            #expect(fields.contains { $0.field == .firstName && $0.limit == 40 && $0.length == 41 })
        }
    }
}
