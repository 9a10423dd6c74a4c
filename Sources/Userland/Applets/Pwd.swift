import KernelInterface

/// `pwd`: getcwd(2).
enum Pwd {
    static func main(_ context: ProcessContext) -> Int32 {
        do {
            context.print(try context.kernel.getcwd())
            return 0
        } catch {
            context.complain("pwd", "getcwd: \(describe(error))")
            return 1
        }
    }
}
