import Engine
import KernelInterface
import SimKernel
import Synchronization
import Trace

/// Runs client commands on a fresh simulated machine and keeps what the host would have seen.
struct Journey {
    let status: WaitStatus
    let standardOutput: String
    let standardError: String
    let trace: [UInt8]

    var events: [TraceEvent] {
        trace.split(separator: 0x0A).compactMap { try? TraceEvent(line: $0) }
    }

    final class Capture: Sendable {
        let output = Mutex<[UInt8]>([])
        let error = Mutex<[UInt8]>([])
        let trace = Mutex<[UInt8]>([])
    }

    static func run(_ command: [String], seed: UInt64 = 7, traced: Bool = true, client: String? = nil,
                    configure: (SimMachine) -> Void = { _ in }) throws -> Journey {
        let capture = Capture()
        var trace: (@Sendable ([UInt8]) -> Void)? = nil
        if traced {
            trace = { bytes in capture.trace.withLock { $0 += bytes } }
        }
        let host = SimJourney.HostConnection(
            standardOutput: { bytes in capture.output.withLock { $0 += bytes } },
            standardError: { bytes in capture.error.withLock { $0 += bytes } },
            trace: trace
        )
        let status = try SimJourney.run(command: command, seed: seed, host: host, client: client, configure: configure)
        return Journey(
            status: status,
            standardOutput: String(decoding: capture.output.withLock { $0 }, as: UTF8.self),
            standardError: String(decoding: capture.error.withLock { $0 }, as: UTF8.self),
            trace: capture.trace.withLock { $0 }
        )
    }
}
