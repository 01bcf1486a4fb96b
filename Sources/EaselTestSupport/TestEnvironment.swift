import Foundation

/// Where the tests find what lives outside the package (the `../shared` data beside the checkout, tmux, the built
/// `easel`), as conditions for `.enabled(if:)` so that a test without them shows as skipped, not passed.
public enum TestEnvironment {
    /// The package root (the folder holding Package.swift).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/<relative>` beside the checkout (a symlink to the team's shared data on the development machine).
    public static func shared(_ relative: String) -> URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
    }

    /// Whether `../shared/<relative>` exists.
    public static func hasShared(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: shared(relative).path)
    }

    /// The real photos and drawings in `../shared/data/images`.
    public static var sharedImages: URL { shared("data/images") }

    /// Whether `../shared/data/images` is present.
    public static var hasSharedImages: Bool { hasShared("data/images") }

    /// Whether /usr/bin/tmux is installed.
    public static var hasTmux: Bool { Tmux.available }

    /// The `easel` built with the tests: beside the test bundle, else under `.build/<triple>/debug` or
    /// `.build/debug`; nil when it is not built.
    public static var easelBinary: URL? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates: [URL] = []
        var folder = beside.deletingLastPathComponent()
        for _ in 0..<3 {
            candidates.append(folder.appendingPathComponent("easel"))
            folder.deleteLastPathComponent()
        }
        let build = repositoryRoot.appendingPathComponent(".build")
        candidates.append(build.appendingPathComponent("debug/easel"))
        candidates += ((try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? []).sorted().map {
            build.appendingPathComponent("\($0)/debug/easel")
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Whether tmux and a built `easel` are both there (the terminal end-to-end tests need both).
    public static var canDriveReview: Bool { hasTmux && easelBinary != nil }
}
