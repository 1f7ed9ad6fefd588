import pytest
from django.core.management import call_command

from linli.notify.management.commands.scheduler import daily_jobs, minute_jobs


def test_scheduler_runs_one_round_with_the_daily_jobs(db, capsys):
    assert any(job.__name__ == "request_close_stale" for job in daily_jobs())
    assert any(job.__name__ == "reminders_send" for job in minute_jobs())
    call_command(
        "scheduler", once=True
    )  # must not raise; builds digests and runs the jobs when past the hour


def _count_daily_runs(monkeypatch):
    """Replace the apps' daily jobs by one counting job (the real ones are tested in their apps)."""
    from linli.notify.management.commands import scheduler

    runs = []

    def counted():
        runs.append(1)
        return "counted"

    monkeypatch.setattr(scheduler, "daily_jobs", lambda: [counted])
    monkeypatch.setattr(scheduler, "minute_jobs", list)
    return runs


def test_three_schedulers_run_each_daily_job_once_a_day(db, settings, monkeypatch):
    settings.LINLI_DIGEST_HOUR = 0
    runs = _count_daily_runs(monkeypatch)
    for _node in range(3):
        call_command("scheduler", once=True)
    assert len(runs) == 1
    from linli.notify.models import ScheduledRun

    assert ScheduledRun.objects.filter(job__endswith=".counted").count() == 1
    assert ScheduledRun.objects.filter(job="notify.build_digests").count() == 1


def test_no_daily_job_runs_before_the_digest_hour(db, settings, monkeypatch):
    from django.utils import timezone

    settings.LINLI_DIGEST_HOUR = timezone.localtime().hour + 1
    if settings.LINLI_DIGEST_HOUR > 23:
        settings.LINLI_DIGEST_HOUR = 24  # never today
    runs = _count_daily_runs(monkeypatch)
    call_command("scheduler", once=True)
    assert runs == []


def test_a_lost_database_connection_does_not_stop_the_scheduler(db, monkeypatch, capsys):
    from django.db import OperationalError

    from linli.notify.management.commands import scheduler

    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return 0

    monkeypatch.setattr(scheduler, "deliveries_retry_due", flaky)
    monkeypatch.setattr(scheduler, "minute_jobs", list)
    monkeypatch.setattr(scheduler, "daily_jobs", list)
    rounds = iter(range(2))

    def sleep(_seconds):
        if next(rounds, None) is None:
            raise SystemExit  # stop the loop after the second round

    monkeypatch.setattr(scheduler.time, "sleep", sleep)
    with pytest.raises(SystemExit):
        call_command("scheduler", interval=0)
    assert len(calls) >= 2  # the round after the error ran again
    assert "database error" in capsys.readouterr().err


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_schedulers_racing_on_postgresql_claim_a_job_once():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from linli.notify.actions import scheduled_run_claim

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")

    def claim(_):
        try:
            return scheduled_run_claim(job="race", period="2026-12-05")
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(claim, range(8)))
    assert results.count(True) == 1
