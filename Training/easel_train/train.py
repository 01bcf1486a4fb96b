"""`python -m easel_train train`: QLoRA (CUDA) or fp32 LoRA (CPU) fine-tuning with a scoring head.

Loss per example = mean cross-entropy over the assistant's tokens (critique and <|im_end|>; system and user turns
masked) + l1_weight * mean |head - teacher| over the five sub-scores (0–20). `--mode template` trains the plain text
template that Easel's constrained decoding reads, with cross-entropy only.

RUN_DIR holds run.json (arguments, base model, prompt), split.json, metrics.jsonl (one JSON object per step and
per epoch), checkpoint/ (the last epoch: adapter, head, optimizer, state; a new run with the same RUN_DIR resumes
from it) and best/ (the epoch with the lowest validation MAE of the total, or validation loss in template mode).
Multi-GPU: `accelerate launch -m easel_train train …` with the same arguments (one process per GPU).
"""

import json
import math
import os
import random
import shutil
import time

from . import offline  # noqa: F401
from .data import DIMENSIONS, Encoder, load_export, split
from .metrics import mae, pearson
from .modeling import (add_lora, forward, load_base, load_tokenizer, make_head, pick_device, prepare_embedding,
                       save_head)


PROBE_RIDGE = 0.1  # ridge penalty per example, on hidden states standardized per dimension


def add_arguments(p):
    p.add_argument("--data", required=True, metavar="EXPORT_DIR", help="what `easel export training` wrote")
    p.add_argument("--base", required=True, metavar="HF_MODEL_DIR", help="a local Qwen2-VL folder (HF layout)")
    p.add_argument("--out", required=True, metavar="RUN_DIR", help="run folder (resumed when it has a checkpoint)")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--max-steps", type=int, default=None, metavar="N", help="stop after N optimizer steps")
    p.add_argument("--lora-rank", type=int, default=16)
    p.add_argument("--lora-alpha", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--l1-weight", type=float, default=1.0)
    p.add_argument("--batch-size", type=int, default=1, help="examples per forward pass (one at a time inside)")
    p.add_argument("--grad-accum", type=int, default=8, help="forward passes per optimizer step")
    p.add_argument("--max-pixels", type=int, default=200704, help="image size cap, as Easel's --max-pixels")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    p.add_argument("--qlora", action="store_true", default=None, help="4-bit NF4 base (default with CUDA)")
    p.add_argument("--no-qlora", dest="qlora", action="store_false")
    p.add_argument("--mode", choices=["head", "template"], default="head")
    p.add_argument("--no-probe", dest="probe", action="store_false",
                   help="train the head by the L1 gradient only (no closed-form ridge fit before and after each epoch)")


def run(args):
    import torch
    from accelerate import Accelerator
    from tqdm import tqdm

    device = pick_device(args.device)
    qlora = (device == "cuda") if args.qlora is None else args.qlora
    if qlora and device != "cuda":
        raise SystemExit("error: --qlora needs CUDA (bitsandbytes' 4-bit kernels); use --no-qlora on the CPU")
    accelerator = Accelerator(cpu=device == "cpu", mixed_precision="bf16" if device == "cuda" else "no")
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    examples = load_export(args.data)
    train_set, val_set = split(examples)
    os.makedirs(args.out, exist_ok=True)
    checkpoint = os.path.join(args.out, "checkpoint")
    state = read_state(checkpoint)
    tokenizer = load_tokenizer(args.base, args.mode)
    # Each process loads its copy straight onto its own GPU (accelerate launch sets one device per process).
    model = load_base(args.base, str(accelerator.device) if device == "cuda" else device, qlora)
    scoring_id = prepare_embedding(model, tokenizer, args.mode)
    model = add_lora(model, args.lora_rank, args.lora_alpha, scoring_id,
                     gradient_checkpointing=device == "cuda", qlora=qlora)
    hidden = model.config.text_config.hidden_size if hasattr(model.config, "text_config") else model.config.hidden_size
    mean_scores = [sum(e.scores[d] for e in train_set) / len(train_set) for d in range(5)]
    head = make_head(hidden, mean_scores).to(accelerator.device) if args.mode == "head" else None
    if state:
        load_checkpoint(model, head, checkpoint)
    adapters = [p for p in model.parameters() if p.requires_grad]
    params = adapters + (list(head.parameters()) if head else [])
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    if state:
        optimizer.load_state_dict(torch.load(os.path.join(checkpoint, "optimizer.pt"), weights_only=True))
    model, optimizer = accelerator.prepare(model, optimizer)
    if head is not None:
        head = accelerator.prepare(head)

    encoder = Encoder(tokenizer, args.max_pixels, args.mode)
    encoded_val = [encoder.encode(e) for e in val_set]
    probe_inputs = [encoder.encode(e, with_answer=False) for e in train_set] if head is not None and args.probe else []
    if probe_inputs and not state:
        fit = probe(model, head, probe_inputs, train_set, accelerator)
        print(f"linear probe: training-set total MAE {fit[0]:.2f} (predicting the mean: {fit[1]:.2f})", flush=True)
    if accelerator.is_main_process:
        write_run_files(args, examples, train_set, val_set, tokenizer, scoring_id, qlora, device)
    metrics_path = os.path.join(args.out, "metrics.jsonl")
    start_epoch = state["epoch"] + 1 if state else 0
    step = state["step"] if state else 0
    best = state["best"] if state else None
    per_step = args.batch_size * args.grad_accum
    world = accelerator.num_processes
    rank = accelerator.process_index
    for epoch in range(start_epoch, args.epochs):
        if args.max_steps is not None and step >= args.max_steps:
            break
        order = list(range(len(train_set)))
        random.Random(args.seed * 1000 + epoch).shuffle(order)
        order = order[rank::world]  # each process its share
        model.train()
        losses, predicted, actual = [], [], []
        started = time.time()
        bar = tqdm(total=len(order), desc=f"epoch {epoch + 1}/{args.epochs}", unit="ex",
                   disable=not accelerator.is_main_process, dynamic_ncols=True)
        for i, index in enumerate(order):
            example = encoder.encode(train_set[index])
            batch = to_device(example, accelerator.device)
            with accelerator.autocast():
                logits, labels, values = forward(model, head, batch)
            ce = torch.nn.functional.cross_entropy(logits, labels)
            loss = ce
            if values is not None:
                l1 = (values - batch["scores"]).abs().mean()
                loss = ce + args.l1_weight * l1
                predicted.append(float(values.detach().sum()))
                actual.append(float(batch["scores"].sum()))
            accelerator.backward(loss / per_step)
            losses.append(float(loss.detach()))
            last = i == len(order) - 1
            if (i + 1) % per_step == 0 or last:
                accelerator.clip_grad_norm_(params, 1.0)
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                if accelerator.is_main_process:
                    append(metrics_path, {"type": "step", "epoch": epoch + 1, "step": step,
                                          "loss": sum(losses[-per_step:]) / len(losses[-per_step:])})
            bar.update(1)
            bar.set_postfix(loss=f"{losses[-1]:.3f}")
            if args.max_steps is not None and step >= args.max_steps:
                break
        bar.close()
        record = {"type": "epoch", "epoch": epoch + 1, "step": step, "train_loss": sum(losses) / len(losses),
                  "train_total_mae": mae(predicted, actual)}
        if probe_inputs:
            record["train_total_mae"], record["mean_baseline_mae"] = probe(model, head, probe_inputs, train_set,
                                                                           accelerator)
        record["seconds"] = round(time.time() - started, 2)
        record.update(validate(model, head, encoded_val, accelerator, args.mode, args.l1_weight))
        score = record.get("val_total_mae") if args.mode == "head" else record.get("val_loss")
        if score is None:  # no validation examples: keep the last epoch
            score = record["train_loss"]
        improved = best is None or score <= best["score"]
        if improved:
            best = {"epoch": epoch + 1, "score": score}
        record["best_epoch"] = best["epoch"]
        accelerator.wait_for_everyone()
        if accelerator.is_main_process:
            append(metrics_path, record)
            save_checkpoint(accelerator, model, head, optimizer, tokenizer, scoring_id, checkpoint,
                            {"epoch": epoch, "step": step, "best": best})
            if improved:
                tmp = os.path.join(args.out, "best.partial")
                shutil.rmtree(tmp, ignore_errors=True)
                shutil.copytree(checkpoint, tmp, ignore=shutil.ignore_patterns("optimizer.pt"))
                shutil.rmtree(os.path.join(args.out, "best"), ignore_errors=True)
                os.replace(tmp, os.path.join(args.out, "best"))
            print(summary_line(record), flush=True)
    accelerator.wait_for_everyone()
    if accelerator.is_main_process:
        print(f"best epoch {best['epoch'] if best else '-'}; run in {args.out}")
    return 0


def probe(model, head, encoded, examples, accelerator):
    """Fits the head in closed form: the ridge regression of the five scores on the model's hidden states at
    [SCORING] over the training set (linear probing, as in LP-FT, Kumar et al. 2022). Done before the first epoch
    and again after every epoch, so the head saved with an epoch's adapters is fitted to that epoch's features; in
    between, the L1 term trains head and adapters together. Measured on the tiny round trip: a head grown from the
    mean by the L1 gradient alone was still at the mean's error after 8 epochs, and a head probed only once was
    thrown off (total MAE 0.45 -> 41) by the first epoch's change of the features under it.
    Returns (training-set total MAE of the fitted head, of predicting the mean)."""
    import torch

    states = []
    model.eval()
    with torch.no_grad():
        for example in encoded:
            batch = to_device(example, accelerator.device)
            with accelerator.autocast():
                _, _, _, hidden = forward(model, None, batch, return_hidden=True)
            states.append(hidden.float().cpu())
    model.train()
    x = torch.stack(states).double()
    y = torch.tensor([e.scores for e in examples], dtype=torch.float64)
    mx, my = x.mean(0), y.mean(0)
    scale = x.std(0, unbiased=False).clamp_min(1e-6)
    z = (x - mx) / scale
    w = torch.linalg.solve(z.T @ z + PROBE_RIDGE * len(examples) * torch.eye(z.shape[1], dtype=z.dtype),
                           z.T @ (y - my))  # [hidden, 5]
    weight = (w / scale[:, None]).T
    bias = my - weight @ mx
    with torch.no_grad():
        unwrapped = accelerator.unwrap_model(head)
        unwrapped.weight.copy_(weight.to(unwrapped.weight.dtype))
        unwrapped.bias.copy_(bias.to(unwrapped.bias.dtype))
    fitted = (x @ weight.T + bias).sum(1)
    totals = y.sum(1)
    return float((fitted - totals).abs().mean()), float((totals - totals.mean()).abs().mean())


def validate(model, head, encoded, accelerator, mode, l1_weight):
    """Validation loss (the training loss's formula) and, with a head, Pearson r and MAE of the total."""
    import torch

    if not encoded:
        return {}
    model.eval()
    losses, predicted, actual = [], [], []
    with torch.no_grad():
        for example in encoded:
            batch = to_device(example, accelerator.device)
            with accelerator.autocast():
                logits, labels, values = forward(model, head, batch)
            loss = float(torch.nn.functional.cross_entropy(logits, labels))
            if values is not None:
                loss += l1_weight * float((values - batch["scores"]).abs().mean())
            losses.append(loss)
            if values is not None:
                predicted.append(float(values.sum()))
                actual.append(float(batch["scores"].sum()))
    model.train()
    out = {"val_loss": sum(losses) / len(losses), "val_n": len(encoded)}
    if mode == "head":
        out.update(val_total_pearson=pearson(predicted, actual), val_total_mae=mae(predicted, actual))
    return out


def summary_line(r):
    fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    return (f"epoch {r['epoch']}: train loss {fmt(r['train_loss'])}, train total MAE {fmt(r.get('train_total_mae'))}"
            f", val loss {fmt(r.get('val_loss'))}, val total Pearson {fmt(r.get('val_total_pearson'))}, "
            f"val total MAE {fmt(r.get('val_total_mae'))} ({r['seconds']} s; best epoch {r['best_epoch']})")


def to_device(example, device):
    return {k: v.to(device) if hasattr(v, "to") else v for k, v in example.items()}


def append(path, record):
    with open(path, "a") as f:
        f.write(json.dumps({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()})
                + "\n")


def read_state(checkpoint):
    path = os.path.join(checkpoint, "state.json")
    if not os.path.isfile(path):
        return None
    with open(path) as f:
        return json.load(f)


def load_checkpoint(model, head, checkpoint):
    import torch
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    adapter = load_file(os.path.join(checkpoint, "adapter", "adapter_model.safetensors"))
    set_peft_model_state_dict(model, adapter)
    if head is not None:
        weights = load_file(os.path.join(checkpoint, "score_head.safetensors"))
        with torch.no_grad():
            head.weight.copy_(weights["weight"])
            head.bias.copy_(weights["bias"])
    print(f"resuming from {checkpoint}")


def save_checkpoint(accelerator, model, head, optimizer, tokenizer, scoring_id, checkpoint, state):
    import torch

    tmp = checkpoint + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    accelerator.unwrap_model(model).save_pretrained(os.path.join(tmp, "adapter"))
    tokenizer.save_pretrained(tmp)
    if head is not None:
        save_head(accelerator.unwrap_model(head), os.path.join(tmp, "score_head.safetensors"), scoring_id)
    torch.save(optimizer.state_dict(), os.path.join(tmp, "optimizer.pt"))
    with open(os.path.join(tmp, "state.json"), "w") as f:
        json.dump(state, f)
    shutil.rmtree(checkpoint, ignore_errors=True)
    os.replace(tmp, checkpoint)


def write_run_files(args, examples, train_set, val_set, tokenizer, scoring_id, qlora, device):
    systems = {e.system for e in examples}
    info = {k: getattr(args, k) for k in ("epochs", "max_steps", "lora_rank", "lora_alpha", "lr", "l1_weight",
                                          "batch_size", "grad_accum", "max_pixels", "seed", "mode")}
    info.update(base=os.path.abspath(args.base), data=os.path.abspath(args.data), qlora=qlora, device=device,
                scoring_token_id=scoring_id, system=sorted(systems)[0], dimensions=DIMENSIONS,
                n_train=len(train_set), n_val=len(val_set))
    with open(os.path.join(args.out, "run.json"), "w") as f:
        json.dump(info, f, indent=1)
    with open(os.path.join(args.out, "split.json"), "w") as f:
        json.dump({"train": [e.key for e in train_set], "validation": [e.key for e in val_set]}, f, indent=1)
