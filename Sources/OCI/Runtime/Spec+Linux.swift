extension Spec {
    /// The Linux-specific part of the spec (config-linux.md).
    public struct Linux: Codable, Hashable, Sendable {
        public var uidMappings: [LinuxIDMapping]?
        public var gidMappings: [LinuxIDMapping]?
        public var sysctl: [String: String]?
        public var resources: LinuxResources?
        public var cgroupsPath: String?
        public var namespaces: [LinuxNamespace]?
        public var devices: [LinuxDevice]?
        public var seccomp: LinuxSeccomp?
        public var rootfsPropagation: String?
        public var maskedPaths: [String]?
        public var readonlyPaths: [String]?
        public var mountLabel: String?

        public init(
            uidMappings: [LinuxIDMapping]? = nil, gidMappings: [LinuxIDMapping]? = nil,
            sysctl: [String: String]? = nil, resources: LinuxResources? = nil, cgroupsPath: String? = nil,
            namespaces: [LinuxNamespace]? = nil, devices: [LinuxDevice]? = nil, seccomp: LinuxSeccomp? = nil,
            rootfsPropagation: String? = nil, maskedPaths: [String]? = nil, readonlyPaths: [String]? = nil,
            mountLabel: String? = nil
        ) {
            self.uidMappings = uidMappings
            self.gidMappings = gidMappings
            self.sysctl = sysctl
            self.resources = resources
            self.cgroupsPath = cgroupsPath
            self.namespaces = namespaces
            self.devices = devices
            self.seccomp = seccomp
            self.rootfsPropagation = rootfsPropagation
            self.maskedPaths = maskedPaths
            self.readonlyPaths = readonlyPaths
            self.mountLabel = mountLabel
        }
    }

    /// A user-namespace id range (config-linux.md "User namespace mappings").
    public struct LinuxIDMapping: Codable, Hashable, Sendable {
        public var containerID: UInt32
        public var hostID: UInt32
        public var size: UInt32
        public init(containerID: UInt32, hostID: UInt32, size: UInt32) {
            self.containerID = containerID
            self.hostID = hostID
            self.size = size
        }
    }

    /// The namespace kinds of config-linux.md "Namespaces", spelled as the spec spells them.
    public enum NamespaceType: String, Codable, Hashable, Sendable, CaseIterable {
        case pid, network, mount, ipc, uts, user, cgroup
    }

    /// A namespace to create, or (with `path`) to join.
    public struct LinuxNamespace: Codable, Hashable, Sendable {
        public var type: NamespaceType
        public var path: String?
        public init(type: NamespaceType, path: String? = nil) {
            self.type = type
            self.path = path
        }
    }

    /// A device node runc creates in the container's /dev (config-linux.md "Devices").
    public struct LinuxDevice: Codable, Hashable, Sendable {
        public var path: String
        /// `c`, `b`, `u` or `p`.
        public var type: String
        public var major: Int64
        public var minor: Int64
        public var fileMode: UInt32?
        public var uid: UInt32?
        public var gid: UInt32?
        public init(
            path: String, type: String, major: Int64, minor: Int64, fileMode: UInt32? = nil,
            uid: UInt32? = nil, gid: UInt32? = nil
        ) {
            self.path = path
            self.type = type
            self.major = major
            self.minor = minor
            self.fileMode = fileMode
            self.uid = uid
            self.gid = gid
        }
    }
}
