import FoundationEssentials

/// The one switch that rewrites golden files. The environment is read here, by the test
/// process, and nowhere in the library: the renderer never reads the environment.
enum GoldenSwitch {
    static let variable = "GLASSBOX_UPDATE_GOLDEN"

    static var isUpdating: Bool {
        ProcessInfo.processInfo.environment[variable] == "1"
    }
}
