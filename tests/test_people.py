"""Authors, reviewers and their books."""

import pytest

from authors.isbn import isbn13_is_valid
from authors.models import AuthorPage


@pytest.mark.parametrize(
    "isbn, valid",
    [
        ("978-1520451398", True),
        ("9781980678922", True),
        ("978-1520451399", False),
        ("1520451398", False),
        ("979-0-000-00000-0", False),
        ("abc", False),
    ],
)
def test_isbn13_check_digit(isbn, valid):
    assert isbn13_is_valid(isbn) is valid


def test_the_admin_form_refuses_a_book_with_a_bad_isbn(client, demo, admin_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    client.force_login(admin_user)
    author = AuthorPage.objects.get(slug="p-sze")
    data = nested_form_data(
        {
            "title": author.title,
            "slug": author.slug,
            "honorific": "",
            "role": author.role,
            "short_bio": author.short_bio,
            "bio": rich_text("<p>Bio</p>"),
            "credentials": "",
            "links": inline_formset([]),
            "books": inline_formset([{"title": "A book", "isbn": "978-1520451399", "url": ""}]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{author.pk}/edit/", data)
    assert response.status_code == 200
    assert "not a valid ISBN-13" in response.content.decode()
    assert not author.books.filter(title="A book").exists()


def test_author_page_lists_books_and_the_articles_she_wrote(client, demo):
    html = client.get("/authors/p-sze/").content.decode()
    assert "978-1520451398" in html and "Master&#x27;s degree in Engineering" in html
    assert "5 Acupressure Points to Relieve Lower Back Pain" in html


def test_reviewer_page_lists_the_articles_she_reviewed(client, demo):
    html = client.get("/reviewers/mai-sogawa/").content.decode()
    assert "Ms. Mai Sogawa" in html and "Articles reviewed" in html
    assert "5 Acupressure Points to Relieve Lower Back Pain" in html


def test_the_author_box_lists_the_books_in_the_editors_order_and_a_previews_unsaved_list(demo):
    from authors.models import Book

    author = AuthorPage.objects.get(slug="p-sze")
    assert [b.pk for b in author.book_list] == [b.pk for b in author.books.order_by("sort_order")]
    assert len(author.book_list) == 2
    # What an editor's preview holds: the form's list, not the saved one.
    author.books = [Book(title="A third book", isbn="9781980678922")]
    del author.book_list
    assert [b.title for b in author.book_list] == ["A third book"]


@pytest.mark.parametrize(
    "title, initials", [("Mai Sogawa", "MS"), ("P. Sze", "PS"), ("Hua", "H"), ("Anna de la Cruz", "AC"), ("", "")]
)
def test_initials_are_the_first_and_last_names_first_letters(db, title, initials):
    assert AuthorPage(title=title).initials == initials


def test_a_person_without_a_photo_shows_their_initials_named_for_screen_readers(client, demo):
    from authors.models import ReviewerPage

    for person in (AuthorPage.objects.get(slug="p-sze"), ReviewerPage.objects.get(slug="mai-sogawa")):
        person.photo = None
        person.save_revision().publish()
    page = client.get("/authors/p-sze/").content.decode()
    assert 'class="avatar initials initials-large" role="img" aria-label="P. Sze"><span aria-hidden="true">PS' in page
    article = client.get("/articles/lower-back-pain-acupressure-points/").content.decode()
    assert 'role="img" aria-label="Ms. Mai Sogawa"><span aria-hidden="true">MS</span>' in article  # the review badge
    assert 'role="img" aria-label="P. Sze"><span aria-hidden="true">PS</span>' in article  # the author box
    assert "initials" in client.get("/authors/").content.decode()


def test_a_person_with_a_photo_shows_the_photo_not_initials(client, demo):
    html = client.get("/authors/p-sze/").content.decode()
    assert 'class="portrait"' in html and "initials" not in html
