"""Queries compiled once (tcmtips.prepared) give exactly the rows the ORM gives, converted the
same way, for any number of values, on SQLite and on PostgreSQL; a query that can't be prepared still
answers, through the ORM. Model instances come out as the ORM makes them: their fields, what was joined
in and annotated, what was prefetched."""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from articles.models import AcupointPage, ArticlePage
from products.models import Product
from tcmtips.prepared import MOST_VALUES, Prepared, PreparedObjects

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


def fields_of(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def served_articles(pks):
    return ArticlePage.served_queryset(cached=False).filter(pk__in=pks).order_by("pk")


def test_objects_are_the_orms_with_what_was_joined_and_annotated(demo):
    pks = list(ArticlePage.objects.values_list("pk", flat=True))
    prepared = PreparedObjects(served_articles)
    prepared(pks)  # compiled
    with CaptureQueriesContext(connection) as captured:
        articles = prepared(pks)
        expected = list(served_articles(pks))
    assert len(captured) == 2  # one run, one ORM query to compare with
    assert [fields_of(a) for a in articles] == [fields_of(e) for e in expected]
    assert [a.has_updates for a in articles] == [e.has_updates for e in expected]
    with CaptureQueriesContext(connection) as captured:  # joined in: read with the article
        assert [(a.hero_image, a.author.photo, a.reviewer) for a in articles] == [
            (e.hero_image, e.author.photo, e.reviewer) for e in expected
        ]
    assert len(captured) == 0
    assert all(a._state.db == "default" and not a._state.adding for a in articles)


def test_objects_are_prefetched_as_the_orm_prefetches_them(demo):
    def products(pks):
        return Product.objects.filter(pk__in=pks).prefetch_related("features")

    pks = list(Product.objects.values_list("pk", flat=True))
    prepared = PreparedObjects(products)
    prepared(pks)
    found = prepared(pks)
    with CaptureQueriesContext(connection) as captured:
        assert [list(p.features.all()) for p in found] == [list(p.features.all()) for p in products(pks)]
    assert len(captured) == 2  # the ORM's product and features queries, none for what was prefetched


def test_objects_are_read_on_the_connection_of_the_thread_that_asks(demo, transactional_db):
    pks = list(AcupointPage.objects.order_by("pk").values_list("pk", flat=True)[:2])
    prepared = PreparedObjects(lambda ids: AcupointPage.objects.filter(pk__in=ids).order_by("pk"))
    prepared(pks)  # compiled on this thread
    found, errors = [], []

    def other():
        try:
            found.extend(prepared(pks))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert not errors and [p.pk for p in found] == pks


def test_a_queryset_that_makes_no_model_instances_goes_through_the_orm(demo):
    prepared = PreparedObjects(lambda ids: Page.objects.filter(pk__in=ids).specific())
    pks = list(ArticlePage.objects.values_list("pk", flat=True))
    assert [type(p) for p in prepared(pks)] == [ArticlePage]
    assert set(prepared._compiled.values()) == {False}


def test_chosen_pages_are_the_orms_in_bulk_whatever_ids_an_editor_left(demo):
    pks = list(AcupointPage.objects.order_by("pk").values_list("pk", flat=True)[:4])
    gone = max(Page.objects.values_list("pk", flat=True)) + 1
    asked = [pks[2], pks[0], pks[2], gone, pks[1]]  # a point named twice, and one since deleted
    found = AcupointPage.objects.in_bulk(asked)
    expected = AcupointPage.objects.all().order_by().in_bulk(asked)
    assert found.keys() == expected.keys() == {pks[0], pks[1], pks[2]}
    assert all(fields_of(found[pk]) == fields_of(expected[pk]) for pk in found)
    with CaptureQueriesContext(connection) as captured:
        AcupointPage.objects.in_bulk([pks[3], pks[1], pks[0]])
    assert len(captured) == 1 and "ORDER BY" not in captured[0]["sql"]


@pytest.mark.parametrize("asked", [[], ["12"], "many", None])
def test_chosen_products_answer_as_the_orm_for_anything_else(demo, asked):
    pks = list(Product.objects.values_list("pk", flat=True))
    if asked == "many":
        asked = pks + list(range(10**6, 10**6 + MOST_VALUES))
    elif asked == ["12"]:
        asked = [str(pks[0])]  # text, as a hand-edited stream might hold
    found = Product.objects.in_bulk(asked)
    assert found.keys() == Product.objects.all().order_by().in_bulk(asked).keys()


def test_chosen_products_come_with_their_picture_and_quoted_review(demo):
    pks = list(Product.objects.values_list("pk", flat=True))
    Product.objects.in_bulk(pks)
    with CaptureQueriesContext(connection) as captured:
        product = Product.objects.in_bulk(pks)[pks[0]]
        shown = (product.image.title, product.quoted_review)
    assert len(captured) == 1 and all(shown)
    assert product.quoted_review == Product.objects.all().chosen().get(pk=pks[0]).quoted_review


def test_a_list_longer_than_the_bound_is_answered_by_the_orm_and_not_kept(demo):
    pks = list(Page.objects.order_by("pk").values_list("pk", flat=True)[: MOST_VALUES + 1])
    prepared = Prepared(by_pk)
    assert len(pks) == MOST_VALUES + 1
    assert prepared(pks) == list(by_pk(pks))
    assert prepared._compiled == {}


def test_grouped_lists_each_owners_objects_in_order_and_an_empty_list_for_none(demo):
    product = Product.objects.first()
    features = PreparedObjects(lambda ids: product.features.model.objects.filter(product_id__in=ids))
    groups = features.grouped([product.pk, 10**9], "product_id")
    assert groups == {product.pk: list(product.features.all()), 10**9: []}
