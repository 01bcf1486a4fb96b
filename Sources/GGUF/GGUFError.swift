/// Errors reading or writing a GGUF file. Every message is one line that starts with the file's path.
public enum GGUFError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened, read or mapped.
    case cannotOpen(file: String, reason: String)
    /// The bytes are not a well-formed GGUF file (what is wrong and where).
    case malformed(file: String, reason: String)
    /// A tensor uses a ggml type the engine cannot compute with.
    case unsupportedTensorType(file: String, tensor: String, type: String)
    /// A metadata key the caller needs is absent.
    case missingKey(file: String, key: String)
    /// A metadata key holds a value of another type (or out of range).
    case wrongKeyType(file: String, key: String, expected: String, found: String)
    /// A tensor the caller needs is absent.
    case missingTensor(file: String, tensor: String)
    /// A tensor has a shape other than the caller needs.
    case wrongTensorShape(file: String, tensor: String, expected: String, found: [Int])
    /// Writing a file failed, or the data given to the writer is inconsistent.
    case writeFailed(file: String, reason: String)

    /// The message on one line.
    public var description: String { GGUFError.oneLine(message) }

    /// Control characters (which a damaged file can put into names) are shown escaped, so the message stays one line.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    var message: String {
        switch self {
        case .cannotOpen(let file, let reason):
            return "\(file): cannot open: \(reason)"
        case .malformed(let file, let reason):
            return "\(file): not a valid GGUF file: \(reason); the file is damaged or incomplete, download it again"
        case .unsupportedTensorType(let file, let tensor, let type):
            return "\(file): tensor '\(tensor)' has type \(type), which Easel cannot compute with; "
                + "use a file quantized as F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K_M, Q5_K_M or Q6_K"
        case .missingKey(let file, let key):
            return "\(file): metadata key '\(key)' is missing; the file was not written for this model type"
        case .wrongKeyType(let file, let key, let expected, let found):
            return "\(file): metadata key '\(key)' holds \(found), expected \(expected)"
        case .missingTensor(let file, let tensor):
            return "\(file): tensor '\(tensor)' is missing; the file was not written for this model type"
        case .wrongTensorShape(let file, let tensor, let expected, let found):
            return "\(file): tensor '\(tensor)' has shape \(found), expected \(expected)"
        case .writeFailed(let file, let reason):
            return "\(file): cannot write GGUF: \(reason)"
        }
    }
}
