import KernelInterface
import Trace
import Wire

/// config.v2.json, the container as moby writes it to disk (container/container.go `toDisk`:
/// the whole container.Container as JSON, its `State`, `Name`, `Created`, `Config`, `Image`,
/// `LogPath` …), rewritten at every change of its state (create, start, exit, rename) as
/// moby's `CheckpointTo` does. What is derived from the id and the data root (the paths) is
/// written for a reader's sake and computed again on loading (ContainerFiles+Load.swift).
extension ContainerFiles {
    /// Writes config.v2.json from the container's state now. The snapshot is taken under the
    /// daemon's lock while the container's disk lock is held, so of two checkpoints racing the
    /// one written last holds the later state. Nothing is written once a removal has begun.
    func checkpoint(_ container: Container) throws {
        try container.diskLock.withLock {
            let document = try daemon.lock.withLock { () throws -> JSONValue? in
                guard container.status != .removing, container.status != .dead, !container.removed else { return nil }
                return try ContainerFiles.document(container, daemon: daemon)
            }
            guard let document else { return }
            try writeAtomically(daemon.containerDirectory(container.id) + "/" + ContainerFiles.configName, document.serializedBytes)
        }
    }

    /// A checkpoint after a state change that has already happened: a failure to record it is
    /// logged, not thrown, as moby logs a failed `CheckpointTo` after an exit.
    func checkpointOrLog(_ container: Container) {
        do {
            try checkpoint(container)
        } catch {
            DockerdProgram.report("failed to save the state of container \(container.id): \(error)", kernel: kernel)
        }
    }

    /// moby's ioutils.AtomicWriteFile: a temporary file beside the target, then rename(2), so a
    /// reader (the next dockerd) finds the old document or the new one, never half of one.
    /// The temporary name is fixed: the container's disk lock serializes its writers. Unlike
    /// moby there is no fsync before the rename (the Kernel has none): a power cut may lose the
    /// last change, not the whole file.
    func writeAtomically(_ path: String, _ bytes: [UInt8], mode: UInt32 = 0o600) throws {
        let slash = path.lastIndex(of: "/") ?? path.startIndex
        let temporary = String(path[..<slash]) + "/.tmp-" + String(path[path.index(after: slash)...])
        do {
            try kernel.writeFile(temporary, bytes, mode: mode)
            try kernel.rename(temporary, path)
        } catch {
            try? kernel.unlink(temporary)
            throw error
        }
    }

    /// The document, in moby's field order. Call holding the daemon's lock.
    static func document(_ container: Container, daemon: Daemon) throws -> JSONValue {
        let inspection = ContainerInspection(daemon: daemon, container: container)
        let args = (container.config.Entrypoint ?? []) + (container.config.Cmd ?? [])
        let directory = daemon.containerDirectory(container.id)
        return .object([
            ("StreamConfig", .object([])), ("State", state(container, inspection: inspection)),
            ("ID", .string(container.id)), ("Created", inspection.time(container.created)), ("Managed", .bool(false)),
            ("Path", .string(args.first ?? "")), ("Args", .array(args.dropFirst().map { .string($0) })),
            ("Config", try container.configDocument()), ("Image", .string(container.imageID)),
            ("NetworkSettings", ContainerInspection.networkSettings),
            ("LogPath", .string(directory + "/" + container.id + "-json.log")),
            ("Name", .string("/" + container.name)), ("Driver", .string("overlay2")), ("OS", .string("linux")),
            ("MountLabel", .string("")), ("ProcessLabel", .string("")), ("RestartCount", .int(0)),
            ("HasBeenStartedBefore", .bool(container.startedAt != 0)), ("HasBeenManuallyStopped", .bool(false)),
            ("MountPoints", .object([])), ("SecretReferences", .null), ("ConfigReferences", .null),
            ("AppArmorProfile", .string("")), ("HostnamePath", .string(directory + "/hostname")),
            ("HostsPath", .string(directory + "/hosts")), ("ShmPath", .string("")),
            ("ResolvConfPath", .string(directory + "/resolv.conf")), ("SeccompProfile", .string("")),
            ("NoNewPrivileges", .bool(false)),
        ])
    }

    /// moby's container.State on disk: no `Status` word (moby derives it, and so does
    /// `ContainerFiles.status(recordedIn:)`), `RemovalInProgress` instead.
    static func state(_ container: Container, inspection: ContainerInspection) -> JSONValue {
        .object([
            ("Running", .bool(container.status == .running)), ("Paused", .bool(false)), ("Restarting", .bool(false)),
            ("OOMKilled", .bool(false)), ("RemovalInProgress", .bool(container.status == .removing)),
            ("Dead", .bool(container.status == .dead)), ("Pid", .int(Int64(container.pid))),
            ("ExitCode", .int(Int64(container.exitCode))), ("Error", .string(container.error)),
            ("StartedAt", inspection.time(container.startedAt)), ("FinishedAt", inspection.time(container.finishedAt)),
            ("Health", .null),
        ])
    }
}
