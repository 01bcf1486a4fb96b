import Foundation

/// Runs the built `easel` executable as a child process.
enum EaselBinary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The `easel` built with the tests: beside the test bundle, else in `.build/debug`.
    static var path: String? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates: [String] = []
        var folder = beside.deletingLastPathComponent()
        for _ in 0..<3 {
            candidates.append(folder.appendingPathComponent("easel").path)
            folder.deleteLastPathComponent()
        }
        candidates.append((repositoryRoot as NSString).appendingPathComponent(".build/debug/easel"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs easel with `arguments` to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = try start(arguments, environment: environment)
        let out = process.stdout.fileHandleForReading.readDataToEndOfFile()
        let err = process.stderr.fileHandleForReading.readDataToEndOfFile()
        process.process.waitUntilExit()
        return Output(
            status: process.process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    struct Running {
        var process: Process
        var stdout: Pipe
        var stderr: Pipe
    }

    /// Starts easel with `arguments`, stdout and stderr piped.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        guard let path else { throw CLIError("the easel executable is not built; run swift build first") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdout: stdout, stderr: stderr)
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
