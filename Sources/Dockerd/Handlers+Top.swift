import KernelInterface
import Trace
import Wire

extension Handlers {
    /// `GET /containers/{id}/top` (moby daemon/top_unix.go): the task's pids from containerd
    /// (Tasks/ListPids), each described from /proc as `ps -ef` would: UID, PID, PPID, C,
    /// STIME, TTY, TIME, CMD. Docker runs `ps` and keeps the container's rows; reading /proc
    /// directly gives the same rows without a `ps` on the host.
    func topContainer(_ reference: String) throws {
        let container = try container(reference)
        guard daemon.lock.withLock({ container.status == .running }) else {
            throw DaemonError(.conflict, "Container \(container.id) is not running")
        }
        let client = try daemon.containerd(kernel)
        defer { client.close() }
        let pids: ListPidsResponse
        do {
            pids = try client.call(ContainerdService.tasks, "ListPids", ListPidsRequest(container_id: container.id), as: ListPidsResponse.self)
        } catch {
            throw DaemonError.fromRuntime(error)
        }
        let bootTime = ((try? kernel.readTextFile("/proc/stat")) ?? "").split(separator: "\n")
            .first(where: { $0.hasPrefix("btime ") }).flatMap { Int64($0.dropFirst(6)) }
        let started = daemon.lock.withLock { container.startedAt / 1_000_000_000 }
        let rows = pids.processes.map(\.pid).sorted().compactMap { processRow(Int32(bitPattern: $0), bootTime: bootTime, fallbackStart: started) }
        try respondJSON(200, ContainerTopResponse(Titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], Processes: rows))
    }

    /// One `ps -ef` row from /proc/<pid>/stat, status and cmdline; nil when the process is gone.
    /// STIME is the boot time (/proc/stat's btime) plus the process's start in clock ticks; a
    /// kernel without btime gets the container's start.
    func processRow(_ pid: Int32, bootTime: Int64?, fallbackStart: Int64) -> [String]? {
        guard let stat = try? kernel.readTextFile("/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ").map(String.init)
        // After the command: state(0) ppid(1) … utime(11) stime(12) … starttime(19).
        let ppid = fields.count > 1 ? fields[1] : "0"
        let ticks = fields.count > 12 ? (Int64(fields[11]) ?? 0) + (Int64(fields[12]) ?? 0) : 0
        let seconds = ticks / 100
        let time = [seconds / 3600, seconds / 60 % 60, seconds % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        var command = ((try? kernel.readFile("/proc/\(pid)/cmdline")) ?? []).split(separator: 0, omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        if command.isEmpty, let open = stat.firstIndex(of: "(") {
            command = "[" + stat[stat.index(after: open)..<close] + "]"
        }
        let uid = (try? kernel.readTextFile("/proc/\(pid)/status"))?.split(separator: "\n")
            .first(where: { $0.hasPrefix("Uid:") })?.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.map(String.init) ?? "0"
        let startTicks = fields.count > 19 ? Int64(fields[19]) : nil
        let startTime = (bootTime.flatMap { boot in startTicks.map { boot + $0 / 100 } } ?? fallbackStart) % 86400
        let stime = [startTime / 3600, startTime / 60 % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        return [uid == "0" ? "root" : uid, String(pid), ppid, "0", stime, "?", time, command]
    }
}
