import KernelInterface

/// A removed container's directories are renamed out of the way at once and deleted behind the
/// answer, as containerd's overlay snapshotter removes a snapshot (a rename to `rm-<id>` in its
/// transaction, the files deleted after it). Deleting a container's files one by one costs
/// about twenty unlinks and rmdirs, a tenth of a millisecond each on ext4, and `run --rm` waits
/// for the removal; the two renames take as long as two of them.
///
///     DELETE /containers/ID ──▶ rename containers/ID ──▶ trash/ID-container ──▶ answer
///                               rename overlay2/ID   ──▶ trash/ID-layer
///                                                        └─ thread "trash": remove every
///                                                           entry of trash/, until it is empty
///
/// The trash is on the data root, so both renames stay on its filesystem. What a dockerd that
/// died left in it is removed when the next one starts (`collectTrash` from `restore`), and a
/// shutdown waits for the collector to finish.
extension Daemon {
    var trashRoot: String { options.dataRoot + "/trash" }

    /// Moves `path` into the trash under `name`; false when it cannot be renamed there (no
    /// trash directory, another filesystem), and the caller removes it in place.
    func moveToTrash(_ path: String, as name: String, kernel: Kernel) -> Bool {
        do {
            try kernel.rename(path, trashRoot + "/" + name)
            return true
        } catch Errno.ENOENT {
            guard (try? kernel.mkdirAll(trashRoot, mode: 0o700)) != nil else { return false }
            return (try? kernel.rename(path, trashRoot + "/" + name)) != nil
        } catch {
            return false
        }
    }

    /// Starts the collector thread unless it runs already; a running one takes what was added
    /// since it last looked. Without a thread to run it on, the trash is emptied here.
    func collectTrash(kernel: Kernel) {
        let start = lock.withLock { () -> Bool in
            trashAdded = true
            if trashCollecting { return false }
            trashCollecting = true
            return true
        }
        guard start else { return }
        let collect: @Sendable (Kernel) -> Void = { threadKernel in
            while self.lock.withLock({ () -> Bool in
                if self.trashAdded {
                    self.trashAdded = false
                    return true
                }
                self.trashCollecting = false
                self.lock.broadcast()
                return false
            }) {
                self.emptyTrash(kernel: threadKernel)
            }
        }
        do {
            try kernel.spawnThread(name: "trash", collect)
        } catch {
            collect(kernel)
        }
    }

    private func emptyTrash(kernel: Kernel) {
        guard let entries = try? kernel.readdir(trashRoot) else { return }
        for entry in entries where entry.name != "." && entry.name != ".." {
            do {
                try kernel.removeAll(trashRoot + "/" + entry.name)
            } catch {
                DockerdProgram.report("failed to remove \(trashRoot)/\(entry.name): \(error)", kernel: kernel)
            }
        }
    }
}
