"""Reads what `easel export training` writes, splits it as the method does, and builds token sequences that match
what Easel's VLM scorer feeds the model (Sources/Grading/VLMScorer.swift, RubricPrompt.swift).

The system prompt and the user turn come from the export itself (Easel writes them from RubricPrompt.swift, the one
source of truth); `user_turn` below is a copy of RubricPrompt.user for `predict`, checked against every exported
record by the tests.
"""

import hashlib
import json
import os
from dataclasses import dataclass, field

DIMENSIONS = ["originality", "color", "texture", "composition", "content"]
SCORING_TOKEN = "[SCORING]"
IMAGE_PLACEHOLDER = "<image>"


class DataError(Exception):
    """Bad training data: one line naming the file and what to do."""


@dataclass
class Example:
    image: str  # absolute path
    system: str
    user: str  # with one "<image>" placeholder
    critique: str
    scores: list  # five sub-scores, 0–20
    klass: str = ""
    description: str = ""
    key: str = ""  # stable identity for the split (the image path relative to the export)
    source: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def total(self):
        return float(sum(self.scores))


def user_turn(description):
    """RubricPrompt.user(description:) of Sources/Grading/RubricPrompt.swift."""
    text = description.strip()
    return (f"{IMAGE_PLACEHOLDER}The artist's description: {text if text else '(none given)'}\n"
            "Grade this artwork with the rubric and write the critique.")


def load_export(folder):
    """The examples of EXPORT_DIR/train.jsonl. Raises DataError naming the file and line on bad input."""
    path = os.path.join(folder, "train.jsonl")
    if not os.path.isfile(path):
        raise DataError(f"{path}: no such file; write it with `easel export training --class NAME -o {folder}`")
    examples = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataError(f"{where}: not JSON ({e.msg}); export the data again with `easel export training`")
            examples.append(parse_record(record, folder, where))
    if not examples:
        raise DataError(f"{path}: no examples; review some artworks with `easel review` and export again")
    return examples


def parse_record(record, folder, where):
    try:
        messages = {m["role"]: m["content"] for m in record["messages"]}
        system, user, critique = messages["system"], messages["user"], messages["assistant"]
        images = record["images"]
        scores = [float(record["scores"][d]) for d in DIMENSIONS]
    except (KeyError, TypeError, ValueError) as e:
        raise DataError(f"{where}: missing or malformed field {e}; expected messages, images and scores "
                        f"as `easel export training` writes them")
    if len(images) != 1 or user.count(IMAGE_PLACEHOLDER) != 1:
        raise DataError(f"{where}: expected one image and one {IMAGE_PLACEHOLDER} in the user turn")
    if any(not 0 <= s <= 20 for s in scores):
        raise DataError(f"{where}: a sub-score is outside 0–20: {scores}")
    image = os.path.join(folder, images[0])
    if not os.path.isfile(image):
        raise DataError(f"{where}: the image {image} is missing; export the data again")
    return Example(image=image, system=system, user=user, critique=critique, scores=scores,
                   klass=str(record.get("class", "")), description=str(record.get("description", "")),
                   key=images[0], source=str(record.get("source", "")))


def split(examples, every=5):
    """(train, validation): one in `every` of each class to validation, chosen by a stable hash of the image path
    (the same on every machine and run), as the method's 80/20 split per category."""
    by_class = {}
    for example in examples:
        by_class.setdefault(example.klass, []).append(example)
    train, validation = [], []
    for klass in sorted(by_class):
        ranked = sorted(by_class[klass], key=lambda e: hashlib.sha256(e.key.encode()).hexdigest())
        for i, example in enumerate(ranked):
            (validation if i % every == every - 1 else train).append(example)
    return train, validation


def template_text(scores, critique):
    """The assistant turn Easel's constrained decoding reads (Sources/Grading/VLMScoreDecoder.swift)."""
    lines = [f"{d.capitalize()}: {int(round(s))}/20" for d, s in zip(DIMENSIONS, scores)]
    return "\n".join(lines) + "\nCritique: " + critique


def prompt_text(system, user, image_tokens):
    """Qwen2-VL's chat template for a system turn and a user turn with one image, plus the assistant header: what
    VLMScorer.prompt(description:) gives with the image pads already expanded."""
    before, _, after = user.partition(IMAGE_PLACEHOLDER)
    vision = "<|vision_start|>" + "<|image_pad|>" * image_tokens + "<|vision_end|>"
    return (f"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{before}{vision}{after}<|im_end|>\n"
            "<|im_start|>assistant\n")


class Encoder:
    """Turns examples into model inputs: pixels through Qwen2-VL's image processor (HF's Pillow one, which Easel's
    ImagePreprocessor matches) and token ids with the labels of the assistant's tokens only."""

    def __init__(self, tokenizer, max_pixels, mode, min_pixels=56 * 56):
        from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil

        self.tokenizer = tokenizer
        self.mode = mode
        self.images = Qwen2VLImageProcessorPil(min_pixels=min_pixels, max_pixels=max_pixels)
        self.im_end = tokenizer.convert_tokens_to_ids("<|im_end|>")
        self.scoring = tokenizer.convert_tokens_to_ids(SCORING_TOKEN) if mode == "head" else None

    def pixels(self, path):
        from PIL import Image

        try:
            with Image.open(path) as im:
                image = im.convert("RGB")
        except OSError as e:
            raise DataError(f"{path}: cannot read the image ({e})")
        out = self.images(images=[image], return_tensors="pt")
        return out["pixel_values"], out["image_grid_thw"]

    def ids(self, text):
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def prompt(self, system, user, grid):
        tokens = int(grid[0].prod()) // 4
        ids = self.ids(prompt_text(system, user, tokens))
        if self.mode == "head":
            ids.append(self.scoring)
        return ids

    def encode(self, example, with_answer=True):
        """dict(input_ids, labels, pixel_values, image_grid_thw, score_index, scores)."""
        import torch

        pixel_values, grid = self.pixels(example.image)
        prompt = self.prompt(example.system, example.user, grid)
        answer = []
        if with_answer:
            text = example.critique if self.mode == "head" else template_text(example.scores, example.critique)
            answer = self.ids(text) + [self.im_end]
        ids = prompt + answer
        labels = [-100] * len(prompt) + answer
        return dict(input_ids=torch.tensor(ids), labels=torch.tensor(labels), pixel_values=pixel_values,
                    image_grid_thw=grid, score_index=len(prompt) - 1,
                    scores=torch.tensor(example.scores, dtype=torch.float32))
