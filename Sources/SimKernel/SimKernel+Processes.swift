import KernelInterface

/// Process calls: pids, spawn, execve, exit_group, wait4, kill, signal dispositions, sessions,
/// prctl's subreaper and name, threads and locks.
extension SimKernel {
    /// getpid(2), in the caller's pid namespace.
    public func getpid() -> ProcessID { query { _ in ProcessID(process.pid) } }

    /// getppid(2): 0 when the parent lives outside the caller's pid namespace (a container's
    /// pid 1).
    public func getppid() -> ProcessID {
        query { _ in ProcessID(process.parent?.pid(in: process.pidNamespace) ?? 0) }
    }

    /// The child's pid as the caller's pid namespace sees it.
    public func spawn(_ request: SpawnRequest) throws -> ProcessID {
        try call { _ in
            let child = try machine.spawn(request, parent: process)
            return ProcessID(child.pid(in: process.pidNamespace) ?? 0)
        }
    }

    /// clone(2) without execve(2): see `SimMachine.fork`.
    public func fork(_ request: SpawnRequest, running program: Program) throws -> ProcessID {
        try call { _ in
            let child = try machine.fork(request, program: program, parent: process)
            return ProcessID(child.pid(in: process.pidNamespace) ?? 0)
        }
    }

    /// execve(2): on success the other threads die, close-on-exec descriptors close, and the
    /// calling thread unwinds the old image and runs the new one.
    public func execve(_ path: String, _ arguments: [String], _ environment: [String]) throws -> Never {
        try call { thread -> Never in
            let image = try machine.loadImage(path, arguments: arguments, environment: environment, for: process)
            for other in process.threads where other !== thread { other.killed = true }
            process.threads.removeAll { $0 === thread }
            process.threads.insert(thread, at: 0)
            machine.replaceImage(of: process, with: image, path: path)
            thread.pendingImage = image
            throw ProcessUnwind()
        }
    }

    /// exit_group(2): never fails and is not counted for faults.
    public func exit(_ status: Int32) throws -> Never {
        try call(counted: false) { _ -> Never in
            machine.terminate(process, status: .exited(status & 0xFF))
            throw ProcessUnwind()
        }
    }

    /// wait4(2) for a child of the process (any thread may reap it): ECHILD when none matches.
    public func wait4(_ pid: ProcessID?, options: WaitOptions) throws -> (pid: ProcessID, status: WaitStatus)? {
        try call { thread in
            let namespace = process.pidNamespace
            let matches = { (child: SimProcess) in pid == nil || child.pid(in: namespace) == pid?.rawValue }
            while true {
                let candidates = process.children.filter(matches)
                if candidates.isEmpty { throw Errno.ECHILD }
                if let zombie = candidates.first(where: \.isZombie), case let .zombie(status) = zombie.state {
                    let seen = ProcessID(zombie.pid(in: namespace) ?? 0)
                    machine.reap(zombie)
                    return (seen, status)
                }
                if options.contains(.noHang) { return nil }
                try machine.block(thread, "wait4(\(pid.map { String($0.rawValue) } ?? "-1"))") {
                    // Ready when no child matches any more, or a matching one is a zombie.
                    var matched = false
                    for child in self.process.children where matches(child) {
                        if child.isZombie { return true }
                        matched = true
                    }
                    return !matched
                }
            }
        }
    }

    /// kill(2) for a pid (>0), the caller's process group (0), every process it may signal
    /// (-1), or a process group (< -1). EPERM without CAP_KILL for another user's process.
    public func kill(_ pid: ProcessID, _ signal: Signal) throws {
        try call { _ in
            let namespace = process.pidNamespace
            var targets: [SimProcess]
            switch pid.rawValue {
            case let n where n > 0:
                guard let target = namespace.members[n] else { throw Errno.ESRCH }
                targets = [target]
            case 0:
                targets = machine.processes.filter { $0.processGroupID == process.processGroupID && $0.pid(in: namespace) != nil }
            case -1:
                targets = machine.processes.filter { $0 !== process && ($0.pid(in: namespace) ?? 1) > 1 }
            default:
                guard let leader = namespace.members[-pid.rawValue] else { throw Errno.ESRCH }
                targets = machine.processes.filter { $0.processGroupID == leader.globalPID && $0.pid(in: namespace) != nil }
            }
            if targets.isEmpty { throw Errno.ESRCH }
            let allowed = targets.filter {
                process.credentials.has(.kill) || process.credentials.uid == $0.credentials.uid
            }
            if allowed.isEmpty { throw Errno.EPERM }
            for target in allowed { machine.deliver(signal, to: target, from: process) }
        }
    }

    /// SIG_IGN or SIG_DFL for a signal; EINVAL for SIGKILL and SIGSTOP.
    public func ignoreSignal(_ signal: Signal, _ ignore: Bool) throws {
        try call { _ in
            if signal == .SIGKILL || signal == .SIGSTOP || signal.rawValue < 1 || signal.rawValue > 64 { throw Errno.EINVAL }
            if ignore { process.ignoredSignals.insert(signal.rawValue) } else { process.ignoredSignals.remove(signal.rawValue) }
        }
    }

    /// setsid(2): EPERM for a process group leader.
    public func setsid() throws -> ProcessID {
        try call { _ in
            if process.processGroupID == process.globalPID { throw Errno.EPERM }
            process.sessionID = process.globalPID
            process.processGroupID = process.globalPID
            return ProcessID(process.pid)
        }
    }

    /// prctl(2) `PR_SET_CHILD_SUBREAPER`: orphans below are reparented here (not inherited by children).
    public func setChildSubreaper() throws {
        try call { _ in process.isChildSubreaper = true }
    }

    /// prctl(2) `PR_SET_NAME`: comm, cut to 15 bytes.
    public func setProcessName(_ name: String) throws {
        try call { _ in process.comm = SimMachine.truncatedComm(name) }
    }

    /// clone(2) with CLONE_THREAD; EAGAIN past the cgroup's pids.max.
    public func spawnThread(name: String, _ body: @escaping @Sendable (Kernel) -> Void) throws {
        try call { _ in
            guard process.cgroup.allowsNewTasks(1) else { throw Errno.EAGAIN }
            let thread = SimThread(serial: machine.nextSerial(), name: name, process: process, entry: .body(body))
            process.threads.append(thread)
            machine.startHostThread(thread)
        }
    }

    /// A futex-style lock with a condition for the threads of this process (see `SimLock`).
    public func makeLock() -> KernelLock {
        query { _ in SimLock(machine: machine) }
    }
}
