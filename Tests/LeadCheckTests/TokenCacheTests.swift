import Foundation
import Testing
@testable import LeadCheck

/// Token reuse, renewal and Marketo's client-side limits, without a network.
@Suite struct TokenCacheTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
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
            if n == 2 { return .failure(FindingsFailure(findings: [Finding(code: .authRejected, destination: "d", message: "no", hint: "h")])) }
            return .success(AccessToken(value: "token-\(n)", expiresIn: 0))
        }
        #expect(try await cache.token().get() == "token-1")
        let failed = await cache.token()
        #expect((try? failed.get()) == nil)
        #expect(try await cache.token().get() == "token-3", "a token past its renewal time is fetched again; a failure is retried")
    }

    @Test func marketoGateKeepsTheWindowAndConcurrencyLimits() async {
        let gate = MarketoCallGate(perWindow: 3, window: .milliseconds(300), concurrent: 2)
        let start = ContinuousClock.now
        for _ in 0..<3 { await gate.enter(); await gate.leave() }
        #expect(ContinuousClock.now - start < .milliseconds(200))
        await gate.enter()
        #expect(ContinuousClock.now - start >= .milliseconds(290), "the fourth call waits for the window")
        await gate.leave()
    }

    @Test func overLimitValuesAreFoundBeforeSending() {
        let leads = LeadGenerator(options: GenerationOptions(seed: 1, matrix: .documented, variants: [.limits], locales: [.enUS])).leads()
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
