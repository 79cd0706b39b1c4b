// swift-tools-version:6.1
// Benchmarks for adopt, kept in their own package so that the main package
// does not depend on ordo-one/benchmark. Run with `swift package benchmark`
// from this folder (or `make bench` at the top level).
import PackageDescription

let package = Package(
    name: "adopt-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "adopt", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "AdoptBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Fitting", package: "adopt"),
                .product(name: "AdoptionModels", package: "adopt"),
                .product(name: "AdoptScenario", package: "adopt"),
                .product(name: "AdoptStudies", package: "adopt"),
            ],
            path: "Benchmarks/AdoptBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
