"""How well the score separates spam from ordinary posts on the shipped labelled set.

Honest by construction: each post is scored by the rules plus a classifier trained on the
other folds only (k-fold cross-validation), never on the post itself, and as a newly
verified resident's topic (the account signals add a little; trust earned later does not).
"""

import time

from . import scoring
from .screen import labelled_examples


def cross_validate(k=5, signals=scoring.NEWLY_VERIFIED):
    rows = labelled_examples()
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "rejected_ham": 0}
    missed, false = [], []
    seconds = 0.0
    for fold in range(k):
        model = scoring.Classifier.trained(r for i, r in enumerate(rows) if i % k != fold)
        for i, (is_spam, text) in enumerate(rows):
            if i % k != fold:
                continue
            start = time.perf_counter()
            verdict = scoring.score(text, signals=signals, classifier=model)
            seconds += time.perf_counter() - start
            caught = verdict.decision != "publish"
            if is_spam:
                counts["tp" if caught else "fn"] += 1
                if not caught:
                    missed.append(text)
            else:
                counts["fp" if caught else "tn"] += 1
                counts["rejected_ham"] += verdict.rejected
                if caught:
                    false.append(text)
    spam, ham = counts["tp"] + counts["fn"], counts["fp"] + counts["tn"]
    return {
        "spam": spam,
        "ham": ham,
        "recall": counts["tp"] / spam,
        "false_hold_rate": counts["fp"] / ham,
        "precision": counts["tp"] / max(1, counts["tp"] + counts["fp"]),
        "ms_per_post": seconds * 1000 / len(rows),
        "missed": missed,
        "false": false,
        **counts,
    }
