"""Builds a tiny random Qwen2-VL in the Hugging Face layout, from a config (nothing is downloaded).

    python -m easel_train.tiny_model --out DIR [--seed 0] [--shape vllm|SPEC] [--tiktoken PATH]

DIR gets what `Qwen2VLForConditionalGeneration.from_pretrained` and `AutoProcessor.from_pretrained` read offline
(model.safetensors, config.json, generation_config.json, tokenizer.json, tokenizer_config.json with the chat
template, chat_template.jinja, preprocessor_config.json, processor_config.json): the model Easel's training
round trip fine-tunes, and the one the remote scorer's vLLM test server serves.

The tokenizer is Qwen2's real byte-level BPE vocabulary (151,643 tokens from ../shared/data/qwen2/qwen.tiktoken)
with Qwen2-VL's special tokens at their real ids 151643–151656, and the embedding has Qwen2-VL's 151,936 rows, so
prompts tokenize as they do for the real model. The default shape is the smallest one vLLM's CPU backend runs
(measured: its CPU attention needs head_dim >= 32): text hidden 128 in 4 heads (2 KV heads), MLP 256, 2 layers,
M-RoPE sections [4, 6, 6], tied embeddings (as Qwen2-VL-2B); vision depth 2, width 64 in 2 heads.
`--shape` takes `key=value,…` over these keys to change it (e.g. `layers=1,vision_depth=1`). `tokens=N` keeps only
the first N ranks of the vocabulary (special tokens then follow at N…N+13, and `vocab` is the embedding rows): the
training round trip uses `tokens=8192,vocab=8256`, because with 151,936 rows the output projection of the critique
tokens is nearly all of a tiny model's training step (measured: 8 s per example on the shared 2-core machine).
"""

import argparse
import json
import os
import sys

from . import offline  # noqa: F401  (sets HF_HUB_OFFLINE before transformers is imported)

DEFAULT_SHAPE = dict(
    layers=2, hidden=128, heads=4, kv_heads=2, ffn=256, sections="4-6-6", tokens=151643, vocab=151936, tied=1,
    vision_depth=2, vision_width=64, vision_heads=2, init=0.05,
)
# The real Qwen2-VL chat template (images as <|vision_start|><|image_pad|><|vision_end|>), as in Qwen's release.
CHAT_TEMPLATE = (
    "{% set image_count = namespace(value=0) %}{% set video_count = namespace(value=0) %}{% for message in messages %}"
    "{% if loop.first and message['role'] != 'system' %}<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
    "{% endif %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}{{ message['content'] }}"
    "<|im_end|>\n{% else %}{% for content in message['content'] %}{% if content['type'] == 'image' or 'image' in "
    "content or 'image_url' in content %}{% set image_count.value = image_count.value + 1 %}{% if add_vision_id %}"
    "Picture {{ image_count.value }}: {% endif %}<|vision_start|><|image_pad|><|vision_end|>{% elif content['type'] =="
    " 'video' or 'video' in content %}{% set video_count.value = video_count.value + 1 %}{% if add_vision_id %}"
    "Video {{ video_count.value }}: {% endif %}<|vision_start|><|video_pad|><|vision_end|>{% elif 'text' in content %}"
    "{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n{% endif %}{% endfor %}{% if add_generation_prompt %}"
    "<|im_start|>assistant\n{% endif %}"
)
IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073]
IMAGE_STD = [0.26862954, 0.26130258, 0.27577711]


def parse_shape(spec):
    shape = dict(DEFAULT_SHAPE)
    if spec and spec != "vllm":
        for item in spec.split(","):
            key, _, value = item.partition("=")
            if key not in shape or not value:
                raise SystemExit(f"--shape: unknown or empty key '{key}' (keys: {', '.join(shape)})")
            shape[key] = value if key == "sections" else (float(value) if key == "init" else int(value))
    sections = [int(s) for s in str(shape["sections"]).split("-")]
    head_dim = shape["hidden"] // shape["heads"]
    if sum(sections) * 2 != head_dim:
        raise SystemExit(f"--shape: M-RoPE sections {sections} must add up to head_dim/2 = {head_dim // 2}")
    shape["sections"] = sections
    return shape


def build(out, seed=0, shape=None, tiktoken=None):
    """Writes the model folder; returns the model."""
    import torch
    from transformers import Qwen2TokenizerFast, Qwen2VLConfig, Qwen2VLForConditionalGeneration
    from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil

    from .vocabulary import build_tokenizer

    s = shape or parse_shape(None)
    tok = build_tokenizer(tiktoken, None if s["tokens"] >= 151643 else s["tokens"])
    if s["vocab"] < tok.get_vocab_size():
        raise SystemExit(f"--shape: vocab={s['vocab']} is smaller than the {tok.get_vocab_size()} tokens")
    ids = {name: tok.token_to_id(name) for name in ("<|endoftext|>", "<|im_end|>", "<|image_pad|>", "<|video_pad|>",
                                                   "<|vision_start|>", "<|vision_end|>")}
    torch.manual_seed(seed)
    config = Qwen2VLConfig(
        text_config=dict(
            vocab_size=s["vocab"], hidden_size=s["hidden"], intermediate_size=s["ffn"], num_hidden_layers=s["layers"],
            num_attention_heads=s["heads"], num_key_value_heads=s["kv_heads"], rms_norm_eps=1e-6,
            max_position_embeddings=32768,
            rope_parameters={"rope_type": "default", "rope_theta": 1000000.0, "mrope_section": s["sections"]},
            tie_word_embeddings=bool(s["tied"]), initializer_range=s["init"], bos_token_id=ids["<|endoftext|>"],
            eos_token_id=ids["<|im_end|>"], pad_token_id=ids["<|endoftext|>"]),
        vision_config=dict(depth=s["vision_depth"], embed_dim=s["vision_width"], hidden_size=s["hidden"],
                           num_heads=s["vision_heads"], mlp_ratio=4, patch_size=14, spatial_merge_size=2,
                           temporal_patch_size=2, in_channels=3, initializer_range=s["init"]),
        image_token_id=ids["<|image_pad|>"], video_token_id=ids["<|video_pad|>"],
        vision_start_token_id=ids["<|vision_start|>"], vision_end_token_id=ids["<|vision_end|>"],
        tie_word_embeddings=bool(s["tied"]), bos_token_id=ids["<|endoftext|>"], eos_token_id=ids["<|im_end|>"],
    )
    model = Qwen2VLForConditionalGeneration(config).eval()
    with torch.no_grad():  # HF starts biases at 0 and norms at 1; vary them so every tensor is exercised
        g = torch.Generator().manual_seed(seed + 1)
        for name, p in model.named_parameters():
            if name.endswith("bias"):
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            elif "norm" in name or "ln_q" in name:
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
    os.makedirs(out, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer = Qwen2TokenizerFast(
        tokenizer_object=tok, bos_token=None, eos_token="<|im_end|>", pad_token="<|endoftext|>",
        unk_token=None, model_max_length=32768, errors="replace", clean_up_tokenization_spaces=False,
        split_special_tokens=False, add_prefix_space=False)
    tokenizer.chat_template = CHAT_TEMPLATE
    images = Qwen2VLImageProcessorPil(
        min_pixels=56 * 56, max_pixels=28 * 28 * 1280, patch_size=14, merge_size=2, temporal_patch_size=2,
        image_mean=IMAGE_MEAN, image_std=IMAGE_STD)
    # The processor's parts are saved one by one: building a Qwen2VLProcessor object needs torchvision (for its
    # video processor), which the CPU torch here cannot load; the files are the ones the processor reads.
    tokenizer.save_pretrained(out)
    images.save_pretrained(out)
    write_json(os.path.join(out, "preprocessor_config.json"), dict(
        read_json(os.path.join(out, "preprocessor_config.json")), image_processor_type="Qwen2VLImageProcessor",
        processor_class="Qwen2VLProcessor", min_pixels=56 * 56, max_pixels=28 * 28 * 1280))
    write_json(os.path.join(out, "processor_config.json"), {"processor_class": "Qwen2VLProcessor"})
    with open(os.path.join(out, "chat_template.jinja"), "w") as f:
        f.write(CHAT_TEMPLATE)
    write_json(os.path.join(out, "generation_config.json"), {
        "bos_token_id": ids["<|endoftext|>"], "eos_token_id": [ids["<|im_end|>"], ids["<|endoftext|>"]],
        "pad_token_id": ids["<|endoftext|>"], "do_sample": False})
    return model


def read_json(path):
    with open(path) as f:
        return json.load(f)


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m easel_train.tiny_model", description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="folder to write (created when missing)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", default="vllm", help="vllm (default) or key=value,… over " + ",".join(DEFAULT_SHAPE))
    parser.add_argument("--tiktoken", help="the Qwen2 rank file (default ../shared/data/qwen2/qwen.tiktoken)")
    args = parser.parse_args(argv)
    model = build(args.out, args.seed, parse_shape(args.shape), args.tiktoken)
    params = sum(p.numel() for p in model.parameters())
    print(f"wrote {args.out}: tiny random Qwen2-VL, {params / 1e6:.1f} M parameters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
