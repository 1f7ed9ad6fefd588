"""`make bench` prints the spam score's precision and recall on the labelled set and the time per post."""

PAGES = []


def report(stdout):
    from .evaluate import cross_validate

    r = cross_validate()
    stdout.write(
        f"Spam check on the labelled set ({r['spam']} spam, {r['ham']} ordinary posts; 5-fold, classifier never trained on the post it scores):\n"
    )
    stdout.write(
        f"  recall {r['recall']:.1%} (spam held or rejected), precision {r['precision']:.1%}, "
        f"ordinary posts held {r['false_hold_rate']:.1%} (rejected {r['rejected_ham']}), {r['ms_per_post']:.2f} ms per post\n"
    )
