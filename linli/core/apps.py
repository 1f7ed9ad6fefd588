from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "linli.core"
    label = "core"

    def ready(self):
        from . import pagecache

        pagecache.watch_database()
