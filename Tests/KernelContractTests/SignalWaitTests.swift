import KernelInterface
import Testing

/// sigtimedwait(2) on the simulated kernel, which the client's SIGWINCH watcher uses: on Linux
/// the signal is blocked before main (see glassbox's main.swift) and this is what sigtimedwait
/// does with it; the simulator, without masks, holds a signal for the process from its first
/// wait on. Linux's side runs in the terminal tests (a real resize through tmux).
@Suite("SimKernel: waiting for a signal")
struct SignalWaitTests {
    @Test("a signal sent after the first wait is taken once; the wait times out without one",
          arguments: [SimBackend(seed: 1), SimBackend(seed: 7, switchProbability: 0.9)])
    func takeOnce(backend: SimBackend) throws {
        try backend.run { kernel in
            let me = kernel.getpid()
            try check(try kernel.waitForSignal([.SIGWINCH], timeoutNanoseconds: 1_000_000) == nil, "nothing pending: the timeout")
            try kernel.kill(me, .SIGWINCH)
            try kernel.kill(me, .SIGWINCH)
            try check(try kernel.waitForSignal([.SIGWINCH, .SIGUSR1], timeoutNanoseconds: 1_000_000) == .SIGWINCH, "taken")
            try check(try kernel.waitForSignal([.SIGWINCH], timeoutNanoseconds: 0) == nil, "a standard signal is pending once, however often sent")
        }
    }

    @Test("a waiting thread wakes when the signal comes, before its timeout")
    func wakesOnSignal() throws {
        try SimBackend(seed: 3).run { kernel in
            let me = kernel.getpid()
            _ = try kernel.waitForSignal([.SIGWINCH], timeoutNanoseconds: 0)
            try kernel.spawnThread(name: "sender") { threadKernel in
                try? threadKernel.nanosleep(20_000_000)
                try? threadKernel.kill(me, .SIGWINCH)
            }
            let start = kernel.clockGettime(.monotonic)
            let taken = try kernel.waitForSignal([.SIGWINCH], timeoutNanoseconds: 10_000_000_000)
            try check(taken == .SIGWINCH, "woken by the sender: \(String(describing: taken))")
            let waited = kernel.clockGettime(.monotonic) - start
            try check(waited >= 20_000_000 && waited < 5_000_000_000, "woken at the signal, not the timeout: \(waited) ns")
        }
    }
}
