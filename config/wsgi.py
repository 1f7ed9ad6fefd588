import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

from linli.core.wsgi import application as _application

application = _application()
