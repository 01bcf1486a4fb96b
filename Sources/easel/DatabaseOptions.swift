import ArgumentParser
import Store

/// The `--db PATH` option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The Easel database file (default: $EASEL_DB, else $XDG_DATA_HOME/easel/easel.sqlite, "
                + "else ~/.local/share/easel/easel.sqlite).",
            valueName: "path"))
    var path: String?

    /// The resolved database path.
    var resolvedPath: String { DatabaseLocation.resolve(option: path) }

    /// Opens (creating or migrating) the database.
    func open() throws -> Store { try Store(path: resolvedPath) }
}
