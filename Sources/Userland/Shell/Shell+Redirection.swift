import KernelInterface

/// One change to this process's descriptor table, made before a command runs.
enum RedirectAction: Equatable {
    case open(path: String, flags: OpenFlags, descriptor: FileDescriptor)
    case duplicate(FileDescriptor, to: FileDescriptor)
    case close(FileDescriptor)

    var target: FileDescriptor {
        switch self {
        case let .open(_, _, descriptor): return descriptor
        case let .duplicate(_, to: target): return target
        case let .close(descriptor): return descriptor
        }
    }
}

/// The descriptors a command's redirections replaced, kept to put back afterwards (ash's
/// `struct redirtab`): each target with the close-on-exec copy of what it was, or nil when it
/// was closed.
struct SavedDescriptors {
    var entries: [(target: FileDescriptor, copy: FileDescriptor?)] = []
}

/// A redirection could not be made; the message is already printed.
struct RedirectionFailed: Error {}

extension Shell {
    /// Turns parsed redirections into actions, expanding their targets.
    func actions(for redirections: [Redirection]) throws(RedirectionFailed) -> [RedirectAction] {
        try redirections.map { (redirection) throws(RedirectionFailed) -> RedirectAction in
            let target = expandToString(redirection.target)
            let descriptor = FileDescriptor(redirection.descriptor)
            switch redirection.op {
            case .input: return .open(path: target, flags: .readOnly, descriptor: descriptor)
            case .readWrite: return .open(path: target, flags: [.readWrite, .create], descriptor: descriptor)
            case .output, .clobber: return .open(path: target, flags: [.writeOnly, .create, .truncate], descriptor: descriptor)
            case .append: return .open(path: target, flags: [.writeOnly, .create, .append], descriptor: descriptor)
            case .duplicateInput, .duplicateOutput:
                if target == "-" { return .close(descriptor) }
                guard let source = Int32(target), source >= 0 else {
                    context.printError("sh: \(target): bad number")
                    throw RedirectionFailed()
                }
                return .duplicate(FileDescriptor(source), to: descriptor)
            }
        }
    }

    /// Makes the changes in order. With `save`, what each target held is kept for `restore`;
    /// on failure everything already changed is put back.
    func apply(_ actions: [RedirectAction], save: Bool) throws(RedirectionFailed) -> SavedDescriptors {
        var saved = SavedDescriptors()
        for action in actions {
            let target = action.target
            if save, !saved.entries.contains(where: { $0.target == target }) {
                saved.entries.append((target, preserve(target)))
            }
            do {
                try perform(action)
            } catch {
                report(action, error)
                restore(saved)
                throw RedirectionFailed()
            }
        }
        return saved
    }

    func restore(_ saved: SavedDescriptors) {
        for entry in saved.entries.reversed() {
            if let copy = entry.copy {
                try? kernel.dup2(copy, entry.target, closeOnExec: false)
                try? kernel.close(copy)
            } else {
                try? kernel.close(entry.target)
            }
        }
    }

    private func perform(_ action: RedirectAction) throws {
        switch action {
        case let .open(path, flags, descriptor):
            let opened = try kernel.open(path, flags, mode: 0o666)
            if opened != descriptor {
                try kernel.dup2(opened, descriptor, closeOnExec: false)
                try kernel.close(opened)
            }
        case let .duplicate(source, target):
            if source != target { try kernel.dup2(source, target, closeOnExec: false) }
        case let .close(descriptor):
            try? kernel.close(descriptor)
        }
    }

    /// A close-on-exec copy of `fd` at 10 or above, where ash keeps saved descriptors so that
    /// they do not collide with the ones a script names; nil when `fd` is not open.
    private func preserve(_ fd: FileDescriptor) -> FileDescriptor? {
        guard (try? kernel.fstat(fd)) != nil else { return nil }
        var candidate: Int32 = 10
        while (try? kernel.fstat(FileDescriptor(candidate))) != nil { candidate += 1 }
        do {
            try kernel.dup2(fd, FileDescriptor(candidate), closeOnExec: true)
            return FileDescriptor(candidate)
        } catch {
            return nil
        }
    }

    /// ash's openredirect wording: `can't create x: nonexistent directory`,
    /// `can't open x: no such file`.
    private func report(_ action: RedirectAction, _ error: any Error) {
        let missing = (error as? Errno).map { $0 == .ENOENT || $0 == .ENOTDIR } ?? false
        switch action {
        case let .open(path, flags, _):
            if flags.canWrite {
                context.printError("sh: can't create \(path): \(missing ? "nonexistent directory" : describe(error))")
            } else {
                context.printError("sh: can't open \(path): \(missing ? "no such file" : describe(error))")
            }
        case let .duplicate(source, _):
            context.printError("sh: \(source): \(describe(error))")
        case .close:
            break
        }
    }
}
