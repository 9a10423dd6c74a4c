import KernelInterface
import OCI

/// What runc keeps in `<root>/<id>/state.json`: the fields `runc state` prints (the shape of
/// runtime.md "State" with runc's `rootfs`, `created` and `owner`) plus what it needs to find
/// the container again — the init's start time (to tell a reused pid from the init, as
/// libcontainer's `init_process_start` does) and the cgroup to remove on delete.
struct ContainerRecord: Codable, Sendable {
    var ociVersion: String
    var id: String
    /// The init's pid in runc's pid namespace (the host's).
    var pid: Int
    /// The status when the record was written; `state` recomputes it from the live process.
    var status: ContainerStatus
    var bundle: String
    var rootfs: String
    var created: String
    var owner: String
    var annotations: [String: String]?
    /// Field 22 of /proc/<pid>/stat when the init was created.
    var initProcessStart: String?
    /// The cgroup directory, relative to the cgroup mount (`/docker/<id>`).
    var cgroupPath: String
    /// libcontainer's `cgroup_paths`: each controller's directory (`CgroupManager.paths`).
    var cgroupPaths: [String: String]? = nil

    enum CodingKeys: String, CodingKey {
        case ociVersion, id, pid, status, bundle, rootfs, created, owner, annotations
        case initProcessStart = "init_process_start"
        case cgroupPath = "cgroup_path"
        case cgroupPaths = "cgroup_paths"
    }

    /// The OCI state of this container with `status` as computed now; a stopped container's pid
    /// is 0, as runc reports it.
    func state(status: ContainerStatus) -> State {
        State(
            ociVersion: ociVersion, id: id, pid: status == .stopped ? 0 : pid, status: status, bundle: bundle,
            rootfs: rootfs, created: created, owner: owner, annotations: annotations
        )
    }
}

/// The files of one container under `--root`, as libcontainer lays them out.
struct ContainerPaths {
    let root: String
    let id: String

    var directory: String { joinPath(root, id) }
    var stateFile: String { joinPath(directory, "state.json") }
    var execFifo: String { joinPath(directory, "exec.fifo") }

    /// runc's id rule (libcontainer/factory_linux.go `validateID`): letters, digits and `_+-.`,
    /// and neither `.` nor `..`.
    static func validate(id: String, stage: String) throws {
        let allowed = id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_+-.".unicodeScalars.contains($0)
        }
        guard !id.isEmpty, allowed, id != ".", id != ".." else {
            throw RuncError(.invalidArgument, "invalid id format: \(id)", stage: stage)
        }
    }
}

extension ContainerRecord {
    /// Reads state.json; a missing one is runc's `container does not exist`.
    static func load(kernel: Kernel, paths: ContainerPaths, stage: String) throws -> ContainerRecord {
        let bytes: [UInt8]
        do {
            bytes = try kernel.readFile(paths.stateFile)
        } catch Errno.ENOENT {
            throw RuncError.notExist(stage: stage)
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "open \(paths.stateFile)", stage: stage)
        }
        do {
            return try OCIJSON.decode(ContainerRecord.self, from: bytes)
        } catch {
            throw RuncError(.system, "\(paths.stateFile): \(error)", stage: stage)
        }
    }

    /// Writes state.json through a temporary file and rename(2), as libcontainer's `saveState`
    /// does, so a reader never sees half a file.
    func save(kernel: Kernel, paths: ContainerPaths, stage: String) throws {
        let temporary = joinPath(paths.directory, "state-\(id).json.tmp")
        do {
            try kernel.writeFile(temporary, OCIJSON.encode(self), mode: 0o600)
            try kernel.rename(temporary, paths.stateFile)
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "write \(paths.stateFile)", stage: stage)
        }
    }
}
