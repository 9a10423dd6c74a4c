import KernelInterface
import OCI

extension StandardInit {
    /// Go's `exec.LookPath`, which runc calls before it waits on exec.fifo so that a missing
    /// program fails `runc create`, not `runc start`. The stage is named `exec` and the words
    /// are Go's, so the message is exactly runc's: `exec: "foo": executable file not found in
    /// $PATH`, `exec: "/x": permission denied` (dockerd turns these into exit codes 127 / 126).
    func exec(environment: [String]) throws -> String {
        guard let name = process.args?.first, !name.isEmpty else {
            throw RuncError(.invalidArgument, "args must not be empty", stage: "runc create/exec")
        }
        return try stage {
            if name.contains("/") {
                let status: FileStatus
                do {
                    status = try kernel.stat(name)
                } catch let errno as Errno {
                    throw failure("\"\(name)\": stat \(name): \(errno.message)")
                }
                guard status.kind != .directory, status.permissions & 0o111 != 0 else {
                    throw failure("\"\(name)\": permission denied")
                }
                return name
            }
            do {
                return try kernel.lookPath(name, environment: environment)
            } catch {
                throw failure("\"\(name)\": executable file not found in $PATH")
            }
        }
    }

    private func failure(_ message: String) -> RuncError {
        RuncError(.system, message, stage: "runc create/exec")
    }
}
