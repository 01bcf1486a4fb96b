"""The Qwen2 byte-level BPE vocabulary from a tiktoken rank file, as a Hugging Face `tokenizers` tokenizer.

The rank file (``../shared/data/qwen2/qwen.tiktoken``: ``base64(token bytes) rank`` per line) holds the 151,643
normal tokens of Qwen2; their rank order is the merge order. The merges are derived as tiktoken's BPE reaches each
token (merge the adjacent pair of lowest rank until two parts are left). Qwen2-VL's 14 special tokens follow at
their real ids, 151643–151656.
"""

import base64
import os

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers

SPECIALS = [
    "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>",
    "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>",
    "<|image_pad|>", "<|video_pad|>",
]
# Qwen2's pre-tokenizer: contractions, letters with one leading non-letter, single digits, punctuation runs, newlines.
QWEN2_PATTERN = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
)


def default_tiktoken_path():
    """../shared/data/qwen2/qwen.tiktoken beside the repository (or $EASEL_QWEN2_TIKTOKEN)."""
    if "EASEL_QWEN2_TIKTOKEN" in os.environ:
        return os.environ["EASEL_QWEN2_TIKTOKEN"]
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(repo, "..", "shared", "data", "qwen2", "qwen.tiktoken")


def byte_level_alphabet():
    """GPT-2's map of the 256 bytes to printable characters (what byte-level BPE vocabularies store)."""
    bs = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def read_ranks(path, limit=None):
    ranks = {}
    try:
        with open(path, "rb") as f:
            for number, line in enumerate(f, 1):
                if limit is not None and len(ranks) == limit:
                    break
                parts = line.split()
                if len(parts) != 2:
                    raise ValueError(f"{path} line {number}: expected 'base64 rank'")
                ranks[base64.b64decode(parts[0])] = int(parts[1])
    except FileNotFoundError:
        raise SystemExit(f"{path}: no such file (the Qwen2 vocabulary; see ../shared/data/qwen2/README.md)")
    return ranks


def vocabulary_and_merges(path, limit=None):
    """(vocab {byte-level string: id}, merges [(left, right)] in rank order) of the first `limit` ranks (all by
    default)."""
    ranks = read_ranks(path, limit)
    alphabet = byte_level_alphabet()
    table = [alphabet[b] for b in range(256)]

    def to_str(bs):
        return "".join(table[b] for b in bs)

    vocab = {to_str(token): rank for token, rank in ranks.items()}
    merges = []
    for token, rank in sorted(ranks.items(), key=lambda item: item[1]):
        if len(token) < 2:
            continue
        parts = [token[i:i + 1] for i in range(len(token))]
        while len(parts) > 2:
            best_rank, best_i = None, -1
            for i in range(len(parts) - 1):
                r = ranks.get(parts[i] + parts[i + 1])
                if r is not None and (best_rank is None or r < best_rank):
                    best_rank, best_i = r, i
            if best_rank is None or best_rank >= rank:
                break
            parts[best_i:best_i + 2] = [parts[best_i] + parts[best_i + 1]]
        if len(parts) == 2:  # otherwise BPE never builds this token from smaller ones (as in tiktoken itself)
            merges.append((to_str(parts[0]), to_str(parts[1])))
    return vocab, merges


def build_tokenizer(path=None, limit=None):
    """The Qwen2 tokenizer with Qwen2-VL's special tokens right after the normal tokens: at their real ids
    151643–151656 with the whole vocabulary, or after the first `limit` ranks for a smaller, cheaper one."""
    vocab, merges = vocabulary_and_merges(path or default_tiktoken_path(), limit)
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=merges, byte_fallback=False, ignore_merges=False))
    tokenizer.normalizer = normalizers.NFC()
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False),
    ])
    tokenizer.decoder = decoders.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    tokenizer.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in SPECIALS])
    assert tokenizer.token_to_id("<|endoftext|>") == len(vocab)
    assert tokenizer.token_to_id("<|video_pad|>") == len(vocab) + len(SPECIALS) - 1
    return tokenizer
