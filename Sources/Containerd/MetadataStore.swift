import KernelInterface
import Trace
import Wire

/// Container records kept as one JSON file each under containerd's root:
/// `<root>/io.containerd.metadata.v1/moby/containers/<id>.json` (containerd keeps the same
/// records in a bolt database, metadata/containers.go). Writes go to a temporary file renamed
/// into place, so a record is never seen half written.
final class MetadataStore: @unchecked Sendable {
    let directory: String
    private let lock: KernelLock

    init(root: String, namespace: String, lock: KernelLock) {
        directory = joinPath(root, "io.containerd.metadata.v1/\(namespace)/containers")
        self.lock = lock
    }

    private func path(_ id: String) -> String { joinPath(directory, id + ".json") }

    /// Stores a new record; `container "x": already exists` when the id is taken.
    func create(kernel: Kernel, _ record: ContainerRecord) throws -> ContainerRecord {
        try Identifier.validate(record.id)
        guard !record.runtime.name.isEmpty else {
            throw ContainerdError(.invalidArgument, "container.Runtime.Name must be set")
        }
        if case .null = record.spec.value { throw ContainerdError(.invalidArgument, "container.Spec must be set") }
        var stored = record
        if stored.created_at == nil { stored.created_at = Timestamp.rfc3339(nanoseconds: kernel.clockGettime(.realtime)) }
        try lock.withLock {
            guard !kernel.exists(path(record.id)) else { throw ContainerdError(.alreadyExists, "container \"\(record.id)\"") }
            try kernel.mkdirAll(directory, mode: 0o711)
            let temporary = path(record.id) + ".tmp"
            try kernel.writeFile(temporary, JSONCoding.encode(stored), mode: 0o600)
            try kernel.rename(temporary, path(record.id))
        }
        return stored
    }

    /// The record of `id`; `container "x": not found` when there is none.
    func get(kernel: Kernel, _ id: String) throws -> ContainerRecord {
        try Identifier.validate(id)
        let bytes: [UInt8]
        do {
            bytes = try lock.withLock { try kernel.readFile(path(id)) }
        } catch Errno.ENOENT {
            throw ContainerdError(.notFound, "container \"\(id)\"")
        }
        do {
            return try ContainerRecord(json: JSONParser.parse(bytes))
        } catch {
            throw ContainerdError(.unknown, "container \"\(id)\": corrupt record: \(error)")
        }
    }

    /// Every record, ordered by id.
    func list(kernel: Kernel) throws -> [ContainerRecord] {
        let entries: [DirectoryEntry]
        do {
            entries = try lock.withLock { try kernel.readdir(directory) }
        } catch Errno.ENOENT {
            return []
        }
        let ids = entries.map(\.name).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        return try ids.compactMap { id in
            do { return try get(kernel: kernel, id) } catch let error as ContainerdError where error.errorClass == .notFound { return nil }
        }
    }

    /// Removes the record of `id`; `container "x": not found` when there is none.
    func delete(kernel: Kernel, _ id: String) throws {
        try Identifier.validate(id)
        do {
            try lock.withLock { try kernel.unlink(path(id)) }
        } catch Errno.ENOENT {
            throw ContainerdError(.notFound, "container \"\(id)\"")
        }
    }
}
