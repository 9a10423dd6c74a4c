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
        case .events: try streamEvents()
        case .containerCreate: try createContainer()
        case .containerList: try listContainers()
        case .containerPrune: try pruneContainers()
        case let .containerInspect(reference): try inspectContainer(reference)
        case let .containerStart(reference): try startContainer(reference)
        case let .containerStop(reference): try stopContainer(reference)
        case let .containerKill(reference): try killContainer(reference)
        case let .containerRestart(reference): try restartContainer(reference)
        case let .containerWait(reference): try waitContainer(reference)
        case let .containerAttach(reference): try attachContainer(reference)
        case let .containerLogs(reference): try containerLogs(reference)
        case let .containerRename(reference): try renameContainer(reference)
        case let .containerResize(reference): try resizeContainer(reference)
        case let .containerDelete(reference): try deleteContainer(reference)
        case let .containerExport(reference): try exportContainer(reference)
        case let .containerTop(reference): try topContainer(reference)
        case let .containerExec(reference): try createExec(reference)
        case let .execStart(id): try startExec(id)
        case let .execInspect(id): try inspectExec(id)
        case let .execResize(id): try resizeExec(id)
        case .imageCreate: try createImage()
        case .imageList: try listImages()
        case let .imageInspect(reference): try inspectImage(reference)
        case let .imageTag(reference): try tagImage(reference)
        case let .imageDelete(reference): try deleteImage(reference)
        case let .imageHistory(reference): try imageHistory(reference)
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

    /// An integer query parameter; a value that is not one is the caller's mistake.
    func integer(_ name: String) throws -> Int? {
        guard let text = request.queryValue(name), !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw DaemonError(.invalidParameter, "invalid value for \(name): \"\(text)\" is not an integer")
        }
        return value
    }

    func container(_ reference: String) throws -> Container {
        try daemon.lock.withLock { try daemon.lookup(reference) }
    }
}
