import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn and reaped with waitpid, its output going to files (no pipe to fill).
///
/// Foundation's `Process` never sees a child exit when the child leaves a grandchild running that inherited the
/// descriptor `Process` watches (measured: `vllm-server start` returns, but `waitUntilExit()` waits as long as the
/// server it started runs). The child gets an empty signal mask and default handlers, so Ctrl-C (``interrupt()``)
/// reaches it even though the test runner's threads block signals.
public final class ChildProcess: @unchecked Sendable {
    /// What a finished child left.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The child's process id.
    public let pid: pid_t
    private let stdoutFile: String
    private let stderrFile: String
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`; `environment` is added to this process's environment.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)").path
        stdoutFile = scratch + ".out"
        stderrFile = scratch + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        var argv = ([executable] + arguments).map { strdup($0) } + [nil]
        var envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = withDefaultSignals { posix_spawn(&pid, executable, &actions, &$0, &argv, &envp) }
        guard result == 0 else { throw ServerError("cannot start \(executable): error \(result)") }
        self.pid = pid
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = wait()
        }
        try? FileManager.default.removeItem(atPath: stdoutFile)
        try? FileManager.default.removeItem(atPath: stderrFile)
    }

    /// Runs to the end.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> Output
    {
        let child = try ChildProcess(executable, arguments, environment: environment)
        _ = child.wait()
        return child.output
    }

    /// Whether the child still runs (reaps it when it has ended).
    public var isRunning: Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { exitStatus = Self.decode(status) }
        return result == 0
    }

    /// Sends SIGINT, as Ctrl-C does.
    public func interrupt() { kill(pid, SIGINT) }

    /// Waits for the end; returns the exit status (128 + the signal's number when a signal ended it).
    @discardableResult
    public func wait() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let decoded = Self.decode(status)
        exitStatus = decoded
        return decoded
    }

    /// The exit status and what the child wrote so far.
    public var output: Output {
        Output(
            status: exitStatus ?? -1, stdout: (try? String(contentsOfFile: stdoutFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? "")
    }

    static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
