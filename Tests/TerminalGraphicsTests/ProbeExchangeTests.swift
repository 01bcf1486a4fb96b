import Foundation
import Testing

@testable import TerminalGraphics

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProbeExchangeTests {
    /// Runs the probe on the slave side of a pseudo-terminal while `answer` plays the terminal on the master side.
    static func probe(answer: @escaping @Sendable (Int32, [UInt8]) -> Void, timeout: Double = 0.5) throws
        -> TerminalCapabilities
    {
        var master: Int32 = 0
        var slave: Int32 = 0
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw TerminalGraphicsError.terminal("openpty") }
        defer {
            close(master)
            close(slave)
        }
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 1104, ws_ypixel: 664)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        let terminal = Thread { [master] in
            var query = [UInt8](repeating: 0, count: 256)
            var received: [UInt8] = []
            while received.count < ProbeReplies.query.count {
                let n = read(master, &query, query.count)
                if n <= 0 { return }
                received += query[0..<n]
            }
            answer(master, received)
        }
        terminal.start()
        return try TerminalProbe.probe(fd: slave, timeout: timeout, environment: ["COLORTERM": "truecolor"])
    }

    @Test("the probe sends the queries in one write, DA1 last, and reads an xterm -ti vt340 reply")
    func xterm() throws {
        let capabilities = try Self.probe { master, query in
            guard query == ProbeReplies.query else { return }
            let reply = Array("\u{1B}[?1;0;1024S\u{1B}[?2;0;1000;1000S\u{1B}[?63;1;2;4;6;9;15;16;22;28c".utf8)
            _ = reply.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }
        #expect(capabilities.sixel)
        #expect(capabilities.maxSixelSize == PixelSize(width: 1000, height: 1000))
        #expect(capabilities.cellSize == PixelSize(width: 11, height: 22), "TIOCGWINSZ: 1104/100 × 664/30")
        #expect(capabilities.trueColor)
    }

    @Test("a terminal that never answers costs only the timeout and means no sixel")
    func silent() throws {
        let start = Date()
        let capabilities = try Self.probe(answer: { _, _ in }, timeout: 0.3)
        #expect(!capabilities.sixel)
        #expect(Date().timeIntervalSince(start) < 2)
    }
}
