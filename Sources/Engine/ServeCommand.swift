import KernelInterface
import LinuxKernel
import SimKernel

/// `glassbox sim serve`: one simulated machine, kept alive across client commands, behind a
/// real UNIX socket, so that the real `docker` CLI and the Python SDK drive the simulated
/// dockerd as they would drive Docker's (`DOCKER_HOST=unix:///tmp/glassbox-sim.sock`).
///
///     docker CLI ──HTTP──▶ host socket ──HostSocketBridge──▶ /run/glassbox.sock (inside)
///                                                            dockerd ─▶ containerd ─▶ shim ─▶ runc
///
/// The machine runs in real time (`SimMachine.Configuration.host`): `docker stop -t 1` waits a
/// real second, and an idle machine sleeps. It serves until SIGINT or SIGTERM, then removes
/// its socket, as dockerd removes its own on shutdown.
public enum ServeCommand {
    public static let usage = """
    Usage:  glassbox [--seed N] [--trace FILE] sim serve [--socket PATH]

    Boots one simulated machine (dockerd, containerd, the registry) and serves its
    Docker Engine API on a real UNIX socket until SIGINT or SIGTERM. No root needed.

      --socket PATH   where to listen (default \(defaultSocket))

    Then:  export DOCKER_HOST=unix://PATH;  docker run --rm hello-world
    With --trace FILE every hop the clients cause is written to FILE (glassbox trace FILE).
    """

    public static let defaultSocket = "/tmp/glassbox-sim.sock"
    /// dockerd's socket inside the machine (SimInit starts it there).
    static let daemonSocket = "/run/glassbox.sock"

    public struct Options: Sendable, Equatable {
        public var socket = ServeCommand.defaultSocket
        public var help = false
    }

    public static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--help", "-h":
                options.help = true
            case "--socket":
                guard let path = rest.popFirst(), !path.isEmpty else {
                    throw GlobalOptions.UsageError(description: "flag needs an argument: --socket")
                }
                options.socket = path
            case let inline where inline.hasPrefix("--socket="):
                options.socket = String(inline.dropFirst("--socket=".count))
            default:
                throw GlobalOptions.UsageError(description: "sim serve: unknown argument \"\(argument)\" (see glassbox sim serve --help)")
            }
        }
        if options.socket.hasPrefix("unix://") { options.socket = String(options.socket.dropFirst(7)) }
        return options
    }

    /// Runs the server to its end; the process's exit status.
    public static func run(_ arguments: [String], global: GlobalOptions, host: Kernel) -> Int32 {
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            try? host.writeAll(.standardError, "glassbox: \(error)\n")
            return 125
        }
        if options.help {
            try? host.writeAll(.standardOutput, usage + "\n")
            return 0
        }
        guard global.kernel == .sim else {
            try? host.writeAll(.standardError, "glassbox: sim serve runs the simulated kernel; drop --kernel linux\n")
            return 125
        }
        // Before any thread starts, so that every thread inherits the mask and the signals wait
        // for sigwait below; a client hanging up must not kill the server with SIGPIPE.
        LinuxProcess.blockSignals([.SIGINT, .SIGTERM])
        try? host.ignoreSignal(.SIGPIPE, true)
        do {
            let server = try ServeSession(options: options, global: global, host: host)
            return server.serveUntilSignal()
        } catch {
            try? host.writeAll(.standardError, "glassbox sim serve: \(error)\n")
            return 1
        }
    }
}
