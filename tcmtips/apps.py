from django.apps import AppConfig


class TcmtipsConfig(AppConfig):
    name = "tcmtips"
    verbose_name = "TCM Tips"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import menus  # noqa: F401  (connects the signals that drop the cached header and footer links)
