"""The tiny model builder: a real Qwen2-VL folder that transformers loads offline, with Qwen2's real tokenizer."""

import json
import os
import unicodedata

import pytest

from conftest import SHARED


def test_tokenizer_gives_llama_cpp_qwen2_ids_on_the_conformance_cases(tiny_base):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    folder = os.path.join(SHARED, "data", "qwen2")
    with open(os.path.join(folder, "tokenizer-tests.inp"), encoding="utf-8") as f:
        cases = f.read().split("\n__ggml_vocab_test__\n")
    with open(os.path.join(folder, "tokenizer-tests.out"), encoding="utf-8") as f:
        expected = f.read().split("\n")
    cases[-1] = cases[-1].removesuffix("\n__ggml_vocab_test__\n").removesuffix("\n__ggml_vocab_test__")
    assert len(cases) == 47
    checked = 0
    for text, line in zip(cases, expected):
        if unicodedata.normalize("NFC", text) != text:
            continue  # Qwen2's HF tokenizer normalizes to NFC first; llama.cpp's reference does not
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        assert ids == [int(t) for t in line.split()], repr(text)
        assert tokenizer.decode(ids) == text
        checked += 1
    assert checked >= 40


def test_special_tokens_sit_at_qwen2_vl_ids_and_known_words_match(tiny_base):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    ids = tokenizer.convert_tokens_to_ids
    assert ids("<|endoftext|>") == 151643 and ids("<|im_start|>") == 151644 and ids("<|im_end|>") == 151645
    assert ids("<|vision_start|>") == 151652 and ids("<|image_pad|>") == 151655 and ids("<|video_pad|>") == 151656
    for word, token in (("user", 872), ("assistant", 77091), ("system", 8948), ("\n", 198)):
        assert tokenizer(word, add_special_tokens=False)["input_ids"] == [token]


def test_folder_loads_offline_with_the_vllm_cpu_shape(tiny_base):
    import torch
    from PIL import Image
    from transformers import AutoTokenizer, Qwen2VLForConditionalGeneration
    from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil

    with open(os.path.join(tiny_base, "config.json")) as f:
        config = json.load(f)
    text = config["text_config"]
    assert text["hidden_size"] // text["num_attention_heads"] >= 32  # vLLM's CPU attention needs head_dim >= 32
    assert text["rope_parameters"]["mrope_section"] == [4, 6, 6]
    assert config["vision_config"]["embed_dim"] == 64 and config["vision_config"]["depth"] == 2
    # AutoProcessor would also build a video processor, which needs torchvision (not loadable with the CPU torch
    # here); the processor's two parts load from the folder's files on their own.
    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    images = Qwen2VLImageProcessorPil.from_pretrained(tiny_base)
    model = Qwen2VLForConditionalGeneration.from_pretrained(tiny_base).eval()
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "Describe it."}]}]
    prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    assert "<|vision_start|><|image_pad|><|vision_end|>Describe it.<|im_end|>" in prompt
    image = Image.new("RGB", (112, 84), (200, 120, 40))
    pixels = images(images=[image], return_tensors="pt")
    grid = pixels["image_grid_thw"]
    assert grid.tolist() == [[1, 6, 8]]  # 8×6 patches, merged 2×2 into 12 image tokens
    prompt = prompt.replace("<|image_pad|>", "<|image_pad|>" * 12)
    ids = tokenizer(prompt, return_tensors="pt")["input_ids"]
    inputs = dict(input_ids=ids, attention_mask=torch.ones_like(ids), pixel_values=pixels["pixel_values"],
                  image_grid_thw=grid)
    with torch.no_grad():
        out = model.generate(**inputs, max_new_tokens=3, do_sample=False)
    assert out.shape[1] == inputs["input_ids"].shape[1] + 3
    params = sum(p.numel() for p in model.parameters())
    assert params < 25e6, params


def test_builder_is_deterministic_and_shape_is_checked(tmp_path):
    from easel_train import tiny_model

    with pytest.raises(SystemExit, match="sections"):
        tiny_model.parse_shape("sections=4-4-4")
    shape = tiny_model.parse_shape("layers=1,vision_depth=1")
    assert shape["layers"] == 1 and shape["sections"] == [4, 6, 6]
