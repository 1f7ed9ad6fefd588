from django.core.management import call_command

from linli.notify.management.commands.scheduler import daily_jobs, minute_jobs


def test_scheduler_runs_one_round_with_the_daily_jobs(db, capsys):
    assert any(job.__name__ == "request_close_stale" for job in daily_jobs())
    assert any(job.__name__ == "reminders_send" for job in minute_jobs())
    call_command(
        "scheduler", once=True
    )  # must not raise; builds digests and runs the jobs when past the hour
