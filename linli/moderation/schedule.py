"""Daily: retrain the spam classifier from the labelled set and the day's staff decisions."""

from .actions import retrain

DAILY = [retrain]
