import KernelInterface
import Wire

/// `POST /images/create?fromImage=…&tag=…`: reads the daemon's JSON progress lines and prints
/// them as the docker CLI does without a terminal: one line per status, no progress bars.
enum PullProgress {
    static func pull(name: String, tag: String, client: EngineClient, context: ProcessContext) throws {
        var target = client.path("/images/create?fromImage=" + percentEncode(name))
        if !tag.isEmpty { target += "&tag=" + percentEncode(tag) }
        let exchange = try client.open("POST", target)
        defer { exchange.connection.close() }
        guard exchange.status == 200 else {
            let body = try exchange.readBody()
            throw EngineClient.DaemonError(status: exchange.status, message: EngineClient.errorMessage(HTTPResponse(status: exchange.status, body: body)))
        }
        let body = try exchange.readBody()
        for line in body.split(separator: 0x0A) where !line.isEmpty {
            guard let message = try? JSONCoding.decode(JSONMessage.self, from: Array(line)) else { continue }
            if let error = message.error ?? message.errorDetail?.message {
                throw EngineClient.DaemonError(status: 200, message: error)
            }
            guard let status = message.status, message.progressDetail?.total == nil else { continue }
            context.printError(message.id.map { "\($0): \(status)" } ?? status)
        }
    }
}
