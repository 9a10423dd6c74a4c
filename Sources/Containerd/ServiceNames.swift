/// The services containerd serves, spelled as they appear in the trace.
enum ServiceName: String, Sendable {
    case containers = "containerd.services.containers.v1.Containers"
    case tasks = "containerd.services.tasks.v1.Tasks"
    case version = "containerd.services.version.v1.Version"
}

/// containerd.services.containers.v1.Containers' methods.
enum ContainersMethod: String, Sendable {
    case create = "Create"
    case get = "Get"
    case list = "List"
    case delete = "Delete"
}

/// containerd.services.tasks.v1.Tasks' methods.
enum TasksMethod: String, Sendable {
    case create = "Create"
    case start = "Start"
    case wait = "Wait"
    case delete = "Delete"
    case kill = "Kill"
    case get = "Get"
    case listPids = "ListPids"
    case exec = "Exec"
    case deleteProcess = "DeleteProcess"
    case resizePty = "ResizePty"
}

/// The shim's task API methods containerd calls (`containerd.task.v2.Task/…`).
enum ShimMethod: String, Sendable {
    case create = "Create"
    case start = "Start"
    case wait = "Wait"
    case delete = "Delete"
    case kill = "Kill"
    case state = "State"
    case pids = "Pids"
    case shutdown = "Shutdown"
    case exec = "Exec"
    case resizePty = "ResizePty"
}
