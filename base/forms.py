"""The page form every page type shares (``BasePage.base_form_class``)."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm


def never_published_sibling(parent_page, slug, page):
    """The draft under ``parent_page`` that holds ``slug`` and was never published, or None."""
    if not parent_page or not slug:
        return None
    siblings = parent_page.get_children().filter(slug=slug, live=False, first_published_at__isnull=True)
    if page.pk:
        siblings = siblings.exclude(pk=page.pk)
    return siblings.first()


class BasePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.errors:
            # Wagtail refuses a slug a sibling already holds. When that sibling is a draft someone saved and
            # left, say which one and link to it, so the editor can carry on there or delete it.
            draft = never_published_sibling(self.parent_page, self.data.get(self.add_prefix("slug")), self.instance)
            if draft is not None:
                self.add_error(
                    "title",
                    forms.ValidationError(
                        format_html(
                            "A draft that was never published already uses this address: "
                            '<a href="{}">“{}”</a>. Open it to carry on or delete it, or change this page\'s '
                            "slug under Promote.",
                            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                            draft.get_admin_display_title(),
                        )
                    ),
                )
        return cleaned_data
