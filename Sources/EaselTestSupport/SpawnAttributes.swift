import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls `body` with posix_spawn attributes that give the child an empty signal mask and default handlers.
///
/// The test runner's threads block signals, and a child inherits that mask: tmux and the panes it starts would
/// then never die on kill-server (SIGHUP) or SIGTERM, and Ctrl-C (SIGINT) would never reach a child under test.
func withDefaultSignals<T>(_ body: (inout posix_spawnattr_t) throws -> T) rethrows -> T {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    return try body(&attributes)
}
