import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from linli.core.demo import introduce_all, load_all
from linli.core.deploy import deploy_steps


class Command(BaseCommand):
    help = "Set up the demo neighborhood (idempotent) and serve it on http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load the demo and stop.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve, host, port, **options):
        started = time.monotonic()
        deploy_steps()  # the one-machine case: `linli demo` does every step itself
        self.stdout.write("Loading the demo neighborhood…")
        load_all(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo ready in {time.monotonic() - started:.1f} s."))
        self.stdout.write("")
        introduce_all(self.stdout)
        self.stdout.write("")
        if not no_serve:
            call_command("serve", host=host, port=port)
