import KernelInterface

/// How processes end and are reaped, as kernel/exit.c does it: the zombie keeps its status
/// until wait4(2); orphans go to the nearest child subreaper above them in the same pid
/// namespace, else to that namespace's init; when a namespace's init dies every other process
/// in it is killed (zap_pid_ns_processes) and the init reaps them.
extension SimMachine {
    /// exit_group(2) or death by a signal: the process becomes a zombie at once; its threads
    /// unwind at their next Kernel call (a parked one is woken to do so).
    func terminate(_ process: SimProcess, status: WaitStatus) {
        guard !process.hasExited else { return }
        process.state = .zombie(status)
        for thread in process.threads { thread.killed = true }
        process.files.closeAll()
        process.cgroup.members.removeAll { $0 === process }
        if process.isNamespaceInit {
            let namespace = process.pidNamespace
            namespace.isDead = true
            for other in processes where other !== process && !other.hasExited && other.pid(in: namespace) != nil {
                terminate(other, status: .signaled(.SIGKILL))
            }
        }
        let reaper = findReaper(for: process)
        let orphans = process.children
        process.children = []
        for child in orphans {
            if let reaper, reaper !== process, !reaper.hasExited {
                child.parent = reaper
                reaper.children.append(child)
            }
            if child.isZombie, shouldAutoReap(child) { reap(child) }
        }
        // PR_SET_PDEATHSIG: an orphan that asked for a signal gets it now (reparent_leader).
        for child in orphans {
            if let signal = child.parentDeathSignal { deliver(signal, to: child, from: nil) }
        }
        if shouldAutoReap(process) { reap(process) }
    }

    /// A zombie nobody will wait for is released at once: no parent, a parent that is itself
    /// gone (a dying namespace init), or a parent that ignores SIGCHLD.
    func shouldAutoReap(_ process: SimProcess) -> Bool {
        guard let parent = process.parent else { return process !== initProcess }
        return parent.hasExited || parent.ignores(.SIGCHLD)
    }

    /// find_new_reaper: an ancestor marked child subreaper inside the same pid namespace, else
    /// the namespace's init (nil when the dying process is that init).
    func findReaper(for process: SimProcess) -> SimProcess? {
        let namespace = process.pidNamespace
        if namespace.initProcess === process { return process }
        var walk = process.parent
        while let candidate = walk, candidate.pidNamespace === namespace, candidate !== namespace.initProcess {
            if candidate.isChildSubreaper, !candidate.hasExited { return candidate }
            walk = candidate.parent
        }
        return namespace.initProcess
    }

    /// Releases a zombie: its pids are free and its parent forgets it.
    func reap(_ process: SimProcess) {
        process.state = .reaped
        process.parent?.children.removeAll { $0 === process }
        process.parent = nil
        for (namespace, pid) in process.pids where namespace.members[pid] === process {
            namespace.members[pid] = nil
            if namespace.initProcess === process { namespace.initProcess = nil }
        }
        processes.removeAll { $0 === process }
    }

    /// Delivers `signal` with its default action (the simulator has no handlers): terminate,
    /// or nothing for the signals ignored by default and those the process set to SIG_IGN; a
    /// signal the process waits for with sigtimedwait(2) is held pending for it instead. A
    /// namespace's init has no handlers, so it gets only SIGKILL, and only from an ancestor
    /// namespace (kill -9 1 inside a container does nothing).
    func deliver(_ signal: Signal, to target: SimProcess, from sender: SimProcess?) {
        guard !target.hasExited, signal.rawValue != 0 else { return }
        if signal != .SIGKILL, target.waitedSignals.contains(signal.rawValue) {
            target.pendingSignals.insert(signal.rawValue)
            return
        }
        if target.isNamespaceInit {
            guard signal == .SIGKILL else { return }
            if let sender, sender.pidNamespace === target.pidNamespace { return }
        }
        if signal != .SIGKILL, target.ignores(signal) { return }
        if SimMachine.ignoredByDefault.contains(signal.rawValue) { return }
        terminate(target, status: .signaled(signal))
    }

    /// SIGCHLD, SIGCONT, SIGURG, SIGWINCH; SIGSTOP/SIGTSTP are treated as ignored too, as the
    /// simulator does not model stopped processes.
    static let ignoredByDefault: Set<Int32> = [17, 18, 19, 20, 21, 22, 23, 28]

    /// A write to a pipe or socket with no reader: SIGPIPE first, then EPIPE if the process
    /// survives it.
    func raiseBrokenPipe(_ thread: SimThread) throws {
        deliver(.SIGPIPE, to: thread.process, from: nil)
        if thread.mustUnwind { throw ProcessUnwind() }
    }
}
