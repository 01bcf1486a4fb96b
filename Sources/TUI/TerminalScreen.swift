import CTermShims
import Foundation
import TerminalGraphics

/// The ncurses backend: draws ``ReviewFrame``s, writes pictures into their box after each update,
/// and reads keys. Only the thread that created it may use it (curses is not thread-safe).
///
/// Pictures follow the rules in `shared/reference/terminal_graphics.md`: curses draws the box as
/// invisible blanks and never scrolls; the picture is written after `doupdate` wrapped in
/// `ESC 7` / `CUP` / `ESC 8`; whenever the box moves, appears or disappears, or the picture is not
/// ready, the whole screen is repainted so that no stale pixels remain.
public final class TerminalScreen {
    private var theme: Theme
    private var previous: ScreenGrid?
    private var shownBox: Rect?
    private var shownImage: AnyHashable?
    /// The pictures of a multi-picture screen now on the terminal, with their boxes.
    private var shownPictures: [AnyHashable: Rect] = [:]
    private var invalidated = true
    private var running = false

    /// Starts curses on the terminal with `theme`.
    /// - Throws: ``TUIError/terminal(_:)`` when curses cannot start.
    public init(theme: Theme) throws {
        self.theme = theme
        guard ets_start() == 0 else { throw TUIError.terminal("initscr failed (is TERM set?)") }
        running = true
        ets_enable_mouse()
        applyTheme()
    }

    deinit { stop() }

    /// The terminal size in cells.
    public var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        ets_size(&rows, &columns)
        return (Int(rows), Int(columns))
    }

    /// The number of colours curses reports.
    public var colors: Int { Int(ets_colors()) }

    private func applyTheme() {
        guard theme.usesColor, ets_colors() > 0 else { return }
        let colors = Int(ets_colors())
        for (index, role) in StyleRole.allCases.enumerated() {
            let look = theme.look(role)
            _ = ets_init_pair(
                Int32(index + 1), Int32(look.foreground.cursesColor(colors: colors)),
                Int32(look.background.cursesColor(colors: colors)))
        }
    }

    private func pair(_ role: StyleRole) -> Int32 {
        guard theme.usesColor, ets_colors() > 0 else { return 0 }
        return Int32((StyleRole.allCases.firstIndex(of: role) ?? 0) + 1)
    }

    private func flags(_ style: Style) -> Int32 {
        let look = theme.look(style.role)
        var f: UInt32 = 0
        if style.bold || look.bold { f |= ETS_ATTR_BOLD.rawValue }
        if style.underline || look.underline { f |= ETS_ATTR_UNDERLINE.rawValue }
        if style.reverse != look.reverse { f |= ETS_ATTR_REVERSE.rawValue }
        if style.role == .image { f = ETS_ATTR_INVISIBLE.rawValue }
        return Int32(f)
    }

    /// Makes the next ``present(_:image:)`` repaint every cell and redraw the picture.
    public func invalidate() {
        invalidated = true
    }

    /// Draws `frame`, then the picture when it is ready. `image` carries an identity (which
    /// artwork at which size) and the rendered picture; pass nil while it is being prepared.
    public func present(_ frame: ReviewFrame, image: (id: AnyHashable, picture: TerminalImage)?) {
        let grid = frame.grid
        let wantedImage: AnyHashable? = frame.imageBox == nil ? nil : image?.id
        var repaint = invalidated || previous?.rows != grid.rows || previous?.columns != grid.columns
        if frame.imageBox != shownBox { repaint = true }
        if shownImage != nil && wantedImage != shownImage && image == nil { repaint = true }
        if !shownPictures.isEmpty { repaint = true }
        shownPictures = [:]
        if repaint {
            ets_erase()
            ets_invalidate()
            previous = nil
        }
        putCells(grid)
        let writesImage =
            frame.imageBox != nil && image != nil && (repaint || image?.id != shownImage)
        // Synchronized output (mode 2026): terminals that know it show the repaint and the picture at once;
        // others ignore the unknown mode.
        if repaint || writesImage { writeRaw(Array("\u{1B}[?2026h".utf8)) }
        ets_update()
        previous = grid
        shownBox = frame.imageBox
        invalidated = false
        if repaint { shownImage = nil }
        if let box = frame.imageBox, let image, image.id != shownImage, image.picture.cells.width == box.width,
            image.picture.cells.height == box.height
        {
            writeRaw(image.picture.placement(row: box.row, column: box.column))
            shownImage = image.id
        }
        if repaint || writesImage { writeRaw(Array("\u{1B}[?2026l".utf8)) }
    }

    /// Writes bytes straight to the terminal (after curses has flushed).
    func writeRaw(_ bytes: [UInt8]) {
        var offset = 0
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                offset += n
            }
        }
    }

    /// Reads one key, waiting at most `timeoutMilliseconds` (nil when none came).
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        var code: Int32 = 0
        switch ets_read_key(Int32(timeoutMilliseconds), &code) {
        case Int32(ETS_READ_CHAR.rawValue):
            guard code == 0x1B else { return Key(scalar: UInt32(bitPattern: code)) }
            // curses hands back ESC and the rest of a sequence its terminfo entry does not know (tmux sends
            // ESC [ 1 ~ for Home, which TERM=xterm-256color spells ESC O H): read the rest and decode it, so
            // that Home never arrives as Esc (closing an editor) followed by "[1~".
            var buffer = [CChar](repeating: 0, count: 32)
            let count = ets_read_sequence(&buffer, Int32(buffer.count))
            guard count > 0 else { return .escape }
            let sequence = String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return Key(escapeSequence: sequence)
        case Int32(ETS_READ_FUNCTION.rawValue):
            return Self.functionKey(code)
        default:
            return nil
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch UInt32(code) {
        case ETS_KEY_UP.rawValue: .up
        case ETS_KEY_DOWN.rawValue: .down
        case ETS_KEY_LEFT.rawValue: .left
        case ETS_KEY_RIGHT.rawValue: .right
        case ETS_KEY_HOME.rawValue: .home
        case ETS_KEY_END.rawValue: .end
        case ETS_KEY_NPAGE.rawValue: .pageDown
        case ETS_KEY_PPAGE.rawValue: .pageUp
        case ETS_KEY_BACKSPACE.rawValue: .backspace
        case ETS_KEY_DC.rawValue: .delete
        case ETS_KEY_ENTER.rawValue: .enter
        case ETS_KEY_RESIZE.rawValue: .resize
        case ETS_KEY_MOUSE.rawValue: mouse()
        case ETS_KEY_F1.rawValue: .f1
        case ETS_KEY_BTAB.rawValue: .backTab
        default: nil
        }
    }

    static func mouse() -> Key? {
        var row: Int32 = 0
        var column: Int32 = 0
        var button: Int32 = 0
        guard ets_read_mouse(&row, &column, &button) == 0 else { return nil }
        let kind: MouseButton? =
            switch UInt32(button) {
            case ETS_MOUSE_LEFT.rawValue: .left
            case ETS_MOUSE_WHEEL_UP.rawValue: .wheelUp
            case ETS_MOUSE_WHEEL_DOWN.rawValue: .wheelDown
            default: nil
            }
        return kind.map { .mouse(row: Int(row), column: Int(column), button: $0) }
    }

    /// Leaves curses mode (for `$EDITOR`); ``resume()`` comes back.
    public func suspend() {
        ets_stop()
    }

    /// Writes the cells of `grid` that differ from the previous frame (all of them after a repaint) and places
    /// the cursor: the text half of both `present` methods.
    private func putCells(_ grid: ScreenGrid) {
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let cell = grid[row, column]
                if let previous, previous[row, column] == cell { continue }
                guard !cell.isContinuation else { continue }
                let scalars = cell.style.role == .image ? [" "] : Array(cell.text.unicodeScalars)
                let chars = scalars.map { wchar_t(bitPattern: $0.value) }
                _ = chars.withUnsafeBufferPointer {
                    ets_put(
                        Int32(row), Int32(column), $0.baseAddress, Int32($0.count), flags(cell.style),
                        pair(cell.style.role))
                }
            }
        }
        if let cursor = grid.cursor {
            ets_cursor(Int32(cursor.row), Int32(cursor.column), 1)
        } else {
            ets_cursor(Int32(max(0, grid.rows - 1)), 0, 0)
        }
    }

    /// Returns to curses mode after ``suspend()`` and schedules a full repaint.
    public func resume() {
        ets_resume()
        invalidate()
    }

    /// Draws `grid` with several pictures (the overview's thumbnails, compare's pair): each ready picture is
    /// written once into its box; the screen is repainted when a shown picture moves or goes, so no stale pixels
    /// remain, while pictures that become ready later are added without a repaint.
    public func present(_ grid: ScreenGrid, pictures: [PlacedPicture]) {
        let wanted = Dictionary(pictures.map { ($0.id, $0.box) }, uniquingKeysWith: { a, _ in a })
        var repaint = invalidated || previous?.rows != grid.rows || previous?.columns != grid.columns
        if shownBox != nil || shownImage != nil { repaint = true }
        if shownPictures.contains(where: { wanted[$0.key] != $0.value }) { repaint = true }
        if repaint {
            ets_erase()
            ets_invalidate()
            previous = nil
            shownPictures = [:]
        }
        putCells(grid)
        let fresh = pictures.filter { placed in
            guard let picture = placed.picture, shownPictures[placed.id] == nil else { return false }
            return picture.cells.width == placed.box.width && picture.cells.height == placed.box.height
        }
        if repaint || !fresh.isEmpty { writeRaw(Array("\u{1B}[?2026h".utf8)) }
        ets_update()
        previous = grid
        shownBox = nil
        shownImage = nil
        invalidated = false
        for placed in fresh {
            if let picture = placed.picture {
                writeRaw(picture.placement(row: placed.box.row, column: placed.box.column))
            }
            shownPictures[placed.id] = placed.box
        }
        if repaint || !fresh.isEmpty { writeRaw(Array("\u{1B}[?2026l".utf8)) }
    }

    /// Ends curses and restores the terminal; safe to call more than once.
    public func stop() {
        guard running else { return }
        running = false
        ets_stop()
    }
}
