from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Caching"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers that purge on publish and save)
