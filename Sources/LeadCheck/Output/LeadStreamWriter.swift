/// Writes a generator's leads in one output format with the format's framing (JSON array
/// brackets, CSV header, one record per line), flushing in chunks so memory stays flat for any
/// count.
public struct LeadStreamWriter: Sendable {
    /// The format.
    public let format: OutputFormat
    private let encoder: any LeadEncoder

    /// Creates a writer.
    public init(format: OutputFormat, options: WireOptions = WireOptions()) {
        self.format = format
        encoder = format.encoder(options)
    }

    /// Streams every lead of `generator`, calling `flush` whenever about `chunkSize` bytes are
    /// ready, and once more at the end.
    public func write(
        _ generator: LeadGenerator, chunkSize: Int = 1 << 20,
        flush: ([UInt8]) throws(LeadCheckError) -> Void
    ) throws(LeadCheckError) {
        var buffer = WireBuffer(capacity: chunkSize + 64 * 1024)
        switch format {
        case .json: buffer.append("[")
        case .csv:
            buffer.append(CSVLeadEncoder.columns.joined(separator: ","))
            buffer.append("\r\n")
        default: break
        }
        for index in 0..<generator.count {
            if format == .json { buffer.append(index == 0 ? "\n" : ",\n") }
            encoder.encode(generator.lead(at: index), into: &buffer)
            buffer.append(format == .csv ? "\r\n" : (format == .json ? "" : "\n"))
            if buffer.count >= chunkSize {
                try flush(buffer.bytes)
                buffer.removeAll()
            }
        }
        if format == .json { buffer.append(generator.count == 0 ? "]\n" : "\n]\n") }
        if buffer.count > 0 { try flush(buffer.bytes) }
    }

    /// The whole output in memory; for tests and fixtures.
    public func render(_ generator: LeadGenerator) -> [UInt8] {
        var all: [UInt8] = []
        try? write(generator) { chunk throws(LeadCheckError) in all.append(contentsOf: chunk) }
        return all
    }
}
