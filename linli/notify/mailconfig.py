"""Mail settings from the environment (read by config/settings/base.py; no Django import here).

EMAIL_URL=smtp://user:password@host:587/?tls=1 (or smtps://…:465 for SSL, `?ssl=1`, `?timeout=20`),
or EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL.
Without either, emails are printed on the console (the demo). EMAIL_BACKEND still wins when set.
"""

from urllib.parse import parse_qs, unquote, urlsplit

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
TRUE = {"1", "true", "yes", "on"}


def _flag(value) -> bool:
    return str(value or "").strip().lower() in TRUE


def email_settings(environ) -> dict:
    """The EMAIL_* settings the environment asks for. A malformed EMAIL_URL raises ValueError."""
    out = {
        "EMAIL_BACKEND": CONSOLE,
        "EMAIL_HOST": "localhost",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": int(environ.get("EMAIL_TIMEOUT") or 10),
    }
    url = (environ.get("EMAIL_URL") or "").strip()
    if url:
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps", "console"}:
            raise ValueError(
                f"EMAIL_URL must start with smtp://, smtps:// or console://, not {url!r}"
            )
        if parts.scheme != "console":
            if not parts.hostname:
                raise ValueError("EMAIL_URL has no host")
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            ssl = parts.scheme == "smtps" or _flag(query.get("ssl"))
            out.update(
                EMAIL_BACKEND=SMTP,
                EMAIL_HOST=parts.hostname,
                EMAIL_PORT=parts.port or (465 if ssl else 25),
                EMAIL_HOST_USER=unquote(parts.username or ""),
                EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
                EMAIL_USE_SSL=ssl,
                EMAIL_USE_TLS=not ssl and _flag(query.get("tls")),
            )
            if query.get("timeout"):
                out["EMAIL_TIMEOUT"] = int(query["timeout"])
    elif environ.get("EMAIL_HOST"):
        ssl = _flag(environ.get("EMAIL_USE_SSL"))
        out.update(
            EMAIL_BACKEND=SMTP,
            EMAIL_HOST=environ["EMAIL_HOST"],
            EMAIL_PORT=int(environ.get("EMAIL_PORT") or (465 if ssl else 25)),
            EMAIL_HOST_USER=environ.get("EMAIL_HOST_USER", ""),
            EMAIL_HOST_PASSWORD=environ.get("EMAIL_HOST_PASSWORD", ""),
            EMAIL_USE_SSL=ssl,
            EMAIL_USE_TLS=not ssl and _flag(environ.get("EMAIL_USE_TLS")),
        )
    if environ.get("EMAIL_BACKEND"):
        out["EMAIL_BACKEND"] = environ["EMAIL_BACKEND"]
    return out


def site_url(environ) -> str:
    """LINLI_SITE_URL: the address people open the site at, which makes every link in an email
    absolute (http://127.0.0.1:8000, the demo's, without it)."""
    url = (environ.get("LINLI_SITE_URL") or "http://127.0.0.1:8000").strip().rstrip("/")
    if not urlsplit(url).scheme or not urlsplit(url).netloc:
        raise ValueError(f"LINLI_SITE_URL must be like https://linli.example.org, not {url!r}")
    return url
