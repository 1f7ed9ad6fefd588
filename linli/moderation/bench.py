"""`make bench` prints the spam check's leave-one-kind-out precision and recall per kind, the share of
ordinary texts held, and the time to score a 6 KB text in-process (evaluate.py)."""

PAGES = []


def report(stdout):
    from .evaluate import handwritten, leave_one_kind_out, table, timing

    r = leave_one_kind_out()
    stdout.write(
        f"Spam check, leave one kind out ({r['spam']} spam in {len(r['kinds'])} kinds, {r['ham']} ordinary texts; "
        "the classifier never saw the kind it scores, nor the ordinary texts of the fold):\n"
    )
    for line in table(r):
        stdout.write(f"  {line}\n")
    h = handwritten()
    stdout.write(
        f"  hand-written samples (classifier trained on generated rows only): spam caught {h['caught']}/{h['spam']}, "
        f"ordinary held {h['held']}/{h['ham']}\n"
    )
    t = timing()
    stdout.write(
        f"  scoring a {t['bytes'] // 1000} KB text in-process: p50 {t['p50']:.2f} ms, p95 {t['p95']:.2f} ms wall "
        f"(CPU p95 {t['cpu_p95']:.2f} ms)\n"
    )
