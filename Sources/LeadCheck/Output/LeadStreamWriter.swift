import Dispatch
import Foundation

/// Writes a generator's leads in one output format with the format's framing (JSON array
/// brackets, CSV header, one record per line), flushing in chunks so memory stays flat for any
/// count.
///
/// Large runs are encoded in rounds: each round encodes a few chunks of leads in parallel (lead
/// `i` is a pure function of the seed and `i`, so chunks are independent), then writes them in
/// order. Output is byte-identical to a serial run.
public struct LeadStreamWriter: Sendable {
    /// The format.
    public let format: OutputFormat
    private let encoder: any LeadEncoder
    /// Leads per parallel chunk: big enough to amortise the hand-off, small enough that the
    /// in-flight chunks stay a few MB even for `limits`-heavy plans.
    private let chunkLeads = 1024

    /// Creates a writer.
    public init(format: OutputFormat, options: WireOptions = WireOptions()) {
        self.format = format
        encoder = format.encoder(options)
    }

    /// Streams every lead of `generator`, calling `flush` with each finished chunk of bytes, in
    /// order.
    public func write(
        _ generator: LeadGenerator, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        flush: (UnsafeBufferPointer<UInt8>) throws(LeadCheckError) -> Void
    ) throws(LeadCheckError) {
        let head = WireBuffer(capacity: 1024)
        switch format {
        case .json: head.append("[")
        case .csv:
            head.append(CSVLeadEncoder.columns.joined(separator: ","))
            head.append("\r\n")
        default: break
        }
        try head.withUnsafeBytes { bytes throws(LeadCheckError) in try flush(bytes) }

        let chunkCount = (generator.count + chunkLeads - 1) / chunkLeads
        let perRound = max(1, workers)
        // Two sets of slots: while this thread writes one round, the next round is encoded into
        // the other set in the background, so the kernel copy overlaps with encoding.
        let sets = [ChunkSlots(count: perRound, capacity: 1 << 20), ChunkSlots(count: perRound, capacity: 1 << 20)]
        let encodeRound: @Sendable (Int, ChunkSlots) -> Int = { [self] round, slots in
            let first = round * perRound
            let roundSize = min(perRound, chunkCount - first)
            let encodeSlot: @Sendable (Int) -> Void = { slot in
                let buffer = slots.buffers[slot]
                buffer.removeAll()
                let start = (first + slot) * chunkLeads
                encodeRange(generator, start..<min(generator.count, start + chunkLeads), into: buffer)
            }
            if roundSize <= 1 {
                if roundSize == 1 { encodeSlot(0) }
            } else {
                DispatchQueue.concurrentPerform(iterations: roundSize, execute: encodeSlot)
            }
            return roundSize
        }
        let roundCount = (chunkCount + perRound - 1) / perRound
        let ready = RoundResult()
        if roundCount > 0 { ready.size = encodeRound(0, sets[0]) }
        for round in 0..<roundCount {
            let current = sets[round % 2]
            let size = ready.size
            let group = DispatchGroup()
            if round + 1 < roundCount {
                DispatchQueue.global().async(group: group) {
                    ready.size = encodeRound(round + 1, sets[(round + 1) % 2])
                }
            }
            var failure: LeadCheckError?
            for slot in 0..<size where failure == nil {
                do {
                    try current.buffers[slot].withUnsafeBytes { bytes throws(LeadCheckError) in try flush(bytes) }
                } catch {
                    failure = error
                }
            }
            group.wait()
            if let failure { throw failure }
        }

        let tail = WireBuffer(capacity: 16)
        if format == .json { tail.append(generator.count == 0 ? "]\n" : "\n]\n") }
        try tail.withUnsafeBytes { bytes throws(LeadCheckError) in try flush(bytes) }
    }

    /// Encodes leads `range` with their separators into `buffer`.
    private func encodeRange(_ generator: LeadGenerator, _ range: Range<Int>, into buffer: WireBuffer) {
        var buffer = buffer
        for index in range {
            if format == .json { buffer.append(index == 0 ? "\n" : ",\n") }
            encoder.encode(generator.lead(at: index), into: &buffer)
            switch format {
            case .csv: buffer.append("\r\n")
            case .json: break
            default: buffer.append(byte: 0x0A)
            }
        }
    }

    /// The whole output in memory; for tests and fixtures.
    public func render(_ generator: LeadGenerator, workers: Int = 1) -> [UInt8] {
        var all: [UInt8] = []
        try? write(generator, workers: workers) { chunk throws(LeadCheckError) in all.append(contentsOf: chunk) }
        return all
    }
}
