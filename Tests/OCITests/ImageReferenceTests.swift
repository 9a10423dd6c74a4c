import Testing
@testable import OCI

@Suite("image references, parsed as Docker parses them")
struct ImageReferenceTests {
    @Test("short names normalise to docker.io/library with tag latest")
    func officialImage() throws {
        let reference = try ImageReference(parsing: "hello-world")
        #expect(reference.description == "docker.io/library/hello-world:latest")
        #expect(reference.familiarString == "hello-world:latest")
        #expect(reference.registryHost == "registry-1.docker.io")
    }

    @Test("tags, user repositories and registries with ports are kept apart")
    func forms() throws {
        #expect(try ImageReference(parsing: "busybox:1.36").description == "docker.io/library/busybox:1.36")
        #expect(try ImageReference(parsing: "user/app").description == "docker.io/user/app:latest")
        #expect(try ImageReference(parsing: "user/app").familiarName == "user/app")
        let local = try ImageReference(parsing: "localhost:5000/x/y:tag")
        #expect(local.domain == "localhost:5000")
        #expect(local.path == "x/y")
        #expect(local.tag == "tag")
        #expect(local.familiarString == "localhost:5000/x/y:tag")
        #expect(try ImageReference(parsing: "localhost/app").domain == "localhost")
        #expect(try ImageReference(parsing: "index.docker.io/busybox").description == "docker.io/library/busybox:latest")
        #expect(try ImageReference(parsing: "a.b-c.io/some_name/x__y.z-w:v1.0_rc").path == "some_name/x__y.z-w")
    }

    @Test("a digest reference gets no default tag")
    func digestReference() throws {
        let hex = String(repeating: "ab", count: 32)
        let reference = try ImageReference(parsing: "busybox@sha256:" + hex)
        #expect(reference.tag == nil)
        #expect(reference.digest?.encoded == hex)
        #expect(reference.description == "docker.io/library/busybox@sha256:" + hex)
        let both = try ImageReference(parsing: "busybox:1.36@sha256:" + hex)
        #expect(both.tag == "1.36")
    }

    @Test("upper case in the repository is refused in Docker's words")
    func upperCase() {
        for text in ["Busybox", "user/App:tag", "localhost:5000/X/y"] {
            #expect(throws: OCIError.invalidReference(text, reason: "invalid reference format: repository name must be lowercase")) {
                try ImageReference(parsing: text)
            }
        }
    }

    @Test("malformed references are an invalid reference format")
    func malformed() {
        for text in ["", "busybox:", "busybox:-tag", "a//b", "-a", "a-", "a/b:tag/x", "UPPER.io/a!b", "a@sha256:12", "busybox:" + String(repeating: "t", count: 129)] {
            #expect(throws: OCIError.self, "\(text)") { try ImageReference(parsing: text) }
        }
        #expect(throws: OCIError.invalidReference("busybox:", reason: "invalid reference format")) {
            try ImageReference(parsing: "busybox:")
        }
    }

    @Test("a 64-hex name is refused as an id, as Docker does")
    func hexName() {
        let hex = String(repeating: "a", count: 64)
        #expect(throws: OCIError.self) { try ImageReference(parsing: hex) }
    }
}
