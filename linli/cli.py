"""The `linli` command: Django's management commands with Linli's settings preset.

linli demo [--no-serve]       set up and serve the demo neighborhood
linli serve [--host --port --workers]
linli migrate | shell -c … | createsuperuser | worker
linli backup PATH | restore PATH
linli import-households FILE --compound NAME
"""

import os
import sys

ALIASES = {"worker": "db_worker"}


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-"):
        command = argv[0].replace("-", "_")
        argv[0] = ALIASES.get(command, command)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["linli", *argv])


if __name__ == "__main__":
    main()
