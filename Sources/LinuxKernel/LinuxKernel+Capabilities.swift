import CLinux
import Glibc
import KernelInterface

/// The five capability sets of the calling thread (capabilities(7)).
extension LinuxKernel {
    /// The corresponding C functions are `capget(2)` for the effective, permitted and
    /// inheritable sets, and `prctl(2)` `PR_CAPBSET_READ` and `PR_CAP_AMBIENT_IS_SET` for the
    /// bounding and ambient sets, one capability at a time. A capability this kernel does not
    /// know (`EINVAL`) is in neither.
    public func capget() throws -> CapabilitySets {
        var sets = gb_capabilities()
        _ = try once("capget") { gb_capget(&sets) }
        var bounding: Set<Capability> = []
        var ambient: Set<Capability> = []
        for capability in Capability.all {
            let number = UInt(capability.rawValue)
            if try Self.capabilityQuery("prctl(PR_CAPBSET_READ)", gb_prctl(Int32(GB_PR_CAPBSET_READ), number, 0, 0, 0)) {
                bounding.insert(capability)
            }
            let isSet = gb_prctl(Int32(GB_PR_CAP_AMBIENT), UInt(GB_PR_CAP_AMBIENT_IS_SET), number, 0, 0)
            if try Self.capabilityQuery("prctl(PR_CAP_AMBIENT_IS_SET)", isSet) {
                ambient.insert(capability)
            }
        }
        return CapabilitySets(
            bounding: bounding, effective: Self.capabilities(sets.effective),
            permitted: Self.capabilities(sets.permitted), inheritable: Self.capabilities(sets.inheritable),
            ambient: ambient
        )
    }

    /// The corresponding C functions are, in the order runc applies them (through
    /// gocapability's `Apply`): `prctl(2)` `PR_CAPBSET_DROP` for each capability leaving the
    /// bounding set (while `CAP_SETPCAP` is still effective), `capset(2)`, then `prctl(2)`
    /// `PR_CAP_AMBIENT` to lower and raise ambient ones (raising needs them permitted and
    /// inheritable, which capset has just set). The bounding set cannot grow: capabilities
    /// asked for beyond it are left out, as Linux leaves them.
    public func capset(_ sets: CapabilitySets) throws {
        let current = try capget()
        for capability in current.bounding.subtracting(sets.bounding).sorted() {
            _ = try once("prctl(PR_CAPBSET_DROP)") { gb_prctl(Int32(GB_PR_CAPBSET_DROP), UInt(capability.rawValue), 0, 0, 0) }
        }
        var wanted = gb_capabilities(
            effective: Self.mask(sets.effective), permitted: Self.mask(sets.permitted),
            inheritable: Self.mask(sets.inheritable)
        )
        _ = try once("capset") { gb_capset(&wanted) }
        for capability in current.ambient.subtracting(sets.ambient).sorted() {
            try changeAmbient(capability, UInt(GB_PR_CAP_AMBIENT_LOWER))
        }
        for capability in sets.ambient.subtracting(current.ambient).sorted() {
            try changeAmbient(capability, UInt(GB_PR_CAP_AMBIENT_RAISE))
        }
    }

    private func changeAmbient(_ capability: Capability, _ action: UInt) throws {
        _ = try once("prctl(PR_CAP_AMBIENT)") { gb_prctl(Int32(GB_PR_CAP_AMBIENT), action, UInt(capability.rawValue), 0, 0) }
    }

    /// A prctl(2) query's answer: 1 is yes, 0 is no, `EINVAL` is a capability past
    /// `/proc/sys/kernel/cap_last_cap` (no).
    private static func capabilityQuery(_ call: StaticString, _ result: Int32) throws -> Bool {
        if result >= 0 { return result == 1 }
        if errno == EINVAL { return false }
        throw failure(call, errno)
    }

    private static func capabilities(_ mask: UInt64) -> Set<Capability> {
        Set((0..<64).filter { mask & (1 << UInt64($0)) != 0 }.map { Capability(rawValue: Int32($0)) })
    }

    private static func mask(_ capabilities: Set<Capability>) -> UInt64 {
        capabilities.reduce(0) { mask, capability in
            precondition((0..<64).contains(capability.rawValue), "capset: \(capability) is not a capability number")
            return mask | 1 << UInt64(capability.rawValue)
        }
    }
}
