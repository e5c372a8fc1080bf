"""Giving a group model permissions from a migration (historical models only: ``apps`` is the migration's).

Django creates model permissions after all migrations have run, so on a fresh database they don't exist yet
while a migration runs: ``grant`` creates any it needs, with the names Django would give them. A model added
later gets its permissions in a new migration that calls ``grant`` with its own list."""

ACTION_NAMES = {"add": "Can add", "change": "Can change", "delete": "Can delete", "view": "Can view"}


def permission(apps, app_label, codename):
    """The permission ``app_label.codename``, created if Django has not created it yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    action, _, model_name = codename.partition("_")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    try:
        verbose_name = apps.get_model(app_label, model_name)._meta.verbose_name
    except LookupError:
        verbose_name = model_name
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"{ACTION_NAMES.get(action, 'Can ' + action)} {verbose_name}"[:255]},
    )
    return found


def grant(apps, group_name, permissions):
    """Give the group (created if missing) each of ``permissions``, written ``"app_label.codename"``."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    for dotted in permissions:
        app_label, codename = dotted.split(".", 1)
        group.permissions.add(permission(apps, app_label, codename))
    return group


def model_permissions(app_label, *model_names, actions=("add", "change", "delete", "view")):
    """``["app.add_model", "app.change_model", …]`` for each model: the usual set an editor needs."""
    return [f"{app_label}.{action}_{model}" for model in model_names for action in actions]
