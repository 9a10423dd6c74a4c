import KernelInterface
import SimKernel
import Testing
import Trace
import Wire

/// dockerd told to stop on the simulated machine: a program in the machine starts a container
/// through the Engine API, sends dockerd SIGTERM and waits for it to be gone; the trace shows
/// the container stopped through containerd before dockerd's shutdown completed.
@Suite("dockerd's shutdown on the simulator")
struct DockerdShutdownSimTests {
    static let driverPath = "/usr/libexec/glassbox/shutdown-driver"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `sleep 300` in a busybox container, then SIGTERMs dockerd (found in /proc by its
    /// name) and waits up to a minute of the machine's time for it to exit.
    static let driver = Program(name: "shutdown-driver", participant: "client") { context in
        let kernel = context.kernel
        do {
            let http = HTTPClient(kernel: kernel, address: .unix("/run/glassbox.sock"), host: EngineAPI.host, userAgent: "shutdown-driver")
            func send(_ method: String, _ path: String, _ body: [UInt8] = [], expect: Int) throws -> HTTPResponse {
                let headers = body.isEmpty ? [] : [("Content-Type", "application/json")]
                let response = try http.send(method, "/v\(EngineAPI.version)" + path, headers: headers, body: body)
                guard response.status == expect else { throw Failure(description: "\(method) \(path): \(response.statusLine)") }
                return response
            }
            _ = try send("POST", "/images/create?fromImage=busybox&tag=latest", expect: 200)
            let create = try JSONCoding.encode(ContainerCreateRequest(config: ContainerConfig(Image: "busybox", Cmd: ["sleep", "300"]), hostConfig: HostConfig()))
            let created = try JSONCoding.decode(ContainerCreateResponse.self, from: send("POST", "/containers/create", create, expect: 201).body)
            _ = try send("POST", "/containers/\(created.Id)/start", expect: 204)
            let dockerd = try kernel.readdir("/proc").compactMap { Int32($0.name) }.first { pid in
                (try? kernel.readFile("/proc/\(pid)/comm")).map { String(decoding: $0, as: UTF8.self).hasPrefix("glassbox-docker") } ?? false
            }
            guard let dockerd else { throw Failure(description: "no dockerd in /proc") }
            try kernel.kill(ProcessID(rawValue: dockerd), .SIGTERM)
            for _ in 0..<6000 {
                if (try? kernel.readFile("/proc/\(dockerd)/comm")) == nil { return 0 }
                try kernel.nanosleep(10_000_000)
            }
            throw Failure(description: "dockerd still runs a minute after SIGTERM")
        } catch {
            context.printError("shutdown-driver: \(error)")
            return 1
        }
    }

    @Test("SIGTERM makes dockerd stop its running container through containerd (Tasks/Kill, Tasks/Delete), then exit")
    func terminateStopsContainers() throws {
        let journey = try Journey.run([], client: Self.driverPath) { machine in
            machine.installExecutable(Self.driverPath, program: Self.driver)
        }
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        let events = journey.events
        let shutdown = events.firstIndex { $0.kind == .lifecycle && $0.op == "daemon.shutdown" }
        let kill = events.firstIndex { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/Kill" }
        let delete = events.firstIndex { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/Delete" }
        let stop = events.firstIndex { $0.kind == .lifecycle && $0.op == "container.stop" }
        let complete = events.firstIndex { $0.kind == .log && $0.body?.stringValue == "Daemon shutdown complete" }
        #expect(shutdown != nil && kill != nil && delete != nil && stop != nil && complete != nil,
                "shutdown \(String(describing: shutdown)), Kill \(String(describing: kill)), Delete \(String(describing: delete)), stop \(String(describing: stop)), complete \(String(describing: complete))")
        if let shutdown, let kill, let delete, let stop, let complete {
            #expect(shutdown < kill && kill < delete && delete < stop && stop < complete, "in that order")
        }
        #expect(journey.standardError.contains("Processing signal 'terminated'"), "\(journey.standardError)")
        #expect(journey.standardError.contains("Daemon shutdown complete"), "\(journey.standardError)")
    }
}
