import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Asks the terminal what it can draw, before curses takes it over.
///
/// The probe opens `/dev/tty`, puts it in raw mode, writes ``ProbeReplies/query`` in one write,
/// and reads until the DA1 reply arrives or the timeout passes; the terminal's own settings are
/// restored afterwards. The cell size comes from `TIOCGWINSZ` when the kernel knows it.
public enum TerminalProbe {
    /// Probes the controlling terminal; `timeout` is in seconds.
    /// - Throws: ``TerminalGraphicsError/terminal(_:)`` when there is no terminal to ask.
    public static func probe(
        timeout: Double = 0.4, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> TerminalCapabilities {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw TerminalGraphicsError.terminal("cannot open /dev/tty") }
        defer { close(fd) }
        return try probe(fd: fd, timeout: timeout, environment: environment)
    }

    /// Probes the terminal on `fd` (raw mode for the exchange, settings restored afterwards).
    /// - Throws: ``TerminalGraphicsError/terminal(_:)`` when `fd` is not a terminal.
    public static func probe(fd: Int32, timeout: Double, environment: [String: String]) throws -> TerminalCapabilities {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw TerminalGraphicsError.terminal("/dev/tty is not a terminal") }
        var raw = saved
        cfmakeraw(&raw)
        tcsetattr(fd, TCSANOW, &raw)
        defer { tcsetattr(fd, TCSAFLUSH, &saved) }

        let replies = exchange(fd: fd, timeout: timeout)
        var capabilities = TerminalCapabilities(
            sixel: replies.sixel, maxSixelSize: replies.maxSixelSize, colorRegisters: replies.colorRegisters,
            cellSize: replies.cellSize, trueColor: TerminalCapabilities.announcesTrueColor(environment),
            deviceAttributes: replies.deviceAttributes ?? [])
        if let cell = windowCellSize(fd: fd) { capabilities.cellSize = cell }
        return capabilities
    }

    /// The cell size in pixels from `TIOCGWINSZ` on `fd`, when the kernel reports pixel sizes.
    public static func windowCellSize(fd: Int32) -> PixelSize? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0,
            size.ws_xpixel > 0, size.ws_ypixel > 0
        else { return nil }
        let cell = PixelSize(
            width: Int(size.ws_xpixel) / Int(size.ws_col), height: Int(size.ws_ypixel) / Int(size.ws_row))
        return cell.isEmpty ? nil : cell
    }

    private static func exchange(fd: Int32, timeout: Double) -> ProbeReplies {
        let query = ProbeReplies.query
        let written = query.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == query.count else { return ProbeReplies() }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        let deadline = Date().addingTimeInterval(timeout)
        var replies = ProbeReplies()
        while !replies.isComplete {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { break }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(left * 1000) + 1) > 0 else { break }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            received += buffer[0..<n]
            replies = ProbeReplies(parsing: received)
        }
        return replies
    }
}
