@testable import Dockerd
import Testing
import Wire

@Suite("dockerd's request body limits")
struct DockerdBodyLimitTests {
    @Test("an import may send 4 GiB, versioned or not; any other request 64 MiB")
    func limits() {
        let limit = DockerdProgram.bodyLimit
        #expect(limit("POST", "/v1.41/images/create?fromSrc=-&repo=big") == DockerdProgram.importBodyLimit)
        #expect(limit("POST", "/images/create?repo=big&fromSrc=-") == DockerdProgram.importBodyLimit)
        #expect(limit("POST", "/v1.41/images/create?fromImage=busybox&tag=latest") == HTTPCodec.maximumBodySize)
        #expect(limit("POST", "/v1.41/containers/create") == HTTPCodec.maximumBodySize)
        #expect(limit("PUT", "/v1.41/images/create?fromSrc=-") == HTTPCodec.maximumBodySize)
    }
}
