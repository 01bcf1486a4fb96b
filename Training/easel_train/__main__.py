"""python -m easel_train train|eval|predict|export (see docs/training.md)."""

import argparse
import sys

from . import offline  # noqa: F401


def build_parser():
    """The command line: one subcommand per module, each adding its own arguments."""
    from . import evaluate, export, predict, train

    parser = argparse.ArgumentParser(
        prog="python -m easel_train", allow_abbrev=False,
        description="Fine-tune Qwen2-VL on a class's teacher reviews and export GGUF files Easel grades with.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, module, text in (
            ("train", train, "LoRA/QLoRA fine-tuning with a scoring head on `easel export training` data"),
            ("eval", evaluate, "agreement metrics and critique similarity on an export"),
            ("predict", predict, "head values and greedy critique for one image, as JSON"),
            ("export", export, "merged text GGUF, mmproj GGUF and scoring-head GGUF for Easel")):
        sub = commands.add_parser(name, help=text, description=(module.__doc__ or text).strip(), allow_abbrev=False,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(module=module)
    return parser


def main(argv=None):
    from .data import DataError
    from .modeling import ModelError

    args = build_parser().parse_args(argv)
    try:
        return args.module.run(args)
    except (DataError, ModelError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
