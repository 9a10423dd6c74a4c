import Engine
import SimKernel
import Testing

/// A finished simulated machine is freed whole: nothing of a journey outlives it. Every thread
/// ends by unwinding its stack, a thread parked on a lock when its process died included
/// (SimLock), so no stack is left holding a kernel and through it the machine. A test process
/// runs hundreds of journeys, and `glassbox sim serve` one machine for a whole session.
@Suite("A finished simulated machine is freed")
struct MachineReleaseTests {
    /// `run -d … sleep` leaves a container running when the machine powers off: its shim's
    /// threads are parked on their lock and in wait4 when they are killed.
    @Test("the machine of a journey is freed once it is over", arguments: [
        ["run", "--rm", "busybox", "echo", "hi"], ["pull", "busybox"], ["run", "-d", "busybox", "sleep", "100"], ["version"],
    ])
    func journeyMachineIsFreed(command: [String]) throws {
        weak var weakMachine: SimMachine?
        let host = SimJourney.HostConnection(standardOutput: { _ in }, standardError: { _ in }, trace: nil)
        let status = try SimJourney.run(command: command, seed: 7, host: host) { machine in
            weakMachine = machine
        }
        #expect(weakMachine == nil, "something still holds the finished machine")
    }
}
