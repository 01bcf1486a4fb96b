import Foundation

/// A private tmux server (`-L`, no user config) for driving the real `easel` binary.
public struct Tmux {
    public init() {}

    public let socket = "easel-test-\(UUID().uuidString.prefix(8))"

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Runs tmux with posix_spawn and waitpid: Foundation's Process never sees the client exit, because the
    /// server that `new-session` forks inherits the descriptor Process watches.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let argv = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        // tmux and its panes get default signals, so kill-server (SIGHUP) and SIGTERM end them.
        guard withDefaultSignals({ posix_spawn(&pid, argv[0], &actions, &$0, &cArguments, environ) }) == 0 else {
            throw CocoaError(.executableLoad)
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// Starts `command` in a detached session of `columns`×`rows`.
    public func start(_ command: String, columns: Int = 100, rows: Int = 30, environment: [String: String] = [:]) throws
    {
        var arguments = ["new-session", "-d", "-s", "app", "-x", "\(columns)", "-y", "\(rows)"]
        for (key, value) in environment { arguments += ["-e", "\(key)=\(value)"] }
        try run(arguments + [command])
    }

    public func keys(_ keys: String...) throws { try run(["send-keys", "-t", "app"] + keys) }

    public func literal(_ text: String) throws { try run(["send-keys", "-t", "app", "-l", text]) }

    public func screen(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-t", "app", "-p"] + (escapes ? ["-e"] : []))
    }

    /// Waits until one capture of the screen contains every one of `texts`; returns that screen, or nil after
    /// `timeout` seconds. Asking for all the texts at once matters: a screen is drawn in pieces, and a CI run captured
    /// the compare view with its header but before its score table (checking the rest afterwards then failed).
    public func wait(for texts: String..., timeout: Double = 30) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let screen = try screen()
            if texts.allSatisfy({ screen.contains($0) }) { return screen }
            usleep(50_000)
        }
        return nil
    }

    /// Stops the server and removes its socket file (tmux leaves it behind).
    public func kill() {
        _ = try? run(["kill-server"])
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }
}
