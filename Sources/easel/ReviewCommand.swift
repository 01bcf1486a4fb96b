import ArgumentParser
import Foundation
import Grading
import Settings
import Store
import TUI
import TerminalGraphics
import Workstation

/// `easel review --class NAME`: the full-screen review workstation.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a class full-screen: the artwork beside its scores and critique; accept or correct them.",
        discussion: """
            Keys: j/k or arrows move, n next unreviewed, a accept (A: and go to the next unreviewed), e edit \
            scores, c edit critique (C in $EDITOR), u undo, r regrade, / filter, f find a student, o overview, \
            v compare, b rubric card, g/G first/last, ? help, q quit. Settings may also come from \
            $EASEL_CONFIG or $XDG_CONFIG_HOME/easel/config.toml, table [review]: theme, graphics, scorer, accept_moves_on.
            """)

    @Option(name: .customLong("class"), help: "The class name.")
    var className: String

    @Option(help: "How to draw artworks: auto, sixel, blocks or none (default: config file, else auto).")
    var graphics: String?

    @Option(help: "Colour theme: default, light, high-contrast, okabe-ito, or a path to a .toml file.")
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "Background scorer for ungraded artworks: builtin, vlm or remote (the model or server `easel grade "
                + "--scorer vlm|remote` remembered) or none (default: config file, else builtin)."))
    var scorer: String?

    @Flag(help: "Start in the class overview (thumbnails, totals and status; o or Esc goes to the review).")
    var overview = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let config = try EaselSettings.load().table(ReviewSettings.self)
        let preference = try GraphicsPreference(parsing: graphics ?? config.graphics ?? "auto")
        var chosenTheme = try ThemeLoader.load(
            name: theme ?? config.theme ?? "default", searching: ThemeLoader.searchFolders())
        if Theme.colorDisabled(by: environment) { chosenTheme = chosenTheme.withoutColor }
        let scorerName = scorer ?? config.scorer ?? "builtin"
        guard ReviewScorer.choices.contains(scorerName) else {
            throw ValidationError("unknown scorer '\(scorerName)'; use builtin, vlm, remote or none")
        }
        let loaded = try ReviewScorer.load(scorerName)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TUIError.terminal("stdin and stdout are not a terminal")
        }

        let store = try database.open()
        let record = try store.requireClass(className)
        let capabilities = Self.capabilities(for: preference, environment: environment)
        let worker = try ReviewScorer.worker(scorerName, store: store, classID: record.id, loaded: loaded)
        var session = try ReviewSession(
            store: store, classRecord: record, scorerName: worker?.scorerLabel ?? "none",
            graphics: preference.resolve(capabilities))
        session.acceptMovesOn = config.acceptMovesOn ?? false
        if overview { session.openOverview() }
        try ReviewApp(session: session, worker: worker, theme: chosenTheme, capabilities: capabilities).run()
    }

    /// Probes the terminal when the choice depends on it; otherwise reads only what the kernel knows.
    static func capabilities(for preference: GraphicsPreference, environment: [String: String]) -> TerminalCapabilities
    {
        let trueColor = TerminalCapabilities.announcesTrueColor(environment)
        switch preference {
        case .auto, .sixel:
            return (try? TerminalProbe.probe(environment: environment)) ?? TerminalCapabilities(trueColor: trueColor)
        case .blocks, .none:
            return TerminalCapabilities(cellSize: TerminalProbe.windowCellSize(fd: STDOUT_FILENO), trueColor: trueColor)
        }
    }
}
