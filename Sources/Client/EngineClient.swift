import KernelInterface
import Trace
import Wire

/// The Engine API as the client uses it: versioned paths, the docker CLI's User-Agent, and
/// errors turned into the daemon's message.
struct EngineClient {
    let kernel: Kernel
    let daemon: DaemonAddress
    var http: HTTPClient {
        HTTPClient(kernel: kernel, address: daemon.address, host: EngineAPI.host, userAgent: "Glassbox-Client/0.1 (linux)")
    }

    /// The daemon could not be reached; docker's wording.
    struct Unreachable: Error, CustomStringConvertible {
        let daemon: String
        var description: String {
            "Cannot connect to the Glassbox daemon at \(daemon). Is the daemon running?\n"
                + "Start one with: glassbox-dockerd -H \(daemon)"
        }
    }

    /// An error answer from the daemon, with its status and `message`.
    struct DaemonError: Error, CustomStringConvertible {
        let status: Int
        let message: String
        var description: String { "Error response from daemon: \(message)" }
    }

    func path(_ path: String) -> String { "/v\(EngineAPI.version)" + path }

    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch Errno.ENOENT {
            throw Unreachable(daemon: daemon.text)
        } catch Errno.ECONNREFUSED {
            throw Unreachable(daemon: daemon.text)
        }
    }

    func send(_ method: String, _ target: String, json: [UInt8]? = nil, headers: [(String, String)] = []) throws -> HTTPResponse {
        var all = headers
        if json != nil { all.append(("Content-Type", "application/json")) }
        return try guarded { try http.send(method, target, headers: all, body: json ?? []) }
    }

    /// A request with a body of another type than JSON (an image import's tarball).
    func send(_ method: String, _ target: String, headers: [(String, String)], body: [UInt8]) throws -> HTTPResponse {
        try guarded { try http.send(method, target, headers: headers, body: body) }
    }

    func open(_ method: String, _ target: String, headers: [(String, String)] = []) throws -> HTTPClient.OpenExchange {
        try guarded { try http.open(method, target, headers: headers) }
    }

    /// `HEAD /_ping`: the CLI's first request, which negotiates the API version.
    func ping() throws {
        let response = try send("HEAD", "/_ping")
        guard response.status == 200 else { throw DaemonError(status: response.status, message: "ping answered \(response.statusLine)") }
    }

    static func errorMessage(_ response: HTTPResponse) -> String {
        if let decoded = try? JSONCoding.decode(ErrorResponse.self, from: response.body) { return decoded.message }
        let text = String(decoding: response.body, as: UTF8.self)
        return text.isEmpty ? response.statusLine : text
    }

    func check(_ response: HTTPResponse, expect: Set<Int>) throws {
        guard expect.contains(response.status) else {
            throw DaemonError(status: response.status, message: EngineClient.errorMessage(response))
        }
    }
}
