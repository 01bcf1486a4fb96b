#!/usr/bin/env python3
"""Writes Tests/Fixtures/quant_blocks.gguf: random weight blocks of every ggml type the engine supports, next to
gguf-py's own dequantization of them, plus metadata of every GGUF value type.

The Swift tests (TensorTests, GGUFTests) compare their dequantizers and GGUF reader against this file.
Requires only `pip install gguf numpy` (gguf 0.19.0 was used). Deterministic: rerunning rewrites identical bytes.
"""
import os
import sys

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T
from gguf.quants import dequantize

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quant_blocks.gguf")
ROWS = 4
COLS = 512  # two K-quant blocks or sixteen 32-blocks per row

# (type, byte offsets of f16 scale fields that must hold sane values)
TYPES = [
    (T.F32, []), (T.F16, []), (T.BF16, []),
    (T.Q8_0, [0]), (T.Q4_0, [0]), (T.Q4_1, [0, 2]), (T.Q5_0, [0]), (T.Q5_1, [0, 2]),
    (T.Q4_K, [0, 2]), (T.Q5_K, [0, 2]), (T.Q6_K, [208]),
]


def random_blocks(rng, qtype, scale_offsets):
    block_elems, block_bytes = gguf.GGML_QUANT_SIZES[qtype]
    n_blocks = ROWS * COLS // block_elems
    if qtype == T.F32:
        return rng.standard_normal(ROWS * COLS).astype(np.float32).view(np.uint8).reshape(ROWS, -1)
    if qtype == T.F16:
        v = rng.standard_normal(ROWS * COLS).astype(np.float16)
        # include zeros, negative zero, subnormals and large values
        v[:8] = np.array([0.0, -0.0, 6e-8, -6e-8, 3e-5, 65504.0, -65504.0, 1e-4], dtype=np.float16)
        return v.view(np.uint8).reshape(ROWS, -1)
    if qtype == T.BF16:
        v = rng.standard_normal(ROWS * COLS).astype(np.float32).view(np.uint32) >> 16
        return v.astype(np.uint16).view(np.uint8).reshape(ROWS, -1)
    raw = rng.integers(0, 256, size=(n_blocks, block_bytes), dtype=np.uint8)
    for off in scale_offsets:
        sign = rng.choice([-1.0, 1.0], size=n_blocks) if off == 0 or qtype in (T.Q4_1, T.Q5_1) else 1.0
        d = (rng.uniform(0.001, 0.05, size=n_blocks) * sign).astype(np.float16)
        raw[:, off:off + 2] = d.view(np.uint8).reshape(n_blocks, 2)
    return raw.reshape(ROWS, -1)


def main():
    rng = np.random.default_rng(20261129)
    w = gguf.GGUFWriter(OUT, arch="fixture")
    w.add_string("general.name", "quant block fixtures")
    w.add_uint8("test.u8", 200)
    w.add_int8("test.i8", -100)
    w.add_uint16("test.u16", 60000)
    w.add_int16("test.i16", -30000)
    w.add_uint32("test.u32", 4000000000)
    w.add_int32("test.i32", -2000000000)
    w.add_float32("test.f32", 0.15625)
    w.add_bool("test.bool", True)
    w.add_string("test.string", "héllo, wörld ✓")
    w.add_uint64("test.u64", 2**63 + 5)
    w.add_int64("test.i64", -(2**62))
    w.add_float64("test.f64", 2.718281828459045)
    w.add_array("test.ints", [16, 24, 24, 0])
    w.add_array("test.floats", [0.5, -1.25])
    w.add_array("test.strings", ["a", "", "Ġthe", "<|im_end|>"])
    w.add_array("test.nested", [[1, 2], [3]])
    for qtype, offsets in TYPES:
        raw = random_blocks(rng, qtype, offsets)
        ref = dequantize(raw, qtype).astype(np.float32).reshape(ROWS, COLS)
        w.add_tensor(f"{qtype.name}.raw", raw, raw_dtype=qtype)
        w.add_tensor(f"{qtype.name}.ref", ref)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
