// swift-tools-version: 6.1
// Easel: a terminal workstation that helps art teachers grade artworks.
// The module layout follows ../shared/design/ARCHITECTURE.md; each area below owns its own block of targets.
import PackageDescription

var targets: [Target] = []

// MARK: - System libraries (modulemap + shim.h with includes and defines only)

targets += [
    .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
    .systemLibrary(name: "CSixel", pkgConfig: "libsixel", providers: [.apt(["libsixel-dev"])]),
    .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
    .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
]

// MARK: - Rubric (pure)

targets += [
    .target(name: "Rubric"),
    .testTarget(name: "RubricTests", dependencies: ["Rubric"]),
]

// MARK: - Settings (pure: the config file's TOML reader and its tables)

targets += [
    .target(name: "Settings"),
    .testTarget(name: "SettingsTests", dependencies: ["Settings"]),
]

// MARK: - Terminal safety (pure): the one sanitizer for text from data, and the Console that prints only its output

targets += [
    .target(name: "TerminalSafety"),
    .testTarget(name: "TerminalSafetyTests", dependencies: ["TerminalSafety"]),
]

// MARK: - Imaging

targets += [
    .target(name: "CImageShims", dependencies: ["CJPEG", "CPNG"]),
    .target(name: "Imaging", dependencies: ["CImageShims"]),
    .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
]

// MARK: - Store and reports

targets += [
    .target(
        name: "Store",
        dependencies: [
            "Rubric", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "Rubric", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(
        name: "Reports", dependencies: ["Rubric", "Store", "Imaging", .product(name: "CSV", package: "CSV.swift")]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Store", "Rubric", "Imaging", "EaselTestSupport"]),
    .target(name: "ClassImport", dependencies: ["Store", "Imaging"]),
    .testTarget(name: "ClassImportTests", dependencies: ["ClassImport", "Store", "Imaging", "EaselTestSupport"]),
    .testTarget(
        name: "EaselCLITests",
        dependencies: [
            "ClassImport", "Store", "EaselTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "CSV", package: "CSV.swift"), "Imaging", "Workstation", "GGUF",
        ]),
]

// MARK: - Inference engine (Tensor, GGUF, Tokenizer, QwenVL)

targets += [
    .target(name: "CKernels"),
    .target(name: "Tensor", dependencies: ["CKernels", "COpenBLAS"]),
    .target(name: "GGUF", dependencies: ["Tensor"]),
    .testTarget(name: "TensorTests", dependencies: ["Tensor", "GGUF"]),
    .testTarget(name: "GGUFTests", dependencies: ["GGUF", "Tensor"]),
    .target(name: "Tokenizer"),
    .testTarget(name: "TokenizerTests", dependencies: ["Tokenizer"]),
    .target(name: "QwenVL", dependencies: ["Tensor", "GGUF", "Tokenizer", "COpenBLAS"]),
    .testTarget(
        name: "QwenVLTests", dependencies: ["QwenVL", "GGUF", "Tensor", "Tokenizer"], exclude: ["Fixtures"]),
]

// MARK: - Quantization (`easel model quantize`: llama.cpp's Q8_0 and Q4_K_M)

targets += [
    .target(name: "Quantize", dependencies: ["GGUF", "Tensor"]),
    .testTarget(name: "QuantizeTests", dependencies: ["Quantize", "GGUF", "Tensor", "QwenVL"], exclude: ["Fixtures"]),
]

// MARK: - Grading

targets += [
    .target(name: "Grading", dependencies: ["Rubric", "Imaging", "COpenBLAS", "Store"]),
    .testTarget(name: "GradingTests", dependencies: ["Grading", "Rubric", "Imaging", "Store"]),
]

// MARK: - VLM scoring (the Qwen2-VL scorer; only the executable and tests link it into the rest)

targets += [
    .target(name: "VLMScoring", dependencies: ["Grading", "Rubric", "Imaging", "QwenVL", "Tokenizer"]),
    .testTarget(
        name: "VLMScoringTests", dependencies: ["VLMScoring", "Grading", "Rubric", "Imaging", "QwenVL", "Store"]),
]

// MARK: - Terminal (TerminalGraphics, TUI, Workstation)

targets += [
    .target(name: "CTermShims", dependencies: ["CNCursesW"]),
    .target(name: "TerminalGraphics", dependencies: ["Imaging", "CSixel"]),
    .target(name: "TUI", dependencies: ["CTermShims", "TerminalGraphics", "Rubric", "Settings", "TerminalSafety"]),
    .testTarget(name: "TerminalGraphicsTests", dependencies: ["TerminalGraphics", "Imaging"]),
    .testTarget(name: "TUITests", dependencies: ["TUI", "TerminalGraphics", "Rubric", "Settings"]),
    .target(
        name: "Workstation",
        dependencies: ["TUI", "TerminalGraphics", "Store", "Grading", "Imaging", "Rubric", "TerminalSafety"]),
    .testTarget(
        name: "WorkstationTests",
        dependencies: [
            "Workstation", "Store", "TUI", "TerminalGraphics", "Grading", "Rubric", "Imaging", "VLMScoring",
            "EaselTestSupport",
        ]),
]

// MARK: - Benchmarks and test support (`easel bench` runs EaselBench; tests share EaselTestSupport)

targets += [
    .target(name: "EaselTestSupport", dependencies: ["Imaging"]),
    .target(
        name: "EaselBench",
        dependencies: [
            "EaselTestSupport", "Imaging", "ClassImport", "Store", "Grading", "TUI", "TerminalGraphics", "Workstation",
            "GGUF", "Tensor", "QwenVL", "Quantize", "TerminalSafety", "COpenBLAS", "VLMScoring", "Tokenizer", "Rubric",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
]

// MARK: - Remote scoring (a model server speaking the OpenAI chat-completions API, e.g. vLLM)

targets += [
    .target(name: "RemoteScoring", dependencies: ["Grading", "Rubric", "Imaging", "QwenVL"]),
    .testTarget(
        name: "RemoteScoringTests",
        dependencies: [
            "RemoteScoring", "Grading", "Rubric", "Imaging", "QwenVL", "EaselTestSupport", "VLMScoring", "Store",
            "Tokenizer",
        ]),
]

// MARK: - Executable

let easelDependencies: [Target.Dependency] = [
    "Rubric",
    "Imaging",
    "Store",
    "Reports",
    "ClassImport",
    "Grading",
    "VLMScoring",
    "TerminalGraphics",
    "TUI",
    "Workstation",
    "Tensor",
    "GGUF",
    "Tokenizer",
    "QwenVL",
    "RemoteScoring",
    "EaselBench",
    "Settings",
    "TerminalSafety",
    "Quantize",
    .product(name: "ArgumentParser", package: "swift-argument-parser"),
]

targets += [
    .executableTarget(name: "easel", dependencies: easelDependencies)
]

let package = Package(
    name: "Easel",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "easel", targets: ["easel"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
