"""The admin form every page type starts from: content the editor's widgets could not have sent is a form
error, not a 500.

The rich-text and StreamField widgets send JSON (or numbered fields) that their own JavaScript writes.
Posted by hand, with the wrong shape, reading it raises deep inside the widget, before any field's
``clean`` runs. So the form reads every field once when it is made, with the widgets' public
``value_from_datadict``; a field that can't be read is swapped for one that only reports the error."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

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
