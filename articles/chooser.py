"""The point chooser editors use in a point section: find a point however it is spelled (BL40, bl-40,
UB 40, Weizhong, wei zhong, 委中, Middle of the Crook) and see code, pinyin, characters and English name
side by side before choosing."""

import re

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .meridians import ORDER, normalise_code

# The standard meridian order (LU, LI, ST … LR, then CV and GV), not the alphabetical one.
MERIDIAN_ORDER = Case(*[When(meridian=code, then=Value(i)) for code, i in ORDER.items()], output_field=IntegerField())


def squash(text):
    """`Wei Zhong`, `wei-zhong` and `Weizhong` all become `weizhong`."""
    return re.sub(r"[\s\-'’]+", "", text).lower()


def point_query(text):
    """A filter matching the points a typed text names: a code in any common spelling, pinyin with or
    without spaces, characters, the English name or any other name on record."""
    text = text.strip()[:100]
    if not text:
        return Q()
    code = normalise_code(text)
    if code:
        return Q(code=code)
    condition = Q(english_name__icontains=text) | Q(other_names__icontains=text) | Q(hanzi__icontains=text)
    squashed = squash(text)
    if squashed:
        condition |= Q(pinyin__istartswith=squashed)
    return condition


class PointFilterForm(BaseFilterForm):
    q = forms.CharField(
        label="Code or name",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "BL-40, UB40, Weizhong, wei zhong, 委中, Middle of the Crook"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").replace("\x00", "")
        if query.strip():
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(point_query(query))
        return objects


class PointColumnsMixin:
    filter_form_class = PointFilterForm
    per_page = 30

    def get_object_list(self):
        return self.model_class.objects.order_by(MERIDIAN_ORDER, "number").only(
            "id", "title", "code", "meridian", "number", "pinyin", "hanzi", "english_name", "pregnancy_caution", "live"
        )

    @property
    def columns(self):
        title = self.title_column
        title.label = "Code"
        title.accessor = "display_code"
        return [
            title,
            Column("pinyin", label="Pinyin"),
            Column("hanzi", label="Characters"),
            Column("english_name", label="English name"),
            Column("caution", label="Pregnancy", accessor=lambda p: "Avoid" if p.pregnancy_caution else ""),
        ]


class PointChooseView(PointColumnsMixin, ChooseView):
    pass


class PointChooseResultsView(PointColumnsMixin, ChooseResultsView):
    pass


class AcupointChooserViewSet(ChooserViewSet):
    model = "articles.AcupointPage"
    icon = "pick"
    choose_one_text = "Choose a point"
    choose_another_text = "Choose another point"
    edit_item_text = "Edit this point"
    choose_view_class = PointChooseView
    choose_results_view_class = PointChooseResultsView


acupoint_chooser_viewset = AcupointChooserViewSet("acupoint_chooser", url_prefix="acupoint-chooser")
AcupointChooserBlock = acupoint_chooser_viewset.get_block_class(
    name="AcupointChooserBlock", module_path="articles.chooser"
)
