from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "linli.core"
    label = "core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import pagecache, sessions

        pagecache.watch_database()
        user_logged_in.connect(sessions.learn_at_login, dispatch_uid="linli.sessions")
