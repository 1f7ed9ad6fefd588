from django.core.management.base import BaseCommand

from linli.volunteers.actions import reminders_send


class Command(BaseCommand):
    help = "Remind volunteers of shifts starting within 24 hours (once each). Run every few minutes from the scheduler."

    def handle(self, *args, **options):
        self.stdout.write(f"{reminders_send()} reminders sent")
