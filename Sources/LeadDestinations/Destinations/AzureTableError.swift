import Foundation
import LeadTransport

/// A Table service error answer, read where the real service puts it: the code from the JSON
/// body's `odata.error.code` — the service's JSON errors carry no `x-ms-error-code` header
/// (docs/reference/azure-table.md §8, [REC] SDK recordings of 2017, 2021 and 2024) — and the header only as
/// a fallback (XML errors, Azurite).
struct AzureTableError: Sendable, Equatable {
    /// The error code, `""` when the answer names none.
    let code: String
    /// The message's first line (without `RequestId:`/`Time:`), or the start of the body.
    let message: String

    private struct Envelope: Decodable {
        struct Body: Decodable {
            struct Message: Decodable { let value: String? }
            let code: String?
            let message: Message?
        }
        let error: Body?
        enum CodingKeys: String, CodingKey { case error = "odata.error" }
    }

    init(_ response: HTTPResponse) {
        let body = (try? JSONDecoder().decode(Envelope.self, from: Data(response.body)))?.error
        code = body?.code ?? response.headers["x-ms-error-code"] ?? ""
        message = body?.message?.value?.components(separatedBy: "\n").first ?? String(response.text.prefix(200))
    }
}
