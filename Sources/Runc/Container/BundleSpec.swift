import KernelInterface
import OCI

/// Reading a bundle's config.json and refusing, before any side effect, what this runtime
/// cannot honour (runc's `loadSpec` and libcontainer/configs/validate). A feature that would
/// weaken isolation if ignored — seccomp above all — is an error, never silently dropped.
enum BundleSpec {
    static let stage = "runc create/load_spec"

    static func load(kernel: Kernel, bundle: String) throws -> Spec {
        let path = joinPath(bundle, "config.json")
        let bytes: [UInt8]
        do {
            bytes = try kernel.readFile(path)
        } catch Errno.ENOENT {
            throw RuncError(.invalidArgument, "JSON specification file config.json not found", stage: stage)
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "open \(path)", stage: stage)
        }
        do {
            return try Spec.decode(bytes)
        } catch {
            throw RuncError(.invalidArgument, "\(path): \(error)", stage: stage)
        }
    }

    /// The root filesystem, absolute: `root.path` is relative to the bundle when not absolute.
    static func rootfs(of spec: Spec, bundle: String) throws -> String {
        guard let path = spec.root?.path, !path.isEmpty else {
            throw RuncError(.invalidArgument, "root must be specified", stage: stage)
        }
        return path.hasPrefix("/") ? path : joinPath(bundle, path)
    }

    static func validate(_ spec: Spec, rootfs: String, kernel: Kernel) throws {
        func refuse(_ code: RuncError.Code, _ message: String) -> RuncError {
            RuncError(code, message, stage: "runc create/validate")
        }
        guard let process = spec.process else { throw refuse(.invalidArgument, "process must be specified") }
        guard let args = process.args, !args.isEmpty else { throw refuse(.invalidArgument, "args must not be empty") }
        guard (try? kernel.stat(rootfs))?.kind == .directory else {
            throw refuse(.invalidArgument, "rootfs (\(rootfs)) does not exist")
        }
        if spec.linux?.seccomp != nil {
            throw refuse(.notSupported, "seccomp is not supported yet by glassbox-runc: remove linux.seccomp from config.json")
        }
        if !(spec.linux?.uidMappings ?? []).isEmpty || !(spec.linux?.gidMappings ?? []).isEmpty {
            throw refuse(.notSupported, "user namespace id mappings are not supported yet by glassbox-runc: remove linux.uidMappings and linux.gidMappings")
        }
        let namespaces = spec.linux?.namespaces ?? []
        if namespaces.contains(where: { $0.type == .pid && $0.path != nil }) {
            throw refuse(.notSupported, "joining an existing pid namespace is not supported yet by glassbox-runc")
        }
        if let hostname = spec.hostname, !hostname.isEmpty, !namespaces.contains(where: { $0.type == .uts && $0.path == nil }) {
            throw refuse(.invalidArgument, "unable to set hostname without a private UTS namespace")
        }
        for rlimit in process.rlimits ?? [] where ResourceLimit.resources[rlimit.type] == nil {
            throw refuse(.invalidArgument, "wrong rlimit value: \(rlimit.type)")
        }
    }

    /// What config.json asks for that this runtime does not do yet and that does not loosen
    /// the container's confinement by being skipped; `runc create` logs each as a warning so
    /// the omission is visible in log.json. The device rules are written on cgroup v1; on
    /// the unified hierarchy runc attaches them as an eBPF program, which this runtime does
    /// not build. Sysctls are written under /proc/sys, which a kernel without one (the
    /// simulator's) cannot take.
    static func skippedFeatures(of spec: Spec, kernel: Kernel) -> [String] {
        var skipped: [String] = []
        if let hooks = spec.hooks,
           [hooks.prestart, hooks.createRuntime, hooks.createContainer, hooks.startContainer, hooks.poststart, hooks.poststop]
            .contains(where: { !($0 ?? []).isEmpty }) {
            skipped.append("hooks are not run yet by glassbox-runc")
        }
        if !(spec.linux?.sysctl ?? [:]).isEmpty, !kernel.exists(StandardInit.sysctlDirectory) {
            skipped.append("linux.sysctl is not applied: this kernel has no \(StandardInit.sysctlDirectory)")
        }
        if (try? Cgroups.hierarchy(kernel: kernel)) == .unified, !(spec.linux?.resources?.devices ?? []).isEmpty {
            skipped.append("the device cgroup rules (linux.resources.devices) are not applied yet by glassbox-runc")
        }
        return skipped
    }

    /// The namespaces `runc init` is cloned into: config.json's entries without a path.
    static func newNamespaces(of spec: Spec) -> Namespaces {
        var namespaces: Namespaces = []
        for entry in spec.linux?.namespaces ?? [] where entry.path == nil {
            if let flag = Namespaces(ociName: entry.type.rawValue) { namespaces.insert(flag) }
        }
        return namespaces
    }
}
