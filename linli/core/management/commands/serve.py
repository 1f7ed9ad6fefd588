import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from linli.core import maintenance, metrics
from linli.core.deploy import deploy_steps
from linli.core.sqlite import is_sqlite

# A background process that dies is started again after this many seconds (the scheduler after a
# lost database connection, the task worker after a crash); the web server's exit ends `serve`.
RESTART_DELAY = 5


def check_secret_key(engine: str, environ) -> None:
    """On a shared database (several nodes), SECRET_KEY must come from the environment: a key
    generated into one node's var/ would make a login on that node unknown to the others."""
    if not is_sqlite(engine) and not environ.get("SECRET_KEY"):
        raise CommandError(
            "SECRET_KEY is not set. On a shared database every node must have the same "
            "SECRET_KEY in its environment, or a login on one node is refused on the others."
        )


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
            "--no-worker",
            action="store_true",
            help="Start neither the background task worker nor the scheduler.",
        )
        parser.add_argument(
            "--migrate",
            action="store_true",
            help="Run the deploy steps (migrate, collectstatic) first, under a lock that makes "
            "nodes started together take turns. Without it, run `linli migrate` and "
            "`linli collectstatic` as deploy steps.",
        )

    def handle(self, *args, host, port, workers, threads, no_worker, migrate, **options):
        check_secret_key(settings.DATABASES["default"]["ENGINE"], os.environ)
        if migrate:
            deploy_steps()
        # Held for as long as this command runs (the worker and scheduler included); each
        # gunicorn worker holds its own too (linli/core/wsgi.py). `linli restore` checks it.
        maintenance.hold_serving_lock()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.base"
            ),
            "LINLI_DEBUG": "0",
            # Every process writes its metrics there; a scrape adds them up (linli/core/metrics.py).
            metrics.MULTIPROC_ENV: metrics.prepare_multiprocess_dir(os.environ, settings.VAR_DIR),
        }
        children = []
        background = []
        if not no_worker and settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            background = [
                [sys.executable, "-m", "linli", "db_worker", "--interval", "1"],
                [sys.executable, "-m", "linli", "scheduler"],
            ]
        keepers = {tuple(cmd): subprocess.Popen(cmd, env=env) for cmd in background}
        children.extend(keepers.values())
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
            # child_exit: a dead worker's metrics are marked as such.
            "--config",
            "python:linli.core.gunicorn_hooks",
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
            while server.poll() is None:
                time.sleep(RESTART_DELAY)
                for cmd, child in list(keepers.items()):
                    if child.poll() is not None and server.poll() is None:
                        self.stderr.write(f"{cmd[3]} exited with {child.returncode}: started again")
                        keepers[cmd] = subprocess.Popen(list(cmd), env=env)
                        children.append(keepers[cmd])
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
