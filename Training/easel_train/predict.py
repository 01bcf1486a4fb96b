"""`python -m easel_train predict`: the merged model's five head values (unrounded) and greedy critique for one image,
computed as Easel's VLM scorer does (same prompt, [SCORING] appended, greedy decoding up to 160 tokens stopping at
<|im_end|> or <|endoftext|>)."""

import json
import re

from . import offline  # noqa: F401
from .data import DIMENSIONS, Encoder, Example, user_turn
from .modeling import load_merged

MAX_CRITIQUE_TOKENS = 160  # VLMScorer's maxCritiqueTokens


class Predictor:
    def __init__(self, run, device="cpu"):
        self.model, self.tokenizer, self.head, self.info = load_merged(run, device)
        self.device = device
        self.encoder = Encoder(self.tokenizer, self.info["max_pixels"], self.info["mode"])
        self.stops = [self.tokenizer.convert_tokens_to_ids(t) for t in ("<|im_end|>", "<|endoftext|>")]

    def predict(self, image, description="", system=None, user=None):
        import torch

        example = Example(image=image, system=system or self.info["system"], user=user or user_turn(description),
                          critique="", scores=[0.0] * 5)
        batch = self.encoder.encode(example, with_answer=False)
        ids = batch["input_ids"].unsqueeze(0).to(self.device)
        image_id = self.model.config.image_token_id
        with torch.no_grad():
            out = self.model.generate(
                input_ids=ids, attention_mask=torch.ones_like(ids), pixel_values=batch["pixel_values"].to(self.device),
                image_grid_thw=batch["image_grid_thw"].to(self.device), mm_token_type_ids=(ids == image_id).long(),
                max_new_tokens=MAX_CRITIQUE_TOKENS, do_sample=False, eos_token_id=self.stops,
                pad_token_id=self.stops[1], output_hidden_states=True, return_dict_in_generate=True)
        generated = out.sequences[0, ids.shape[1]:].tolist()
        tokens = [t for t in generated if t not in self.stops]
        text = self.tokenizer.decode(tokens, skip_special_tokens=True).strip()
        result = {"image": image, "critique": text, "critique_tokens": tokens}
        if self.head is not None:
            hidden = out.hidden_states[0][-1][0, -1].float()  # final norm applied: the model's last hidden state
            values = self.head(hidden).tolist()
            result["scores"] = dict(zip(DIMENSIONS, values))
        else:
            result["scores"] = parse_template(text)
            result["critique"] = text.split("Critique:", 1)[1].strip() if "Critique:" in text else text
        result["total"] = None if result["scores"] is None else sum(result["scores"].values())
        return result


def parse_template(text):
    """The five numbers of `Originality: NN/20` … (None when the template is not followed)."""
    values = {}
    for d in DIMENSIONS:
        m = re.search(rf"{d.capitalize()}: (\d+)/20", text)
        if not m:
            return None
        values[d] = float(min(int(m.group(1)), 20))
    return values


def add_arguments(p):
    p.add_argument("--run", required=True, metavar="RUN_DIR")
    p.add_argument("--image", required=True, metavar="IMG")
    p.add_argument("--description", default="", metavar="TEXT", help="the artist's description")
    p.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")


def run(args):
    import os

    if not os.path.isfile(args.image):
        raise SystemExit(f"error: {args.image}: no such file")
    result = Predictor(args.run, args.device).predict(args.image, args.description)
    print(json.dumps(result, ensure_ascii=False))
    return 0
