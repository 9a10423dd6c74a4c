import KernelInterface
import OCI

/// The set-up `runc init` does inside the new namespaces before it may exec the container's
/// process, in runc's order (libcontainer/standard_init_linux.go `Init` and rootfs_linux.go
/// `prepareRootfs`). Each step is a small function; its name is the stage an error reports
/// (`runc create/pivot_root`), because that is what `runc create` fails with.
struct StandardInit {
    let kernel: Kernel
    let config: InitConfig
    /// The console socket runc passed (`_LIBCONTAINER_CONSOLE`) when the process has a terminal.
    var consoleSocket: FileDescriptor? = nil

    var spec: Spec { config.spec }
    var process: Spec.Process { spec.process ?? Spec.Process(cwd: "/") }
    var rootfs: String { config.rootfs }

    /// Everything up to the point where the init tells its parent it is ready; returns the
    /// program to exec and its environment.
    func setUp() throws -> (path: String, environment: [String]) {
        try joinCgroup()
        try unshareCgroupNamespace()
        try joinNamespaces()
        try setOomScoreAdj()
        try prepareRoot()
        try mountSpecMounts()
        try createDevices()
        try pivotRoot()
        try setupConsole(socket: consoleSocket)
        try setHostname()
        try writeSysctls()
        try readonlyPaths()
        try maskPaths()
        try finalizeRootfs()
        try setNoNewPrivileges()
        try dropBoundingCapabilities()
        let environment = try setupUser()
        try applyCapabilities()
        try setRlimits()
        try changeDirectory()
        return (try exec(environment: environment), environment)
    }

    /// Runs one stage: the caller's function name becomes the stage's name.
    func stage<T>(_ function: String = #function, operation: @autoclosure () -> String? = nil, _ body: () throws -> T) throws -> T {
        try runStage("create", function, operation: operation(), body)
    }

    /// A path inside the new root, before pivot_root, refusing `..` so that a destination
    /// cannot climb out of the rootfs (what runc's securejoin guarantees for its callers).
    func pathInRootfs(_ destination: String) throws -> String {
        guard !destination.split(separator: "/").contains("..") else {
            throw RuncError(.invalidArgument, "mount destination \(destination) leaves the rootfs", stage: "runc create/mount")
        }
        return joinPath(rootfs, destination)
    }
}
