"""Fine-tunes Qwen2-VL on teacher reviews exported by Easel and exports GGUF files that Easel grades with."""

from . import offline  # noqa: F401
