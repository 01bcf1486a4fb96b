import Foundation
import Store
import TUI
import TerminalGraphics

/// The full-screen review: the loop that reads keys, updates the ``ReviewSession``, takes grading
/// results as they come, and draws text and pictures. Runs on the calling thread until the teacher quits.
public final class ReviewApp {
    private var session: ReviewSession
    private let worker: GradingWorker?
    private let theme: Theme
    private let capabilities: TerminalCapabilities
    private let cache = PreviewCache()
    private var tracker = GradingTracker()
    private var cellSize: PixelSize
    private var lastFrame: ReviewFrame?
    /// Picks up changes made elsewhere (another window, `easel grade`) on the idle tick.
    private let watcher: ChangeWatcher?
    private let teacherViews = TeacherViewPainter()

    /// Creates the app. `capabilities` come from ``TerminalProbe`` (before curses starts).
    public init(session: ReviewSession, worker: GradingWorker?, theme: Theme, capabilities: TerminalCapabilities) {
        self.session = session
        self.worker = worker
        self.theme = theme
        self.capabilities = capabilities
        cellSize = capabilities.cellSize ?? TerminalCapabilities.fallbackCellSize
        if worker == nil { tracker.running = false }
        watcher = try? ChangeWatcher(store: session.store)
    }

    /// Runs until `q`. Every change the screen confirmed is already in the database.
    /// - Throws: ``TUIError/terminal(_:)`` when curses cannot start.
    public func run() throws {
        let screen = try TerminalScreen(theme: theme)
        defer {
            worker?.stop()
            screen.stop()
        }
        worker?.start()
        var quit = false
        var instantEmptyReads = 0
        while !quit {
            absorbGradingEvents()
            draw(on: screen)
            let busy = cache.isBusy || tracker.running || teacherViews.isBusy
            let waited = ContinuousClock.now
            guard let key = screen.readKey(timeoutMilliseconds: busy ? 40 : 500) else {
                if let watcher, session.refreshIfChanged(watcher) { screen.invalidate() }
                // A terminal that hung up (closed window, dropped SSH) answers at once with nothing:
                // stop instead of spinning; every confirmed change is already stored.
                instantEmptyReads = ContinuousClock.now - waited < .milliseconds(5) ? instantEmptyReads + 1 : 0
                if instantEmptyReads > 200 { quit = true }
                continue
            }
            instantEmptyReads = 0
            let effect: SessionEffect
            if case .mouse(let row, let column, let button) = key {
                effect = session.click(lastFrame?.target(row: row, column: column), button: button)
            } else {
                effect = session.handle(key)
            }
            switch effect {
            case .none: break
            case .redraw:
                if key == .resize, let cell = TerminalProbe.windowCellSize(fd: STDOUT_FILENO) { cellSize = cell }
                screen.invalidate()
            case .quit: quit = true
            case .regrade(let id):
                if let worker {
                    worker.regrade(id)
                    tracker.running = true
                } else {
                    session.message = StatusMessage(
                        "no scorer is running; start easel review with --scorer builtin or vlm", isError: true)
                }
            case .externalEdit(let text):
                screen.suspend()
                let result = Result { try ExternalEditor.edit(text) }
                screen.resume()
                switch result {
                case .success(let edited) where edited != text: session.saveCritique(edited)
                case .success: session.message = StatusMessage("critique unchanged")
                case .failure(let error): session.message = StatusMessage("\(error)", isError: true)
                }
            }
            // Show the key's effect before looking at grading results again.
            if !quit { draw(on: screen) }
        }
    }

    private func absorbGradingEvents() {
        guard let worker else { return }
        var changed = false
        for event in worker.drain() where tracker.apply(event, session: &session) { changed = true }
        if changed { try? session.reload() }
        let done = session.results.filter { $0.latestAssessment != nil }.count
        session.grading = tracker.progress(done: done, total: session.results.count)
    }

    private func draw(on screen: TerminalScreen) {
        let (rows, columns) = screen.size
        if teacherViews.draw(
            &session, on: screen, cellSize: cellSize, capabilities: capabilities, background: theme.imageBackground)
        {
            lastFrame = nil
            return
        }
        session.fit(ReviewLayout(rows: rows, columns: columns))
        var frame = ReviewRenderer.render(session.screenModel, rows: rows, columns: columns)
        var picture: (id: AnyHashable, picture: TerminalImage)?
        if let box = frame.imageBox, let current = session.current {
            let request = self.request(for: current, box: box)
            for neighbour in session.neighbours { cache.request(self.request(for: neighbour, box: box)) }
            cache.request(request)
            switch cache.entry(for: request) {
            case .ready(let image): picture = (AnyHashable(request), image)
            case .failed(let message):
                session.pictureNote = message
                frame = ReviewRenderer.render(session.screenModel, rows: rows, columns: columns)
            case nil: break
            }
        }
        TeacherViewPainter.decorate(&frame, session: session)
        screen.present(frame, image: picture)
        lastFrame = frame
    }

    private func request(for result: ArtworkResult, box: Rect) -> PreviewCache.Request {
        PreviewCache.Request(
            artworkID: result.artwork.id, path: result.artwork.filePath, mode: session.graphics,
            cells: PixelSize(width: box.width, height: box.height), cellSize: cellSize,
            maxSixelSize: capabilities.maxSixelSize, background: theme.imageBackground, sha256: result.artwork.sha256)
    }
}
