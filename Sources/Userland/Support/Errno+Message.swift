import KernelInterface

extension Errno {
    /// strerror(3) as glibc spells it (`No such file or directory`), the text busybox prints
    /// after its `applet: ` prefix.
    var sentence: String {
        let text = message
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

/// The text of any error a Kernel call threw, as busybox's perror would show it.
func describe(_ error: any Error) -> String {
    (error as? Errno)?.sentence ?? String(describing: error)
}
