import ArgumentParser
import Foundation
import Grading
import QwenVL
import RemoteScoring
import Settings
import TerminalSafety

/// The remote scorer's options on the command line, resolved against the config file's `[remote]` table (what is
/// given is remembered there; what is not comes from there):
///
///     [remote]
///     endpoint = "https://grader.school.org/v1"
///     model = "easel-qwen2-vl-7b"
///     concurrency = "4"
///     api_key_env = "EASEL_API_KEY"        # or: api_key_file = "/home/me/.config/easel/api-key" (mode 600)
///     approved = "grader.school.org"       # endpoints the teacher agreed to send artworks to
///
/// The API key itself is never written to the file or the database.
struct RemoteOptions: ParsableArguments {
    @Option(help: "remote: the server's OpenAI-compatible API base, e.g. https://grader.school.org/v1 (remembered).")
    var endpoint: String?

    @Option(help: "remote: requests in flight at once (default 4, remembered).")
    var concurrency: Int?

    @Option(help: "remote: json (structured output, default) or template (plain prompt) (remembered).")
    var format: String?

    @Option(help: "remote: the environment variable holding the API key (default EASEL_API_KEY, remembered).")
    var apiKeyEnv: String?

    @Option(help: "remote: a file (mode 600) holding the API key (remembered).")
    var apiKeyFile: String?

    @Option(help: "remote: seconds to wait for an answer before retrying (default 120, remembered).")
    var timeout: Double?

    @Flag(
        help:
            "remote: allow plain http to a host other than this machine (student work crosses the network unencrypted)."
    )
    var allowHTTP = false

    @Flag(name: .customLong("yes"), help: "remote: agree to send artworks to this endpoint without asking.")
    var agree = false

    /// Whether any remote-only option was given.
    var anyGiven: Bool {
        endpoint != nil || concurrency != nil || format != nil || apiKeyEnv != nil || apiKeyFile != nil
            || timeout != nil || allowHTTP || agree
    }
}

/// Builds the remote scorer from options and the `[remote]` table, and asks (once per endpoint) before anything
/// is sent.
enum RemoteSetup {
    static let defaultKeyVariable = "EASEL_API_KEY"

    /// The scorer; `model` and `maxPixels` are the shared `--model`/`--max-pixels` options. Saves what was given.
    static func scorer(_ options: RemoteOptions, model: String?, maxPixels: Int?, remember: Bool = true) throws
        -> RemoteScorer
    {
        var settings = try EaselSettings.load()
        var config = try settings.table(RemoteSettings.self)
        if remember {
            config.endpoint = options.endpoint ?? config.endpoint
            config.model = model ?? config.model
            config.concurrency = options.concurrency ?? config.concurrency
            config.format = options.format ?? config.format
            config.apiKeyEnv = options.apiKeyEnv ?? config.apiKeyEnv
            config.apiKeyFile =
                options.apiKeyFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? config.apiKeyFile
            config.timeout = options.timeout.map { Int($0.rounded(.up)) } ?? config.timeout
            config.maxPixels = maxPixels ?? config.maxPixels
            if options.allowHTTP { config.allowHTTP = true }
        }
        guard let endpointText = config.endpoint, let modelName = config.model else {
            throw GradingError.scorerUnavailable(
                "--scorer remote needs --endpoint URL and --model NAME (none remembered in \(settings.path))")
        }
        let endpoint = try RemoteEndpoint(endpointText, allowHTTP: config.allowHTTP == true)
        guard let format = ReplyFormat(rawValue: config.format ?? "json") else {
            throw ValidationError("--format must be json or template")
        }
        let concurrency = config.concurrency ?? 4
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1…64") }
        let timeout = Double(config.timeout ?? 120)
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        let key = try apiKey(config)
        let client = RemoteClient(endpoint: endpoint, apiKey: key, concurrency: concurrency, timeout: timeout)
        let scorer = RemoteScorer(
            client: client, model: modelName, format: format, concurrency: concurrency,
            maxPixels: config.maxPixels ?? ImagePreprocessor.defaultMaxPixels,
            critiqueLimit: config.critiqueChars.flatMap { $0 >= 20 ? $0 : nil } ?? RemoteScorer.defaultCritiqueLimit)
        if remember {
            settings.set(config)
            try settings.save()
        }
        return scorer
    }

    /// The key from the file named in the settings, else the environment variable; nil when neither is set.
    static func apiKey(_ config: RemoteSettings) throws -> APIKey? {
        if let file = config.apiKeyFile { return try APIKey.file(file) }
        let name = config.apiKeyEnv ?? defaultKeyVariable
        return try APIKey.environment(name, in: ProcessInfo.processInfo.environment)
    }

    /// Asks the teacher, the first time for each endpoint host, to agree to what is sent; `--yes` agrees. Without
    /// a terminal and without `--yes` it stops with the one-line statement and how to agree.
    static func approve(_ scorer: RemoteScorer, agree: Bool, interactive: Bool = isatty(STDIN_FILENO) == 1) throws {
        var settings = try EaselSettings.load()
        var config = try settings.table(RemoteSettings.self)
        let host = scorer.client.endpoint.host
        var approved = approvedHosts(config)
        if approved.contains(host) { return }
        var yes = agree
        if !yes && interactive {
            Console.errorInPlace("\(scorer.disclosure). Send? [y/N] ")
            yes = ["y", "yes"].contains(readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
        }
        guard yes else {
            throw RemoteError.notApproved(
                "\(scorer.disclosure); nothing was sent. Agree with --yes (asked once per endpoint)")
        }
        approved.append(host)
        config.approved = approved.joined(separator: ",")
        settings.set(config)
        try settings.save()
        Console.out("approved sending artworks to \(host) (remembered in \(settings.path))")
    }

    /// The endpoint hosts (`host:port`) the teacher agreed to send artworks to.
    static func approvedHosts(_ config: RemoteSettings) -> [String] {
        (config.approved ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Checks that the server answers and serves the model, then prints the scorer's version.
    static func check(_ scorer: RemoteScorer) async throws {
        try await scorer.checkServer()
        Console.out("remote scorer: \(scorer.version), \(scorer.concurrency) in flight")
    }

    /// The traffic line printed after grading.
    static func traffic(_ scorer: RemoteScorer, seconds: Double) -> String {
        let stats = scorer.client.statistics
        let rate = seconds > 0 ? Int(Double(stats.completionTokens) / seconds) : 0
        return "sent \(stats.requests) requests (\(stats.retries) retries): \(kilobytes(stats.bytesSent)) out, "
            + "\(kilobytes(stats.bytesReceived)) back; \(stats.promptTokens) prompt and \(stats.completionTokens) "
            + "completion tokens (server \(rate) tokens/s)"
    }

    static func kilobytes(_ bytes: Int) -> String {
        bytes >= 1_000_000
            ? String(format: "%.1f MB", Double(bytes) / 1e6) : String(format: "%.1f kB", Double(bytes) / 1e3)
    }
}
