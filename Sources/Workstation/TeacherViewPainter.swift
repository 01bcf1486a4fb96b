import Foundation
import Store
import TUI
import TerminalGraphics

/// Draws the overview and compare views with their thumbnails, and the rubric card and find prompt over the
/// review. Thumbnails come from their own ``PreviewCache``, rendered off the UI thread: once a class's thumbnails
/// are rendered, the contact sheet is only text and cached bytes to write.
final class TeacherViewPainter {
    /// Rendered thumbnails: enough for a class of 90 and the compare pair.
    let thumbnails = PreviewCache(capacity: 96)
    /// Whether the class's thumbnails were asked for while the teacher looked at the first artwork.
    private var prefetched = false

    /// Draws the session's teacher view on `screen`; false when the review itself is to be drawn.
    func draw(
        _ session: inout ReviewSession, on screen: TerminalScreen, cellSize: PixelSize,
        capabilities: TerminalCapabilities, background: RGB
    ) -> Bool {
        let (rows, columns) = screen.size
        let graphics = session.graphics != .none
        let frame: OverviewFrame
        var prefetch: [ArtworkResult] = []
        if let model = session.overviewModel(graphics: graphics) {
            session.setOverviewColumns(OverviewRenderer.grid(rows: rows, columns: columns).perRow)
            frame = OverviewRenderer.render(model, rows: rows, columns: columns)
            prefetch = session.results
        } else if let sides = session.compareSides {
            frame = CompareRenderer.render(
                left: sides.left, right: sides.right, className: session.classRecord.name, graphics: graphics,
                rows: rows, columns: columns)
        } else {
            prefetchThumbnails(session, cellSize: cellSize, capabilities: capabilities, background: background)
            return false
        }
        let byID = Dictionary(session.results.map { ($0.artwork.id, $0) }, uniquingKeysWith: { a, _ in a })
        let requests = frame.pictures.compactMap { placed -> (OverviewFrame.Picture, PreviewCache.Request)? in
            byID[placed.id].map {
                (
                    placed,
                    request(
                        for: $0, box: placed.box, session: session, cellSize: cellSize,
                        capabilities: capabilities, background: background)
                )
            }
        }
        // Off-screen tiles first: the cache renders the newest request first, so the visible ones come first.
        if let box = frame.pictures.first?.box {
            let shown = Set(frame.pictures.map(\.id))
            for result in prefetch where !shown.contains(result.artwork.id) {
                thumbnails.request(
                    request(
                        for: result, box: box, session: session, cellSize: cellSize, capabilities: capabilities,
                        background: background))
            }
        }
        for (_, request) in requests.reversed() { thumbnails.request(request) }
        let placed = requests.map { placed, request -> PlacedPicture in
            if case .ready(let image) = thumbnails.entry(for: request) {
                return PlacedPicture(id: AnyHashable(request), box: placed.box, picture: image)
            }
            return PlacedPicture(id: AnyHashable(request), box: placed.box, picture: nil)
        }
        screen.present(frame.grid, pictures: placed)
        return true
    }

    /// Asks once, in the background, for every thumbnail of the class, so that the first `o` finds them ready
    /// (a sheet of 30 draws in milliseconds from the cache, while rendering them takes seconds on 2 cores).
    func prefetchThumbnails(
        _ session: ReviewSession, cellSize: PixelSize, capabilities: TerminalCapabilities, background: RGB
    ) {
        guard !prefetched, session.graphics != .none else { return }
        prefetched = true
        let box = Rect(row: 0, column: 0, width: OverviewRenderer.tileWidth - 2, height: OverviewRenderer.thumbnailRows)
        for result in session.results.reversed() {
            thumbnails.request(
                request(
                    for: result, box: box, session: session, cellSize: cellSize, capabilities: capabilities,
                    background: background))
        }
    }

    /// True while thumbnails are being rendered (the loop then polls for them).
    var isBusy: Bool { thumbnails.isBusy }

    /// Puts the rubric card or the find prompt over a rendered review frame.
    static func decorate(_ frame: inout ReviewFrame, session: ReviewSession) {
        if case .rubric = session.view {
            RubricCard.draw(into: &frame.grid)
            frame.imageBox = nil
        }
        if let prompt = session.findPrompt {
            let row = frame.grid.rows - 2
            frame.grid.putPadded(prompt.text, row: row, column: 0, width: frame.grid.columns, style: Style(.accent))
            frame.grid.cursor = (row, min(frame.grid.columns - 1, prompt.cursor))
        }
    }

    func request(
        for result: ArtworkResult, box: Rect, session: ReviewSession, cellSize: PixelSize,
        capabilities: TerminalCapabilities, background: RGB
    ) -> PreviewCache.Request {
        PreviewCache.Request(
            artworkID: result.artwork.id, path: result.artwork.filePath, mode: session.graphics,
            cells: PixelSize(width: box.width, height: box.height), cellSize: cellSize,
            maxSixelSize: capabilities.maxSixelSize, background: background)
    }
}
