import ArgumentParser
import Foundation
import Grading
import Store

/// The built-in scorer with the newest calibration in the store for the class (its own first, then one
/// pooled over classes), or the default map.
enum BuiltinScorerLoader {
    static func load(_ store: Store, classID: Int64? = nil) throws -> BuiltinScorer {
        let own = try classID.flatMap {
            try store.latestCalibration(scorerID: BuiltinScorer.calibrationKey(classID: $0))
        }
        guard let record = try own ?? store.latestCalibration(scorerID: BuiltinScorer.identifier) else {
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
