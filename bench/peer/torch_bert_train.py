"""PyTorch peer for the training benchmark: the same BERT token classifier (post-LN, erf GELU,
learned positions, additive attention mask, cross-entropy with ignore index -100) trained with
torch.optim.AdamW at the same shapes and thread count as NER Studio's ONNX training graphs, doing
the same work per step: dropout 0.1 where BERT has it (embeddings, attention probabilities, both
sublayer outputs, before the classifier) and global-norm gradient clipping at 1.

Usage: python3 torch_bert_train.py SHAPE THREADS STEPS   (SHAPE: small | base)
Prints one JSON object: median ms per step, tokens/s, peak RSS (MB), torch and BLAS details.
"""
import json
import resource
import sys
import time

import torch
from torch import nn

SHAPES = {
    "small": dict(vocab=8000, hidden=128, layers=2, heads=2, inter=512, batch=16, seq=64),
    "base": dict(vocab=30522, hidden=768, layers=2, heads=12, inter=3072, batch=8, seq=128),
}
DROPOUT = 0.1


class Layer(nn.Module):
    def __init__(self, h, heads, inter):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.ln1 = nn.LayerNorm(h, eps=1e-12)
        self.ff1 = nn.Linear(h, inter)
        self.ff2 = nn.Linear(inter, h)
        self.ln2 = nn.LayerNorm(h, eps=1e-12)
        self.drop = nn.Dropout(DROPOUT)

    def forward(self, x, bias):
        b, s, h = x.shape
        d = h // self.heads
        split = lambda t: t.view(b, s, self.heads, d).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = self.drop(torch.softmax(q @ k.transpose(-1, -2) / d**0.5 + bias, dim=-1))
        ctx = (att @ v).transpose(1, 2).reshape(b, s, h)
        x = self.ln1(x + self.drop(self.o(ctx)))
        return self.ln2(x + self.drop(self.ff2(nn.functional.gelu(self.ff1(x)))))


class Tagger(nn.Module):
    def __init__(self, c, labels=9):
        super().__init__()
        h = c["hidden"]
        self.word = nn.Embedding(c["vocab"], h)
        self.pos = nn.Embedding(512, h)
        self.token_type = nn.Embedding(2, h)
        self.ln = nn.LayerNorm(h, eps=1e-12)
        self.layers = nn.ModuleList(Layer(h, c["heads"], c["inter"]) for _ in range(c["layers"]))
        self.cls = nn.Linear(h, labels)
        self.drop = nn.Dropout(DROPOUT)

    def forward(self, ids, mask):
        pos = torch.arange(ids.shape[1]).unsqueeze(0)
        x = self.drop(self.ln(self.word(ids) + self.pos(pos) + self.token_type(torch.zeros_like(ids))))
        bias = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.cls(self.drop(x))


def main():
    shape, threads, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    c = SHAPES[shape]
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    model = Tagger(c)
    decay = [p for n, p in model.named_parameters() if p.dim() > 1]
    no_decay = [p for n, p in model.named_parameters() if p.dim() <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=1e-4)
    ids = torch.randint(0, c["vocab"], (c["batch"], c["seq"]))
    mask = torch.ones_like(ids)
    labels = torch.randint(0, 9, (c["batch"], c["seq"]))
    labels[:, -4:] = -100
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    times = []
    for i in range(steps + 3):
        t = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(ids, mask).view(-1, 9), labels.view(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= 3:
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    ms = times[len(times) // 2]
    blas = "unknown"
    try:
        cfg = torch.__config__.show()
        blas = "openblas" if "OpenBLAS" in cfg or "openblas" in cfg else blas
    except Exception:
        pass
    print(json.dumps({
        "shape": shape,
        "threads": threads,
        "msPerStep": ms,
        "tokensPerSec": c["batch"] * c["seq"] / (ms / 1000),
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch": torch.__version__,
        "blas": blas,
    }))


if __name__ == "__main__":
    main()
