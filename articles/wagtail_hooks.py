from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Complaint


class ComplaintViewSet(SnippetViewSet):
    model = Complaint
    icon = "folder-open-inverse"
    menu_label = "Complaints & topics"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(ComplaintViewSet)
