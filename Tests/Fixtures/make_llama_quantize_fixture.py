#!/usr/bin/env python3
"""Writes the llama.cpp reference for QuantizeTests:

  Tests/QuantizeTests/Fixtures/tiny-random-f16.gguf      a tiny Qwen2-VL text model with random normal F16 weights
  Tests/QuantizeTests/Fixtures/tiny-random-llama-q4_k_m.gguf   llama-quantize's Q4_K_M of it

QuantizeTests quantizes the F16 file with Easel and compares tensor types and per-tensor RMS error with llama.cpp's.
Usage: make_llama_quantize_fixture.py /path/to/llama-quantize   (llama.cpp built from source; commit c392e50 was
used). Metadata and tokenizer come from the committed tiny-tied-q4_k_m.gguf; 4 layers (use_more_bits picks layers
2 and 3) of width 256, FFN 256, weights N(0, 0.02²) scaled per row by exp(0.3·N(0, 1)). Requires
`pip install gguf numpy`. Deterministic.
"""
import os
import subprocess
import sys

import numpy as np
import gguf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "QuantizeTests", "Fixtures")
TEMPLATE = os.path.join(HERE, "..", "QwenVLTests", "Fixtures", "tiny-tied-q4_k_m.gguf")
LAYERS, HIDDEN, FFN, KV, VOCAB = 4, 256, 256, 64, 384


def field_value(field):
    if field.types[0] == gguf.GGUFValueType.ARRAY:
        return [field.contents(i) for i in range(len(field.data))], field.types[1]
    return field.contents(), field.types[0]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    template = gguf.GGUFReader(TEMPLATE)
    f16 = os.path.join(OUT, "tiny-random-f16.gguf")
    w = gguf.GGUFWriter(f16, arch="qwen2vl")
    for key, field in template.fields.items():
        if key.startswith("GGUF.") or key == "general.architecture":
            continue
        value, vtype = field_value(field)
        if key == "qwen2vl.block_count":
            value = LAYERS
        elif key == "qwen2vl.feed_forward_length":
            value = FFN
        elif key == "general.file_type":
            value = 1
        elif key == "general.name":
            value = "tiny-random-f16"
        if vtype == gguf.GGUFValueType.ARRAY or isinstance(value, list):
            w.add_key_value(key, value, gguf.GGUFValueType.ARRAY, sub_type=field.types[1])
        else:
            w.add_key_value(key, value, vtype)
    rng = np.random.default_rng(20261203)

    def matrix(rows, cols):
        scale = 0.02 * np.exp(0.3 * rng.standard_normal((rows, 1)))
        return (rng.standard_normal((rows, cols)) * scale).astype(np.float16)

    w.add_tensor("token_embd.weight", matrix(VOCAB, HIDDEN))
    w.add_tensor("output_norm.weight", np.ones(HIDDEN, dtype=np.float32))
    for i in range(LAYERS):
        w.add_tensor(f"blk.{i}.attn_norm.weight", (1 + 0.1 * rng.standard_normal(HIDDEN)).astype(np.float32))
        w.add_tensor(f"blk.{i}.attn_q.weight", matrix(HIDDEN, HIDDEN))
        w.add_tensor(f"blk.{i}.attn_q.bias", (0.02 * rng.standard_normal(HIDDEN)).astype(np.float32))
        w.add_tensor(f"blk.{i}.attn_k.weight", matrix(KV, HIDDEN))
        w.add_tensor(f"blk.{i}.attn_k.bias", (0.02 * rng.standard_normal(KV)).astype(np.float32))
        w.add_tensor(f"blk.{i}.attn_v.weight", matrix(KV, HIDDEN))
        w.add_tensor(f"blk.{i}.attn_v.bias", (0.02 * rng.standard_normal(KV)).astype(np.float32))
        w.add_tensor(f"blk.{i}.attn_output.weight", matrix(HIDDEN, HIDDEN))
        w.add_tensor(f"blk.{i}.ffn_norm.weight", (1 + 0.1 * rng.standard_normal(HIDDEN)).astype(np.float32))
        w.add_tensor(f"blk.{i}.ffn_gate.weight", matrix(FFN, HIDDEN))
        w.add_tensor(f"blk.{i}.ffn_up.weight", matrix(FFN, HIDDEN))
        w.add_tensor(f"blk.{i}.ffn_down.weight", matrix(HIDDEN, FFN))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    out = os.path.join(OUT, "tiny-random-llama-q4_k_m.gguf")
    subprocess.run([binary, f16, out, "Q4_K_M", "1"], check=True, stdout=subprocess.DEVNULL)
    for path in (f16, out):
        print(f"wrote {path} ({os.path.getsize(path)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
