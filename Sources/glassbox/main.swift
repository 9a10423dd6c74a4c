// The `glassbox` executable: hands the real argv and environment to the engine, with the real
// kernel for the terminal and files.
import Engine
import LinuxKernel

LinuxProcess.exit(GlassboxCommand.main(arguments: CommandLine.arguments, environment: LinuxProcess.environment, host: LinuxKernel()))
