import ArgumentParser
import EaselBench

/// `easel bench ...`: speed measurements, one subcommand per area (speed is measured here, never in tests).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast Easel's parts run on this machine (build with -c release for real numbers).",
        subcommands: [
            BenchImaging.self, BenchImport.self, BenchScoring.self, BenchEngine.self, BenchReview.self,
            BenchVision.self, BenchQuantize.self, BenchClass.self, BenchOverview.self, BenchDecode.self,
        ]
    )
}
