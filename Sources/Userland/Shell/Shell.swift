import KernelInterface

/// The state of one `sh` process, as busybox's ash keeps it: variables (each exported or not),
/// positional parameters, `$?`, the options `-e` and `-x`; and the loop that runs commands.
///
/// A real shell forks to run a command; the Kernel offers clone+exec instead (`spawn`), so
/// redirections are set up in the shell itself around each spawn and undone after, as ash does
/// for builtins (redirect with REDIR_PUSH, then popredir).
final class Shell {
    struct Variable {
        var name: String
        var value: String?
        var exported: Bool
    }

    let context: ProcessContext
    var kernel: Kernel { context.kernel }
    /// In the order they were first set, so that the environment a child gets is reproducible.
    var variables: [Variable] = []
    var scriptName: String
    var positional: [String]
    var lastStatus: Int32 = 0
    var lastBackground: ProcessID?
    var interactive = false
    var errexit = false
    var xtrace = false

    /// Thrown by `exit` (and by a failed `exec`) to leave the shell with a status.
    struct Exit: Error { var status: Int32 }

    /// ash's default when PATH is unset.
    static let defaultPath = "/sbin:/usr/sbin:/bin:/usr/bin"

    init(context: ProcessContext, scriptName: String, positional: [String]) {
        self.context = context
        self.scriptName = scriptName
        self.positional = positional
        for entry in context.environment {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            setVariable(String(entry[..<equals]), String(entry[entry.index(after: equals)...]), export: true)
        }
        let level = (value(of: "SHLVL").flatMap { Int($0) } ?? 0) + 1
        setVariable("SHLVL", String(level), export: true)
        if let cwd = try? kernel.getcwd() { setVariable("PWD", cwd, export: true) }
    }

    // MARK: Variables

    func value(of name: String) -> String? {
        variables.first { $0.name == name }?.value
    }

    func setVariable(_ name: String, _ value: String?, export: Bool? = nil) {
        if let index = variables.firstIndex(where: { $0.name == name }) {
            if let value { variables[index].value = value }
            if let export { variables[index].exported = export }
        } else {
            variables.append(Variable(name: name, value: value, exported: export ?? false))
        }
    }

    func unsetVariable(_ name: String) {
        variables.removeAll { $0.name == name }
    }

    /// What a child started with `assignments` before its name receives as envp.
    func childEnvironment(_ assignments: [(String, String)] = []) -> [String] {
        var entries = variables.filter { $0.exported && $0.value != nil }.map { ($0.name, $0.value ?? "") }
        for (name, value) in assignments {
            if let index = entries.firstIndex(where: { $0.0 == name }) { entries[index].1 = value } else { entries.append((name, value)) }
        }
        return entries.map { "\($0.0)=\($0.1)" }
    }

    // MARK: Running text

    /// Parses and runs `source`, a whole number of lines. A syntax error prints ash's message
    /// and sets `$?` to 2; a non-interactive shell then exits, as ash does.
    func run(source: String) throws(Exit) {
        let script: ShellScript
        do { script = try ShellParser.parse(source) } catch {
            context.printError("sh: syntax error: \(error.message)")
            lastStatus = 2
            if !interactive { throw Exit(status: 2) }
            return
        }
        try execute(script)
    }

    func execute(_ script: ShellScript) throws(Exit) {
        for item in script {
            reapBackground()
            if item.background, item.andOr.rest.isEmpty {
                lastStatus = try run(item.andOr.first, wait: false)
                continue
            }
            lastStatus = try run(item.andOr)
            if errexit && lastStatus != 0 { throw Exit(status: lastStatus) }
        }
    }

    /// `a && b || c`: each pipeline runs or is skipped by the status before it.
    func run(_ list: AndOrList) throws(Exit) -> Int32 {
        var status = try run(list.first, wait: true)
        for link in list.rest {
            switch link.connector {
            case .and where status == 0, .or where status != 0:
                status = try run(link.pipeline, wait: true)
            default:
                continue
            }
        }
        return status
    }

    /// Collects background children that have ended, so they do not stay zombies.
    func reapBackground() {
        guard lastBackground != nil else { return }
        while (try? kernel.wait4(nil, options: .noHang)) != nil {}
    }
}
