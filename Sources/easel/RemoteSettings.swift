import ArgumentParser
import Foundation
import Grading
import QwenVL
import RemoteScoring

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
    static let section = "remote"
    static let defaultKeyVariable = "EASEL_API_KEY"

    /// The scorer; `model` and `maxPixels` are the shared `--model`/`--max-pixels` options. Saves what was given.
    static func scorer(_ options: RemoteOptions, model: String?, maxPixels: Int?, remember: Bool = true) throws
        -> RemoteScorer
    {
        var config = try EaselConfig.load(section: section)
        if remember {
            config["endpoint"] = options.endpoint ?? config["endpoint"]
            config["model"] = model ?? config["model"]
            config["concurrency"] = options.concurrency.map(String.init) ?? config["concurrency"]
            config["format"] = options.format ?? config["format"]
            config["api_key_env"] = options.apiKeyEnv ?? config["api_key_env"]
            config["api_key_file"] =
                options.apiKeyFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? config["api_key_file"]
            config["timeout"] = options.timeout.map { String($0) } ?? config["timeout"]
            config["max_pixels"] = maxPixels.map(String.init) ?? config["max_pixels"]
            if options.allowHTTP { config["allow_http"] = "true" }
        }
        guard let endpointText = config["endpoint"], let modelName = config["model"] else {
            throw GradingError.scorerUnavailable(
                "--scorer remote needs --endpoint URL and --model NAME (none remembered in \(config.path))")
        }
        let endpoint = try RemoteEndpoint(endpointText, allowHTTP: config["allow_http"] == "true")
        let format = try ReplyFormat(rawValue: config["format"] ?? "json").orThrow(
            ValidationError("--format must be json or template"))
        let concurrency = try Int(config["concurrency"] ?? "4").flatMap { (1...64).contains($0) ? $0 : nil }.orThrow(
            ValidationError("--concurrency must be 1…64"))
        let timeout = try Double(config["timeout"] ?? "120").flatMap { $0 > 0 ? $0 : nil }.orThrow(
            ValidationError("--timeout must be a positive number of seconds"))
        let pixels = Int(config["max_pixels"] ?? "") ?? ImagePreprocessor.defaultMaxPixels
        let key = try apiKey(config)
        let client = RemoteClient(endpoint: endpoint, apiKey: key, concurrency: concurrency, timeout: timeout)
        let scorer = RemoteScorer(
            client: client, model: modelName, format: format, concurrency: concurrency, maxPixels: pixels,
            critiqueLimit: Int(config["critique_chars"] ?? "").flatMap { $0 >= 20 ? $0 : nil }
                ?? RemoteScorer.defaultCritiqueLimit)
        if remember { try config.save() }
        return scorer
    }

    /// The key from the file named in the settings, else the environment variable; nil when neither is set.
    static func apiKey(_ config: EaselConfig) throws -> APIKey? {
        if let file = config["api_key_file"] { return try APIKey.file(file) }
        let name = config["api_key_env"] ?? defaultKeyVariable
        return try APIKey.environment(name, in: ProcessInfo.processInfo.environment)
    }

    /// Asks the teacher, the first time for each endpoint host, to agree to what is sent; `--yes` agrees. Without
    /// a terminal and without `--yes` it stops with the one-line statement and how to agree.
    static func approve(_ scorer: RemoteScorer, agree: Bool, interactive: Bool = isatty(STDIN_FILENO) == 1) throws {
        var config = try EaselConfig.load(section: section)
        let host = scorer.client.endpoint.host
        var approved = (config["approved"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if approved.contains(host) { return }
        var yes = agree
        if !yes && interactive {
            FileHandle.standardError.write(Data("\(scorer.disclosure). Send? [y/N] ".utf8))
            yes = ["y", "yes"].contains(readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
        }
        guard yes else {
            throw RemoteError.notApproved(
                "\(scorer.disclosure); nothing was sent. Agree with --yes (asked once per endpoint)")
        }
        approved.append(host)
        config["approved"] = approved.joined(separator: ",")
        try config.save()
        print("approved sending artworks to \(host) (remembered in \(config.path))")
    }
}

extension Optional {
    /// The value, or the error when there is none.
    fileprivate func orThrow(_ error: some Error) throws -> Wrapped {
        guard let value = self else { throw error }
        return value
    }
}
