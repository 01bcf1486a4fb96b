/// `[remote]`: the remote scorer's server, remembered by `easel grade --scorer remote --endpoint … --model …` so
/// that later grading and `easel review --scorer remote` find it. The API key itself is never written here: only
/// the name of the environment variable or the path of the (mode 600) file that holds it.
///
///     [remote]
///     endpoint = "https://grader.school.org/v1"
///     model = "easel-qwen2-vl-7b"
///     concurrency = 4
///     api_key_env = "EASEL_API_KEY"
///     approved = "grader.school.org"
public struct RemoteSettings: SettingsTable, Hashable {
    public static let name = "remote"
    static let keys = [
        "endpoint", "model", "concurrency", "format", "api_key_env", "api_key_file", "timeout", "max_pixels",
        "critique_chars", "allow_http", "approved",
    ]

    /// The OpenAI-compatible API base.
    public var endpoint: String?
    /// The served model's name.
    public var model: String?
    /// Requests in flight at once.
    public var concurrency: Int?
    /// `json` or `template`.
    public var format: String?
    /// The environment variable holding the API key.
    public var apiKeyEnv: String?
    /// The file holding the API key.
    public var apiKeyFile: String?
    /// Seconds to wait for an answer.
    public var timeout: Int?
    /// The image pixel budget.
    public var maxPixels: Int?
    /// Most characters of a critique.
    public var critiqueChars: Int?
    /// Plain http to a host other than this machine.
    public var allowHTTP: Bool?
    /// Endpoint hosts the teacher agreed to send artworks to, comma-separated.
    public var approved: String?

    public init() {}

    public init(entries: [String: TOMLEntry], file: String) throws {
        self.init()
        for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) {
            switch key {
            case "endpoint": endpoint = try entry.string(Self.name, key, file: file)
            case "model": model = try entry.string(Self.name, key, file: file)
            case "concurrency": concurrency = try entry.integer(Self.name, key, file: file)
            case "format": format = try entry.string(Self.name, key, file: file)
            case "api_key_env": apiKeyEnv = try entry.string(Self.name, key, file: file)
            case "api_key_file": apiKeyFile = try entry.string(Self.name, key, file: file)
            case "timeout": timeout = try entry.integer(Self.name, key, file: file)
            case "max_pixels": maxPixels = try entry.integer(Self.name, key, file: file)
            case "critique_chars": critiqueChars = try entry.integer(Self.name, key, file: file)
            case "allow_http": allowHTTP = try entry.boolean(Self.name, key, file: file)
            case "approved": approved = try entry.string(Self.name, key, file: file)
            default: throw TOMLEntry.unknown(Self.name, key, line: entry.line, file: file, known: Self.keys)
            }
        }
    }

    public var entries: [(key: String, value: TOMLValue?)] {
        [
            ("endpoint", endpoint.map(TOMLValue.string)), ("model", model.map(TOMLValue.string)),
            ("concurrency", concurrency.map(TOMLValue.integer)), ("format", format.map(TOMLValue.string)),
            ("api_key_env", apiKeyEnv.map(TOMLValue.string)), ("api_key_file", apiKeyFile.map(TOMLValue.string)),
            ("timeout", timeout.map(TOMLValue.integer)), ("max_pixels", maxPixels.map(TOMLValue.integer)),
            ("critique_chars", critiqueChars.map(TOMLValue.integer)), ("allow_http", allowHTTP.map(TOMLValue.boolean)),
            ("approved", approved.map(TOMLValue.string)),
        ]
    }
}
