"""Imported before transformers anywhere in easel_train: nothing is fetched from a model hub at run time."""

import os

for _name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ[_name] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# The development machines are shared (2 cores for eight people); training scripts pick their own thread count.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
