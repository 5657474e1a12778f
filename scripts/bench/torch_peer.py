#!/usr/bin/env python3
"""The PyTorch peer of the kerasish benchmark: trains/infers the same network as the Keras model, on the same data.

    /usr/bin/python3 scripts/bench/torch_peer.py --data DIR/MODEL [--threads T]

DIR/MODEL holds meta.json and float32 .npy files (x_train, y_train, x_test, y_test; VGG-16 only x_test) written by
the Java driver. Prints one line ``RESULT {json}``: model, impl, train_per_s (the fastest epoch after the
first), first_epoch_s, infer_per_s (best of 5 passes after 2 s of warm-up
passes), accuracy, peak_rss_mb, settings.

--threads T is the number of cores the caller gives the peer (default os.cpu_count()); a model whose TUNING row
says fewer threads are faster uses fewer. OPENBLAS_NUM_THREADS is the TUNING row's value unless the caller set it.
Standard library + numpy + torch only (torch 1.13 from Debian, CPU).
"""
import argparse
import json
import os
import resource
import sys
import time

# Per-model tuning, chosen by measurement on the project's development machine (2 shared cores, AVX2, torch 1.13.0a0
# Debian build: oneDNN 2.6.3 for convolutions, pthread OpenBLAS 0.3.21 for matmul/linear/LSTM gemms, libgomp for
# torch's own parallel ops).
#   threads: torch.set_num_threads (at most --threads); openblas: OPENBLAS_NUM_THREADS unless the caller set it (at
#   most --threads); mkldnn: torch.backends.mkldnn.enabled; channels_last: conv weights and inputs in NHWC memory;
#   foreach: the optimizer's multi-tensor step; seq / seq_infer: imdb's masked LSTM in training / inference, "pack"
#   (pack_padded_sequence of the post-padded ids, embedding only the real words) or "gather" (the LSTM over the
#   post-padded batch cut to its longest review, the output taken at each review's last word: the same numbers, the
#   LSTM being causal); jit: inference through torch.jit.trace + "freeze" or + "optimize_for_inference" (frozen, convs
#   and their weights in oneDNN's blocked layout).
# Measured 2026-11-24, examples/s; each setting in its own process, settings alternated round by round, runs started
# only when the other processes used < 15% of the cores, best of the rounds (min-max in brackets); synthetic data of
# the real sizes (60,000 + 10,000 28x28 images; 5,000 + 1,000 reviews of maxlen 100, 22% shorter; 20,000 + 2,000
# windows 40 x 57 characters); training = 300 (mlp), 150 (lenet), 200 (imdb), 60 (alice) batches after 10 warm-up.
# "tT/bB" = T torch threads, OPENBLAS_NUM_THREADS=B. Two threads of each kind oversubscribe the 2 cores (t2/b2 worst).
#   mlp    train (5 rounds) t2/b1 12,027  t1/b2 15,209  t1/b2 foreach off 7,877; 3 more: t2/b1 13,764 [464-13,764]
#          t1/b2 14,214 [7,484-14,214] t1/b1 12,010 t2/b2 5,460.  infer: t1/b2 109,940 [60k-110k] vs t2/b1 62,764
#          [6k-63k], t1/b1 69,062; t1/b2 eager 136,580 vs jit freeze 120,309 vs optimize_for_inference 118,806.
#          -> t1/b2: as fast to train, 1.7x faster inference, and no OpenMP barrier to lose on busy cores.
#   lenet  train t2/b1 9,705 [8,515-9,705]  t1/b2 6,930  t1/b1 6,616  t2/b1 channels_last 8,780  mkldnn off 2,638.
#          infer t2/b1 33,603  channels_last 34,838  t1/b1 23,244  mkldnn off 7,444; eager 34,986 [24,506-34,986]
#          vs optimize_for_inference 41,110 [35,257-41,110] (faster in 6 of 7 rounds), freeze 32,738.
#   imdb   train t1 gather 938 [790-938]  t1 pack 648 [497-648]  t2 gather 656  t2 pack 550  t1/b2 gather 967
#          [855-967]; infer (batch 256) t1 gather 11,554 [8,652-11,554] vs t1 pack 14,028 [10,329-14,028].
#   alice  train t1/b1 1,642  t2/b1 1,691  t1/b2 1,997 [1,676-1,997]  t2/b2 736; infer t1/b1 4,735  t2/b1 4,933
#          t1/b2 5,852; t1/b2 eager vs jit freeze: 5,460 vs 6,093 (3 rounds), then 6,461 vs 6,069 (5 rounds,
#          freeze ahead in 3): not measurably faster, so eager.
#   vgg16  infer (images/s) t2/b1 NCHW eager 3.2, channels_last 2.7, channels_last + freeze 2.7, t2/b2
#          channels_last 2.6, NCHW + optimize_for_inference 3.9 [3.7-3.9]; again: NCHW eager 2.97, NCHW
#          optimize_for_inference 4.05, channels_last optimize_for_inference 3.70, t2/b2 NCHW ofi 3.82.
#   foreach (Adam): mlp t1/b2 15,209 on vs 7,877 off; lenet t2/b1 9,632 [7,734-9,632] on vs 9,544 [7,725-9,544] off.
# The whole peer, this table vs plain settings (t2/b1, eager, NCHW, foreach off, imdb packed), 2 rounds, full epochs
# (last of 2 timed): train mlp 9,983 / 13,275 vs 8,744 / 8,433; lenet 7,950 / 7,705 vs 8,944 / 10,241 (the same
# training settings but foreach; 3 more rounds: 7,250 / 8,284 / 8,722 vs 7,952 / 249 (busy) / 8,719); imdb 991 /
# 1,036 vs 740 / 700; alice 1,592 / 1,649 vs 1,446 / 1,504 (its inference then frozen: 4,793 / 4,739 vs
# 4,753 / 4,936). Infer mlp 87,980 / 148,951 vs 56,403 / 71,356; lenet
# 35,453 / 38,718 vs 31,801 / 37,105 (3 more: 36,240 / 43,308 / 45,161 vs 24,610 / 3,516 / 31,211); imdb (packed
# in both) 9,855 / 13,187 vs 13,719 / 11,703; vgg16 3.53 / 3.85 vs 2.82 / 2.87.
# Inference, as the Java worker (Worker.java): passes over the test set for WARM_UP_S, then the best of TIMED_PASSES.
WARM_UP_S = 2.0
TIMED_PASSES = 5
TUNING = {
    "mlp": dict(threads=1, openblas=2, mkldnn=True, foreach=True),
    "lenet": dict(threads=2, openblas=1, mkldnn=True, channels_last=False, foreach=True,
                  jit="optimize_for_inference"),
    "imdb": dict(threads=1, openblas=1, mkldnn=True, foreach=True, seq="gather", seq_infer="pack"),
    "alice": dict(threads=1, openblas=2, mkldnn=True, foreach=True),
    "vgg16": dict(threads=2, openblas=1, mkldnn=True, channels_last=False, jit="optimize_for_inference"),
}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="DIR/MODEL with meta.json and the .npy files")
    p.add_argument("--threads", type=int, default=os.cpu_count(),
                   help="cores given to the peer (default os.cpu_count()); the model's tuning may use fewer")
    return p.parse_args(argv)


def read_meta(data_dir):
    with open(os.path.join(data_dir, "meta.json"), encoding="utf-8") as f:
        return json.load(f)


def prepare_env(model, threads):
    """Sets OPENBLAS_NUM_THREADS before numpy/torch load OpenBLAS; returns True when the caller had set it."""
    caller = "OPENBLAS_NUM_THREADS" in os.environ
    if not caller:
        os.environ["OPENBLAS_NUM_THREADS"] = str(max(1, min(threads, TUNING.get(model, {}).get("openblas", 1))))
    return caller


if __name__ == "__main__":
    _ARGS = parse_args()
    _META = read_meta(_ARGS.data)
    _CALLER_BLAS = prepare_env(_META["model"], _ARGS.threads)

import numpy as np  # noqa: E402  (after OPENBLAS_NUM_THREADS is set)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence  # noqa: E402


# ---------------------------------------------------------------------------------------------------------------
# Keras default initializers: glorot_uniform kernels, zero biases; LSTM orthogonal recurrent kernel and forget-gate
# bias 1; Embedding uniform(-0.05, 0.05). PyTorch's layouts are the transposes of Keras's, and xavier_uniform_ /
# orthogonal_ take fan-in/fan-out the same way, so the distributions match. Gate order is i, f, g(c), o in both.

def keras_init(module):
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.uniform_(m.weight, -0.05, 0.05)
        elif isinstance(m, nn.LSTM):
            h = m.hidden_size
            for name, p in m.named_parameters():
                if name.startswith("weight_ih"):
                    nn.init.xavier_uniform_(p)
                elif name.startswith("weight_hh"):
                    nn.init.orthogonal_(p)
                elif name.startswith("bias_ih"):
                    with torch.no_grad():
                        p.zero_()
                        p[h:2 * h] = 1.0  # unit_forget_bias (Keras has one bias; bias_hh stays 0)
                elif name.startswith("bias_hh"):
                    nn.init.zeros_(p)
    return module


# ---------------------------------------------------------------------------------------------------------------
# The networks. Each returns logits; the Keras softmax/sigmoid is folded into the loss for training
# (cross_entropy / binary_cross_entropy_with_logits, the numerically stable PyTorch form) and applied in predict().

def mlp():
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 512), nn.ReLU(inplace=True),
        nn.Linear(512, 256), nn.ReLU(inplace=True),
        nn.Linear(256, 10))


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(inplace=True), nn.MaxPool2d(2),
        nn.Flatten(),  # NCHW order, Keras's is NHWC: a fixed permutation of Dense(120)'s random rows
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(inplace=True),
        nn.Linear(120, 84), nn.ReLU(inplace=True),
        nn.Linear(84, 10))


def vgg16():
    layers, c = [], 3
    for width, convs in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)):
        for _ in range(convs):
            layers += [nn.Conv2d(c, width, 3, padding=1), nn.ReLU(inplace=True)]
            c = width
        layers.append(nn.MaxPool2d(2))
    layers += [nn.Flatten(),
               nn.Linear(512 * 7 * 7, 4096), nn.ReLU(inplace=True),
               nn.Linear(4096, 4096), nn.ReLU(inplace=True),
               nn.Linear(4096, 1000)]
    return nn.Sequential(*layers)


class ImdbLstm(nn.Module):
    """Embedding(mask_zero) -> Dropout -> LSTM (masked: the state after each review's last real word) -> Dropout ->
    Dense(1). Input: POST-padded ids (B, T) int64 and lengths (B,) int64 (converted once from Keras's pre-padding)."""

    def __init__(self, num_words, embedding_dim, units, dropout, seq="pack"):
        super().__init__()
        self.embedding = nn.Embedding(num_words, embedding_dim)
        self.drop_in = nn.Dropout(dropout)
        self.lstm = nn.LSTM(embedding_dim, units, batch_first=True)
        self.drop_out = nn.Dropout(dropout)
        self.dense = nn.Linear(units, 1)
        self.seq = seq

    def forward(self, x, lengths):
        if self.seq == "pack":
            # pack the ids, embed only the real words, run the LSTM on the packed steps: h_n is each review's state
            # after its last word, in the batch's order
            packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            data = self.drop_in(self.embedding(packed.data))
            _, (h, _) = self.lstm(PackedSequence(data, packed.batch_sizes, packed.sorted_indices,
                                                 packed.unsorted_indices))
            last = h[0]
        else:
            # "gather": the LSTM over the batch cut to its longest review, the output at each review's last word
            # (what follows it is padding the causal LSTM has not read yet; its gradient is zero)
            t = int(lengths.max())
            out, _ = self.lstm(self.drop_in(self.embedding(x[:, :t])))
            last = out[torch.arange(x.shape[0]), lengths - 1]
        return self.dense(self.drop_out(last))


class CharLstm(nn.Module):
    """LSTM(units) over one-hot characters (B, 40, V) -> Dense(V); the input stays one-hot, as in the Keras model."""

    def __init__(self, vocab, units):
        super().__init__()
        self.lstm = nn.LSTM(vocab, units, batch_first=True)
        self.dense = nn.Linear(units, vocab)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.dense(h[0])


# ---------------------------------------------------------------------------------------------------------------
# Data: the conversions a PyTorch user does once on load.

def load(data_dir, name):
    return torch.from_numpy(np.load(os.path.join(data_dir, name + ".npy")))


def nhwc_to_nchw(x, channels_last):
    """(N,H,W,C) -> (N,C,H,W). The permuted view already has channels_last strides: no copy in that case."""
    x = x.permute(0, 3, 1, 2)
    return x.contiguous(memory_format=torch.channels_last if channels_last else torch.contiguous_format)


def post_pad(x):
    """Keras pre-padded ids (N, T) floats, 0 = padding in front -> (post-padded int64 ids, int64 lengths)."""
    ids = x.round().long()
    lengths = (ids != 0).sum(1)
    t = ids.shape[1]
    # row i: its last lengths[i] ids moved to the front, zeros after them
    cols = (torch.arange(t).unsqueeze(0) + (t - lengths).unsqueeze(1)) % t
    post = torch.gather(ids, 1, cols)
    post[torch.arange(t).unsqueeze(0) >= lengths.unsqueeze(1)] = 0
    if bool((lengths == 0).any()):
        raise ValueError("a sequence of length 0 (all padding)")
    return post.contiguous(), lengths


def class_ids(y_onehot):
    """One-hot targets -> class indices, the form cross_entropy takes (the same loss)."""
    return y_onehot.argmax(1)


# ---------------------------------------------------------------------------------------------------------------

class Task:
    """A model, its inputs (tuples of tensors indexed along dim 0) and its loss / prediction functions."""

    def __init__(self, model, train_inputs, train_target, test_inputs, test_labels, binary):
        self.model = model
        self.train_inputs = train_inputs
        self.train_target = train_target
        self.test_inputs = test_inputs
        self.test_labels = test_labels  # class ids, or 0/1 floats when binary
        self.binary = binary

    def loss(self, logits, target):
        if self.binary:
            return F.binary_cross_entropy_with_logits(logits, target)
        return F.cross_entropy(logits, target)

    def predict(self, *inputs):
        logits = self.model(*inputs)
        return torch.sigmoid(logits) if self.binary else torch.softmax(logits, 1)


def build(meta, data_dir, tune):
    name = meta["model"]
    cl = tune.get("channels_last", False)
    if name == "vgg16":
        model = keras_init(vgg16())
        x_test = nhwc_to_nchw(load(data_dir, "x_test"), cl)
        if cl:
            model = model.to(memory_format=torch.channels_last)
        return Task(model, None, None, (x_test,), None, False)
    x_train, y_train = load(data_dir, "x_train"), load(data_dir, "y_train")
    x_test, y_test = load(data_dir, "x_test"), load(data_dir, "y_test")
    if name == "mlp":
        model = keras_init(mlp())
        return Task(model, (x_train.reshape(len(x_train), -1),), class_ids(y_train),
                    (x_test.reshape(len(x_test), -1),), class_ids(y_test), False)
    if name == "lenet":
        model = keras_init(lenet())
        if cl:
            model = model.to(memory_format=torch.channels_last)
        return Task(model, (nhwc_to_nchw(x_train, cl),), class_ids(y_train),
                    (nhwc_to_nchw(x_test, cl),), class_ids(y_test), False)
    if name == "imdb":
        model = keras_init(ImdbLstm(meta.get("num_words", 500), meta.get("embedding_dim", 32), meta.get("units", 32),
                                    meta.get("dropout", 0.2), tune.get("seq", "pack")))
        return Task(model, post_pad(x_train), y_train.reshape(-1, 1).contiguous(),
                    post_pad(x_test), y_test.reshape(-1), True)
    if name == "alice":
        vocab = x_train.shape[2]
        model = keras_init(CharLstm(vocab, meta.get("units", 128)))
        return Task(model, (x_train,), class_ids(y_train), (x_test,), class_ids(y_test), False)
    raise ValueError("unknown model " + name)


def optimizer(meta, params, tune):
    kind = meta.get("optimizer", "adam").lower()
    foreach = tune.get("foreach", False)
    if kind == "adam":
        return torch.optim.Adam(params, lr=meta.get("lr", 1e-3), eps=1e-7, foreach=foreach)
    if kind == "rmsprop":
        # Keras: v = rho v + (1 - rho) g^2; w -= lr g / (sqrt(v) + eps); accumulator starts at 0
        return torch.optim.RMSprop(params, lr=meta.get("lr", 1e-3), alpha=0.9, eps=1e-7, foreach=foreach)
    raise ValueError("unknown optimizer " + kind)


def train(task, opt, batch, epochs, seed):
    """Trains `epochs` epochs, a fresh permutation each; returns the seconds of each epoch."""
    model, inputs, target = task.model, task.train_inputs, task.train_target
    n = target.shape[0]
    gen = torch.Generator().manual_seed(seed)
    model.train()
    seconds = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(n, generator=gen)
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            logits = model(*[x[idx] for x in inputs])
            loss = task.loss(logits, target[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        seconds.append(time.perf_counter() - t0)
    return seconds


def sweep(task, batch, repeats, predict):
    """One inference pass: `repeats` sweeps over the test inputs in batches; returns the last sweep's outputs."""
    inputs = task.test_inputs
    n = inputs[0].shape[0]
    outs = None
    for _ in range(repeats):
        outs = [predict(*[x[i:i + batch] for x in inputs]) for i in range(0, n, batch)]
    return outs


def predictor(task, tune, batch):
    """Sets the model up for inference (eval, imdb's inference sequence form, optional TorchScript); returns the
    function that maps a batch of inputs to the Keras model's outputs (softmax / sigmoid)."""
    task.model.eval()
    if isinstance(task.model, ImdbLstm):
        task.model.seq = tune.get("seq_infer", task.model.seq)
    jit = tune.get("jit")
    if not jit:
        return task.predict
    with torch.no_grad():
        traced = torch.jit.trace(task.model, tuple(x[:batch] for x in task.test_inputs))
        traced = torch.jit.optimize_for_inference(traced) if jit == "optimize_for_inference" \
            else torch.jit.freeze(traced)
    if task.binary:
        return lambda *xs: torch.sigmoid(traced(*xs))
    return lambda *xs: torch.softmax(traced(*xs), 1)


def accuracy(task, outs):
    p = torch.cat(outs)
    if task.binary:
        return float(((p.reshape(-1) > 0.5).float() == task.test_labels).float().mean())
    return float((p.argmax(1) == task.test_labels).float().mean())


def run(meta, data_dir, threads, caller_blas):
    name = meta["model"]
    tune = TUNING.get(name, {})
    used_threads = max(1, min(threads, tune.get("threads", threads)))
    torch.set_num_threads(used_threads)
    torch.backends.mkldnn.enabled = tune.get("mkldnn", True)
    seed = int(meta.get("seed", 42))
    torch.manual_seed(seed)

    blas_name = blas_library()
    task = build(meta, data_dir, tune)
    epochs = int(meta.get("epochs", 0))
    train_per_s = first_epoch_s = None
    if epochs > 0:
        opt = optimizer(meta, task.model.parameters(), tune)
        seconds = train(task, opt, int(meta["batch"]), epochs, seed)
        # as the Java worker: the fastest epoch after the first, the first apart
        train_per_s = task.train_target.shape[0] / (min(seconds[1:]) if len(seconds) > 1 else seconds[0])
        first_epoch_s = seconds[0]

    predict = predictor(task, tune, int(meta["infer_batch"]))
    batch, repeats = int(meta["infer_batch"]), int(meta.get("infer_repeats", 1))
    n_pass = task.test_inputs[0].shape[0] * repeats
    with torch.inference_mode():
        warm_up = time.perf_counter()
        outs = sweep(task, batch, repeats, predict)  # warm-up, as long as the Java worker's
        while time.perf_counter() - warm_up < WARM_UP_S:
            outs = sweep(task, batch, repeats, predict)
        best = float("inf")
        for _ in range(TIMED_PASSES):
            t0 = time.perf_counter()
            sweep(task, batch, repeats, predict)
            best = min(best, time.perf_counter() - t0)
    acc = accuracy(task, outs) if task.test_labels is not None and epochs > 0 else None

    blas = os.environ.get("OPENBLAS_NUM_THREADS")
    parts = ["torch " + torch.__version__,
             "torch.set_num_threads(%d)%s" % (used_threads, " (of %d given)" % threads if used_threads < threads
                                                 else ""),
             "%s, OPENBLAS_NUM_THREADS=%s%s" % (blas_name, blas, " (caller's)" if caller_blas else ""),
             "mkldnn " + ("on" if torch.backends.mkldnn.enabled else "off")]
    if os.environ.get("GOMP_SPINCOUNT") is not None:
        parts.append("GOMP_SPINCOUNT=" + os.environ["GOMP_SPINCOUNT"])
    if name in ("lenet", "vgg16"):
        parts.append("channels_last" if tune.get("channels_last") else "NCHW contiguous")
    if name == "imdb":
        forms = {"pack": "pack_padded_sequence", "gather": "padded LSTM + output at each review's last word"}
        parts.append("training: " + forms[tune.get("seq", "pack")])
        parts.append("inference: " + forms[tune.get("seq_infer", tune.get("seq", "pack"))])
    if epochs > 0:
        parts.append("optimizer foreach " + ("on" if tune.get("foreach") else "off"))
        parts.append("softmax folded into cross_entropy on class ids" if not task.binary
                     else "sigmoid folded into binary_cross_entropy_with_logits")
    if tune.get("jit"):
        parts.append("torch.jit.trace + " + ("optimize_for_inference" if tune["jit"] == "optimize_for_inference"
                                             else "freeze"))
    return {
        "model": name,
        "impl": "PyTorch",
        "train_per_s": round(train_per_s, 1) if train_per_s is not None else None,
        "first_epoch_s": round(first_epoch_s, 3) if first_epoch_s is not None else None,
        "infer_per_s": round(n_pass / best, 2),
        "accuracy": round(acc, 4) if acc is not None else None,
        "peak_rss_mb": peak_rss_mb(),
        "settings": ", ".join(parts),
    }


def blas_library():
    """The BLAS that torch's linear layers and LSTMs multiply with, from this process's memory map: Debian's torch
    links libblas.so.3, which its alternatives point at OpenBLAS or at the reference BLAS (netlib). On 2026-12-03 a
    fresh machine had only the reference one (python3-torch does not pull OpenBLAS in): 256x784 times 784x512 took
    54 ms instead of 1.4, and the MLP trained at 1,663 instead of 24,602 examples/s. Returns a short name, or
    exits with what to install."""
    F.linear(torch.ones(2, 2), torch.ones(2, 2))  # the library is loaded by the first product
    paths = set()  # libblas.so.3 itself: numpy may map OpenBLAS beside the reference library torch calls
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if path.startswith("/") and os.path.basename(path).startswith("libblas.so"):
                paths.add(os.path.realpath(path))
    if paths and all("openblas" in p for p in paths):
        return "OpenBLAS (" + os.path.basename(os.path.dirname(sorted(paths)[0])) + ")"
    if paths:
        sys.exit("torch_peer: PyTorch multiplies with " + ", ".join(sorted(paths)) + ", the reference BLAS, 40x "
                 "slower than OpenBLAS: no measurement worth comparing. Install OpenBLAS (apt-get install "
                 "libopenblas0-pthread) or run the suite with --no-torch.")
    return "no libblas.so in the memory map"


def peak_rss_mb():
    """This process's peak resident set: VmHWM, as the Java workers report it. Not ru_maxrss: Linux carries that
    over from the parent through exec, so it showed the suite's JVM (978 MB for every model on 2026-12-03)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main():
    result = run(_META, _ARGS.data, _ARGS.threads, _CALLER_BLAS)
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    sys.exit(main())
