import GGUF
import Tensor

/// Errors of `easel model quantize`. Every message is one line that names the file and says what to do.
public enum QuantizeError: Error, CustomStringConvertible, Equatable {
    /// A tensor that would be quantized is already quantized (requantizing loses accuracy twice).
    case alreadyQuantized(file: String, tensor: String, type: String)
    /// A tensor of a type Easel can read but not turn into the planned type.
    case cannotConvert(file: String, tensor: String, from: String, to: String)
    /// The output path is the input file.
    case sameFile(file: String)
    /// Reading the input or writing the output failed.
    case file(GGUFError)

    /// The message on one line.
    public var description: String {
        switch self {
        case .alreadyQuantized(let file, let tensor, let type):
            return "\(file): tensor '\(tensor)' is already \(type); quantize from the F32, F16 or BF16 file instead"
        case .cannotConvert(let file, let tensor, let from, let to):
            return "\(file): tensor '\(tensor)' (\(from)) cannot be converted to \(to)"
        case .sameFile(let file):
            return "\(file): the output would overwrite the input; give another output path"
        case .file(let error):
            return error.description
        }
    }
}
