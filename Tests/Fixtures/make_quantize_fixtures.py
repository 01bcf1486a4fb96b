#!/usr/bin/env python3
"""Writes Tests/QuantizeTests/Fixtures/gguf_py_quants.gguf: random f32 rows next to gguf-py's own Q8_0 and Q5_0
quantization of them (gguf.quants.quantize), which QuantizeTests compares Easel's quantizers against byte for byte.

Requires only `pip install gguf numpy` (gguf 0.19.0 was used). Deterministic: rerunning rewrites identical bytes.
"""
import os
import sys

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T
from gguf.quants import quantize

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "QuantizeTests", "Fixtures", "gguf_py_quants.gguf")
ROWS = 8
COLS = 512


def rows(rng):
    x = (rng.standard_normal((ROWS, COLS)) * 0.02).astype(np.float32)
    # Row 1: heavy tails (a few outliers per block), as real weight matrices have.
    x[1] *= np.where(rng.random(COLS) < 0.03, 20.0, 1.0).astype(np.float32)
    # Row 2: whole zero blocks, one constant block, and one block whose largest value is negative.
    x[2, :64] = 0
    x[2, 64:96] = 0.125
    x[2, 96:128] = -np.abs(x[2, 96:128]) * 3
    # Row 3: values exactly halfway between levels (ties) for Q8_0: multiples of d/2 with d = 1/127.
    x[3] = (rng.integers(-254, 255, COLS) / 254.0).astype(np.float32)
    x[3, ::32] = 1.0
    # Row 4: tiny values (f16 subnormal scales) and row 5: large ones.
    x[4] *= np.float32(1e-4)
    x[5] *= np.float32(1e3)
    return x


def main():
    rng = np.random.default_rng(20261203)
    x = rows(rng)
    w = gguf.GGUFWriter(OUT, arch="fixture")
    w.add_string("general.name", "gguf-py quantizer parity")
    w.add_tensor("input", x)
    for qtype in (T.Q8_0, T.Q5_0):
        q = quantize(x, qtype)
        w.add_tensor(qtype.name, q, raw_dtype=qtype)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
