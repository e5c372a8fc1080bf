from django.apps import AppConfig


class TcmtipsConfig(AppConfig):
    """The project itself: settings, URLs and the history of migrations from before its models moved to
    the apps named for what they do (base, security)."""

    name = "tcmtips"
    verbose_name = "TCM Tips"
    default_auto_field = "django.db.models.BigAutoField"
