import CLinux
import KernelInterface

extension SimMachine {
    /// Boots the machine: pid 1 (the init of the root pid namespace, with every capability)
    /// execs `path` with fds 0, 1 and 2 opened on the given paths, and the machine runs until
    /// pid 1 exits; then what is left is killed and run until every thread has ended. Returns
    /// pid 1's status; throws `Failure` for a deadlock or an exec that cannot start.
    public func boot(path: String, arguments: [String], environment: [String],
                     stdin: String = "/dev/null", stdout: String = "/dev/console",
                     stderr: String = "/dev/console") throws -> WaitStatus {
        precondition(!booted, "SimMachine.boot: a machine boots once")
        booted = true
        let namespace = rootMountNamespace
        let root = Location(mount: namespace.root, inode: namespace.root.root)
        nextProcessSerial += 1
        let process = SimProcess(
            serial: nextProcessSerial, pids: [(rootPidNamespace, 0)], comm: "init", root: root, files: FileTable(),
            mountNamespace: namespace, uts: rootUTS, ipc: rootIPC, network: rootNetwork,
            cgroupNamespace: rootCgroupNamespace, user: rootUser, cgroup: cgroupRoot, credentials: Credentials())
        try? admit(process, parent: nil)
        initProcess = process
        let image: Image
        do {
            image = try loadImage(path, arguments: arguments, environment: environment, for: process)
        } catch {
            throw Failure(description: "boot: cannot exec \(path): \(error)")
        }
        replaceImage(of: process, with: image, path: path)
        let thread = SimThread(serial: nextSerial(), name: process.comm, process: process, entry: .image(image))
        process.threads = [thread]
        let stdio: [(String, OpenFlags)] = [(stdin, .readOnly), (stdout, .writeOnly), (stderr, .writeOnly)]
        for (number, (stdioPath, flags)) in stdio.enumerated() {
            do {
                let location = try resolve(stdioPath, for: process)
                let file = try open(location, flags.union(.nonBlocking), thread: thread)
                file.flags.remove(.nonBlocking)
                try process.files.install(file, at: FileDescriptor(Int32(number)), closeOnExec: false)
            } catch {
                throw Failure(description: "boot: cannot open \(stdioPath) as fd \(number): \(error)")
            }
        }
        startHostThread(thread)
        current = thread
        hostThread = gb_thread_self()
        gb_fiber_switch(hostFiber, fiber(of: thread))
        outside?.stop()
        releaseFinishedFibers()
        releaseReferenceCycles()
        if let failure { throw Failure(description: failure) }
        guard case let .zombie(status) = process.state else {
            throw Failure(description: "boot: the run ended while pid 1 was still running")
        }
        return status
    }

    /// After the run: drops the links that point both ways (a pid namespace and its members,
    /// procfs's caches and the processes they describe), so a finished machine is freed whole.
    /// The inspection properties keep working.
    func releaseReferenceCycles() {
        for process in processes {
            for (namespace, pid) in process.pids {
                namespace.members[pid] = nil
                if namespace.initProcess === process { namespace.initProcess = nil }
            }
            process.children = []
            process.parent = nil
        }
        for filesystem in inodeNumbers.filesystems where filesystem.type == "proc" {
            filesystem.root.provider = nil
        }
    }
}
