"""The click report in the admin: clicks per day (an SVG drawn here, no chart library or CDN), per offer,
per product and per page that sent them, people and bots apart, over a chosen date range, and as CSV."""

import csv
import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .clicks import is_site_path
from .models import OutboundClick

MAX_DAYS = 366
CHART_WIDTH, CHART_HEIGHT = 720, 200


class DateRangeForm(forms.Form):
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - datetime.timedelta(days=29)
        if start > end:
            raise forms.ValidationError("The start date must be on or before the end date.")
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(f"Choose a range of at most {MAX_DAYS} days.")
        data["start"], data["end"] = start, end
        return data


def can_see_clicks(user):
    return user.is_superuser or user.has_perm("products.view_outboundclick") or user.has_perm("products.change_product")


HUMAN_AND_BOT = {"humans": Count("id", filter=Q(is_bot=False)), "bots": Count("id", filter=Q(is_bot=True))}


def clicks_between(start, end):
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return OutboundClick.objects.filter(clicked_at__gte=since, clicked_at__lt=until).order_by()


def per_day(clicks, start, end):
    counts = {
        row["day"]: row for row in clicks.annotate(day=TruncDate("clicked_at")).values("day").annotate(**HUMAN_AND_BOT)
    }
    days = []
    for offset in range((end - start).days + 1):
        day = start + datetime.timedelta(days=offset)
        row = counts.get(day, {})
        days.append({"day": day, "humans": row.get("humans", 0), "bots": row.get("bots", 0)})
    return days


def chart(days):
    """Stacked bars, people below and bots above, as coordinates for the template's <svg>."""
    peak = max((d["humans"] + d["bots"] for d in days), default=0) or 1
    slot = CHART_WIDTH / len(days)
    bar = max(slot * 0.8, 1)
    bars = []
    for i, d in enumerate(days):
        human_h = CHART_HEIGHT * d["humans"] / peak
        bot_h = CHART_HEIGHT * d["bots"] / peak
        x = round(i * slot + (slot - bar) / 2, 2)
        bars.append(
            {
                **d,
                "x": x,
                "width": round(bar, 2),
                "human_y": round(CHART_HEIGHT - human_h, 2),
                "human_h": round(human_h, 2),
                "bot_y": round(CHART_HEIGHT - human_h - bot_h, 2),
                "bot_h": round(bot_h, 2),
            }
        )
    return {"bars": bars, "peak": peak, "width": CHART_WIDTH, "height": CHART_HEIGHT}


def _safe_cell(value):
    # Spreadsheets run cells that start with these as formulas.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_response(clicks, start, end):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="clicks-{start}-to-{end}.csv"'
    writer = csv.writer(response)
    writer.writerow(["date", "product", "offer", "retailer", "source_page", "human_clicks", "bot_clicks"])
    rows = (
        clicks.annotate(day=TruncDate("clicked_at"))
        .values("day", "offer__product__name", "offer__slug", "offer__retailer", "source_path")
        .annotate(**HUMAN_AND_BOT)
        .order_by("day", "offer__product__name", "offer__slug", "source_path")
    )
    for row in rows:
        writer.writerow(
            [
                row["day"].isoformat(),
                *(
                    _safe_cell(row[k])
                    for k in ("offer__product__name", "offer__slug", "offer__retailer", "source_path")
                ),
                row["humans"],
                row["bots"],
            ]
        )
    return response


def click_report(request):
    if not can_see_clicks(request.user):
        raise PermissionDenied
    form = DateRangeForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "products/admin/click_report.html", {"form": form}, status=400)
    if form.is_bound:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        end = timezone.localdate()
        start = end - datetime.timedelta(days=29)
        form = DateRangeForm(initial={"start": start, "end": end})
    clicks = clicks_between(start, end)
    if request.GET.get("format") == "csv":
        return csv_response(clicks, start, end)
    days = per_day(clicks, start, end)
    by = "-humans", "-bots"
    context = {
        "form": form,
        "start": start,
        "end": end,
        "chart": chart(days),
        "totals": {"humans": sum(d["humans"] for d in days), "bots": sum(d["bots"] for d in days)},
        "by_offer": clicks.values("offer__slug", "offer__retailer", "offer__product__name")
        .annotate(**HUMAN_AND_BOT)
        .order_by(*by, "offer__slug"),
        "by_product": clicks.values("offer__product__name").annotate(**HUMAN_AND_BOT).order_by(*by),
        "by_page": [
            {**row, "is_site_path": is_site_path(row["source_path"])}
            for row in clicks.values("source_path").annotate(**HUMAN_AND_BOT).order_by(*by, "source_path")
        ],
        "csv_query": f"start={start.isoformat()}&end={end.isoformat()}&format=csv",
    }
    return render(request, "products/admin/click_report.html", context)
