import ArgumentParser
import Foundation
import Grading
import Store

/// The built-in scorer with the newest calibration in the store, or the default map.
enum BuiltinScorerLoader {
    static func load(_ store: Store) throws -> BuiltinScorer {
        guard let record = try store.latestCalibration(scorerID: BuiltinScorer.identifier) else {
            return BuiltinScorer()
        }
        do {
            let map = try JSONDecoder().decode(LinearMap.self, from: Data(record.coefficients.utf8))
            return BuiltinScorer(map: map, mapLabel: "cal\(record.version)")
        } catch {
            throw CommandFailure(
                "built-in calibration version \(record.version) cannot be read (\(error)); run `easel calibrate` again")
        }
    }
}
