"""Edit-form pieces shared by the apps: an inline list whose add button reads as plain English."""

from wagtail.admin.panels import InlinePanel


class ItemsPanel(InlinePanel):
    """An InlinePanel whose button says "Add a feature" (``add_label``) and whose items are each headed by
    the singular ``label`` ("Feature"), without Wagtail's running number: the list's order shows it."""

    def __init__(self, relation_name, *, add_label="", **kwargs):
        super().__init__(relation_name, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "admin/panels/items_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_label"] = self.panel.add_label or f"Add {self.label}"
            return context
