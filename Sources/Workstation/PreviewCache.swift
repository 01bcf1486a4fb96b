import Dispatch
import Foundation
import Imaging
import Store
import Synchronization
import TerminalGraphics

/// Pictures ready to write, rendered on a background queue and kept for the most recent artworks.
///
/// The loop asks for the current artwork and its neighbours on every pass; work runs newest request
/// first, so the artwork on screen is always rendered before the prefetches, and moving on to a
/// prefetched neighbour costs only the write.
public final class PreviewCache: Sendable {
    /// What to render: which file, how, and for which box.
    public struct Request: Sendable, Hashable {
        /// The artwork.
        public var artworkID: Int64
        /// Its file.
        public var path: String
        /// How to draw it.
        public var mode: GraphicsMode
        /// The box in cells.
        public var cells: PixelSize
        /// One cell in pixels.
        public var cellSize: PixelSize
        /// The terminal's largest sixel image.
        public var maxSixelSize: PixelSize?
        /// The padding colour.
        public var background: RGB
        /// The SHA-256 the file had at import: a file whose content changed is not shown (it is not the picture
        /// the scores are about). `nil` shows the file unchecked.
        public var sha256: String?

        /// Creates a request.
        public init(
            artworkID: Int64, path: String, mode: GraphicsMode, cells: PixelSize, cellSize: PixelSize,
            maxSixelSize: PixelSize?, background: RGB, sha256: String? = nil
        ) {
            self.sha256 = sha256
            self.artworkID = artworkID
            self.path = path
            self.mode = mode
            self.cells = cells
            self.cellSize = cellSize
            self.maxSixelSize = maxSixelSize
            self.background = background
        }
    }

    /// A finished rendering.
    public enum Entry: Sendable {
        /// The picture.
        case ready(TerminalImage)
        /// Why there is none (unreadable or undecodable file).
        case failed(String)
    }

    struct State {
        var entries: [Request: Entry] = [:]
        var order: [Request] = []
        var pending: [Request] = []
        var working = false
        var inFlight: Request?
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "easel.preview", qos: .userInitiated)
    private let capacity: Int

    /// Creates a cache keeping up to `capacity` pictures.
    public init(capacity: Int = 12) {
        self.capacity = capacity
    }

    /// The finished rendering for `request`, or nil while it is not ready.
    public func entry(for request: Request) -> Entry? {
        state.withLock { $0.entries[request] }
    }

    /// Asks for `request` to be rendered unless it is ready or queued; the newest request runs first.
    public func request(_ request: Request) {
        let start: Bool = state.withLock { s in
            if s.entries[request] != nil || s.inFlight == request { return false }
            s.pending.removeAll { $0 == request }
            s.pending.append(request)
            if s.working { return false }
            s.working = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    /// True while renderings are queued or running.
    public var isBusy: Bool { state.withLock { $0.working } }

    private func drain() {
        while true {
            let next: Request? = state.withLock { s in
                guard let r = s.pending.popLast() else {
                    s.working = false
                    s.inFlight = nil
                    return nil
                }
                s.inFlight = r
                return r
            }
            guard let next else { return }
            let entry = Self.render(next)
            state.withLock { s in
                s.entries[next] = entry
                s.order.append(next)
                while s.order.count > capacity { s.entries[s.order.removeFirst()] = nil }
            }
        }
    }

    /// Reads, preview-decodes (DCT-scaled for JPEG) and renders one picture.
    public static func render(_ r: Request) -> Entry {
        let canvas = TerminalImage.canvasSize(
            mode: r.mode, cells: r.cells, cellSize: r.cellSize, maxSixelSize: r.maxSixelSize)
        do {
            let image: RGBImage
            if let sha256 = r.sha256 {
                let data = try Data(contentsOf: URL(fileURLWithPath: r.path))
                guard ArtworkFile.sha256Hex(data) == sha256 else {
                    return .failed(
                        "the file changed since it was imported, so it is not shown beside these scores; "
                            + "import the folder again to replace the picture")
                }
                image = try ImageDecoder.decodePreview(data, maxWidth: canvas.width, maxHeight: canvas.height)
            } else {
                image = try ImageDecoder.decodePreview(
                    contentsOf: URL(fileURLWithPath: r.path), maxWidth: canvas.width, maxHeight: canvas.height)
            }
            return .ready(
                try TerminalImage.render(
                    image, mode: r.mode, cells: r.cells, cellSize: r.cellSize, maxSixelSize: r.maxSixelSize,
                    background: r.background))
        } catch {
            return .failed("\(error)")
        }
    }
}
