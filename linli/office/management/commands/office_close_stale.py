"""Close requests resolved more than 7 days ago that nobody reopened (run daily, e.g. from cron
or the scheduler): `linli office_close_stale`."""

from django.core.management.base import BaseCommand

from linli.office.actions import request_close_stale


class Command(BaseCommand):
    help = "Close requests resolved more than 7 days ago that nobody reopened."

    def handle(self, *args, **options):
        self.stdout.write(f"closed {request_close_stale()} requests")
