/// Errors of the Tensor module: shapes and buffers that do not fit the requested operation.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    /// A row length that is not a whole number of blocks of the type.
    case rowNotWholeBlocks(type: GGMLType, columns: Int)
    /// A matrix whose shape is empty, negative, or too large to address.
    case badShape(rows: Int, columns: Int)
    /// A buffer whose size does not match the shape and type.
    case sizeMismatch(expected: Int, actual: Int)
    /// A type Easel can read but not write.
    case notQuantizable(type: GGMLType)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .rowNotWholeBlocks(let type, let columns):
            return "a \(type) row of \(columns) values is not a whole number of \(type.blockElements)-value blocks; "
                + "the tensor shape does not fit its type"
        case .badShape(let rows, let columns):
            return "a \(rows)×\(columns) matrix cannot be used; rows and columns must be positive and fit in memory"
        case .sizeMismatch(let expected, let actual):
            return "the weight buffer holds \(actual) bytes but the shape and type need \(expected)"
        case .notQuantizable(let type):
            return "Easel cannot write \(type); choose F32, F16, Q8_0, Q5_0, Q4_K, Q5_K or Q6_K"
        }
    }
}
