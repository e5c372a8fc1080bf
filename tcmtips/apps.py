from django.apps import AppConfig


class TcmtipsConfig(AppConfig):
    name = "tcmtips"
    verbose_name = "TCM Tips"
    default_auto_field = "django.db.models.BigAutoField"
