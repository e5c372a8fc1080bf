from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content (`manage.py load_demo`). Installed only for its management commands: no code that
    serves the site imports it (an import-linter contract keeps it so)."""

    name = "demo"
    verbose_name = "Demo content"
