from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import archive_cache
        from .indexing import signals  # noqa: F401  (connects index-keeping handlers)

        # Every write to the records changes the token cached counts are keyed on.
        connection_created.connect(archive_cache.install, dispatch_uid="archive_cache")
