"""Queries compiled once (tcmtips.prepared, issue 12) give exactly the rows the ORM gives, converted the
same way, for any number of values, on SQLite and on PostgreSQL; a query that can't be prepared still
answers, through the ORM."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from articles.models import AcupointPage
from tcmtips.prepared import Prepared

COLUMNS = ("pk", "title", "url_path", "live", "last_published_at", "depth")


def by_url_path(url_paths):
    return Page.objects.filter(url_path__in=url_paths).order_by("depth", "pk").values_list(*COLUMNS)


def by_pk(pks):
    return Page.objects.filter(pk__in=pks, live=True).order_by("pk").values_list(*COLUMNS)


@pytest.mark.parametrize("count", [1, 2, 5])
def test_rows_by_text_are_the_orms_rows_for_any_number_of_values(demo, count):
    url_paths = list(Page.objects.order_by("pk").values_list("url_path", flat=True)[:count])
    prepared = Prepared(by_url_path, kind=str)
    assert prepared(url_paths) == list(by_url_path(url_paths))
    assert prepared(url_paths[::-1]) == list(by_url_path(url_paths))  # the same SQL, other values


def test_rows_by_id_are_the_orms_rows_with_dates_and_booleans_converted(demo):
    pks = list(AcupointPage.objects.order_by("pk").values_list("pk", flat=True)[:3])
    rows = Prepared(by_pk)(pks)
    assert rows == list(by_pk(pks))
    assert all(isinstance(row[3], bool) and row[4].tzinfo is not None for row in rows)


def test_the_query_is_compiled_once_and_then_only_run(demo):
    prepared = Prepared(by_url_path, kind=str)
    prepared(["/", "/home/"])
    with CaptureQueriesContext(connection) as captured:
        assert [row[2] for row in prepared(["/home/", "/home/articles/"])] == ["/home/", "/home/articles/"]
    assert len(captured) == 1 and len(prepared._compiled) == 1


def test_values_that_match_nothing_and_an_empty_list_answer_no_rows(demo):
    prepared = Prepared(by_url_path, kind=str)
    assert prepared(["/no/such/page/"]) == []
    assert prepared([]) == []


def test_a_query_whose_values_cannot_be_found_in_its_parameters_goes_through_the_orm(demo):
    # The values are transformed before they reach the SQL: no stand-in survives, so no SQL is kept.
    prepared = Prepared(
        lambda titles: Page.objects.filter(title__in=[t.upper() for t in titles]).values_list("pk"), kind=str
    )
    assert prepared(["Home"]) == list(Page.objects.filter(title__in=["HOME"]).values_list("pk"))
    assert set(prepared._compiled.values()) == {False}


def test_a_query_that_takes_no_values_is_compiled_once_and_answers_as_the_orm(demo):
    def newest(_):
        return Page.objects.filter(live=True).order_by("-first_published_at", "pk").values_list(*COLUMNS)[:3]

    prepared = Prepared(newest, kind=None)
    assert prepared() == list(newest(None))
    with CaptureQueriesContext(connection) as captured:
        assert prepared() == list(newest(None))
    assert len(captured) == 2 and len(prepared._compiled) == 1  # one run each, one compiled query
