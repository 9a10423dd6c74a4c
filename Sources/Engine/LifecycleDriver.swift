import KernelInterface
import Wire

/// The client `glassbox bench` runs inside the simulated machine: one process that drives N
/// container lifecycles through the Engine API, each made of the four requests a lifecycle is
/// (`docker create`, `docker start`, `docker wait`, `docker rm`, or docker-py's
/// `containers.create(...)`, `.start()`, `.wait()`, `.remove()`):
///
///     POST   /v1.41/containers/create          201 {"Id": …}
///     POST   /v1.41/containers/{id}/start      204      containerd: Containers/Create, Tasks/Create
///                                                        (a new shim, runc create), Tasks/Start
///     POST   /v1.41/containers/{id}/wait       200 {"StatusCode": 0}
///     DELETE /v1.41/containers/{id}            204      Tasks/Delete (runc delete), the shim's
///                                                        Shutdown, Containers/Delete
///
/// Every layer below the client works as for `glassbox run`; what is left out is what `run`
/// adds on the client's side (a client process per container, `_ping`, the attach stream).
/// The image is pulled once, before the first lifecycle.
public enum LifecycleDriver {
    public static let path = "/usr/libexec/glassbox/lifecycles"

    public static let program = Program(name: "lifecycles", participant: "client") { context in
        do {
            try run(count: Int(context.arguments.dropFirst().first ?? "") ?? 1, kernel: context.kernel)
            return 0
        } catch {
            context.printError("lifecycles: \(error)")
            return 1
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(count: Int, kernel: Kernel) throws {
        let http = HTTPClient(kernel: kernel, address: .unix("/run/glassbox.sock"), host: EngineAPI.host, userAgent: "Glassbox-Bench/0.1 (linux)")
        func send(_ method: String, _ path: String, _ body: [UInt8] = [], expect: Int) throws -> HTTPResponse {
            let headers = body.isEmpty ? [] : [("Content-Type", "application/json")]
            let response = try http.send(method, "/v\(EngineAPI.version)" + path, headers: headers, body: body)
            guard response.status == expect else {
                throw Failure(description: "\(method) \(path): \(response.statusLine) \(String(decoding: response.body, as: UTF8.self))")
            }
            return response
        }
        _ = try send("POST", "/images/create?fromImage=busybox&tag=latest", expect: 200)
        let create = try JSONCoding.encode(ContainerCreateRequest(config: ContainerConfig(Image: "busybox", Cmd: ["true"]), hostConfig: HostConfig()))
        for _ in 0..<count {
            let created = try JSONCoding.decode(ContainerCreateResponse.self, from: send("POST", "/containers/create", create, expect: 201).body)
            _ = try send("POST", "/containers/\(created.Id)/start", expect: 204)
            let waited = try JSONCoding.decode(ContainerWaitResponse.self, from: send("POST", "/containers/\(created.Id)/wait", expect: 200).body)
            guard waited.StatusCode == 0 else { throw Failure(description: "container \(created.Id) exited \(waited.StatusCode)") }
            _ = try send("DELETE", "/containers/\(created.Id)", expect: 204)
        }
    }
}
