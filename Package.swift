// swift-tools-version:6.1
import PackageDescription

// Data flows one way, and each target depends only on those before it:
//   AdoptData (CSV files → series), AdoptScenario (TOML scenario files → typed, validated scenarios)
//   AdoptionModels (pure Swift curves) → Fitting (solver, statistics) ← LinearAlgebra ← CLAPACK
//   AdoptStudies (series → fits → tidy result records)
//   AdoptReports (records → Markdown / CSV / JSON; never refits) → adopt (thin command line)
let package = Package(
    name: "adopt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "adopt", targets: ["adopt"]),
        .library(name: "AdoptionModels", targets: ["AdoptionModels"]),
        .library(name: "Fitting", targets: ["Fitting"]),
        .library(name: "AdoptScenario", targets: ["AdoptScenario"]),
        .library(name: "AdoptStudies", targets: ["AdoptStudies"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLAPACK",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapack-dev"])]
        ),
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"]),
        .target(
            name: "AdoptionModels",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "Fitting",
            dependencies: [
                "LinearAlgebra", "AdoptionModels",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "AdoptData"),
        .target(name: "AdoptScenario", dependencies: ["AdoptData", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(
            name: "AdoptStudies",
            dependencies: [
                "AdoptData", "AdoptScenario", "Fitting", "AdoptionModels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "AdoptReports", dependencies: ["AdoptStudies", "AdoptData"]),
        .executableTarget(
            name: "adopt",
            dependencies: [
                "AdoptReports", "AdoptStudies", "AdoptData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "AdoptionModelsTests", dependencies: ["AdoptionModels", "TestSupport"]),
        .testTarget(
            name: "FittingTests",
            dependencies: ["Fitting", "AdoptionModels", "LinearAlgebra", "TestSupport"]
        ),
        .testTarget(name: "AdoptDataTests", dependencies: ["AdoptData", "TestSupport"]),
        .testTarget(name: "AdoptReportsTests", dependencies: ["AdoptReports", "AdoptStudies", "TestSupport"]),
        .testTarget(name: "AdoptScenarioTests", dependencies: ["AdoptScenario", "TestSupport"]),
        .testTarget(name: "AdoptStudiesTests", dependencies: ["AdoptStudies", "AdoptScenario", "AdoptionModels", "Fitting", "TestSupport"]),
        .testTarget(
            name: "AdoptCLITests",
            dependencies: ["adopt", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
