import KernelInterface
import Trace

/// How the shim runs runc, as containerd's go-runc builds its command lines: global flags
/// first (`--root`, `--log`, `--log-format json`), then the command and its flags.
struct Runc: Sendable {
    /// The runc executable to exec.
    let executable: String
    /// runc's state directory for this namespace: `/run/glassbox/runtime-runc/moby` under
    /// dockerd's default exec root.
    let root: String
    let bundle: String
    /// `--console-socket` for create and exec when the process has a terminal.
    var consoleSocket: String? = nil

    /// The root when Task/Create brought none (a containerd driven without runtime options),
    /// as the runc shim falls back to `/run/containerd/runc` (pkg/process `RuncRoot`).
    static let defaultRoot = "/run/glassbox/runc"

    /// runc with its state under `<root>/<namespace>`, as containerd's runc shim joins the
    /// options' root with the namespace (runtime/v2/runc/container.go `NewContainer` →
    /// pkg/process `NewRunc`); the default root when the options name none.
    init(root: String?, namespace: String, bundle: String, executable: String) {
        let base = root.flatMap { $0.isEmpty ? nil : $0 } ?? Runc.defaultRoot
        self.root = joinPath(base, namespace)
        self.bundle = bundle
        self.executable = executable
    }

    enum Command: Sendable {
        case create(id: String)
        case start(id: String)
        /// containerd's `all` (runc's `--all`) is not passed: the contract's runc signals the init,
        /// which as pid 1 of the container's pid namespace takes every other process with it.
        case kill(id: String, signal: Int32)
        case delete(id: String, force: Bool)
        case state(id: String)
        /// `runc exec --process F --detach --pid-file P ID`, as go-runc's Exec builds it.
        case exec(id: String, processFile: String, pidFile: String)

        /// The verb, for error messages: `OCI runtime create failed`.
        var verb: String {
            switch self {
            case .create: return "create"
            case .start: return "start"
            case .kill: return "kill"
            case .delete: return "delete"
            case .state: return "state"
            case .exec: return "exec"
            }
        }
    }

    var logPath: String { joinPath(bundle, "log.json") }
    var pidFilePath: String { joinPath(bundle, "init.pid") }

    /// argv, runc's name first.
    func arguments(_ command: Command) -> [String] {
        var arguments = ["glassbox-runc", "--root", root]
        if case .state = command {} else {
            arguments += ["--log", logPath, "--log-format", "json"]
        }
        switch command {
        case let .create(id):
            arguments += ["create", "--bundle", bundle, "--pid-file", pidFilePath]
            if let consoleSocket { arguments += ["--console-socket", consoleSocket] }
            arguments.append(id)
        case let .start(id):
            arguments += ["start", id]
        case let .kill(id, signal):
            arguments += ["kill", id, String(signal)]
        case let .delete(id, force):
            arguments += ["delete"] + (force ? ["--force"] : []) + [id]
        case let .state(id):
            arguments += ["state", id]
        case let .exec(id, processFile, pidFile):
            arguments += ["exec", "--process", processFile, "--detach", "--pid-file", pidFile]
            if let consoleSocket { arguments += ["--console-socket", consoleSocket] }
            arguments.append(id)
        }
        return arguments
    }

    func request(_ command: Command, environment: [String], fileActions: [SpawnFileAction]) -> SpawnRequest {
        SpawnRequest(path: executable, arguments: arguments(command), environment: environment,
                     fileActions: fileActions, workingDirectory: bundle)
    }

    /// The message of the last `"level":"error"` line runc wrote to its log, as go-runc's
    /// `getLastRuntimeError` reads it for containerd's "OCI runtime … failed" errors.
    func lastError(kernel: Kernel) -> String? {
        guard let text = try? kernel.readTextFile(logPath) else { return nil }
        for line in text.split(separator: "\n").reversed() {
            guard let entry = try? JSONParser.parse(String(line)),
                  entry["level"]?.stringValue == "error",
                  let message = entry["msg"]?.stringValue
            else { continue }
            return message
        }
        return nil
    }
}
