"""The admin form every page type starts from (``BasePage.base_form_class``).

- Content the editor's widgets could not have sent is a form error, not a 500. The rich-text and
  StreamField widgets send JSON (or numbered fields) that their own JavaScript writes. Posted by hand, with
  the wrong shape, reading it raises deep inside the widget, before any field's ``clean`` runs. So the form
  reads every field once when it is made, with the widgets' public ``value_from_datadict``; a field that
  can't be read is swapped for one that only reports the error. So is a chooser (a page, an image, a
  person) sent something that can't be an id, which would otherwise fail when the form is shown again; and
  an inline row whose id isn't a number makes the whole form an error before the rows are built.
- A slug held by a draft that was never published: the error names the draft and links to it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


def never_published_sibling(parent_page, slug, page):
    """The draft under ``parent_page`` that holds ``slug`` and was never published, or None."""
    if not parent_page or not slug:
        return None
    siblings = parent_page.get_children().filter(slug=slug, live=False, first_published_at__isnull=True)
    if page.pk:
        siblings = siblings.exclude(pk=page.pk)
    return siblings.first()


UNREADABLE = "This content could not be read (it is not what the editor sends). Reload the page and try again."
READ_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError)  # JSON nested too deep


def readable_ids(model, value):
    """Whether a posted value (one, or a list from a multiple choice) can name rows of ``model``: empty, or
    ids of its kind."""
    for one in value if isinstance(value, (list, tuple)) else [value]:
        if one in (None, ""):
            continue
        try:
            model._meta.pk.to_python(one)
        except ValidationError:
            return False
    return True


class UnreadableField(forms.Field):
    widget = forms.HiddenInput

    def clean(self, value):
        raise ValidationError(UNREADABLE, code="unreadable")


class ReadableForm:
    """For an admin form (a page's or a snippet's, with their inline rows): what can't be read is a form error
    (see the module's docstring)."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        unreadable = self.unreadable_row_ids() if self.is_bound else []
        self.unreadable_rows = bool(unreadable)
        if unreadable:  # made again without them, so the rows can be built; clean() says why
            data = data.copy()
            for key in unreadable:
                data[key] = ""
            super().__init__(data, *args, **kwargs)
        if not self.is_bound:
            return
        for name, field in list(self.fields.items()):
            try:
                value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            except READ_ERRORS:
                value, readable = None, False
            else:
                readable = not isinstance(field, forms.ModelChoiceField) or readable_ids(field.queryset.model, value)
            if not readable:
                self.fields[name] = UnreadableField(required=False, label=field.label)

    def unreadable_row_ids(self):
        """The posted ids of inline rows (an update, an offer …) that can't be ids of their kind, and those of
        rows already saved that were left out."""
        found = []
        for formset in self.formsets.values():
            for key, value in self.data.items():
                if re.fullmatch(rf"{re.escape(formset.prefix)}-\d+-id", key) and not readable_ids(formset.model, value):
                    found.append(key)
            saved = self.data.get(f"{formset.prefix}-INITIAL_FORMS", "0")
            for number in range(min(int(saved), 1000) if saved.isdigit() else 0):
                key = f"{formset.prefix}-{number}-id"
                if key not in self.data:
                    found.append(key)
        return found

    def clean(self):
        cleaned_data = super().clean()
        if self.unreadable_rows:
            self.add_error(None, UNREADABLE)
        return cleaned_data


class SnippetForm(ReadableForm, WagtailAdminModelForm):
    """The admin form of a snippet (a product, a review …)."""


class PageForm(ReadableForm, WagtailAdminPageForm):
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
