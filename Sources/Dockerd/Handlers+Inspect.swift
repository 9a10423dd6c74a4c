import KernelInterface
import Trace
import Wire

extension Handlers {
    /// `GET /containers/{id}/json`: every field of reference/inspect.json, in Docker's order
    /// (moby daemon/inspect.go). The network is empty until networking lands; `Mounts` too.
    func inspectContainer(_ reference: String) throws {
        let answer = try daemon.lock.withLock { () throws -> JSONValue in
            try ContainerInspection(daemon: daemon, container: daemon.lookup(reference)).json
        }
        exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]),
                                      body: Array((answer.serialized + "\n").utf8)))
    }
}

/// A container's inspect document. Built holding the daemon's lock.
struct ContainerInspection {
    let daemon: Daemon
    let container: Container

    static let zeroTime = "0001-01-01T00:00:00Z"

    func time(_ nanoseconds: Int64) -> JSONValue {
        .string(nanoseconds == 0 ? ContainerInspection.zeroTime : Timestamp.rfc3339(nanoseconds: nanoseconds))
    }

    static func strings(_ values: [String]?) -> JSONValue {
        values.map { .array($0.map { .string($0) }) } ?? .null
    }

    var json: JSONValue {
        let args = (container.config.Entrypoint ?? []) + (container.config.Cmd ?? [])
        let directory = daemon.containerDirectory(container.id)
        return .object([
            ("Id", .string(container.id)), ("Created", time(container.created)),
            ("Path", .string(args.first ?? "")), ("Args", .array(args.dropFirst().map { .string($0) })),
            ("State", state), ("Image", .string(container.imageID)),
            ("ResolvConfPath", .string(directory + "/resolv.conf")), ("HostnamePath", .string(directory + "/hostname")),
            ("HostsPath", .string(directory + "/hosts")),
            ("LogPath", .string(directory + "/" + container.id + "-json.log")),
            ("Name", .string("/" + container.name)), ("RestartCount", .int(0)), ("Driver", .string("overlay2")),
            ("Platform", .string("linux")), ("MountLabel", .string("")), ("ProcessLabel", .string("")),
            ("AppArmorProfile", .string("")), ("ExecIDs", container.execIDs.isEmpty ? .null : .array(container.execIDs.map { .string($0) })),
            ("HostConfig", hostConfig), ("GraphDriver", graphDriver), ("Mounts", .array([])),
            ("Config", config), ("NetworkSettings", ContainerInspection.networkSettings),
        ])
    }

    var state: JSONValue {
        .object([
            ("Status", .string(container.status.rawValue)), ("Running", .bool(container.status == .running)),
            ("Paused", .bool(false)), ("Restarting", .bool(false)), ("OOMKilled", .bool(false)),
            ("Dead", .bool(container.status == .dead)), ("Pid", .int(Int64(container.pid))),
            ("ExitCode", .int(Int64(container.exitCode))), ("Error", .string(container.error)),
            ("StartedAt", time(container.startedAt)), ("FinishedAt", time(container.finishedAt)),
        ])
    }

    var graphDriver: JSONValue {
        let layer = daemon.layerDirectory(container.id)
        return .object([
            ("Data", .object([
                ("LowerDir", .string(container.layerDirectories.reversed().joined(separator: ":"))),
                ("MergedDir", .string(layer + "/merged")), ("UpperDir", .string(layer + "/diff")),
                ("WorkDir", .string(layer + "/work")),
            ])),
            ("Name", .string("overlay2")),
        ])
    }

    var config: JSONValue {
        let config = container.config
        func sets(_ value: [String: JSONValueCodable]?) -> JSONValue {
            value.map { .object($0.keys.sorted().map { ($0, .object([])) }) } ?? .null
        }
        var members: [(String, JSONValue)] = [
            ("Hostname", .string(config.Hostname.flatMap { $0.isEmpty ? nil : $0 } ?? container.shortID)),
            ("Domainname", .string(config.Domainname ?? "")), ("User", .string(config.User ?? "")),
            ("AttachStdin", .bool(config.AttachStdin ?? false)), ("AttachStdout", .bool(config.AttachStdout ?? false)),
            ("AttachStderr", .bool(config.AttachStderr ?? false)),
        ]
        if let ports = config.ExposedPorts, !ports.isEmpty { members.append(("ExposedPorts", sets(ports))) }
        members += [
            ("Tty", .bool(config.Tty ?? false)), ("OpenStdin", .bool(config.OpenStdin ?? false)),
            ("StdinOnce", .bool(config.StdinOnce ?? false)), ("Env", ContainerInspection.strings(config.Env)),
            ("Cmd", ContainerInspection.strings(config.Cmd)), ("Image", .string(config.Image ?? container.imageReference)),
            ("Volumes", sets(config.Volumes)), ("WorkingDir", .string(config.WorkingDir ?? "")),
            ("Entrypoint", ContainerInspection.strings(config.Entrypoint)), ("OnBuild", ContainerInspection.strings(config.OnBuild)),
            ("Labels", .object((config.Labels ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ]
        if let signal = config.StopSignal, !signal.isEmpty { members.append(("StopSignal", .string(signal))) }
        if let timeout = config.StopTimeout { members.append(("StopTimeout", .int(Int64(timeout)))) }
        return .object(members)
    }

    /// Docker's defaults for every HostConfig field, overlaid with what the client sent, then
    /// the daemon's own choices where the client left a field empty (moby's
    /// adaptContainerSettings): the json-file log driver, the default network, a 64 MiB
    /// /dev/shm, a private IPC namespace, the host's cgroup namespace on cgroup v1.
    var hostConfig: JSONValue {
        guard case var .object(members) = HostConfigDefaults.value else { preconditionFailure("the defaults are an object") }
        if case let .object(sent) = container.hostConfigJSON {
            for (key, value) in sent {
                if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
            }
        }
        func replaceEmpty(_ key: String, with value: JSONValue) {
            guard let index = members.firstIndex(where: { $0.0 == key }) else { return }
            let current = members[index].1
            if current == .string("") || current == .int(0) || current == .null { members[index].1 = value }
        }
        replaceEmpty("NetworkMode", with: .string("default"))
        replaceEmpty("ShmSize", with: .int(67_108_864))
        replaceEmpty("IpcMode", with: .string("private"))
        replaceEmpty("CgroupnsMode", with: .string("host"))
        replaceEmpty("Runtime", with: .string("runc"))
        if let index = members.firstIndex(where: { $0.0 == "LogConfig" }), members[index].1["Type"] == .string("") || members[index].1["Type"] == nil {
            members[index].1 = .object([("Type", .string("json-file")), ("Config", members[index].1["Config"] ?? .object([]))])
        }
        return .object(members)
    }

    static let networkSettings: JSONValue = .object([
        ("Bridge", .string("")), ("SandboxID", .string("")), ("HairpinMode", .bool(false)),
        ("LinkLocalIPv6Address", .string("")), ("LinkLocalIPv6PrefixLen", .int(0)), ("Ports", .object([])),
        ("SandboxKey", .string("")), ("SecondaryIPAddresses", .null), ("SecondaryIPv6Addresses", .null),
        ("EndpointID", .string("")), ("Gateway", .string("")), ("GlobalIPv6Address", .string("")),
        ("GlobalIPv6PrefixLen", .int(0)), ("IPAddress", .string("")), ("IPPrefixLen", .int(0)),
        ("IPv6Gateway", .string("")), ("MacAddress", .string("")), ("Networks", .object([])),
    ])
}
