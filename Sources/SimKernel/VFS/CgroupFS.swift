import KernelInterface

/// cgroup v2 (one unified hierarchy, shared by every cgroup2 mount): mkdir makes a group with
/// its control files; `cgroup.procs` moves a process when a pid is written and lists members
/// as the reader's pid namespace sees them; limits are stored as written, and `pids.max` is
/// enforced when a process or thread is created (EAGAIN).
extension SimMachine {
    static let controllers = "cpuset cpu io memory hugetlb pids rdma misc"
    static let controllerNames = controllers.split(separator: " ").map(String.init)

    @discardableResult
    func makeCgroup(named name: String, in parent: CGroup) -> CGroup {
        let directory = cgroupFilesystem.makeInode(.directory, permissions: 0o755)
        directory.modified = clock.now
        let group = CGroup(name: name, parent: parent, directory: directory)
        parent.children[name] = group
        parent.directory.entries[name] = directory
        directory.parent = parent.directory
        parent.directory.linkCount += 1
        populateCgroup(group)
        return group
    }

    func populateCgroup(_ group: CGroup) {
        let directory = group.directory
        func add(_ name: String, writable: Bool, read: @escaping (SimProcess) -> String, write: ((SimProcess, String) throws -> Void)? = nil) {
            let inode = cgroupFilesystem.makeInode(.regular, permissions: writable ? 0o644 : 0o444)
            inode.synthetic = SyntheticFile(read: { Array(read($0).utf8) }, write: write.map { handler in
                { process, bytes in try handler(process, String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines()) }
            })
            directory.entries[name] = inode
            inode.parent = directory
        }
        add("cgroup.procs", writable: true, read: { [unowned self, unowned group] reader in
            let pids = group.members.compactMap { $0.pid(in: reader.pidNamespace) }.sorted()
            _ = self
            return pids.map { "\($0)\n" }.joined()
        }, write: { [unowned self, unowned group] writer, text in try self.moveToCgroup(text, group: group, writer: writer) })
        add("cgroup.controllers", writable: false, read: { [unowned group] _ in
            (group.parent.map { $0.values["cgroup.subtree_control"] ?? "" } ?? SimMachine.controllers) + "\n"
        })
        add("cgroup.subtree_control", writable: true, read: { [unowned group] _ in (group.values["cgroup.subtree_control"] ?? "") + "\n" },
            write: { [unowned group] _, text in group.values["cgroup.subtree_control"] = SimMachine.applyControllerChanges(text, to: group.values["cgroup.subtree_control"] ?? "") })
        guard group.parent != nil else { return }
        for name in ["memory.max", "pids.max", "cpu.max", "cpu.weight"] {
            add(name, writable: true, read: { [unowned group] _ in (group.values[name] ?? "") + "\n" },
                write: { [unowned group] _, text in
                    guard !text.isEmpty else { throw Errno.EINVAL }
                    group.values[name] = text
                })
        }
        add("cgroup.kill", writable: true, read: { _ in "" }, write: { [unowned self, unowned group] _, text in
            guard text == "1" else { throw Errno.EINVAL }
            self.killCgroup(group)
        })
        add("pids.current", writable: false, read: { [unowned group] _ in "\(group.taskCount)\n" })
        add("memory.current", writable: false, read: { [unowned group] _ in "\(group.taskCount * 1_048_576)\n" })
        add("cgroup.events", writable: false, read: { [unowned group] _ in "populated \(group.taskCount > 0 ? 1 : 0)\nfrozen 0\n" })
    }

    /// `+memory -cpu` applied to the enabled set, which is kept in the order Linux lists it.
    /// Names that are no controller are dropped. runc writes one controller at a time for
    /// every level it creates, so this avoids building sets and strings it would throw away.
    static func applyControllerChanges(_ text: String, to current: String) -> String {
        let present = current.split(separator: " ")
        var enabled = controllerNames.map { name in present.contains { $0 == name } }
        for word in text.split(separator: " ") {
            guard let sign = word.first, sign == "+" || sign == "-" else { continue }
            let name = word.dropFirst()
            if let index = controllerNames.firstIndex(where: { $0 == name }) { enabled[index] = sign == "+" }
        }
        return zip(controllerNames, enabled).filter { $0.1 }.map { $0.0 }.joined(separator: " ")
    }

    /// A write of a pid (in the writer's namespace; 0 is the writer) to `cgroup.procs`.
    func moveToCgroup(_ text: String, group: CGroup, writer: SimProcess) throws {
        guard let number = Int32(text.trimmingCharacters(in: " ")) else { throw Errno.EINVAL }
        let target = number == 0 ? writer : writer.pidNamespace.members[number]
        guard let process = target, !process.hasExited else { throw Errno.ESRCH }
        process.cgroup.members.removeAll { $0 === process }
        process.cgroup = group
        group.members.append(process)
    }

    /// A write of 1 to `cgroup.kill` (Linux 5.14): SIGKILL to every process in the subtree.
    func killCgroup(_ group: CGroup) {
        for member in group.members { deliver(.SIGKILL, to: member, from: nil) }
        for name in group.children.keys.sorted() {
            if let child = group.children[name] { killCgroup(child) }
        }
    }

    /// rmdir of a cgroup: EBUSY while it has member processes or child groups.
    func removeCgroup(_ group: CGroup) throws {
        guard let parent = group.parent else { throw Errno.EBUSY }
        if !group.members.isEmpty || !group.children.isEmpty { throw Errno.EBUSY }
        parent.children[group.name] = nil
        parent.directory.entries[group.name] = nil
        parent.directory.linkCount -= 1
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
