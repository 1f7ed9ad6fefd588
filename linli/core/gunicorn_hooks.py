"""Gunicorn settings module for `linli serve` (`--config python:linli.core.gunicorn_hooks`).

Gunicorn reads only the names of its own settings from here: keep this module to hooks.
"""


def child_exit(server, worker):
    """A worker is gone: its live-gauge samples no longer count (linli/core/metrics.py)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
