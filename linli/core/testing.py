"""Helpers for tests that need no app (the people and the neighborhood tree are built by
`linli.community.testing`)."""


def race(n, target):
    """Run target(i) in n threads released at the same moment; returns each result or the exception it raised.

    For concurrency tests on PostgreSQL (pytest.mark.django_db(transaction=True)): every thread
    has its own database connection, closed when it ends.
    """
    import threading

    from django.db import connections

    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as error:  # collected and asserted by the caller
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results
