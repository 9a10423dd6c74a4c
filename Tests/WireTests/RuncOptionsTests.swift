import Testing
import Trace
import Wire

/// containerd's runc options (`containerd.runc.v1.Options`) in Tasks/Create and in the shim's
/// Task/Create: the proto's field names, and requests without options written as before.
@Suite("runc options in containerd's and the shim's CreateTaskRequest")
struct RuncOptionsTests {
    static let options = RuncOptions(binary_name: "runc", root: "/run/other/runtime-runc")

    @Test("the options round-trip under containerd's field names, an empty field left out")
    func optionsRoundTrip() throws {
        let text = String(decoding: try JSONCoding.encode(Self.options), as: UTF8.self)
        #expect(text == #"{"binary_name":"runc","root":"/run/other/runtime-runc"}"#)
        #expect(try JSONCoding.decode(RuncOptions.self, from: Array(text.utf8)) == Self.options)
        #expect(String(decoding: try JSONCoding.encode(RuncOptions(root: "/r")), as: UTF8.self) == #"{"root":"/r"}"#)
        #expect(try JSONCoding.decode(RuncOptions.self, from: Array("{}".utf8)) == RuncOptions())
    }

    @Test("Tasks/Create carries the options, and one without them is written as it was")
    func containerdRequest() throws {
        let request = CreateTaskRequest(container_id: "c1", stdin: "", stdout: "/o", stderr: "/e", terminal: false, options: Self.options)
        let decoded = try JSONCoding.decode(CreateTaskRequest.self, from: JSONCoding.encode(request))
        #expect(decoded.options == Self.options)
        #expect(decoded.container_id == "c1" && decoded.stdout == "/o")
        let bare = CreateTaskRequest(container_id: "c1", stdin: "", stdout: "/o", stderr: "/e", terminal: false)
        #expect(String(decoding: try JSONCoding.encode(bare), as: UTF8.self)
            == #"{"container_id":"c1","rootfs":[],"stderr":"/e","stdin":"","stdout":"/o","terminal":false}"#)
        #expect(try JSONCoding.decode(CreateTaskRequest.self, from: JSONCoding.encode(bare)).options == nil)
    }

    @Test("the shim's Task/Create carries the options, and one without them is written as it was")
    func shimRequest() throws {
        let request = ShimCreateTaskRequest(id: "c1", bundle: "/b", terminal: true, stdin: "", stdout: "/o", stderr: "/e", options: Self.options)
        let value = try JSONCoding.value(request)
        #expect(value["options"]?["root"] == .string("/run/other/runtime-runc"))
        #expect(try JSONCoding.decode(ShimCreateTaskRequest.self, from: value).options == Self.options)
        let bare = ShimCreateTaskRequest(id: "c1", bundle: "/b", terminal: true, stdin: "", stdout: "/o", stderr: "/e")
        #expect(String(decoding: try JSONCoding.encode(bare), as: UTF8.self)
            == #"{"bundle":"/b","id":"c1","rootfs":[],"stderr":"/e","stdin":"","stdout":"/o","terminal":true}"#)
    }
}
