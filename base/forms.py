"""The admin form every page type starts from (``BasePage.base_form_class``).

- Content the editor's widgets could not have sent is a form error, not a 500. The rich-text and
  StreamField widgets send JSON (or numbered fields) that their own JavaScript writes. Posted by hand, with
  the wrong shape, reading it raises deep inside the widget, before any field's ``clean`` runs. So the form
  reads every field once when it is made, with the widgets' public ``value_from_datadict``; a field that
  can't be read is swapped for one that only reports the error.
- A slug held by a draft that was never published: the error names the draft and links to it."""

from django import forms
from django.core.exceptions import ValidationError
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


UNREADABLE = "This content could not be read (it is not what the editor sends). Reload the page and try again."
READ_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError)


class UnreadableField(forms.Field):
    widget = forms.HiddenInput

    def clean(self, value):
        raise ValidationError(UNREADABLE, code="unreadable")


class PageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        for name, field in list(self.fields.items()):
            try:
                field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            except READ_ERRORS:
                self.fields[name] = UnreadableField(required=False, label=field.label)

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
