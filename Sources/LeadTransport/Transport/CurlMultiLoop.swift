import CCurl
import Foundation
import LeadModel

/// The one thread that drives libcurl for a client: a `curl_multi` event loop.
///
/// Blocking network work never runs on Swift's cooperative pool. All libcurl calls except
/// `curl_multi_wakeup` happen on this thread, so easy handles need no locking. The multi handle's
/// connection cache keeps connections alive across requests, and `curl_multi_wakeup` lets a
/// cancellation interrupt the poll at once rather than after its timeout.
final class CurlMultiLoop: @unchecked Sendable {
    private let options: TransportOptions
    private let lock = NSLock()
    // Guarded by `lock`.
    private var pending: [CurlTransfer] = []
    private var cancellations: [CurlTransfer] = []
    private var newFeeders: [BurstFeeder] = []
    private var cancelledFeeders: [ObjectIdentifier] = []
    private var stopping = false
    /// Whether the loop is (about to be) blocked in `curl_multi_poll`. Submitters only pay for a
    /// wake-up (a write to libcurl's wake-up pipe plus a context switch) when it is.
    private var sleeping = false
    private var multi: UnsafeMutableRawPointer?
    private let started = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    private let redactor: Redactor

    init(options: TransportOptions, redactor: Redactor = Redactor(), index: Int = 0) throws(LeadCheckError) {
        try CurlLibrary.initialize()
        self.options = options
        self.redactor = redactor
        Thread.startDedicated(name: "lc-curl-\(index)") { [self] in run() }
        started.wait()
        guard multi != nil else { throw .transport("curl_multi_init failed") }
    }

    /// Queues a transfer; it starts when a slot is free. After shutdown it fails at once rather
    /// than wait for a loop that is gone.
    func submit(_ transfer: CurlTransfer) {
        lock.lock()
        if stopping || multi == nil {
            lock.unlock()
            transfer.finish(
                .failure(
                    TransportError(.requestCancelled, message: "the client was shut down", url: transfer.redactedURL)))
            return
        }
        pending.append(transfer)
        let handle = sleeping ? multi : nil
        sleeping = false
        lock.unlock()
        if let handle { curl_multi_wakeup(handle) }
    }

    /// Runs a burst: the loop pulls requests from the feeder as slots free up. Returns when the
    /// feeder is exhausted (or cancelled) and every transfer it started has finished.
    func run(_ feeder: BurstFeeder) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                feeder.done = continuation
                lock.lock()
                if stopping || multi == nil {
                    lock.unlock()
                    feeder.done = nil
                    continuation.resume()
                    return
                }
                newFeeders.append(feeder)
                let handle = sleeping ? multi : nil
                sleeping = false
                lock.unlock()
                if let handle { curl_multi_wakeup(handle) }
            }
        } onCancel: {
            lock.lock()
            cancelledFeeders.append(ObjectIdentifier(feeder))
            let handle = multi
            lock.unlock()
            if let handle { curl_multi_wakeup(handle) }
        }
    }

    /// Cancels a queued or running transfer.
    func cancel(_ transfer: CurlTransfer) {
        transfer.requestCancel()
        lock.lock()
        cancellations.append(transfer)
        let handle = multi
        lock.unlock()
        if let handle { curl_multi_wakeup(handle) }
    }

    /// Stops the loop after failing what is still queued; returns when the thread has exited.
    func shutdown() {
        lock.lock()
        let alreadyStopping = stopping
        stopping = true
        let handle = multi
        lock.unlock()
        guard !alreadyStopping else { return }
        if let handle { curl_multi_wakeup(handle) }
        stopped.wait()
    }

    private func run() {
        guard let multi = curl_multi_init() else {
            started.signal()
            stopped.signal()
            return
        }
        _ = lc_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(8, options.maxConcurrentTransfers * 2))
        lock.lock()
        self.multi = multi
        lock.unlock()
        started.signal()

        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        // Idle easy handles, each with the shape it is still configured for (nil: reset).
        var idleHandles: [(handle: UnsafeMutableRawPointer, shape: String?)] = []
        var feeders: [BurstFeeder] = []

        /// Gives a transfer an easy handle (one still configured for its shape when there is
        /// one, so a burst skips `curl_easy_reset` and the client-wide options), configures it
        /// and adds it to the multi handle; a transfer that cannot start is finished with its error.
        func start(_ transfer: CurlTransfer) {
            let shape = transfer.reuseShape
            let index =
                shape.flatMap { wanted in idleHandles.lastIndex { $0.shape == wanted } } ?? idleHandles.indices.last
            let idle = index.map { idleHandles.remove(at: $0) }
            guard let handle = idle?.handle ?? curl_easy_init() else {
                transfer.finish(
                    .failure(
                        TransportError(.transportFailed, message: "curl_easy_init failed", url: transfer.redactedURL)))
                return
            }
            let preconfigured = idle?.shape != nil && idle?.shape == shape
            if idle?.shape != nil && !preconfigured { curl_easy_reset(handle) }
            if let error = transfer.configure(handle, preconfigured: preconfigured) {
                curl_easy_reset(handle)
                idleHandles.append((handle, nil))
                transfer.finish(.failure(error))
                return
            }
            active[handle] = transfer
            curl_multi_add_handle(multi, handle)
        }

        /// Takes a finished handle off the multi handle; it stays configured only after a
        /// successful transfer of a reusable shape.
        func release(_ handle: UnsafeMutableRawPointer, keeping shape: String? = nil) {
            curl_multi_remove_handle(multi, handle)
            if shape == nil { curl_easy_reset(handle) }
            if idleHandles.count < options.maxConcurrentTransfers {
                idleHandles.append((handle, shape))
            } else {
                curl_easy_cleanup(handle)
            }
        }

        while true {
            lock.lock()
            let cancelled = cancellations
            cancellations.removeAll()
            let isStopping = stopping
            var starting: [CurlTransfer] = []
            let free = max(0, options.maxConcurrentTransfers - active.count)
            if free > 0 && !pending.isEmpty {
                starting = Array(pending.prefix(free))
                pending.removeFirst(starting.count)
            }
            let leftover = isStopping ? pending : []
            if isStopping { pending.removeAll() }
            feeders += newFeeders
            newFeeders.removeAll()
            let cancelledIDs = Set(cancelledFeeders)
            cancelledFeeders.removeAll()
            lock.unlock()
            for feeder in feeders where cancelledIDs.contains(ObjectIdentifier(feeder)) || isStopping {
                feeder.cancelled = true
            }

            for transfer in cancelled {
                if let handle = transfer.easy, active[handle] === transfer {
                    active[handle] = nil
                    release(handle)
                }
                transfer.finish(
                    .failure(
                        TransportError(
                            .requestCancelled, message: "the request was cancelled", url: transfer.redactedURL)))
            }
            for transfer in leftover + (isStopping ? starting : []) {
                transfer.finish(
                    .failure(
                        TransportError(.requestCancelled, message: "the client shut down", url: transfer.redactedURL)))
            }
            if !isStopping {
                for transfer in starting {
                    if transfer.isCancelRequested {
                        transfer.finish(
                            .failure(
                                TransportError(
                                    .requestCancelled, message: "the request was cancelled", url: transfer.redactedURL))
                        )
                        continue
                    }
                    start(transfer)
                }
            }
            // Bursts fill whatever slots the queued requests left free.
            if !isStopping {
                for feeder in feeders where !feeder.exhausted && !feeder.cancelled {
                    while active.count < options.maxConcurrentTransfers, feeder.inFlight < feeder.slots,
                        let request = feeder.next()
                    {
                        let transfer = CurlTransfer(request: request, options: options, redactor: redactor)
                        feeder.inFlight += 1
                        transfer.callback = { [feeder] result in
                            feeder.inFlight -= 1
                            feeder.completion(request, result)
                        }
                        start(transfer)
                    }
                    if active.count < options.maxConcurrentTransfers && feeder.inFlight < feeder.slots {
                        feeder.exhausted = true
                    }
                }
            }
            if isStopping {
                for (handle, transfer) in active {
                    release(handle)
                    transfer.finish(
                        .failure(
                            TransportError(
                                .requestCancelled, message: "the client shut down", url: transfer.redactedURL)))
                }
                active.removeAll()
                break
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            var freedSlot = false
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                    let transfer = active.removeValue(forKey: handle)
                else { continue }
                let result = transfer.complete(code: message.pointee.data.result)
                if case .success = result { release(handle, keeping: transfer.reuseShape) } else { release(handle) }
                transfer.finish(result)
                freedSlot = true
            }
            feeders.removeAll { feeder in
                guard (feeder.exhausted || feeder.cancelled) && feeder.inFlight == 0 else { return false }
                feeder.done?.resume()
                feeder.done = nil
                return true
            }
            // A finished burst transfer frees a slot for the next one without waiting for I/O.
            if freedSlot && feeders.contains(where: { !$0.exhausted && !$0.cancelled }) { continue }
            lock.lock()
            let mustSpin =
                !pending.isEmpty || !cancellations.isEmpty || stopping || !newFeeders.isEmpty
                || !cancelledFeeders.isEmpty
            sleeping = !mustSpin
            lock.unlock()
            if !mustSpin {
                curl_multi_poll(multi, nil, 0, active.isEmpty ? 1000 : 100, nil)
                lock.lock()
                sleeping = false
                lock.unlock()
            }
        }

        for feeder in feeders {
            feeder.done?.resume()
            feeder.done = nil
        }
        for idle in idleHandles { curl_easy_cleanup(idle.handle) }
        lock.lock()
        self.multi = nil
        lock.unlock()
        curl_multi_cleanup(multi)
        stopped.signal()
    }
}
