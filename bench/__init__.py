"""The benchmark harness behind `make bench` (`python -m bench`).

It loads data at a chosen scale into its own data directory (var/bench/<db-name>),
serves it with `linli serve` (gunicorn + whitenoise, DEBUG off), drives each page
in `bench.pages.PAGES` with wrk, counts each page's SQL queries in-process, and
prints and writes (var/bench/latest.json) one row per page. See bench/README.md.
"""
