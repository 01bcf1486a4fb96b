"""The README's "Train a model on your class reviews" commands are valid as written: every `python -m easel_train`
line parses with the recipe's own argument parser (the round trip in test_round_trip.py runs the same subcommands
on a tiny model; the README's lines need a GPU-sized base model), and the accelerate line uses flags that
`accelerate launch` has. The Swift ReadmeTests run the README's `easel` lines."""

import os
import shlex
import subprocess
import sys

from conftest import REPO, TRAINING


def readme_training_lines():
    lines, inside = [], False
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                inside = not inside and line.strip() == "```sh"
                continue
            if inside and line.startswith("Training/"):
                lines.append(line.strip())
    return lines


def test_readme_training_commands_parse_with_the_recipes_parser():
    from easel_train.__main__ import build_parser

    lines = readme_training_lines()
    assert lines[0] == "Training/setup"
    subcommands = []
    for line in lines[1:]:
        words = shlex.split(line)
        assert words[0] in ("Training/.venv/bin/python", "Training/.venv/bin/accelerate"), line
        assert os.path.exists(os.path.join(REPO, words[0])), f"{words[0]}: Training/setup creates it"
        i = words.index("-m")
        assert words[i + 1] == "easel_train", line
        args = build_parser().parse_args([os.path.expanduser(w) for w in words[i + 2:]])
        subcommands.append(args.command)
        if args.command == "train":
            assert args.base.endswith("Qwen2-VL-7B-Instruct") and args.data == "training-set"
    assert sorted(set(subcommands)) == ["eval", "export", "train"]


def test_readme_accelerate_line_uses_flags_accelerate_launch_has():
    line = next(x for x in readme_training_lines() if "accelerate launch" in x)
    launcher = shlex.split(line)[shlex.split(line).index("launch") + 1:shlex.split(line).index("-m")]
    help_text = subprocess.run([sys.executable, "-m", "accelerate.commands.accelerate_cli", "launch", "--help"],
                               capture_output=True, text=True, check=True, cwd=TRAINING).stdout
    for flag in (w for w in launcher if w.startswith("--")):
        assert flag in help_text, f"accelerate launch has no {flag}"
