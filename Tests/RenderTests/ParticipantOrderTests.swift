import Testing
@testable import Render

@Suite("Participant order")
struct ParticipantOrderTests {
    @Test("known participants take their canonical place; unknown ones follow in order met")
    func order() {
        let order = ParticipantOrder(["kernel", "buildkitd", "runc", "client", "zeta", "dockerd"])
        #expect(order.names == ["client", "dockerd", "runc", "kernel", "buildkitd", "zeta"])
    }
}
