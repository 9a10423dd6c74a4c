/// The Docker Engine API as `docker run hello-world` uses it, and the registry API a pull speaks.
extension Explanation {
    static let engine: [Explanation] = [
        Explanation("Ping", .hop("http", "* */_ping"),
            source: "moby api/server/router/system/system_routes.go (pingHandler); docker/cli cli/command/cli.go",
            """
            Before anything else the docker CLI pings the daemon. The answer's headers (API-Version, \
            OSType, Docker-Experimental) tell the CLI which API version both sides speak, so every \
            later path carries /v1.41. HEAD asks for the headers alone.
            """),
        Explanation("Create, answered 404", .hop("http", "POST */containers/create*", status: "404*"),
            source: "moby daemon/create.go (containerCreate → GetImage); docker/cli cli/command/container/create.go (createContainer)",
            """
            dockerd looks the image up in its local store before it makes anything. hello-world has \
            never been pulled here, so the lookup fails with errdefs.NotFound, which the API maps to \
            404 "No such image". The CLI takes exactly this answer as its cue to pull (docker run's \
            default --pull=missing) and then sends the same create again.
            """),
        Explanation("Create, answered 201", .hop("http", "POST */containers/create*", status: "201*"),
            source: "moby daemon/create.go (create, newContainer, setRWLayer)",
            """
            With the image present dockerd builds the container: it merges the image's config with \
            the request's Config and HostConfig, picks a name, makes a read-write layer on top of \
            the image's layers, writes config.v2.json and hostconfig.json under \
            /var/lib/docker/containers/ID, and answers with the 64-hex Id. Nothing runs yet: a \
            container is a record and a filesystem until it is started.
            """),
        Explanation("Create a container", .hop("http", "POST */containers/create*"),
            source: "moby api/server/router/container/container_routes.go (postContainersCreate)",
            """
            The CLI sends the container's whole configuration as one JSON body: image, command, \
            environment, attach flags and the HostConfig (mounts, network, resources). dockerd \
            answers with an id or an error; no process exists until start.
            """),
        Explanation("Pull", .hop("http", "POST */images/create*"),
            source: "moby api/server/router/image/image_routes.go (postImagesCreate); moby distribution/pull_v2.go",
            """
            docker run's pull: fromImage and tag name what to fetch. dockerd resolves the name \
            against the registry, fetches the manifest, then each blob it lacks, and streams \
            progress back as JSON lines, from which the CLI draws its progress bars. The status is \
            200 from the first byte; a failure arrives inside the stream.
            """),
        Explanation("Attach", .hop("http", "POST */containers/*/attach*"),
            source: "moby api/server/router/container/container_routes.go (postContainersAttach); moby daemon/attach.go",
            """
            Before it starts the container the CLI attaches to its stdout and stderr. dockerd \
            answers 101 UPGRADED and hijacks the connection: from then on the socket carries the \
            container's output as multiplexed frames (an 8-byte header naming the stream and the \
            length), not HTTP. Attaching first is how no byte of output is lost.
            """),
        Explanation("Wait", .hop("http", "POST */containers/*/wait*"),
            source: "moby daemon/wait.go (ContainerWait); docker/cli cli/command/container/utils.go (waitExitOrRemoved)",
            """
            The CLI asks to be told when the container exits (condition=next-exit) before it starts \
            it, so the exit cannot be missed. The request stays open; dockerd answers when the \
            container's process has exited, with the StatusCode that becomes docker run's own exit \
            code.
            """),
        Explanation("Start", .hop("http", "POST */containers/*/start*"),
            source: "moby daemon/start.go (containerStart); moby libcontainerd/remote/client.go (Create, Start)",
            """
            dockerd turns the container record into a process: it mounts the container's \
            filesystem, writes the OCI runtime spec from the container's config, and asks \
            containerd to create the container, create its task and start the task. 204 No Content \
            means the container's program is running.
            """),
        Explanation("Remove", .hop("http", "DELETE */containers/*"),
            source: "moby daemon/delete.go (ContainerRm, cleanupContainer)",
            """
            The container is removed: its read-write layer, its directory under \
            /var/lib/docker/containers and its record in dockerd (what docker run --rm asks for once \
            the container has exited).
            """),
    ]

    static let registry: [Explanation] = [
        Explanation("Registry version check", .hop("http", "GET /v2/"),
            source: "distribution registry/handlers/app.go (apiBase); moby registry/auth.go",
            """
            The first thing a pull asks a registry: GET /v2/ says whether it speaks the Registry \
            API v2 and, on Docker Hub, answers 401 with a WWW-Authenticate challenge naming where \
            to get a token. Glassbox's local registry needs no token and answers 200.
            """),
        Explanation("Manifest", .hop("http", "* /v2/*/manifests/*"),
            source: "moby distribution/pull_v2.go (pullTag, pullSchema2)",
            """
            dockerd fetches the image's manifest by tag: a JSON document that lists the config \
            blob and the layer blobs by sha256 digest (for a multi-platform image first an index, \
            from which it picks its platform). From here on everything is addressed by digest, so \
            every byte that arrives can be checked.
            """),
        Explanation("Blob", .hop("http", "* /v2/*/blobs/*"),
            source: "moby distribution/pull_v2.go (download, pullSchema2Config); moby layer/layer_store.go",
            """
            Each blob is fetched by its digest: the image config (the command to run, the \
            environment, the diff ids of the layers) and each layer, a tar archive (gzip-compressed \
            on Docker Hub, plain in Glassbox's registry). dockerd checks the sha256 of what it \
            received against the digest it asked for, unpacks each layer into its layer store and \
            registers the image.
            """),
    ]

    /// The daemons dockerd starts before the journey: its own containerd, and Glassbox's registry.
    static let daemons: [Explanation] = [
        Explanation("dockerd starts containerd", .hop("exec", "*containerd --address*"),
            source: "moby libcontainerd/supervise/remote_daemon.go (startContainerd)",
            """
            Without --containerd, dockerd supervises a containerd of its own: it execs it with a \
            socket address and state directories, waits for the socket to answer, and starts it \
            again if it dies. Every container operation from here goes to containerd over that \
            socket.
            """),
        Explanation("Glassbox's registry", .hop("exec", "*registry --listen*"),
            source: "distribution registry/handlers/app.go (the API it re-creates)",
            """
            Glassbox stands a small registry in for Docker Hub, speaking the same Registry API v2, \
            so a pull can be watched without the network. It is Glassbox's addition: Docker would \
            talk to registry-1.docker.io over HTTPS.
            """),
    ]
}
