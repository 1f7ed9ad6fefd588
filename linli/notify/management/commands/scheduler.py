import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from linli.notify.actions import deliveries_retry_due
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


class Command(BaseCommand):
    help = "Every minute: queue emails due for a retry; once a day at LINLI_DIGEST_HOUR: the daily digests and every app's daily jobs."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then stop.")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, once, interval, **options):
        digest_hour = int(getattr(settings, "LINLI_DIGEST_HOUR", 8))
        last_digest_day = None
        while True:
            retried = deliveries_retry_due()
            for job in minute_jobs():
                try:
                    job()
                except (
                    Exception
                ) as error:  # keep the loop alive; the job is tried again next minute
                    self.stderr.write(f"{job.__module__}.{job.__name__} failed: {error!r}")
            now = timezone.localtime()
            if now.hour >= digest_hour and last_digest_day != now.date():
                build_digests.enqueue()  # idempotent: one digest per person per day
                for job in daily_jobs():
                    try:
                        result = job()
                    except (
                        Exception
                    ) as error:  # one failing job must not stop the others or the loop
                        self.stderr.write(f"{job.__module__}.{job.__name__} failed: {error!r}")
                    else:
                        self.stdout.write(f"{now:%H:%M} {job.__module__}.{job.__name__}: {result}")
                last_digest_day = now.date()
            if retried:
                self.stdout.write(f"{now:%H:%M} queued {retried} emails for another try")
            if once:
                return
            time.sleep(interval)
