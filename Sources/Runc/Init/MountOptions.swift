import KernelInterface

/// config.json's mount options split as runc's `parseMountOptions` (libcontainer/specconv)
/// splits them: words that are mount(2) flags, propagation words applied by later mount calls,
/// and the rest joined with commas as the filesystem's data (`mode=755,size=65536k`).
struct MountOptions: Equatable {
    var flags: MountFlags = []
    var propagation: [MountFlags] = []
    var data: [String] = []

    static let synchronous = MountFlags(rawValue: 16)
    static let mandatoryLocking = MountFlags(rawValue: 64)
    static let directorySynchronous = MountFlags(rawValue: 128)
    static let noAccessTime = MountFlags(rawValue: 1024)
    static let noDirectoryAccessTime = MountFlags(rawValue: 2048)
    static let unbindable = MountFlags(rawValue: 1 << 17)

    /// Each word: whether it clears (`true`) or sets the flag.
    static let flagWords: [String: (clear: Bool, flag: MountFlags)] = [
        "async": (true, synchronous), "atime": (true, noAccessTime), "bind": (false, .bind),
        "defaults": (false, []), "dev": (true, .noDevices), "diratime": (true, noDirectoryAccessTime),
        "dirsync": (false, directorySynchronous), "exec": (true, .noExec), "mand": (false, mandatoryLocking),
        "noatime": (false, noAccessTime), "nodev": (false, .noDevices), "nodiratime": (false, noDirectoryAccessTime),
        "noexec": (false, .noExec), "nomand": (true, mandatoryLocking), "norelatime": (true, .relativeAccessTime),
        "nostrictatime": (true, .strictAccessTime), "nosuid": (false, .noSetuid), "rbind": (false, [.bind, .recursive]),
        "relatime": (false, .relativeAccessTime), "remount": (false, .remount), "ro": (false, .readOnly),
        "rw": (true, .readOnly), "strictatime": (false, .strictAccessTime), "suid": (true, .noSetuid),
        "sync": (false, synchronous),
    ]

    static let propagationWords: [String: MountFlags] = [
        "private": .private, "rprivate": [.private, .recursive], "shared": .shared,
        "rshared": [.shared, .recursive], "slave": .slave, "rslave": [.slave, .recursive],
        "unbindable": unbindable, "runbindable": [unbindable, .recursive],
    ]

    init(_ options: [String]) {
        for option in options {
            if let word = MountOptions.flagWords[option] {
                if word.clear { flags.remove(word.flag) } else { flags.formUnion(word.flag) }
            } else if let propagation = MountOptions.propagationWords[option] {
                self.propagation.append(propagation)
            } else {
                data.append(option)
            }
        }
    }

    var dataString: String { data.joined(separator: ",") }

    /// The flags a bind mount needs a second, remounting call for (MS_BIND ignores them on
    /// the first call, as mount(2) documents).
    var remountFlags: MountFlags { flags.subtracting([.bind, .recursive, .remount]) }
}
