// The `glassbox` executable: hands the real argv and environment to the engine, with the real
// kernel for the terminal and files.
import Engine
import LinuxKernel

#if canImport(Glibc)
import Glibc
#endif

var environment: [String] = []
var entry = environ
while let pointer = entry.pointee {
    environment.append(String(cString: pointer))
    entry += 1
}
exit(GlassboxCommand.main(arguments: CommandLine.arguments, environment: environment, host: LinuxKernel()))
