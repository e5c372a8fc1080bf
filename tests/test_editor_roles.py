"""The editors' guide walked as a member of the Editors group who is not a superuser, and the review as a
medical reviewer: every page the guide opens answers, and every job it describes gets done."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from articles.models import AcupointPage, ArticleIndexPage, ArticlePage, PointIndexPage
from authors.models import AuthorPage, ReviewerPage
from base.models import SiteSettings
from products.models import Offer, OutboundClick, Product, ProductCategory, ProductReview

from .test_editorial_workflow import approve_as
from .test_editors import add_article, neck_article


@pytest.fixture
def editor_in(demo, editor):
    assert not editor.is_superuser and not editor.is_staff
    return editor


@pytest.fixture
def reviewer_user(demo):
    return User.objects.get(username="mai.sogawa")


def guide_pages():
    site = Site.objects.get(is_default_site=True)
    product = Product.objects.get()
    return [
        "/admin/",
        f"/admin/pages/{ArticleIndexPage.objects.get().pk}/",
        f"/admin/pages/add/articles/articlepage/{ArticleIndexPage.objects.get().pk}/",
        f"/admin/pages/{ArticlePage.objects.first().pk}/edit/",
        f"/admin/pages/{PointIndexPage.objects.get().pk}/",
        f"/admin/pages/{AcupointPage.objects.get(code='BL40').pk}/edit/",
        f"/admin/pages/{AuthorPage.objects.first().pk}/edit/",
        f"/admin/pages/{ReviewerPage.objects.first().pk}/edit/",
        reverse(Product.snippet_viewset.get_url_name("list")),
        reverse(Product.snippet_viewset.get_url_name("add")),
        reverse(Product.snippet_viewset.get_url_name("edit"), args=[product.pk]),
        reverse(ProductCategory.snippet_viewset.get_url_name("list")),
        reverse(ProductCategory.snippet_viewset.get_url_name("add")),
        reverse(Offer.snippet_viewset.get_url_name("list")),
        reverse(ProductReview.snippet_viewset.get_url_name("list")) + "?status=pending",
        "/admin/snippets/articles/complaint/",
        "/admin/snippets/articles/readercaution/",
        reverse("products_click_report"),
        f"/admin/settings/base/sitesettings/{site.pk}/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
    ]


def test_an_editor_opens_every_admin_page_the_guide_uses(client, editor_in):
    client.force_login(editor_in)
    refused = {}
    for url in guide_pages():
        response = client.get(url)
        if response.status_code != 200:
            refused[url] = (response.status_code, response.get("Location", ""))
    assert refused == {}


def test_the_editors_menu_shows_the_shop_the_click_report_and_site_settings(client, editor_in):
    client.force_login(editor_in)
    html = client.get("/admin/").content.decode()
    for shown in ("Shop", "Retailer clicks", "Site settings", "Images", "Documents"):
        assert shown in html, shown


def test_user_management_and_workflow_settings_stay_with_administrators(client, editor_in):
    client.force_login(editor_in)
    for url in ("/admin/users/", "/admin/groups/", "/admin/workflows/list/", "/admin/workflows/tasks/index/"):
        assert client.get(url).status_code in (302, 403), url
    assert not editor_in.has_perm("auth.change_user")


def test_an_editor_writes_an_article_with_a_product_card_and_the_reviewer_publishes_it(
    client, editor_in, reviewer_user
):
    client.force_login(editor_in)
    response = add_article(client, neck_article("action-submit"))
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="neck-tension-acupressure-points")
    assert article.workflow_in_progress and not article.live
    response = approve_as(client, reviewer_user, article)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert "A tool for the tight spots" in client.get(article.url).content.decode()


def test_an_editor_corrects_a_point_and_publishes_it(client, editor_in):
    point = AcupointPage.objects.get(code="BL40")
    client.force_login(editor_in)
    response = client.get(f"/admin/pages/{point.pk}/edit/")
    # Post the page back as the admin would, with one word changed, and publish it.
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["english_name"] = "Commanding Middle"
    data["action-publish"] = "publish"
    response = client.post(f"/admin/pages/{point.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    point.refresh_from_db()
    assert point.live and point.english_name == "Commanding Middle"


def test_an_editor_adds_a_product_with_an_offer(client, editor_in):
    client.force_login(editor_in)
    data = nested_form_data(
        {
            "name": "Jade roller",
            "slug": "jade-roller",
            "badge": "",
            "tagline": "Cool stone for the face.",
            "features": inline_formset([{"title": "Two ends", "text": "A wide and a narrow stone."}]),
            "offers": inline_formset(
                [
                    {
                        "retailer": "Example Shop",
                        "label": "Buy at Example Shop",
                        "slug": "jade-roller-example",
                        "url": "https://shop.example.com/jade-roller",
                        "active": "on",
                    }
                ]
            ),
        }
    )
    response = client.post(reverse(Product.snippet_viewset.get_url_name("add")), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    product = Product.objects.get(slug="jade-roller")
    assert product.offers.get().slug == "jade-roller-example"


def test_an_editor_adds_a_product_category(client, editor_in):
    client.force_login(editor_in)
    data = {"name": "Rollers", "slug": "rollers", "description": "", "sort_order": "3"}
    response = client.post(reverse(ProductCategory.snippet_viewset.get_url_name("add")), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ProductCategory.objects.filter(slug="rollers").exists()


def test_an_editor_approves_a_reader_review(client, editor_in):
    review = ProductReview.objects.create(product=Product.objects.get(), name="Reader", rating=4, text="Works well.")
    client.force_login(editor_in)
    url = f"/admin/bulk/products/productreview/approve/?id={review.pk}"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    review.refresh_from_db()
    assert review.approved


def test_an_editor_reads_the_click_report_and_downloads_its_csv(client, editor_in):
    OutboundClick.objects.create(offer=Offer.objects.get(), is_bot=False)
    client.force_login(editor_in)
    today = timezone.localdate()
    response = client.get(reverse("products_click_report"))
    assert response.status_code == 200
    start = (today - datetime.timedelta(days=7)).isoformat()
    response = client.get(reverse("products_click_report"), {"start": start, "end": today.isoformat(), "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_an_editor_changes_the_menu_links_in_the_site_settings(client, editor_in):
    site = Site.objects.get(is_default_site=True)
    point_library = PointIndexPage.objects.get()
    client.force_login(editor_in)
    data = nested_form_data(
        {
            "site_name": "TCM Tips",
            "menu_links": streamfield([("link", {"page": point_library.pk, "label": "Points", "show_in": "header"})]),
            "footer_text": rich_text("<p>Our own words.</p>"),
            "affiliate_disclosure": "We may earn a commission.",
            "review_interval_months": "12",
        }
    )
    response = client.post(f"/admin/settings/base/sitesettings/{site.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    links = SiteSettings.for_site(site).menu_links
    assert [link.value["label"] for link in links] == ["Points"]


def test_an_editor_uploads_an_image(client, editor_in):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "green").save(buffer, "PNG")
    client.force_login(editor_in)
    upload = SimpleUploadedFile("leaf.png", buffer.getvalue(), content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "A green leaf", "file": upload, "collection": 1})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert get_image_model().objects.filter(title="A green leaf").exists()


def test_the_editors_group_holds_its_permissions_without_the_demo(db):
    """Straight from the migrations (no load_demo in this test's data): the group is ready on every install."""
    editors = Group.objects.get(name="Editors")
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in editors.permissions.all()}
    for needed in (
        "products.change_product",
        "products.add_offer",
        "products.change_productreview",
        "products.view_outboundclick",
        "base.change_sitesettings",
    ):
        assert needed in granted, needed
    page_permissions = set(editors.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= page_permissions
    assert Group.objects.filter(name="Medical reviewers").exists()
    assert not Permission.objects.filter(group=editors, codename__in=["change_user", "add_workflow"]).exists()


# Where the reviewer lands


def act_from_the_editor(client, reviewer, article, action, **extra):
    client.force_login(reviewer)
    edit_url = f"/admin/pages/{article.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    # The article's fields as submitted (the body is built by script in the browser), plus what the page
    # form carries besides them.
    data = neck_article(None)
    for key, value in querydict_from_html(response.content.decode(), form_id="page-edit-form").items():
        if key.startswith("comments-"):
            data[key] = value
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    for key, value in extra.items():
        data[key] = value
    return client.post(edit_url, data, follow=True)


def submitted_article(client, editor):
    client.force_login(editor)
    assert add_article(client, neck_article("action-submit")).status_code == 302
    client.logout()
    return ArticlePage.objects.get(slug="neck-tension-acupressure-points")


def test_a_reviewer_who_approves_from_the_editor_lands_on_the_dashboard_told_it_is_published(
    client, editor_in, reviewer_user
):
    article = submitted_article(client, editor_in)
    response = act_from_the_editor(client, reviewer_user, article, "approve")
    html = response.content.decode()
    assert response.status_code == 200 and response.request["PATH_INFO"] == "/admin/"
    assert "do not have permission" not in html
    assert "is approved and published" in html and "Four acupressure points for neck tension" in html
    article.refresh_from_db()
    assert article.live


def test_a_reviewer_who_requests_changes_lands_on_the_dashboard_told_so(client, editor_in, reviewer_user):
    article = submitted_article(client, editor_in)
    response = act_from_the_editor(
        client, reviewer_user, article, "reject", **{"workflow-action-extra-data": '{"comment": "Cite a source."}'}
    )
    html = response.content.decode()
    assert response.request["PATH_INFO"] == "/admin/"
    assert "do not have permission" not in html
    assert "Changes requested on" in html
    article.refresh_from_db()
    assert not article.live


def test_a_reviewer_who_approves_from_the_dashboard_comes_back_to_it(client, editor_in, reviewer_user):
    article = submitted_article(client, editor_in)
    client.force_login(reviewer_user)
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    response = client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{state.current_task_state_id}/",
        {"comment": "", "next": "/admin/"},
        follow=True,
    )
    html = response.content.decode()
    assert response.request["PATH_INFO"] == "/admin/"
    assert "do not have permission" not in html
    # The dashboard lists what she just decided.
    mine = html[html.index("Your latest medical reviews") :]
    assert "Four acupressure points for neck tension" in mine[:3000] and "Approved, published" in mine[:3000]


# Mail reaches reviewers


def test_the_demo_reviewer_has_an_address_so_submissions_reach_her(client, editor_in, reviewer_user):
    from django.core import mail

    assert reviewer_user.email
    mail.outbox.clear()
    client.force_login(editor_in)
    assert add_article(client, neck_article("action-submit")).status_code == 302
    assert [m for m in mail.outbox if reviewer_user.email in m.to]


def test_a_reviewer_page_warns_when_its_login_has_no_address(client, editor_in, admin_user, reviewer_user):
    reviewer_user.email = ""
    reviewer_user.save()
    page = reviewer_user.reviewer_page
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "has no e-mail address" in html
    assert f'href="/admin/users/edit/{reviewer_user.pk}/"' in html  # one step to the login, for an administrator
    client.force_login(editor_in)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "has no e-mail address" in html and "Ask an administrator" in html


def test_a_reviewer_page_with_an_addressed_login_says_where_mail_goes(client, admin_user, reviewer_user):
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{reviewer_user.reviewer_page.pk}/edit/").content.decode()
    assert "has no e-mail address" not in html and reviewer_user.email in html
