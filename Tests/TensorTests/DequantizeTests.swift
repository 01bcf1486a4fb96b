import GGUF
import Testing

@testable import Tensor

@Suite struct DequantizeTests {
    @Test("dequantization equals gguf-py's gguf.quants.dequantize for every type, AVX2 and scalar")
    func matchesReference() throws {
        let file = try GGUFFile(path: Fixture.quantBlocksPath)
        for type in GGMLType.allCases {
            let raw = try file.requireTensor("\(type).raw")
            let reference = try file.floats("\(type).ref")
            #expect(raw.type == type)
            #expect(reference.count == raw.elementCount)
            for simd in [true, false] {
                var out = [Float](repeating: .nan, count: raw.elementCount)
                out.withUnsafeMutableBufferPointer { dst in
                    Kernels.dequantize(
                        type, file.bytes(of: raw).baseAddress!, into: dst.baseAddress!, count: raw.elementCount,
                        simd: simd)
                }
                let mismatches = zip(out, reference).filter { $0.0.bitPattern != $0.1.bitPattern }.count
                #expect(mismatches == 0, "\(type) simd=\(simd): \(mismatches) values differ from gguf-py")
            }
        }
    }

    @Test("a weight matrix's rows and whole dequantization agree with the reference")
    func matrixRows() throws {
        let file = try GGUFFile(path: Fixture.quantBlocksPath)
        for type in GGMLType.allCases {
            let matrix = try file.matrix("\(type).raw")
            let reference = try file.floats("\(type).ref")
            #expect(matrix.rows == 4 && matrix.cols == 512)
            #expect(matrix.dequantized() == reference)
            #expect(matrix.dequantizeRow(2) == Array(reference[1024..<1536]))
        }
    }

    @Test("block geometry matches ggml's table")
    func geometry() {
        let expected: [GGMLType: (Int, Int)] = [
            .f32: (1, 4), .f16: (1, 2), .bf16: (1, 2), .q4_0: (32, 18), .q4_1: (32, 20), .q5_0: (32, 22),
            .q5_1: (32, 24), .q8_0: (32, 34), .q4_K: (256, 144), .q5_K: (256, 176), .q6_K: (256, 210),
        ]
        for type in GGMLType.allCases {
            #expect(type.blockElements == expected[type]!.0 && type.blockBytes == expected[type]!.1)
        }
        #expect(GGMLType.q4_K.rowBytes(elements: 1536) == 864)
        #expect(GGMLType.q4_K.rowBytes(elements: 100) == nil)
        #expect(GGMLType.name(id: 16) == "IQ2_XXS")
        #expect(throws: TensorError.rowNotWholeBlocks(type: .q6_K, columns: 100)) {
            try WeightMatrix(type: .q6_K, rows: 1, cols: 100, bytes: [])
        }
        #expect(throws: TensorError.sizeMismatch(expected: 34, actual: 3)) {
            try WeightMatrix(type: .q8_0, rows: 1, cols: 32, bytes: [1, 2, 3])
        }
    }
}
