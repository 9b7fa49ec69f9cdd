#!/usr/bin/env python3
"""Makes tests/fixtures/tiny-bert: a tiny random BERT token classifier in Hugging Face layout
(config.json, model.safetensors, vocab.txt, tokenizer_config.json) and expected.json with the
logits of an independent reference forward pass, for the parity test of our ONNX BERT.

The reference is written here with plain PyTorch (no transformers package): post-LN encoder,
erf GELU, additive -10000 attention mask, token type 0, computed in float64 from the float32
weights. safetensors is written by hand (8-byte header length, JSON header, raw data) because the
safetensors Python package is not needed for a format this small.

Run: python3 scripts/make-bert-fixture.py [OUT_DIR]   (needs only torch)
"""
import json
import math
import os
import struct
import sys

import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "tiny-bert")
torch.manual_seed(20261204)

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", "the", "a", "in", "of", "and", "to",
         "was", "is", "born", "lives", "works", "at", "met", "visited", "ann", "##a", "bob", "john",
         "mary", "smith", "paris", "rome", "berlin", "lon", "##don", "new", "york", "google", "acme",
         "corp", "##s", "##ing", "##ed", "city", "river", "today", "he", "she", "they", "from", "with",
         "on", "by", "1", "2", "##0", "##1", "é", "##é", "zu", "##rich", "mu", "##nich"]
LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
CFG = dict(vocab_size=len(VOCAB), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
           intermediate_size=64, max_position_embeddings=64, type_vocab_size=2, layer_norm_eps=1e-12,
           hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1, initializer_range=0.02)
H, L, NH, I = CFG["hidden_size"], CFG["num_hidden_layers"], CFG["num_attention_heads"], CFG["intermediate_size"]


def rand(*shape, std=0.3):
    return (torch.randn(*shape) * std).float()


# Weights far larger than BERT's 0.02 init so that every part of the network visibly shapes the logits.
W = {}
W["bert.embeddings.word_embeddings.weight"] = rand(CFG["vocab_size"], H, std=1.0)
W["bert.embeddings.position_embeddings.weight"] = rand(CFG["max_position_embeddings"], H, std=0.5)
W["bert.embeddings.token_type_embeddings.weight"] = rand(CFG["type_vocab_size"], H, std=0.5)


def ln(prefix):
    W[prefix + ".weight"] = (1 + rand(H, std=0.2)).float()
    W[prefix + ".bias"] = rand(H, std=0.2)


def dense(prefix, o, i):
    W[prefix + ".weight"] = rand(o, i, std=1 / math.sqrt(i))
    W[prefix + ".bias"] = rand(o, std=0.1)


ln("bert.embeddings.LayerNorm")
for l in range(L):
    p = f"bert.encoder.layer.{l}"
    for n in ("query", "key", "value"):
        dense(f"{p}.attention.self.{n}", H, H)
    dense(f"{p}.attention.output.dense", H, H)
    ln(f"{p}.attention.output.LayerNorm")
    dense(f"{p}.intermediate.dense", I, H)
    dense(f"{p}.output.dense", H, I)
    ln(f"{p}.output.LayerNorm")
dense("classifier", len(LABELS), H)


def layer_norm(x, w, b):
    return torch.nn.functional.layer_norm(x, (H,), w, b, CFG["layer_norm_eps"])


def forward(ids, mask):
    P = {k: v.double() for k, v in W.items()}
    B, S = ids.shape
    x = P["bert.embeddings.word_embeddings.weight"][ids]
    x = x + P["bert.embeddings.position_embeddings.weight"][torch.arange(S)][None]
    x = x + P["bert.embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, P["bert.embeddings.LayerNorm.weight"], P["bert.embeddings.LayerNorm.bias"])
    bias = (1.0 - mask.double())[:, None, None, :] * -10000.0
    dh = H // NH
    for l in range(L):
        p = f"bert.encoder.layer.{l}"
        lin = lambda t, n: t @ P[f"{p}.{n}.weight"].T + P[f"{p}.{n}.bias"]
        split = lambda t: t.view(B, S, NH, dh).permute(0, 2, 1, 3)
        q, k, v = (split(lin(x, f"attention.self.{n}")) for n in ("query", "key", "value"))
        probs = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh) + bias, dim=-1)
        ctx = (probs @ v).permute(0, 2, 1, 3).reshape(B, S, H)
        h = layer_norm(lin(ctx, "attention.output.dense") + x,
                       P[f"{p}.attention.output.LayerNorm.weight"], P[f"{p}.attention.output.LayerNorm.bias"])
        inter = torch.nn.functional.gelu(lin(h, "intermediate.dense"))  # exact erf form
        x = layer_norm(lin(inter, "output.dense") + h,
                       P[f"{p}.output.LayerNorm.weight"], P[f"{p}.output.LayerNorm.bias"])
    return x @ P["classifier.weight"].T + P["classifier.bias"]


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        data = t.numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    head = json.dumps(header, separators=(",", ":"))
    head += " " * ((8 - (8 + len(head)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head.encode())
        for b in blobs:
            f.write(b)


os.makedirs(OUT, exist_ok=True)
write_safetensors(os.path.join(OUT, "model.safetensors"), W)
config = {"architectures": ["BertForTokenClassification"], "model_type": "bert", **CFG,
          "hidden_act": "gelu", "pad_token_id": 0, "position_embedding_type": "absolute",
          "id2label": {str(i): l for i, l in enumerate(LABELS)}, "label2id": {l: i for i, l in enumerate(LABELS)}}
with open(os.path.join(OUT, "config.json"), "w") as f:
    json.dump(config, f, indent=2)
with open(os.path.join(OUT, "vocab.txt"), "w") as f:
    f.write("\n".join(VOCAB) + "\n")
with open(os.path.join(OUT, "tokenizer_config.json"), "w") as f:
    json.dump({"do_lower_case": True, "model_max_length": 64, "tokenizer_class": "BertTokenizer"}, f, indent=2)

# Three sequences of different lengths, padded: padding must not change the real tokens' logits.
seqs = [[2, 21, 22, 13, 15, 9, 30, 31, 5, 3],
        [2, 23, 26, 17, 18, 34, 3],
        [2, 43, 20, 27, 11, 28, 47, 25, 48, 40, 41, 42, 5, 3]]
S = max(len(s) for s in seqs)
ids = torch.tensor([s + [0] * (S - len(s)) for s in seqs])
mask = torch.tensor([[1] * len(s) + [0] * (S - len(s)) for s in seqs])
logits = forward(ids, mask)
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump({"input_ids": ids.tolist(), "attention_mask": mask.tolist(),
               "logits": [[[round(v, 7) for v in row] for row in seq] for seq in logits.tolist()]}, f)
print(f"wrote {OUT}: {sum(t.numel() for t in W.values())} parameters, logits {list(logits.shape)}")
