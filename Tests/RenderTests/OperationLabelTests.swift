import Testing
@testable import Render

@Suite("Operation labels")
struct OperationLabelTests {
    let id = HelloWorldTrace.containerID

    @Test("ids and digests are cut to 12 characters; shorter hex is left alone")
    func shortIDs() {
        #expect(OperationLabel.shortenedIDs("POST /v1.41/containers/\(id)/start") == "POST /v1.41/containers/075a537fbe80/start")
        #expect(OperationLabel.shortenedIDs("GET /blobs/\(HelloWorldTrace.layerDigest)") == "GET /blobs/sha256:2db29710123e")
        #expect(OperationLabel.shortenedIDs("span 00f067aa0ba902b7") == "span 00f067aa0ba902b7")
    }

    @Test("an Engine API path drops its version, then its query, before it is cut")
    func httpLadder() {
        let op = "POST /v1.41/containers/\(id)/attach?stderr=1&stdout=1&stream=1"
        #expect(OperationLabel.fitting(op, limit: 80) == "POST /v1.41/containers/075a537fbe80/attach?stderr=1&stdout=1&stream=1")
        #expect(OperationLabel.fitting(op, limit: 64) == "POST /containers/075a537fbe80/attach?stderr=1&stdout=1&stream=1")
        #expect(OperationLabel.fitting(op, limit: 40) == "POST /containers/075a537fbe80/attach?…")
        #expect(OperationLabel.fitting(op, limit: 20) == "POST /containers/07…")
    }

    @Test("an RPC keeps its service and method; an exec keeps its program and subcommand")
    func rpcAndExec() {
        #expect(OperationLabel.fitting("containerd.services.tasks.v1.Tasks/Create", limit: 20) == "Tasks/Create")
        let exec = "glassbox-shim -namespace moby -id \(id) -address /run/glassbox/containerd/containerd.sock start"
        #expect(OperationLabel.fitting(exec, limit: 30) == "glassbox-shim … start")
        #expect(OperationLabel.fitting(HelloWorldTrace.runcCreateOp, limit: 40) == "glassbox-runc … create … 075a537fbe80")
    }

    @Test("text is measured in terminal columns, not bytes")
    func columns() {
        #expect(DisplayText.columns("╌╌▶") == 3)
        #expect(DisplayText.columns("容器") == 4)
        #expect(DisplayText.columns("e\u{301}") == 1)
        #expect(DisplayText.truncated("containerd", to: 5) == "cont…")
    }
}
