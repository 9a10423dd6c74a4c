/// The exec endpoints of the Engine API (moby api/types ExecConfig, ExecStartCheck,
/// ContainerExecInspect), as the docker CLI's `docker exec` drives them:
///
///     client ──POST /containers/{id}/exec {Cmd, AttachStdout…}──▶ dockerd   201 {"Id": …}
///     client ──POST /exec/{id}/start {"Detach":false,"Tty":false}──▶ dockerd
///            ◀── 101 UPGRADED, then stdout/stderr frames until the process ends
///     client ──GET /exec/{id}/json──▶ dockerd   {"ExitCode": 3, "Running": false, …}

/// `POST /containers/{id}/exec`'s body.
public struct ExecConfig: Codable, Sendable {
    public var User: String?
    public var Privileged: Bool?
    public var Tty: Bool?
    public var AttachStdin: Bool?
    public var AttachStderr: Bool?
    public var AttachStdout: Bool?
    public var Detach: Bool?
    public var DetachKeys: String?
    public var Env: [String]?
    public var WorkingDir: String?
    public var Cmd: [String]?

    public init(User: String? = nil, Privileged: Bool? = nil, Tty: Bool? = nil, AttachStdin: Bool? = nil,
                AttachStderr: Bool? = nil, AttachStdout: Bool? = nil, Detach: Bool? = nil, DetachKeys: String? = nil,
                Env: [String]? = nil, WorkingDir: String? = nil, Cmd: [String]? = nil) {
        self.User = User
        self.Privileged = Privileged
        self.Tty = Tty
        self.AttachStdin = AttachStdin
        self.AttachStderr = AttachStderr
        self.AttachStdout = AttachStdout
        self.Detach = Detach
        self.DetachKeys = DetachKeys
        self.Env = Env
        self.WorkingDir = WorkingDir
        self.Cmd = Cmd
    }
}

/// `POST /containers/{id}/exec`'s answer (moby's IDResponse).
public struct ExecCreateResponse: Codable, Sendable {
    public var Id: String
    public init(Id: String) { self.Id = Id }
}

/// `POST /exec/{id}/start`'s body (moby's ExecStartCheck).
public struct ExecStartConfig: Codable, Sendable {
    public var Detach: Bool?
    public var Tty: Bool?
    public init(Detach: Bool? = nil, Tty: Bool? = nil) {
        self.Detach = Detach
        self.Tty = Tty
    }
}

/// `GET /exec/{id}/json` (moby's ContainerExecInspect). `ExitCode` is null until the process
/// has ended, which is how a client tells "still running" from "exited 0".
public struct ExecInspectResponse: Codable, Sendable {
    public struct ProcessConfig: Codable, Sendable {
        public var tty: Bool
        public var entrypoint: String
        public var arguments: [String]
        public var privileged: Bool?
        public var user: String?
        public init(tty: Bool, entrypoint: String, arguments: [String], privileged: Bool?, user: String?) {
            self.tty = tty
            self.entrypoint = entrypoint
            self.arguments = arguments
            self.privileged = privileged
            self.user = user
        }
    }

    public var ID: String
    public var Running: Bool
    public var ExitCode: Int?
    public var ProcessConfig: ProcessConfig
    public var OpenStdin: Bool
    public var OpenStderr: Bool
    public var OpenStdout: Bool
    public var CanRemove: Bool
    public var ContainerID: String
    public var DetachKeys: String
    public var Pid: Int

    public init(ID: String, Running: Bool, ExitCode: Int?, ProcessConfig: ProcessConfig, OpenStdin: Bool, OpenStderr: Bool,
                OpenStdout: Bool, CanRemove: Bool, ContainerID: String, DetachKeys: String, Pid: Int) {
        self.ID = ID
        self.Running = Running
        self.ExitCode = ExitCode
        self.ProcessConfig = ProcessConfig
        self.OpenStdin = OpenStdin
        self.OpenStderr = OpenStderr
        self.OpenStdout = OpenStdout
        self.CanRemove = CanRemove
        self.ContainerID = ContainerID
        self.DetachKeys = DetachKeys
        self.Pid = Pid
    }

    enum CodingKeys: String, CodingKey {
        case ID, Running, ExitCode, ProcessConfig, OpenStdin, OpenStderr, OpenStdout, CanRemove, ContainerID, DetachKeys, Pid
    }

    /// Every field always present, `ExitCode` as `null` while running, as Go marshals `*int`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ID, forKey: .ID)
        try container.encode(Running, forKey: .Running)
        if let ExitCode { try container.encode(ExitCode, forKey: .ExitCode) } else { try container.encodeNil(forKey: .ExitCode) }
        try container.encode(self.ProcessConfig, forKey: .ProcessConfig)
        try container.encode(OpenStdin, forKey: .OpenStdin)
        try container.encode(OpenStderr, forKey: .OpenStderr)
        try container.encode(OpenStdout, forKey: .OpenStdout)
        try container.encode(CanRemove, forKey: .CanRemove)
        try container.encode(ContainerID, forKey: .ContainerID)
        try container.encode(DetachKeys, forKey: .DetachKeys)
        try container.encode(Pid, forKey: .Pid)
    }
}
