import Testing
@testable import OCI

@Suite("image-spec documents")
struct ImageTypesTests {
    @Test("an image config keeps Docker's capitalised keys inside config and snake case outside")
    func configKeys() throws {
        let configuration = ImageConfiguration(
            created: "2026-11-22T00:00:00Z",
            config: .init(exposedPorts: ["80/tcp": EmptyObject()], env: ["PATH=/bin"], cmd: ["/hello"], workingDir: "/"),
            rootfs: .init(diffIDs: [Digest(of: [1])]),
            history: [.init(created: "2026-11-22T00:00:00Z", createdBy: "COPY hello /", emptyLayer: false)]
        )
        let text = String(decoding: configuration.encoded(), as: UTF8.self)
        for key in ["\"Cmd\":[\"/hello\"]", "\"Env\"", "\"WorkingDir\":\"/\"", "\"ExposedPorts\":{\"80/tcp\":{}}",
                    "\"diff_ids\"", "\"type\":\"layers\"", "\"created_by\"", "\"empty_layer\":false"] {
            #expect(text.contains(key), "\(key)")
        }
        #expect(try ImageConfiguration.decode(configuration.encoded()) == configuration)
    }

    @Test("a Docker Hub manifest list decodes and selects linux/amd64")
    func manifestList() throws {
        let digestA = Digest(of: Array("arm".utf8)), digestB = Digest(of: Array("amd".utf8))
        let text = """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
        {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"\(digestA)","size":525,"platform":{"architecture":"arm","os":"linux","variant":"v7"}},
        {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"\(digestB)","size":525,"platform":{"architecture":"amd64","os":"linux","os.version":"10"}}]}
        """
        let index = try Index.decode(Array(text.utf8))
        #expect(MediaType.isIndex(index.mediaType ?? ""))
        #expect(index.manifest(for: .linuxAMD64)?.digest == digestB)
        #expect(index.manifests[1].platform?.osVersion == "10")
        #expect(try Index.decode(index.encoded()) == index)
    }

    @Test("manifests with a schema version other than 2 are refused")
    func schemaVersion() {
        let text = #"{"schemaVersion":1,"config":{"mediaType":"a","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":1},"layers":[]}"#
        #expect(throws: OCIError.self) { try Manifest.decode(Array(text.utf8)) }
    }

    @Test("a Docker Hub style config with nulls and Docker-only keys decodes")
    func dockerHubConfig() throws {
        let text = #"""
        {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"Tty":false,
        "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/hello"],"Image":"sha256:abc",
        "Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"container":"347ca68872ee",
        "container_config":{"Cmd":["/bin/sh","-c","#(nop) ","CMD [\"/hello\"]"]},"created":"2023-05-02T16:49:27.904783317Z",
        "docker_version":"20.10.23","history":[{"created":"2023-05-02T16:49:27.755375596Z","created_by":"/bin/sh -c #(nop) COPY file:201f8f1849e8 in / "},
        {"created":"2023-05-02T16:49:27.904783317Z","created_by":"/bin/sh -c #(nop)  CMD [\"/hello\"]","empty_layer":true}],
        "os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:01bb4fce3eb1b56b05adf99504dafd31907a5aadac736e36b27595c8b92f07f1"]}}
        """#
        let configuration = try ImageConfiguration.decode(Array(text.utf8))
        #expect(configuration.config?.cmd == ["/hello"])
        #expect(configuration.config?.entrypoint == nil)
        #expect(configuration.config?.workingDir == "")
        #expect(configuration.history?.last?.emptyLayer == true)
        #expect(configuration.rootfs.diffIDs.count == 1)
    }
}
