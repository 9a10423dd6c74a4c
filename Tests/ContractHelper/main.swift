// `glassbox-contract-helper`: the contract suite's helper programs on the real kernel, one
// static multi-call executable chosen by the name it is run as (argv[0]), so that it runs in the
// empty fresh root of a contract run with nothing else there.
import ContractPrograms
import LinuxKernel

let name = CommandLine.arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
guard let program = ContractPrograms.all.first(where: { $0.name == name }) else {
    try? LinuxKernel().writeAll(.standardError, "glassbox-contract-helper: no helper program is named \"\(name)\"; run it as one of: "
                                + ContractPrograms.all.map(\.name).joined(separator: ", ") + "\n")
    LinuxProcess.exit(2)
}
LinuxProcess.run(program)
