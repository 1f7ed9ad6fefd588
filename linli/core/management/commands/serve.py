import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

LIMIT_REQUEST_LINE = 8190  # bytes of "GET /path?query HTTP/1.1" (the API is bounded to fit)


class Command(BaseCommand):
    help = "Serve Linli with gunicorn and whitenoise (DEBUG off), with a background task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("LINLI_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("LINLI_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("LINLI_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("LINLI_THREADS", "4"))
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the background task worker."
        )

    def handle(self, *args, host, port, workers, threads, no_worker, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.base"
            ),
            "LINLI_DEBUG": "0",
        }
        children = []
        if not no_worker and settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            children.append(
                subprocess.Popen(
                    [sys.executable, "-m", "linli", "db_worker", "--interval", "1"], env=env
                )
            )
            children.append(subprocess.Popen([sys.executable, "-m", "linli", "scheduler"], env=env))
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--graceful-timeout",
            "5",
            "--keep-alive",
            "5",
            # Gunicorn's longest (its default, 4,094 bytes, answers 414 to valid API queries such as
            # /api/v1/talent/match?q=<400 Chinese characters>); nginx's default buffer is 8k too.
            "--limit-request-line",
            str(LIMIT_REQUEST_LINE),
            # One control socket per data directory, so several servers on a host do not share one.
            "--control-socket",
            str(settings.VAR_DIR / "gunicorn.ctl"),
        ]
        if os.environ.get(
            "LINLI_ACCESS_LOG"
        ):  # (without the flag gunicorn formats no access line at all)
            gunicorn += ["--access-logfile", "-"]
        self.stdout.write(f"Linli serving on http://{host}:{port}/  (Ctrl-C stops)")
        server = subprocess.Popen(gunicorn, env=env)
        children.append(server)

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
