"""linli moderation score FILE|-   — the score, reasons and decision a text would get as a newly verified resident's topic.
linli moderation evaluate       — leave-one-kind-out precision and recall per spam kind, ordinary texts held, timing.
linli moderation retrain        — retrain the spam classifier from the labelled corpus and staff decisions."""

import sys

from django.core.management.base import BaseCommand, CommandError

from linli.moderation import scoring, screen


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        score = sub.add_parser("score", help="score a text file (or - for standard input)")
        score.add_argument("file", help="a UTF-8 text file, or - for standard input")
        score.add_argument(
            "--neighborhood",
            default="",
            help="also apply this neighborhood's word lists (its slug)",
        )
        score.add_argument(
            "--language",
            default="en",
            choices=["en", "zh-hans"],
            help="language of the reasons (default en)",
        )
        sub.add_parser("retrain", help="retrain the classifier now")
        evaluate = sub.add_parser(
            "evaluate", help="leave-one-kind-out precision and recall per spam kind on the corpus"
        )
        evaluate.add_argument(
            "--missed", action="store_true", help="also print the texts missed and held wrongly"
        )

    def handle(self, *args, **options):
        if options["sub"] == "evaluate":
            return self._evaluate(options["missed"])
        if options["sub"] == "retrain":
            from linli.moderation.actions import retrain

            state = retrain()
            self.stdout.write(
                f"trained on {state.spam_count} spam and {state.ham_count} ordinary posts"
            )
            return
        from django.utils import translation

        translation.activate(options["language"])
        text = self._read(options["file"])
        words = {}
        if options["neighborhood"]:
            from linli.community.models import Neighborhood

            neighborhood = Neighborhood.objects.filter(slug=options["neighborhood"]).first()
            if neighborhood is None:
                raise CommandError(f"no neighborhood {options['neighborhood']!r}")
            words = screen.words_of(neighborhood)
        verdict = scoring.score(
            text, signals=scoring.NEWLY_VERIFIED, classifier=screen.classifier(), words=words
        )
        self.stdout.write(f"score: {verdict.score:.3f}")
        self.stdout.write("reasons:" + ("" if verdict.reasons else " none"))
        for reason in verdict.reasons:
            self.stdout.write(f"  - {reason}")
        for kind, value in verdict.personal:
            self.stdout.write(f"  - personal data ({kind}): {value}")
        self.stdout.write(f"decision: {verdict.decision}")

    def _evaluate(self, show_missed):
        from linli.moderation import evaluate

        r = evaluate.leave_one_kind_out()
        for line in evaluate.table(r):
            self.stdout.write(line)
        h = evaluate.handwritten()
        self.stdout.write(
            f"hand-written samples: spam caught {h['caught']}/{h['spam']}, ordinary held {h['held']}/{h['ham']}"
        )
        t = evaluate.timing()
        self.stdout.write(
            f"scoring a 6 KB text: p50 {t['p50']:.2f} ms, p95 {t['p95']:.2f} ms (CPU p95 {t['cpu_p95']:.2f} ms)"
        )
        if show_missed:
            for kind, value, text in r["missed"] + r["false"]:
                self.stdout.write(f"[{kind} {value:.2f}] {text[:200]!r}")

    def _read(self, name):
        try:
            if name == "-":
                return sys.stdin.read()
            with open(name, encoding="utf-8") as fh:
                return fh.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {name}: {error}") from None
