"""`python -m easel_train export`: merges the best epoch's adapters and writes the files Easel loads as they are:

  OUT_DIR/model-TYPE.gguf    the language model and tokenizer (llama.cpp's `qwen2vl` names and keys; [SCORING] is a
                             control token in tokenizer.ggml.tokens, so Easel tokenizes it as one special token)
  OUT_DIR/mmproj-TYPE.gguf   the vision tower and merger (llama.cpp's `clip` file, projector `qwen2vl_merger`)
  OUT_DIR/score_head.gguf    the scoring head (score_head.weight [hidden, 5], score_head.bias [5],
                             score_head.token_id = the id of [SCORING]); head mode only
  OUT_DIR/hf/                the merged model in the Hugging Face layout (for vLLM and other tools)

TYPE f32 keeps everything in float32; f16 stores matrices in float16; q8_0 stores the language model's matrices
in Q8_0 (blocks of 32 with one f16 scale, as llama.cpp) and the vision tower in f16. Norms, biases and the head
stay float32.
"""

import json
import os

from . import offline  # noqa: F401
from .data import DIMENSIONS
from .modeling import load_merged

FILE_TYPES = {"f32": 0, "f16": 1, "q8_0": 7}
IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073]
IMAGE_STD = [0.26862954, 0.26130258, 0.27577711]


def add_arguments(p):
    p.add_argument("--run", required=True, metavar="RUN_DIR")
    p.add_argument("--out", required=True, metavar="OUT_DIR")
    p.add_argument("--type", choices=list(FILE_TYPES), default="f16", dest="kind")
    p.add_argument("--no-hf", action="store_true", help="skip the merged Hugging Face folder")


def encode(gguf, w, kind):
    """(raw array for GGUFWriter, its ggml type or None) for one tensor under the file type."""
    import numpy as np

    w = np.ascontiguousarray(w, dtype=np.float32)
    if kind == "f32" or w.ndim < 2:
        return w, None
    if kind == "f16":
        return w.astype(np.float16), None
    if w.shape[-1] % 32:
        return w.astype(np.float16), None  # Q8_0 needs rows in whole blocks of 32
    return gguf.quants.quantize(w, gguf.GGMLQuantizationType.Q8_0), gguf.GGMLQuantizationType.Q8_0


def tokenizer_metadata(tokenizer, vocab_rows):
    """tokenizer.ggml.tokens / token_type / merges as llama.cpp's converter writes them for Qwen2 (gpt2 BPE): the
    vocabulary in id order, added special tokens as CONTROL, padded with [PADn] (UNUSED) to the embedding rows."""
    import gguf

    data = json.loads(tokenizer.backend_tokenizer.to_str())
    vocab = data["model"]["vocab"]
    merges = [m if isinstance(m, str) else " ".join(m) for m in data["model"]["merges"]]
    tokens = {i: t for t, i in vocab.items()}
    types = {i: gguf.TokenType.NORMAL for i in tokens}
    for added in data["added_tokens"]:
        tokens[added["id"]] = added["content"]
        types[added["id"]] = gguf.TokenType.CONTROL if added["special"] else gguf.TokenType.USER_DEFINED
    size = max(vocab_rows, max(tokens) + 1)
    out_tokens, out_types = [], []
    for i in range(size):
        out_tokens.append(tokens.get(i, f"[PAD{i}]"))
        out_types.append(types.get(i, gguf.TokenType.UNUSED))
    return out_tokens, out_types, merges


def text_tensors(model):
    lm = model.model.language_model
    out = [("token_embd.weight", lm.embed_tokens.weight), ("output_norm.weight", lm.norm.weight)]
    if not model.config.tie_word_embeddings:
        out.append(("output.weight", model.lm_head.weight))
    for i, layer in enumerate(lm.layers):
        a, m = layer.self_attn, layer.mlp
        out += [
            (f"blk.{i}.attn_norm.weight", layer.input_layernorm.weight),
            (f"blk.{i}.attn_q.weight", a.q_proj.weight), (f"blk.{i}.attn_q.bias", a.q_proj.bias),
            (f"blk.{i}.attn_k.weight", a.k_proj.weight), (f"blk.{i}.attn_k.bias", a.k_proj.bias),
            (f"blk.{i}.attn_v.weight", a.v_proj.weight), (f"blk.{i}.attn_v.bias", a.v_proj.bias),
            (f"blk.{i}.attn_output.weight", a.o_proj.weight),
            (f"blk.{i}.ffn_norm.weight", layer.post_attention_layernorm.weight),
            (f"blk.{i}.ffn_gate.weight", m.gate_proj.weight), (f"blk.{i}.ffn_up.weight", m.up_proj.weight),
            (f"blk.{i}.ffn_down.weight", m.down_proj.weight),
        ]
    return [(n, t.detach().float().cpu().numpy()) for n, t in out]


def write_text(path, model, tokenizer, kind, name):
    import gguf

    cfg = model.config.text_config
    rope = cfg.rope_parameters
    w = gguf.GGUFWriter(path, "qwen2vl")
    w.add_name(name)
    w.add_type("model")
    w.add_file_type(FILE_TYPES[kind])
    w.add_quantization_version(2)
    w.add_block_count(cfg.num_hidden_layers)
    w.add_context_length(cfg.max_position_embeddings)
    w.add_embedding_length(cfg.hidden_size)
    w.add_feed_forward_length(cfg.intermediate_size)
    w.add_head_count(cfg.num_attention_heads)
    w.add_head_count_kv(cfg.num_key_value_heads)
    w.add_rope_freq_base(rope["rope_theta"])
    w.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    w.add_rope_dimension_sections(list(rope["mrope_section"]) + [0] * (4 - len(rope["mrope_section"])))
    tokens, types, merges = tokenizer_metadata(tokenizer, cfg.vocab_size)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("qwen2")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    ids = tokenizer.convert_tokens_to_ids
    w.add_bos_token_id(ids("<|endoftext|>"))
    w.add_eos_token_id(ids("<|im_end|>"))
    w.add_pad_token_id(ids("<|endoftext|>"))
    w.add_add_bos_token(False)
    if tokenizer.chat_template:
        w.add_chat_template(tokenizer.chat_template)
    for tname, t in text_tensors(model):
        raw, qtype = encode(gguf, t, kind)
        w.add_tensor(tname, raw, raw_dtype=qtype)
    finish(w)


def vision_tensors(model):
    v = model.model.visual
    pe = v.patch_embed.proj.weight.detach()  # [width, 3, 2, 14, 14]: one kernel per temporal frame
    out = [("v.patch_embd.weight", pe[:, :, 0]), ("v.patch_embd.weight.1", pe[:, :, 1])]
    width = v.blocks[0].norm1.weight.shape[0]
    for i, b in enumerate(v.blocks):
        qkv_w, qkv_b = b.attn.qkv.weight.detach(), b.attn.qkv.bias.detach()
        p = f"v.blk.{i}."
        out += [
            (p + "ln1.weight", b.norm1.weight), (p + "ln1.bias", b.norm1.bias),
            (p + "attn_q.weight", qkv_w[:width]), (p + "attn_q.bias", qkv_b[:width]),
            (p + "attn_k.weight", qkv_w[width:2 * width]), (p + "attn_k.bias", qkv_b[width:2 * width]),
            (p + "attn_v.weight", qkv_w[2 * width:]), (p + "attn_v.bias", qkv_b[2 * width:]),
            (p + "attn_out.weight", b.attn.proj.weight), (p + "attn_out.bias", b.attn.proj.bias),
            (p + "ln2.weight", b.norm2.weight), (p + "ln2.bias", b.norm2.bias),
            (p + "ffn_up.weight", b.mlp.fc1.weight), (p + "ffn_up.bias", b.mlp.fc1.bias),
            (p + "ffn_down.weight", b.mlp.fc2.weight), (p + "ffn_down.bias", b.mlp.fc2.bias),
        ]
    m = v.merger
    out += [("v.post_ln.weight", m.ln_q.weight), ("v.post_ln.bias", m.ln_q.bias),
            ("mm.0.weight", m.mlp[0].weight), ("mm.0.bias", m.mlp[0].bias),
            ("mm.2.weight", m.mlp[2].weight), ("mm.2.bias", m.mlp[2].bias)]
    return [(n, t.detach().float().cpu().numpy()) for n, t in out]


def write_mmproj(path, model, kind, name):
    import gguf

    vc = model.config.vision_config
    w = gguf.GGUFWriter(path, "clip")
    w.add_name(name)
    w.add_type("mmproj")
    w.add_file_type(FILE_TYPES["f32" if kind == "f32" else "f16"])
    w.add_string("clip.projector_type", "qwen2vl_merger")
    w.add_bool("clip.has_vision_encoder", True)
    w.add_uint32("clip.vision.image_size", 560)
    w.add_uint32("clip.vision.patch_size", vc.patch_size)
    w.add_uint32("clip.vision.spatial_merge_size", vc.spatial_merge_size)
    w.add_uint32("clip.vision.embedding_length", vc.embed_dim)
    w.add_uint32("clip.vision.feed_forward_length", int(vc.embed_dim * vc.mlp_ratio))
    w.add_uint32("clip.vision.block_count", vc.depth)
    w.add_uint32("clip.vision.attention.head_count", vc.num_heads)
    w.add_float32("clip.vision.attention.layer_norm_epsilon", 1e-6)
    w.add_uint32("clip.vision.projection_dim", vc.hidden_size)
    w.add_array("clip.vision.image_mean", IMAGE_MEAN)
    w.add_array("clip.vision.image_std", IMAGE_STD)
    for tname, t in vision_tensors(model):
        matrix = t.ndim >= 2 and "patch_embd" not in tname
        raw, _ = encode(gguf, t, "f32" if kind == "f32" or not matrix else "f16")
        w.add_tensor(tname, raw)
    finish(w)


def write_head(path, head, token_id, hidden):
    import gguf
    import numpy as np

    w = gguf.GGUFWriter(path, "score_head")
    w.add_type("score_head")
    w.add_uint32("score_head.token_id", token_id)
    w.add_uint32("score_head.hidden_size", hidden)
    w.add_array("score_head.dimensions", DIMENSIONS)
    w.add_tensor("score_head.weight", np.ascontiguousarray(head.weight.detach().float().cpu().numpy()))
    w.add_tensor("score_head.bias", np.ascontiguousarray(head.bias.detach().float().cpu().numpy()))
    finish(w)


def finish(w):
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def run(args):
    model, tokenizer, head, info = load_merged(args.run)
    os.makedirs(args.out, exist_ok=True)
    name = os.path.basename(os.path.abspath(args.run))
    written = []
    text = os.path.join(args.out, f"model-{args.kind}.gguf")
    write_text(text + ".partial", model, tokenizer, args.kind, name)
    os.replace(text + ".partial", text)
    written.append(text)
    mmproj = os.path.join(args.out, f"mmproj-{args.kind}.gguf")
    write_mmproj(mmproj + ".partial", model, args.kind, name)
    os.replace(mmproj + ".partial", mmproj)
    written.append(mmproj)
    if head is not None:
        path = os.path.join(args.out, "score_head.gguf")
        write_head(path + ".partial", head, info["scoring_token_id"], model.config.text_config.hidden_size)
        os.replace(path + ".partial", path)
        written.append(path)
    if not args.no_hf:
        hf = os.path.join(args.out, "hf")
        model.save_pretrained(hf, safe_serialization=True)
        tokenizer.save_pretrained(hf)
        for extra in ("preprocessor_config.json", "processor_config.json", "chat_template.jinja",
                      "generation_config.json"):
            source = os.path.join(info["base"], extra)
            if os.path.isfile(source):
                with open(source, "rb") as f, open(os.path.join(hf, extra), "wb") as g:
                    g.write(f.read())
        written.append(hf + "/")
    for path in written:
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) \
            if path.endswith("/") else os.path.getsize(path)
        print(f"wrote {path} ({size / 1e6:.1f} MB)")
    return 0
