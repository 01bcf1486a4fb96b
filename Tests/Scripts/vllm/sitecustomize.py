# Loaded only by the vLLM test server (Tests/Scripts/vllm-server puts this folder on PYTHONPATH).
#
# PyPI has no CPU build of torchvision for x86-64 Linux (only the CUDA one, whose _C extension needs
# libcudart.so.13), and download.pytorch.org is not reachable here. vLLM and transformers' Qwen2-VL processor
# import torchvision but call none of its compiled operators; what breaks is torchvision's import itself, which
# registers fake kernels for `torchvision::nms` and `torchvision::qnms` and dies when _C did not define them.
# Defining the two schemas (no kernels) before torchvision is first imported lets it import. torchaudio and
# torchcodec are not installed at all (setup-vllm removes them): vLLM only needs them for audio and video.
import torch

_lib = torch.library.Library("torchvision", "DEF")
_lib.define("nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
_lib.define("qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
