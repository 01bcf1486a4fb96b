/// `[vlm]`: the VLM scorer's files, remembered by `easel grade --scorer vlm --model … --mmproj …` so that later
/// grading and `easel review --scorer vlm` find them.
///
///     [vlm]
///     model = "/models/qwen2-vl-2b-q4_k_m.gguf"
///     mmproj = "/models/mmproj-qwen2-vl-2b-f16.gguf"
///     head = "/models/easel-score-head.gguf"
///     max_pixels = 200704
public struct VLMSettings: SettingsTable, Hashable {
    public static let name = "vlm"
    static let keys = ["model", "mmproj", "head", "max_pixels"]

    /// The text model GGUF.
    public var model: String?
    /// The vision projector GGUF.
    public var mmproj: String?
    /// The score head GGUF.
    public var head: String?
    /// The largest image in pixels before it is cut into patches.
    public var maxPixels: Int?

    /// Creates settings.
    public init(model: String? = nil, mmproj: String? = nil, head: String? = nil, maxPixels: Int? = nil) {
        self.model = model
        self.mmproj = mmproj
        self.head = head
        self.maxPixels = maxPixels
    }

    public init() { self.init(model: nil) }

    public init(entries: [String: TOMLEntry], file: String) throws {
        self.init()
        for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) {
            switch key {
            case "model": model = try entry.string(Self.name, key, file: file)
            case "mmproj": mmproj = try entry.string(Self.name, key, file: file)
            case "head": head = try entry.string(Self.name, key, file: file)
            case "max_pixels": maxPixels = try entry.integer(Self.name, key, file: file)
            default: throw TOMLEntry.unknown(Self.name, key, line: entry.line, file: file, known: Self.keys)
            }
        }
    }

    public var entries: [(key: String, value: TOMLValue?)] {
        [
            ("model", model.map(TOMLValue.string)), ("mmproj", mmproj.map(TOMLValue.string)),
            ("head", head.map(TOMLValue.string)), ("max_pixels", maxPixels.map(TOMLValue.integer)),
        ]
    }
}
