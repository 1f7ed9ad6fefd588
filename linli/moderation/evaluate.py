"""How well the score generalises to spam it has not seen: leave one kind out (corpus/).

For each spam kind K the classifier is trained on every other kind and on the ham outside one
fold, then scores the spam of kind K and that ham fold (the ham is cut into as many folds as there
are spam kinds, so every ordinary text is scored once by a classifier that never saw it). The
rules are fixed, not trained: they are the part that has to carry a kind nobody labelled.
Texts are scored as a newly verified resident's (the account signals add a little).

    recall_K    = share of kind K held or rejected
    precision_K = flagged spam of K / everything flagged in (K + its ham fold)
    ham held    = share of all ordinary texts held or rejected
"""

import statistics
import time
from collections import Counter, defaultdict

from . import scoring
from .screen import corpus_rows


def _model(counts_spam, counts_ham, n_spam, n_ham):
    return scoring.Classifier(counts_spam, counts_ham, n_spam, n_ham)


def leave_one_kind_out(signals=scoring.NEWLY_VERIFIED, rows=None):
    rows = rows if rows is not None else corpus_rows()
    toks = [scoring.tokens(r["text"]) for r in rows]
    spam_all, ham_all = Counter(), Counter()
    by_kind = defaultdict(Counter)
    n_by_kind = Counter()
    kinds = []
    for r, t in zip(rows, toks, strict=True):
        if r["label"] == "spam":
            spam_all.update(t)
            by_kind[r["kind"]].update(t)
            n_by_kind[r["kind"]] += 1
            if r["kind"] not in kinds:
                kinds.append(r["kind"])
        else:
            ham_all.update(t)
    kinds.sort()
    ham_index = [i for i, r in enumerate(rows) if r["label"] == "ham"]
    fold_of = {i: n % len(kinds) for n, i in enumerate(ham_index)}
    n_spam = sum(n_by_kind.values())
    per_kind, ham_flagged, ham_rejected, missed, false = {}, Counter(), 0, [], []
    ham_by_kind = Counter(r["kind"] for r in rows if r["label"] == "ham")
    for f, kind in enumerate(kinds):
        fold = [i for i in ham_index if fold_of[i] == f]
        fold_counts = Counter()
        for i in fold:
            fold_counts.update(toks[i])
        model = _model(
            spam_all - by_kind[kind],
            ham_all - fold_counts,
            n_spam - n_by_kind[kind],
            len(ham_index) - len(fold),
        )
        tp = fn = fp = 0
        for r in rows:
            if r["label"] == "spam" and r["kind"] == kind:
                verdict = scoring.score(r["text"], signals=signals, classifier=model)
                if verdict.decision != "publish":
                    tp += 1
                else:
                    fn += 1
                    missed.append((kind, verdict.score, r["text"]))
        for i in fold:
            verdict = scoring.score(rows[i]["text"], signals=signals, classifier=model)
            if verdict.decision != "publish":
                fp += 1
                ham_flagged[rows[i]["kind"]] += 1
                ham_rejected += verdict.rejected
                false.append((rows[i]["kind"], verdict.score, rows[i]["text"]))
        per_kind[kind] = {
            "n": tp + fn,
            "recall": tp / max(1, tp + fn),
            "precision": tp / max(1, tp + fp),
            "ham_in_fold": len(fold),
            "ham_held": fp,
        }
    ham = len(ham_index)
    return {
        "kinds": per_kind,
        "spam": n_spam,
        "ham": ham,
        "min_recall": min(k["recall"] for k in per_kind.values()),
        "recall": sum(k["recall"] * k["n"] for k in per_kind.values()) / n_spam,
        "ham_held_rate": sum(ham_flagged.values()) / ham,
        "ham_rejected": ham_rejected,
        "ham_held_by_kind": {k: (ham_flagged[k], ham_by_kind[k]) for k in sorted(ham_by_kind)},
        "missed": missed,
        "false": false,
    }


def handwritten(signals=scoring.NEWLY_VERIFIED, rows=None):
    """The hand-written samples, scored by a classifier trained on the generated rows only.

    The generators and the rules' vocabulary were written by the same hands; the hand-written
    samples are phrased differently on purpose, so they show what the leave-one-kind-out figures
    cannot: how much of the result is the rules knowing the generators' words.
    """
    rows = rows if rows is not None else corpus_rows()
    model = scoring.Classifier.trained(
        (r["label"] == "spam", r["text"]) for r in rows if r["source"] != "hand"
    )
    hand = [r for r in rows if r["source"] == "hand"]
    out = {"spam": 0, "caught": 0, "ham": 0, "held": 0, "missed": [], "false": []}
    for r in hand:
        caught = scoring.score(r["text"], signals=signals, classifier=model).decision != "publish"
        if r["label"] == "spam":
            out["spam"] += 1
            out["caught"] += caught
            if not caught:
                out["missed"].append((r["kind"], r["text"]))
        else:
            out["ham"] += 1
            out["held"] += caught
            if caught:
                out["false"].append((r["kind"], r["text"]))
    return out


def timing(repeat=200, size=6000):
    """Milliseconds to score a ~6 KB text in-process (p50, p95), with the classifier trained on the corpus."""
    from .corpus import fragments as F

    model = scoring.Classifier.trained((r["label"] == "spam", r["text"]) for r in corpus_rows())
    texts = []
    spam = (
        "开云网址 kyty88 🔥\n"
        + "\n".join(F.NEWS_NEIGHBORHOOD + F.NEWS_CITY)
        + "\n支持楼主 阅读原文 举报\n"
    )
    ham = "关于召开业主大会的公告\n" + "\n".join(F.NEWS_NATIONAL + F.NEWS_NEIGHBORHOOD) + "\n"
    for base in (spam, ham):
        text = base
        while len(text.encode()) < size:
            text += base
        texts.append(text.encode()[:size].decode(errors="ignore"))
    for text in texts:  # warm up: the token weights are computed on first use
        scoring.score(text, classifier=model)
    samples, cpu = [], []
    for i in range(repeat):
        text = texts[i % 2]
        start, start_cpu = time.perf_counter(), time.thread_time()
        scoring.score(text, classifier=model)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    samples.sort()
    cpu.sort()
    at95 = int(len(samples) * 0.95) - 1
    return {
        "bytes": size,
        "p50": statistics.median(samples),
        "p95": samples[at95],
        "cpu_p95": cpu[at95],
    }


def table(r) -> list[str]:
    """The per-kind figures as lines of text (command and bench)."""
    out = [f"{'kind':<18} {'n':>4} {'recall':>8} {'precision':>10} {'ham held in fold':>17}"]
    for kind, k in r["kinds"].items():
        out.append(
            f"{kind:<18} {k['n']:>4} {k['recall']:>8.1%} {k['precision']:>10.1%} {k['ham_held']:>8}/{k['ham_in_fold']}"
        )
    out.append(
        f"all spam: recall {r['recall']:.1%} (lowest kind {r['min_recall']:.1%}); "
        f"ham held {r['ham_held_rate']:.2%} of {r['ham']} (rejected {r['ham_rejected']})"
    )
    held = ", ".join(f"{k} {n}/{of}" for k, (n, of) in r["ham_held_by_kind"].items())
    out.append(f"ham held by kind: {held}")
    return out
