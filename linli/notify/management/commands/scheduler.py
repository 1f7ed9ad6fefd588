import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections
from django.utils import timezone

from linli.notify.actions import deliveries_retry_due, scheduled_run_claim
from linli.notify.tasks import build_digests


def daily_jobs():
    """Each app's schedule.py DAILY list (see linli/core/registry.py)."""
    from linli.core.registry import app_modules

    return [job for module in app_modules("schedule") for job in getattr(module, "DAILY", [])]


def minute_jobs():
    """Each app's schedule.py EVERY_MINUTE list: jobs safe to run from several processes at once."""
    from linli.core.registry import app_modules

    return [
        job for module in app_modules("schedule") for job in getattr(module, "EVERY_MINUTE", [])
    ]


def job_name(job) -> str:
    return f"{job.__module__}.{job.__name__}"


class Command(BaseCommand):
    help = (
        "Every minute: queue emails due for a retry and run every app's minute jobs; once a day "
        "from LINLI_DIGEST_HOUR: the daily digests and every app's daily jobs, each claimed in "
        "the database so that it runs once a day whatever the number of schedulers (nodes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then stop.")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, once, interval, **options):
        while True:
            try:
                self.round()
            except DatabaseError as error:
                # A lost connection (database restarted, network cut): drop the connections so
                # that the next round opens new ones, instead of dying and stopping every job.
                self.stderr.write(f"scheduler: database error, retrying next round: {error!r}")
                for conn in connections.all():
                    conn.close_if_unusable_or_obsolete()
                    conn.close()
            if once:
                return
            time.sleep(interval)

    def round(self):
        retried = deliveries_retry_due()
        for job in minute_jobs():
            self.run(job)
        now = timezone.localtime()
        if now.hour >= settings.LINLI_DIGEST_HOUR:
            today = now.date().isoformat()
            if scheduled_run_claim(job="notify.build_digests", period=today):
                build_digests.enqueue()  # and idempotent itself: one digest per person per day
            for job in daily_jobs():
                if scheduled_run_claim(job=job_name(job), period=today):
                    result = self.run(job)
                    self.stdout.write(f"{now:%H:%M} {job_name(job)}: {result}")
        if retried:
            self.stdout.write(f"{now:%H:%M} queued {retried} emails for another try")

    def run(self, job):
        try:
            return job()
        except DatabaseError:
            raise  # the connection may be gone: the round ends and starts afresh
        except Exception as error:  # one failing job must not stop the others or the loop
            self.stderr.write(f"{job_name(job)} failed: {error!r}")
            return None
