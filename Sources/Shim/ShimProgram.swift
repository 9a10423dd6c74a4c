// The shim: one per container, between containerd and runc, as containerd's
// containerd-shim-runc-v2 (runtime/v2/runc/v2/service.go) is.
//
//   containerd                 shim start               shim (long-running)            runc
//      │ exec `… -id ID start`     │                          │                          │
//      │─────────────────────────▶│ bind s/ID, spawn ───────▶│ setsid, subreaper,       │
//      │◀── stdout: unix://s/ID ──│ (listener as fd 3)       │ reaper thread            │
//      │◀── exit 0 ───────────────┘                          │                          │
//      │── Task/Create {bundle, stdout, stderr} ────────────▶│ open FIFOs, pipes ──────▶│ runc create
//      │                                                     │◀── exit 0, init.pid ─────│ (init waits on exec.fifo,
//      │◀── {pid} ───────────────────────────────────────────│   init is now our child)  │  reparented to the shim)
//      │── Task/Start ──────────────────────────────────────▶│ ────────────────────────▶│ runc start
//      │◀── {pid} ───────────────────────────────────────────│◀── exit 0 ───────────────│
//      │── Task/Wait (own connection) ──────────────────────▶│   … reaper: wait4 → init exited
//      │◀── {exit_status, exited_at} ────────────────────────│
//      │── Task/Delete ─────────────────────────────────────▶│ ────────────────────────▶│ runc delete
//      │◀── {pid, exit_status, exited_at} ───────────────────│◀── exit 0 ───────────────│
//      │── Task/Shutdown ───────────────────────────────────▶│ answers, removes s/ID, exits
//
// Every child of the shim (each runc invocation and, once adopted, the container's init) is
// reaped by the one reaper thread; nothing else calls wait4.
import KernelInterface

public enum ShimProgram {
    public static let program = Program(name: "glassbox-shim", participant: "shim") { context in
        main(context)
    }

    static func main(_ context: ProcessContext) -> Int32 {
        let options: ShimOptions
        do {
            var parsed = try ShimOptions(arguments: Array(context.arguments.dropFirst()))
            parsed.shimExecutable = context.installedOrSibling(parsed.shimExecutable)
            parsed.runcExecutable = context.installedOrSibling(parsed.runcExecutable)
            options = parsed
        } catch {
            context.printError("glassbox-shim: \(error)")
            return 2
        }
        do {
            try context.kernel.ignoreSignal(.SIGPIPE, true)
            switch options.action {
            case .start:
                try ShimStart(options: options, context: context).run()
                return 0
            case .serve:
                return try ShimDaemon(options: options, context: context).run()
            case .delete:
                try ShimDelete(options: options, context: context).run()
                return 0
            }
        } catch {
            context.printError("glassbox-shim: \(error)")
            return 1
        }
    }
}
