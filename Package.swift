// swift-tools-version:6.0
//
// Glassbox: Docker's architecture rebuilt in Swift so that every hop can be watched.
// The module graph follows the layers (see README.md, "Layout"):
//
//   Trace ─┐
//          ├─ KernelInterface ─┬─ SimKernel (the simulated machine)
//          │                   └─ LinuxKernel (real syscalls, with CLinux)
//          ├─ Wire (HTTP/1.1, ttrpc-like framing, the messages of every hop)
//          ├─ OCI  (runtime and image specs, digests, tar)
//          └─ Client, Dockerd, Registry, Containerd, Shim, Runc, Userland: one library per program
//   Render (traces to diagrams), Engine (the composition root: names both kernels)
//
// The toolchain is the only dependency.
import PackageDescription

/// Every program is one static executable, the C library included: the client and the
/// per-container programs start once per container (the shim, runc several times), and with
/// nothing for the dynamic loader to map and relocate each starts in about 1 ms instead of 2–5,
/// and keeps no shared library's pages resident (see BENCHMARKS.md). No program uses what a
/// static C library cannot give (dlopen, NSS lookups such as getpwnam).
let staticExecutable: [LinkerSetting] = [.unsafeFlags(["-static-executable"])]

/// The shim lives as long as its container, one per container, and most of its resident memory
/// is code: the kernel maps the 64 KiB around every code page a fault touches, so what counts is
/// how far apart the functions it runs lie. Release builds put every function in a section of
/// its own (as swiftc does outside SwiftPM; the standard library and the runtime are built so),
/// and the shim is linked with the functions it runs laid out first, listed in
/// Sources/glassbox-shim/function-order.txt by benchmarks/shim-function-order.sh (6.2 → 4.4 MB
/// resident with one container; see BENCHMARKS.md).
let functionSections: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))]

/// The per-container programs (runc, its init, the shim, the client) each decode a JSON document
/// once per process, and the first use of every Codable type cost more than the decoding: the
/// compiler refers to generic types such as `KeyedDecodingContainer<Spec.CodingKeys>` by mangled
/// name, and the runtime demangles each name and looks up its conformances by scanning every
/// conformance record of the executable. Release builds call the types' metadata accessors
/// directly, and emit the metadata of the generic types they use with concrete arguments
/// (`swift_getTypeByMangledName` went from 10 % of a `glassbox-runc run` to 2 %).
let directMetadata: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors",
                  "-Xfrontend", "-prespecialize-generic-metadata"], .when(configuration: .release)),
]
let packageDirectory = String(#filePath.dropLast("Package.swift".count))
let shimFunctionOrder: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "--section-ordering-file=\(packageDirectory)Sources/glassbox-shim/function-order.txt"],
                 .when(configuration: .release)),
]

let package = Package(
    name: "Glassbox",
    products: [
        .executable(name: "glassbox", targets: ["glassbox"]),
        .executable(name: "glassbox-dockerd", targets: ["glassbox-dockerd"]),
        .executable(name: "glassbox-containerd", targets: ["glassbox-containerd"]),
        .executable(name: "glassbox-shim", targets: ["glassbox-shim"]),
        .executable(name: "glassbox-runc", targets: ["glassbox-runc"]),
        .executable(name: "glassbox-registry", targets: ["glassbox-registry"]),
        .executable(name: "glassbox-hello", targets: ["glassbox-hello"]),
    ],
    targets: [
        .target(name: "CLinux"),
        .target(name: "Trace"),
        .target(name: "KernelInterface", dependencies: ["Trace"]),
        // The simulated machine runs on one host thread, and every Kernel call walks paths and
        // scheduler state held in classes: the run-time exclusivity checks on those accesses cost
        // 5 % of a simulated lifecycle. Debug builds (every test) keep them.
        .target(
            name: "SimKernel", dependencies: ["KernelInterface", "Trace", "CLinux"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(name: "LinuxKernel", dependencies: ["KernelInterface", "CLinux"]),
        .target(name: "Wire", dependencies: ["KernelInterface", "Trace"]),
        .target(name: "OCI", dependencies: ["KernelInterface", "Trace"]),
        .target(name: "Userland", dependencies: ["KernelInterface"]),
        .target(name: "Registry", dependencies: ["KernelInterface", "Wire", "OCI", "Trace"]),
        .target(name: "Runc", dependencies: ["KernelInterface", "OCI", "Trace"]),
        .target(name: "Shim", dependencies: ["KernelInterface", "Wire", "OCI", "Trace"]),
        .target(name: "Containerd", dependencies: ["KernelInterface", "Wire", "OCI", "Trace"]),
        .target(name: "Dockerd", dependencies: ["KernelInterface", "Wire", "OCI", "Trace"]),
        .target(name: "Client", dependencies: ["KernelInterface", "Wire", "Trace"]),
        .target(name: "Render", dependencies: ["Trace"]),
        .target(
            name: "Engine",
            dependencies: [
                "KernelInterface", "SimKernel", "LinuxKernel", "Trace", "Wire", "OCI", "Userland", "Registry",
                "Runc", "Shim", "Containerd", "Dockerd", "Client", "Render",
            ]
        ),
        .executableTarget(name: "glassbox", dependencies: ["Engine", "LinuxKernel"], linkerSettings: staticExecutable),
        // One thin executable per program, named as `ps` shows them, each linking only its layer.
        .executableTarget(name: "glassbox-dockerd", dependencies: ["Dockerd", "LinuxKernel"], linkerSettings: staticExecutable),
        .executableTarget(name: "glassbox-containerd", dependencies: ["Containerd", "LinuxKernel"], linkerSettings: staticExecutable),
        .executableTarget(
            name: "glassbox-shim", dependencies: ["Shim", "LinuxKernel"], exclude: ["function-order.txt"],
            linkerSettings: staticExecutable + shimFunctionOrder
        ),
        .executableTarget(name: "glassbox-runc", dependencies: ["Runc", "LinuxKernel"], linkerSettings: staticExecutable),
        .executableTarget(name: "glassbox-registry", dependencies: ["Registry", "LinuxKernel"], linkerSettings: staticExecutable),
        .executableTarget(name: "glassbox-hello", dependencies: ["Userland", "LinuxKernel"], linkerSettings: staticExecutable),

        .testTarget(name: "TraceTests", dependencies: ["Trace"]),
        .testTarget(
            name: "KernelContractTests",
            dependencies: ["KernelInterface", "SimKernel", "LinuxKernel", "Trace", "ContractPrograms"]
        ),
        .testTarget(name: "WireTests", dependencies: ["Wire", "KernelInterface", "SimKernel", "Trace"]),
        .testTarget(name: "OCITests", dependencies: ["OCI", "KernelInterface", "SimKernel"]),
        .target(name: "ContractPrograms", dependencies: ["KernelInterface"], path: "Tests/ContractPrograms"),
        .executableTarget(
            name: "glassbox-contract-helper", dependencies: ["ContractPrograms", "LinuxKernel"], path: "Tests/ContractHelper",
            linkerSettings: [.unsafeFlags(["-static-executable"])]
        ),
        .target(name: "TestSupport", dependencies: ["KernelInterface", "LinuxKernel", "Trace"], path: "Tests/TestSupport"),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Trace", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "JourneyTests", dependencies: ["Engine", "Trace", "Render", "SimKernel", "KernelInterface", "TestSupport"]),
    ]
)

for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + functionSections + directMetadata
}
