import KernelInterface
import OCI
import Trace
import Wire

/// `glassbox-registry`: Glassbox's stand-in for Docker Hub on machines with no internet. At
/// start it makes its library — `hello-world` from the package's static `hello` and `busybox`
/// from the host's busybox binary — as OCI image layouts under `--root`, then serves them with
/// the distribution API v2 (distribution/distribution's registry/handlers):
///
///     GET  /v2/                              200 {} (the API version check)
///     GET  /v2/<name>/manifests/<tag|digest> the manifest, Docker-Content-Digest
///     GET  /v2/<name>/blobs/<digest>         a config or layer blob
///
/// HEAD works on manifests and blobs. Errors are the registry's JSON error codes
/// (NAME_UNKNOWN, MANIFEST_UNKNOWN, BLOB_UNKNOWN).
public enum RegistryProgram {
    public static let program = Program(name: "glassbox-registry", participant: "registry") { context in
        RegistryProgram.main(context)
    }

    struct Options {
        var listen = SocketAddress.inet(host: SocketAddress.loopback, port: 5000)
        var root = "/var/lib/glassbox/registry"
        var hello = "/usr/lib/glassbox/hello"
        var busybox = "/bin/busybox"
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments.dropFirst()[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw WireError.malformed("flag needs an argument: \(flag)") }
            switch flag {
            case "--listen":
                guard let address = SocketAddress(parsing: value) else { throw WireError.malformed("invalid --listen address \(value)") }
                options.listen = address
            case "--root": options.root = value
            case "--hello": options.hello = value
            case "--busybox": options.busybox = value
            default: throw WireError.malformed("unknown flag: \(flag)")
            }
        }
        return options
    }

    static func main(_ context: ProcessContext) -> Int32 {
        let kernel = context.kernel
        try? kernel.ignoreSignal(.SIGPIPE, true)
        do {
            var options = try parse(context.arguments)
            if !kernel.exists(options.hello) {
                // A build directory: the static hello sits next to the registry as glassbox-hello.
                let sibling = context.installedOrSibling("/usr/bin/glassbox-hello")
                if kernel.exists(sibling) { options.hello = sibling }
            }
            let library = try RegistryLibrary.build(options: options, kernel: kernel, log: { context.printError("glassbox-registry: \($0)") })
            let listener = try kernel.socket(options.listen.domain, .stream, closeOnExec: true)
            try kernel.bind(listener, options.listen)
            try kernel.listen(listener, backlog: 64)
            // Announce the address (with the port the kernel chose for port 0) to whoever
            // started us, then let go of stdout.
            try kernel.writeAll(.standardOutput, (try kernel.getsockname(listener)).description + "\n")
            if let null = try? kernel.open("/dev/null", [.writeOnly, .closeOnExec], mode: 0) {
                try? kernel.dup2(null, .standardOutput, closeOnExec: false)
                try? kernel.close(null)
            }
            let server = HTTPServer(peer: "dockerd", defaultHeaders: { _ in [("Docker-Distribution-Api-Version", "registry/2.0")] }) { exchange in
                RegistryHandlers(library: library, exchange: exchange).handle()
            }
            server.serve(kernel: kernel, listener: listener)
            return 0
        } catch {
            context.printError("glassbox-registry: \(error)")
            return 1
        }
    }
}
