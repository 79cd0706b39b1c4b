// swift-tools-version:6.1
import PackageDescription

// Layers, each depending only on those above it:
//   CLAPACK (system library) → LinearAlgebra → Fitting
//   AdoptionModels (pure Swift) → Fitting
//   AdoptData (CSV, series) → AdoptReports (writers) → adopt (thin CLI)
let package = Package(
    name: "adopt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "adopt", targets: ["adopt"]),
        .library(name: "AdoptionModels", targets: ["AdoptionModels"]),
        .library(name: "Fitting", targets: ["Fitting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
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
        .target(name: "AdoptReports", dependencies: ["Fitting", "AdoptionModels", "AdoptData"]),
        .executableTarget(
            name: "adopt",
            dependencies: [
                "AdoptReports", "AdoptData", "Fitting", "AdoptionModels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "AdoptionModelsTests", dependencies: ["AdoptionModels", "TestSupport"]),
        .testTarget(
            name: "FittingTests",
            dependencies: ["Fitting", "AdoptionModels", "TestSupport"]
        ),
        .testTarget(name: "AdoptDataTests", dependencies: ["AdoptData", "TestSupport"]),
        .testTarget(
            name: "AdoptCLITests",
            dependencies: ["adopt", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
