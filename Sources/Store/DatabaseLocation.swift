import Foundation

/// Where the Easel database lives: `--db PATH`, else `EASEL_DB`, else
/// `$XDG_DATA_HOME/easel/easel.sqlite`, else `~/.local/share/easel/easel.sqlite`.
public enum DatabaseLocation {
    /// The database path for an optional `--db` value and an environment.
    public static func resolve(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnv = environment["EASEL_DB"], !fromEnv.isEmpty { return fromEnv }
        return defaultPath(environment: environment)
    }

    /// The default path, ignoring `--db` and `EASEL_DB`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("easel/easel.sqlite")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/easel/easel.sqlite")
    }
}
