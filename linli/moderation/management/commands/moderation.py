"""linli moderation score FILE|-   — the score, reasons and decision a text would get as a newly verified resident's topic.
linli moderation retrain        — retrain the spam classifier from the labelled set and staff decisions."""

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

    def handle(self, *args, **options):
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

    def _read(self, name):
        try:
            if name == "-":
                return sys.stdin.read()
            with open(name, encoding="utf-8") as fh:
                return fh.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {name}: {error}") from None
