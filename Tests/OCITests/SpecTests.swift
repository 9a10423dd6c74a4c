import Testing
@testable import OCI

@Suite("runtime-spec config.json and runc state")
struct SpecTests {
    @Test("dockerd's config.json decodes, re-encodes and decodes to the same spec")
    func dockerdConfigRoundTrip() throws {
        let spec = try Spec.decode(Array(ReferenceDocuments.dockerdConfig.utf8))
        let again = try Spec.decode(spec.encoded())
        #expect(again == spec)
        #expect(spec.ociVersion == "1.0.2-dev")
        #expect(spec.process?.args == ["/bin/sleep", "60"])
        #expect(spec.process?.oomScoreAdj == 0)
        #expect(spec.process?.capabilities?.bounding == Spec.defaultCapabilities)
        #expect(spec.linux?.namespaces == Spec.defaultNamespaces)
        #expect(spec.linux?.maskedPaths == Spec.defaultMaskedPaths)
        #expect(spec.linux?.readonlyPaths == Spec.defaultReadonlyPaths)
        #expect(spec.linux?.resources?.devices == Spec.defaultDeviceCgroupRules)
        #expect(spec.mounts?.prefix(6).elementsEqual(Spec.defaultMounts.prefix(6)) == true)
        #expect(spec.hooks?.prestart?.first?.args?.first == "libnetwork-setkey")
        let clone = spec.linux?.seccomp?.syscalls?.first { $0.names == ["clone"] }
        #expect(clone?.args?.first == Spec.LinuxSeccompArg(index: 0, value: 2_114_060_288, op: "SCMP_CMP_MASKED_EQ"))
        #expect(spec.linux?.seccomp?.syscalls?.first { $0.names == ["clone3"] }?.errnoRet == 38)
    }

    @Test("fields that are nil are left out of the JSON, present zeroes are kept")
    func omitsNil() throws {
        let spec = Spec(process: Spec.Process(args: ["/hello"], oomScoreAdj: 0), root: Spec.Root(path: "rootfs"))
        let text = String(decoding: spec.encoded(), as: UTF8.self)
        #expect(text.contains("\"oomScoreAdj\":0"))
        #expect(!text.contains("terminal"))
        #expect(!text.contains("null"))
        #expect(!text.contains("linux"))
        #expect(!text.contains("readonly"))
    }

    @Test("runc's state JSON decodes and round-trips")
    func runcState() throws {
        let state = try State.decode(Array(ReferenceDocuments.runcState.utf8))
        #expect(state.status == .running)
        #expect(state.pid == 6809)
        #expect(state.owner == "")
        #expect(try State.decode(state.encoded()) == state)
        #expect(RFC3339.parse(state.created) != nil)
    }

    @Test("an unknown container status is refused")
    func unknownStatus() {
        let text = #"{"ociVersion":"1.0.2","id":"x","pid":0,"status":"exploded","bundle":"/b","rootfs":"/r","created":"2026-11-22T18:32:33Z","owner":""}"#
        #expect(throws: OCIError.self) { try State.decode(Array(text.utf8)) }
    }

    @Test("RFC 3339 timestamps format as Go's RFC3339Nano and parse back")
    func timestamps() {
        let created: Int64 = 1_795_372_353_110_334_319
        #expect(RFC3339.format(nanosecondsSinceEpoch: created) == "2026-11-22T18:32:33.110334319Z")
        #expect(RFC3339.parse("2026-11-22T18:32:33.110334319Z") == created)
        #expect(RFC3339.format(nanosecondsSinceEpoch: 0) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(nanosecondsSinceEpoch: 1_500_000_000) == "1970-01-01T00:00:01.5Z")
        #expect(RFC3339.format(nanosecondsSinceEpoch: 951_782_400_000_000_000) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.parse("2000-02-29T01:00:00+01:00") == 951_782_400_000_000_000)
        #expect(RFC3339.parse("2000-02-29 00:00:00Z") == nil)
    }

    @Test("only runc's legal lifecycle transitions are allowed")
    func transitions() {
        #expect(ContainerStatus.created.canTransition(to: .running))
        #expect(ContainerStatus.running.canTransition(to: .stopped))
        #expect(ContainerStatus.paused.canTransition(to: .running))
        #expect(!ContainerStatus.stopped.canTransition(to: .running))
        #expect(!ContainerStatus.created.canTransition(to: .paused))
        #expect(!ContainerStatus.running.canTransition(to: .created))
        #expect(ContainerStatus.allCases.allSatisfy { !$0.canTransition(to: .creating) })
    }
}
