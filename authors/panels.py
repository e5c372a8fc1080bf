"""What a reviewer page's admin form says about the login it is linked to."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class ReviewerLoginPanel(Panel):
    """Read-only warnings above the form: no linked login (the reviewer can't approve), or a login without an
    e-mail address (articles submitted for review are mailed to the reviewers, so she would never hear)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "authors/admin/reviewer_login_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            login = self.instance.user
            context["login"] = login
            context["no_email"] = login is not None and not login.email
            if login is not None and self.request.user.has_perm("auth.change_user"):
                context["login_edit_url"] = reverse("wagtailusers_users:edit", args=[login.pk])
            return context
