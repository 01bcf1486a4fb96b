import Foundation
import TerminalSafety

/// Ctrl-C (SIGINT) and SIGTERM as a callback instead of the default exit, so a run can stop sending and keep what
/// finished. A second Ctrl-C exits at once.
final class Interrupt: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0

    func onSignal(_ action: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { [self] in
                count += 1
                if count > 1 { exit(130) }
                Console.error("")
                Console.error("stopping: waiting for nothing more; finished work is kept")
                action()
            }
            source.resume()
            sources.append(source)
        }
    }

    func restore() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
