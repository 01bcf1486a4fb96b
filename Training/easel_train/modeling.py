"""The model being trained: Qwen2-VL with LoRA adapters in the language model, the `[SCORING]` token's embedding
row trainable, and a linear scoring head (hidden -> 5) on the final hidden state (after the final norm) there."""

import json
import os

from . import offline  # noqa: F401
from .data import SCORING_TOKEN

LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
# Only the language model's projections: the vision tower (whose blocks also have names like these) stays frozen.
LORA_PATTERN = r".*language_model.*\.(" + "|".join(LORA_TARGETS) + r")$"


class ModelError(Exception):
    """A model folder or run folder that cannot be used: one line naming it."""


def pick_device(choice):
    import torch

    if choice == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if choice == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda: no CUDA device is visible to torch (this torch build or machine has none)")
    return choice


def load_tokenizer(folder, mode):
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(folder)
    except (OSError, ValueError) as e:
        raise ModelError(f"{folder}: cannot load the tokenizer ({str(e).splitlines()[0]})")
    if mode == "head" and SCORING_TOKEN not in tokenizer.get_vocab():
        from tokenizers import AddedToken

        tokenizer.add_tokens([AddedToken(SCORING_TOKEN, special=True, normalized=False)], special_tokens=True)
    return tokenizer


def load_base(folder, device, qlora, dtype=None):
    """Qwen2VLForConditionalGeneration from a local Hugging Face folder (float32 on the CPU; with QLoRA, the
    weights in 4-bit NF4 and the compute in bf16)."""
    import torch
    from transformers import Qwen2VLForConditionalGeneration

    if not os.path.isfile(os.path.join(folder, "config.json")):
        raise ModelError(f"{folder}: no config.json; give a Qwen2-VL model folder in the Hugging Face layout")
    kwargs = dict(dtype=dtype or torch.float32)
    if qlora:
        from transformers import BitsAndBytesConfig

        kwargs.update(
            dtype=torch.bfloat16,
            quantization_config=BitsAndBytesConfig(
                load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                bnb_4bit_compute_dtype=torch.bfloat16),
            device_map={"": int(os.environ.get("LOCAL_RANK", 0))})
    elif device.startswith("cuda"):
        kwargs.update(dtype=dtype or torch.bfloat16)
    try:
        model = Qwen2VLForConditionalGeneration.from_pretrained(folder, **kwargs)
    except (OSError, ValueError) as e:
        raise ModelError(f"{folder}: cannot load the model ({str(e).splitlines()[0]})")
    if not qlora:
        model.to(device)
    return model


def prepare_embedding(model, tokenizer, mode):
    """Makes room for [SCORING] (a new row only when the vocabulary has no spare one) and starts it at the mean of
    the embedding rows. Returns its id, or None in template mode."""
    import torch

    if mode != "head":
        return None
    token_id = tokenizer.convert_tokens_to_ids(SCORING_TOKEN)
    embeddings = model.get_input_embeddings()
    if token_id >= embeddings.weight.shape[0]:
        model.resize_token_embeddings(token_id + 1, mean_resizing=False)
        embeddings = model.get_input_embeddings()
    with torch.no_grad():
        real = len(tokenizer) - 1  # rows of real tokens before [SCORING]
        embeddings.weight[token_id] = embeddings.weight[:real].float().mean(0).to(embeddings.weight.dtype)
    return token_id


def add_lora(model, rank, alpha, scoring_id, gradient_checkpointing=False, qlora=False):
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    if qlora:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=gradient_checkpointing)
    elif gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    config = LoraConfig(
        r=rank, lora_alpha=alpha, lora_dropout=0.0, bias="none", target_modules=LORA_PATTERN,
        trainable_token_indices={"embed_tokens": [scoring_id]} if scoring_id is not None else None)
    model = get_peft_model(model, config)
    for name, p in model.named_parameters():  # the vision tower stays frozen whatever PEFT did
        if ".visual." in name:
            p.requires_grad_(False)
    return model


def make_head(hidden, mean_scores=None):
    """Linear hidden -> 5, starting at the training set's mean scores (so the L1 starts from predicting the mean)."""
    import torch

    head = torch.nn.Linear(hidden, 5)
    with torch.no_grad():
        head.weight.normal_(0.0, 0.02)
        head.bias.copy_(torch.tensor(mean_scores if mean_scores is not None else [10.0] * 5))
    return head


def inner(model):
    """Qwen2VLForConditionalGeneration under the DDP (accelerate) and PEFT wrappers."""
    m = model
    for _ in range(4):
        if hasattr(m, "module") and not hasattr(m, "get_base_model"):
            m = m.module  # DistributedDataParallel
        elif hasattr(m, "get_base_model"):
            m = m.get_base_model()  # PeftModel
    return m


def forward(model, head, batch, return_hidden=False):
    """(critique logits at labelled positions, labels there, head values [5]) for one example. The language-model
    head runs only where there are labels: the 151,936-row projection of every prompt position is most of the
    cost of a tiny model's step and none of its loss."""
    import torch

    m = inner(model)
    ids = batch["input_ids"].unsqueeze(0)
    image_id = m.config.image_token_id
    out = m.model(input_ids=ids, pixel_values=batch["pixel_values"], image_grid_thw=batch["image_grid_thw"],
                  mm_token_type_ids=(ids == image_id).long(), use_cache=False)
    hidden = out.last_hidden_state[0]  # after the final norm
    if return_hidden:
        return None, None, None, hidden[batch["score_index"]]
    labels = batch["labels"][1:]
    keep = labels != -100
    positions = torch.nonzero(keep).squeeze(1)
    logits = m.lm_head(hidden[:-1][positions]).float()
    values = head(hidden[batch["score_index"]].float()) if head is not None else None
    return logits, labels[positions], values


def save_head(head, path, token_id):
    from safetensors.torch import save_file

    save_file({"weight": head.weight.detach().float().cpu().contiguous(),
               "bias": head.bias.detach().float().cpu().contiguous()}, path,
              metadata={"token_id": str(token_id)})


def load_head(path):
    import torch
    from safetensors import safe_open

    with safe_open(path, "pt") as f:
        weight, bias = f.get_tensor("weight"), f.get_tensor("bias")
        token_id = int(f.metadata()["token_id"])
    head = torch.nn.Linear(weight.shape[1], 5)
    with torch.no_grad():
        head.weight.copy_(weight)
        head.bias.copy_(bias)
    return head, token_id


def read_run(run):
    path = os.path.join(run, "run.json")
    if not os.path.isfile(path):
        raise ModelError(f"{run}: no run.json; train into it with `python -m easel_train train --out {run}`")
    with open(path) as f:
        info = json.load(f)
    best = os.path.join(run, "best")
    if not os.path.isdir(best):
        raise ModelError(f"{run}: no finished epoch yet (no best/); run or resume `python -m easel_train train`")
    return info, best


def load_merged(run, device="cpu"):
    """The best epoch's model with the adapters merged in (float32), its tokenizer, head (or None) and run info."""
    import torch
    from peft import PeftModel

    info, best = read_run(run)
    tokenizer = load_tokenizer(best, info["mode"])
    base = load_base(info["base"], device, qlora=False, dtype=torch.float32)
    scoring_id = prepare_embedding(base, tokenizer, info["mode"])
    model = PeftModel.from_pretrained(base, os.path.join(best, "adapter"))
    model = model.merge_and_unload().eval()
    head = None
    if info["mode"] == "head":
        head, token_id = load_head(os.path.join(best, "score_head.safetensors"))
        if token_id != scoring_id:
            raise ModelError(f"{run}: the head's token id {token_id} is not [SCORING]'s {scoring_id}")
        head = head.to(device)
    return model, tokenizer, head, info
