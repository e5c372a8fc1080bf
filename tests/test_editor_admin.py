"""What an editor does in the Wagtail admin, through the test client."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import AcupointPage, ArticleIndexPage, ArticlePage


def test_an_editor_creates_and_publishes_an_article_with_a_point_section(client, demo, admin_user):
    client.force_login(admin_user)
    index = ArticleIndexPage.objects.get()
    point = AcupointPage.objects.get(code="LI4")
    data = nested_form_data(
        {
            "title": "Hegu for tension headaches",
            "slug": "hegu-for-tension-headaches",
            "intro": rich_text("<p>One point in the web of the hand.</p>"),
            "body": streamfield(
                [
                    (
                        "point_section",
                        {
                            "point": point.pk,
                            "heading": "The Union Valley",
                            "why": rich_text("<p>It sits in the web between thumb and index finger.</p>"),
                            "steps": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "text": "Pinch the web of your hand.",
                                            "minutes_min": "1",
                                            "minutes_max": "2",
                                            "per": "",
                                        },
                                    ),
                                ]
                            ),
                            "after_note": "",
                        },
                    ),
                ]
            ),
            "updates": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/articles/articlepage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="hegu-for-tension-headaches")
    assert article.live
    html = client.get(article.url).content.decode()
    assert "LI-4" in html and "The Union Valley" in html and "1–2 min" in html
    # LI-4 is traditionally avoided in pregnancy: the caution travels with the point into the article.
    assert "traditionally avoided during pregnancy" in html


def test_a_step_whose_range_runs_backwards_is_a_form_error(client, demo, admin_user):
    client.force_login(admin_user)
    index = ArticleIndexPage.objects.get()
    point = AcupointPage.objects.get(code="BL40")
    data = nested_form_data(
        {
            "title": "Backwards",
            "slug": "backwards",
            "intro": rich_text("<p>x</p>"),
            "body": streamfield(
                [
                    (
                        "point_section",
                        {
                            "point": point.pk,
                            "heading": "H",
                            "why": rich_text("<p>y</p>"),
                            "steps": streamfield(
                                [("item", {"text": "Press.", "minutes_min": "3", "minutes_max": "1", "per": ""})]
                            ),
                            "after_note": "",
                        },
                    )
                ]
            ),
            "updates": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/articles/articlepage/{index.pk}/", data)
    assert response.status_code == 200
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
