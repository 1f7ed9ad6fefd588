"""Jobs for `linli scheduler`: reminders before shifts (each claimed once, safe from several processes)."""

from .actions import reminders_send

EVERY_MINUTE = [reminders_send]
