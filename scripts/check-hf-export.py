#!/usr/bin/env python3
"""Reads an exported folder the way transformers' BertForTokenClassification would (config.json +
model.safetensors under Hugging Face names, Linear weights [out, in]) and prints its logits for the
input ids given on stdin, with an independent numpy BERT forward pass. tests/export uses it to check
that `export-model --hf` writes a checkpoint that means the same network as our model.onnx.

Run: echo '{"input_ids": [[2, 7, 3]]}' | python3 scripts/check-hf-export.py DIR   (needs only numpy)
"""
import json
import math
import os
import struct
import sys

import numpy as np

DIR = sys.argv[1]
cfg = json.load(open(os.path.join(DIR, "config.json"), encoding="utf-8"))
assert cfg["model_type"] == "bert" and cfg["architectures"] == ["BertForTokenClassification"], cfg
H, L, NH = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"]
I, eps = cfg["intermediate_size"], cfg["layer_norm_eps"]
labels = len(cfg["id2label"])
assert {int(k) for k in cfg["id2label"]} == set(range(labels))
assert all(cfg["label2id"][v] == int(k) for k, v in cfg["id2label"].items())

with open(os.path.join(DIR, "model.safetensors"), "rb") as f:
    (n,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(n))
    data = f.read()
W = {}
for name, e in header.items():
    if name == "__metadata__":
        continue
    assert e["dtype"] == "F32", (name, e["dtype"])
    a, b = e["data_offsets"]
    W[name] = np.frombuffer(data[a:b], dtype="<f4").reshape(e["shape"]).astype(np.float64)

# The state dict of BertForTokenClassification(config): every name, every shape, nothing else.
want = {
    "bert.embeddings.word_embeddings.weight": (cfg["vocab_size"], H),
    "bert.embeddings.position_embeddings.weight": (cfg["max_position_embeddings"], H),
    "bert.embeddings.token_type_embeddings.weight": (cfg["type_vocab_size"], H),
    "bert.embeddings.LayerNorm.weight": (H,),
    "bert.embeddings.LayerNorm.bias": (H,),
    "classifier.weight": (labels, H),
    "classifier.bias": (labels,),
}
for l in range(L):
    p = f"bert.encoder.layer.{l}."
    for d, o, i in [("attention.self.query", H, H), ("attention.self.key", H, H), ("attention.self.value", H, H),
                    ("attention.output.dense", H, H), ("intermediate.dense", I, H), ("output.dense", H, I)]:
        want[p + d + ".weight"], want[p + d + ".bias"] = (o, i), (o,)
    for d in ("attention.output.LayerNorm", "output.LayerNorm"):
        want[p + d + ".weight"], want[p + d + ".bias"] = (H,), (H,)
got = {k: tuple(v.shape) for k, v in W.items()}
assert got == want, {"missing": sorted(set(want) - set(got)), "unexpected": sorted(set(got) - set(want)),
                     "shape": sorted(k for k in want if k in got and got[k] != want[k])}

erf = np.vectorize(math.erf)


def ln(x, p):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * W[p + ".weight"] + W[p + ".bias"]


def lin(x, p):
    return x @ W[p + ".weight"].T + W[p + ".bias"]


ids = np.array(json.load(sys.stdin)["input_ids"])
B, S = ids.shape
x = W["bert.embeddings.word_embeddings.weight"][ids] + W["bert.embeddings.position_embeddings.weight"][:S]
x = ln(x + W["bert.embeddings.token_type_embeddings.weight"][0], "bert.embeddings.LayerNorm")
dh = H // NH
for l in range(L):
    p = f"bert.encoder.layer.{l}."
    q, k, v = (lin(x, p + "attention.self." + n).reshape(B, S, NH, dh).transpose(0, 2, 1, 3)
               for n in ("query", "key", "value"))
    s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh)
    e = np.exp(s - s.max(-1, keepdims=True))
    ctx = ((e / e.sum(-1, keepdims=True)) @ v).transpose(0, 2, 1, 3).reshape(B, S, H)
    h = ln(lin(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
    u = lin(h, p + "intermediate.dense")
    x = ln(lin(0.5 * u * (1 + erf(u / math.sqrt(2))), p + "output.dense") + h, p + "output.LayerNorm")
print(json.dumps({"logits": lin(x, "classifier").tolist()}))
