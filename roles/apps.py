from django.apps import AppConfig


class RolesConfig(AppConfig):
    """The people who run the site: which group may do what. Only migrations live here, so every install
    (not only the demo) has an Editors group that can do every job in docs/editors.md, and a medical
    reviewers' group that can review."""

    name = "roles"
    verbose_name = "Roles"
