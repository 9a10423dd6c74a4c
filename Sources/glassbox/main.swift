// The `glassbox` executable: hands the real argv and environment to the engine, with the real
// kernel for the terminal and files.
import Engine
import LinuxKernel

// Before any thread starts, so every thread inherits the mask: the window-size changes of the
// terminal wait for the client's `waitForSignal` (docker/cli's MonitorTtySize), and SIGWINCH's
// default action, to ignore it, is what every other command gets. Spawned programs start with
// no signal blocked.
LinuxProcess.blockSignals([.SIGWINCH])
LinuxProcess.exit(GlassboxCommand.main(arguments: CommandLine.arguments, environment: LinuxProcess.environment, host: LinuxKernel()))
