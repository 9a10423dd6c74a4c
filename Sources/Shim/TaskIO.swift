import KernelInterface

/// The stdio of a task's process, whichever way it is wired: pipes copied to the FIFOs
/// (ProcessIO.swift) or a terminal whose master runc sends back (ConsoleIO.swift). The task
/// service drives both through the same steps, as containerd's pkg/process drives its
/// `processIO` and its console.
protocol TaskIO: AnyObject, Sendable {
    /// What runc's fds 0, 1 and 2 become.
    var fileActions: [SpawnFileAction] { get }
    /// The `--console-socket` runc is given; nil without a terminal.
    var consoleSocketPath: String? { get }
    /// Closes everything without copying: runc was never spawned, or it failed.
    func abandon(kernel: Kernel)
    /// After the spawn of runc: drops the shim's copies of the child's ends and starts copying.
    func startCopying(kernel: Kernel)
    /// After runc succeeded: takes the terminal's master from the console socket and starts
    /// copying it (nothing for pipes).
    func receiveConsole(kernel: Kernel) throws
    /// Waits until the output has been copied to its end, at most `timeoutNanoseconds`.
    @discardableResult
    func waitForCopiers(kernel: Kernel, timeoutNanoseconds: Int64?) -> Bool
    /// Task/ResizePty: the terminal's new size.
    func resize(kernel: Kernel, rows: UInt16, columns: UInt16) throws
    /// At Delete: releases what the process's stdio still holds (the terminal's master).
    func close(kernel: Kernel)
}

extension ProcessIO: TaskIO {
    var consoleSocketPath: String? { nil }
    func receiveConsole(kernel: Kernel) throws {}
    /// Nothing to resize without a terminal, and no error either (containerd's init.Resize).
    func resize(kernel: Kernel, rows: UInt16, columns: UInt16) throws {}
    func close(kernel: Kernel) {}
}
