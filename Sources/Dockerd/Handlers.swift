import KernelInterface
import Trace
import Wire

/// Serves one Engine API request: routes it, and turns any error into the status its class
/// maps to with a `{"message": …}` body.
struct Handlers {
    let daemon: Daemon
    let exchange: HTTPExchange
    var kernel: Kernel { exchange.kernel }
    var request: HTTPRequest { exchange.request }

    func handle() {
        guard let route = Route(method: request.method, path: request.path) else {
            exchange.respond(status: 404, json: "{\"message\":\"page not found\"}")
            return
        }
        do {
            try dispatch(route)
        } catch {
            let failure = DaemonError.from(error)
            if exchange.answered { return }
            exchange.respond(status: failure.httpStatus, json: "{\"message\":\"\(failure.message.jsonEscaped)\"}")
        }
    }

    func dispatch(_ route: Route) throws {
        switch route {
        case .ping: ping()
        case .version: try version()
        case .info: try info()
        case .containerCreate: try createContainer()
        case .containerList: try listContainers()
        case let .containerInspect(reference): try inspectContainer(reference)
        case let .containerStart(reference): try startContainer(reference)
        case let .containerWait(reference): try waitContainer(reference)
        case let .containerAttach(reference): try attachContainer(reference)
        case let .containerDelete(reference): try deleteContainer(reference)
        case .imageCreate: try createImage()
        case .imageList: try listImages()
        }
    }

    func respondJSON<T: Encodable>(_ status: Int, _ value: T) throws {
        exchange.respond(HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]),
                                      body: try JSONCoding.encode(value) + [0x0A]))
    }

    /// A boolean query parameter as Docker reads them (`1`, `true`, `True`).
    func flag(_ name: String) -> Bool {
        guard let value = request.queryValue(name)?.lowercased() else { return false }
        return value == "1" || value == "true"
    }
}
