"""What an editor does in the Wagtail admin, through the test client."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import AcupointPage, ArticleIndexPage, ArticlePage
from authors.models import AuthorPage


def article_with_one_point_section(title, slug, point, step):
    """The admin form data for a new article whose body is one point section with one step."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text("<p>One point, one step.</p>"),
            "body": streamfield(
                [
                    (
                        "point_section",
                        {
                            "point": point.pk,
                            "heading": "The Union Valley",
                            "why": rich_text("<p>It sits in the web between thumb and index finger.</p>"),
                            "steps": streamfield([("item", {"per": "", **step})]),
                            "after_note": "",
                        },
                    )
                ]
            ),
            "author": AuthorPage.objects.get(slug="p-sze").pk,
            "updates": inline_formset([]),
            "action-publish": "publish",
        }
    )


def add_article(client, data):
    return client.post(f"/admin/pages/add/articles/articlepage/{ArticleIndexPage.objects.get().pk}/", data)


def test_an_editor_creates_and_publishes_an_article_with_a_point_section(client, demo, admin_user):
    client.force_login(admin_user)
    step = {"text": "Pinch the web of your hand.", "minutes_min": "1", "minutes_max": "2"}
    data = article_with_one_point_section(
        "Hegu for tension headaches", "hegu-for-tension-headaches", AcupointPage.objects.get(code="LI4"), step
    )
    response = add_article(client, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="hegu-for-tension-headaches")
    assert article.live
    html = client.get(article.url).content.decode()
    assert "LI-4" in html and "The Union Valley" in html and "1–2 min" in html
    # LI-4 is traditionally avoided in pregnancy: the caution travels with the point into the article.
    assert "traditionally avoided during pregnancy" in html


def test_a_step_whose_range_runs_backwards_is_a_form_error(client, demo, admin_user):
    client.force_login(admin_user)
    step = {"text": "Press.", "minutes_min": "3", "minutes_max": "1"}
    data = article_with_one_point_section("Backwards", "backwards", AcupointPage.objects.get(code="BL40"), step)
    response = add_article(client, data)
    assert response.status_code == 200
    assert "must not be below the lower end" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="backwards").exists()


def test_editors_see_the_point_library_and_products_in_the_admin(client, demo, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/snippets/products/product/").status_code == 200
    assert client.get("/admin/snippets/products/productreview/").status_code == 200
    response = client.get("/admin/pages/search/?q=weizhong")
    assert response.status_code == 200


def test_editing_a_point_name_shows_in_the_article_at_once(client, demo, admin_user):
    point = AcupointPage.objects.get(code="BL40")
    point.english_name = "Commanding Middle"
    point.save_revision().publish()
    html = client.get("/articles/lower-back-pain-acupressure-points/").content.decode()
    assert "Commanding Middle" in html
