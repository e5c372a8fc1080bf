"""What an editor does in the admin, through the test client: choose points and products, be told exactly
what to fix, preview every kind of page, see on the dashboard what needs doing, and take a new article from
writing to published through the medical review."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import AcupointPage, ArticleIndexPage, ArticlePage, PointIndexPage
from authors.models import AuthorIndexPage, AuthorPage, ReviewerIndexPage, ReviewerPage
from base.models import SiteSettings
from home.models import HomePage
from products.models import Offer, OutboundClick, Product

NECK_POINTS = [
    ("GB20", "The Wind Pool at the Base of the Skull", ("1", "2")),
    ("BL10", "The Celestial Pillar Beside the Neck Muscles", ("1", "")),
    ("GB21", "The Shoulder Well on Top of the Shoulder", ("0.5", "1")),
    ("SI3", "The Back Stream on the Side of the Hand", ("2", "3")),
]


def point_section(code, heading, minutes, **changes):
    low, high = minutes
    section = {
        "point": AcupointPage.objects.get(code=code).pk,
        "heading": heading,
        "why": rich_text(f"<p>Why {code} helps a stiff neck.</p>"),
        "steps": streamfield(
            [
                (
                    "item",
                    {"text": "Find the point with your fingertips.", "minutes_min": "", "minutes_max": "", "per": ""},
                ),
                (
                    "item",
                    {
                        "text": "Press and breathe slowly.",
                        "minutes_min": low,
                        "minutes_max": high,
                        "per": "on each side",
                    },
                ),
            ]
        ),
        "after_note": "The neck often feels warmer afterwards.",
    }
    section.update(changes)
    return section


def neck_article(action="action-submit", sections=None, extra_blocks=(), **fields):
    sections = NECK_POINTS if sections is None else sections
    body = [("point_section", point_section(*s)) for s in sections]
    body.append(
        (
            "product_card",
            {"heading": "A tool for the tight spots", "lead": "", "product": Product.objects.get().pk},
        )
    )
    body.extend(extra_blocks)
    data = {
        "title": "Four acupressure points for neck tension",
        "slug": "neck-tension-acupressure-points",
        "intro": rich_text("<p>Four points that ease a stiff, tense neck in ten minutes.</p>"),
        "body": streamfield(body),
        "author": AuthorPage.objects.get(slug="p-sze").pk,
        "updates": inline_formset([]),
        **fields,
    }
    if action:
        data[action] = action.split("-")[-1]
    return nested_form_data(data)


def add_article(client, data):
    return client.post(f"/admin/pages/add/articles/articlepage/{ArticleIndexPage.objects.get().pk}/", data)


@pytest.fixture
def reviewer_user(demo):
    return User.objects.get(username="mai.sogawa")


# Writing: the point chooser


@pytest.mark.parametrize(
    "typed", ["GB20", "gb-20", "Gb 20", "GB.20", "Fengchi", "feng chi", "风池", "Wind Pool", "wind pond"]
)
def test_the_point_chooser_finds_a_point_however_it_is_spelled(client, demo, editor, typed):
    client.force_login(editor)
    response = client.get("/admin/acupoint-chooser/results/", {"q": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "GB-20" in html and "Fengchi" in html and "风池" in html and "Wind Pool" in html


def test_the_point_chooser_lists_code_pinyin_characters_and_english_name(client, demo, editor):
    client.force_login(editor)
    response = client.get("/admin/acupoint-chooser/")
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    for column in ("Code", "Pinyin", "Characters", "English name", "Pregnancy"):
        assert f">{column}<" in html or column in html
    assert "LU-1" in html and "Zhongfu" in html and "中府" in html and "Central Treasury" in html


def test_the_point_chooser_takes_odd_input_without_an_error(client, demo, editor):
    client.force_login(editor)
    for typed in ["\x00", "x" * 500, "%", "' OR 1=1"]:
        assert client.get("/admin/acupoint-chooser/results/", {"q": typed}).status_code == 200


# Writing: the product chooser


def test_the_product_chooser_shows_picture_badge_and_whether_a_link_works(client, demo, admin_user):
    client.force_login(admin_user)
    url = reverse(Product.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    html = client.get(url).content.decode()
    assert "Facial Gua Sha Tool For Beginner" in html
    assert "Best Gua Sha Product" in html or Product.objects.get().badge in html
    assert "<img" in html and "Working" in html
    Offer.objects.update(broken=True)
    html = client.get(url).content.decode()
    assert "None working: readers see no button" in html


# Writing: blocks explain themselves and preview


@pytest.mark.parametrize("name", ["point_section", "product_card", "tips", "quote", "references", "rich_text"])
def test_each_article_block_has_a_description_and_a_preview(client, demo, editor, name):
    block = ArticlePage._meta.get_field("body").stream_block.child_blocks[name]
    assert len(block.get_description()) > 30
    assert block.is_previewable
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    assert "css/site.css" in response.content.decode()


def test_the_point_section_preview_shows_a_real_point_with_its_steps(client, demo, editor):
    block = ArticlePage._meta.get_field("body").stream_block.child_blocks["point_section"]
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}).content.decode()
    assert "BL-40" in html and "Weizhong" in html and "1–2 min" in html


# Validation that says what to fix (as an editor sending the article to the medical review)


def refused(client, data):
    response = add_article(client, data)
    assert response.status_code == 200, "the form should come back with the problem marked"
    assert not ArticlePage.objects.filter(slug="neck-tension-acupressure-points").exists()
    return response.content.decode()


def test_an_article_without_an_author_is_refused(client, demo, editor):
    client.force_login(editor)
    html = refused(client, neck_article(author=""))
    assert "Choose the author before publishing or sending for review" in html


def test_a_point_section_without_a_point_is_refused(client, demo, editor):
    client.force_login(editor)
    section = point_section("GB20", "No point chosen", ("1", ""), point="")
    data = neck_article(sections=[], extra_blocks=[("point_section", section)])
    assert "Choose the point this section is about." in refused(client, data)


def test_a_point_section_without_steps_is_refused(client, demo, editor):
    client.force_login(editor)
    section = point_section("GB20", "No steps", ("1", ""), steps=streamfield([]))
    data = neck_article(sections=[], extra_blocks=[("point_section", section)])
    assert "Add at least one step telling the reader how to press the point." in refused(client, data)


def test_an_empty_step_is_refused(client, demo, editor):
    client.force_login(editor)
    steps = streamfield([("item", {"text": "  ", "minutes_min": "1", "minutes_max": "", "per": ""})])
    section = point_section("GB20", "Empty step", ("1", ""), steps=steps)
    data = neck_article(sections=[], extra_blocks=[("point_section", section)])
    assert "Write what the reader does in this step, or delete the step." in refused(client, data)


def test_a_product_card_without_a_product_is_refused(client, demo, editor):
    client.force_login(editor)
    data = neck_article(
        sections=NECK_POINTS[:1], extra_blocks=[("product_card", {"heading": "", "lead": "", "product": ""})]
    )
    assert "Choose the product this card shows" in refused(client, data)


def test_a_product_card_while_the_disclosure_is_empty_is_refused(client, demo, editor):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.affiliate_disclosure = ""
    settings.save()
    client.force_login(editor)
    assert "affiliate disclosure is empty" in refused(client, neck_article())


@pytest.mark.parametrize(
    "minutes, message",
    [
        (("3", "1"), "The upper end must not be below the lower end."),
        (("", "2"), "Give the lower end too."),
        (("0", ""), "greater than or equal to 0.25"),
        (("90", ""), "less than or equal to 60"),
        (("two", ""), "Enter a number."),
    ],
)
def test_a_duration_is_minutes_or_a_range_of_minutes(client, demo, editor, minutes, message):
    client.force_login(editor)
    data = neck_article(sections=[("GB20", "Bad duration", minutes)])
    assert message in refused(client, data)


def test_an_unfinished_draft_can_still_be_saved(client, demo, editor):
    """Every rule above applies when the article goes out; a draft keeps whatever the editor has so far."""
    client.force_login(editor)
    section = point_section("GB20", "Half done", ("1", ""), point="", steps=streamfield([]))
    data = neck_article(action=None, sections=[], extra_blocks=[("point_section", section)], author="")
    assert add_article(client, data).status_code == 302
    assert ArticlePage.objects.filter(slug="neck-tension-acupressure-points", live=False).exists()


# From writing to published


def test_an_editor_writes_the_neck_tension_article_and_a_reviewer_approves_it(client, demo, editor, reviewer_user):
    client.force_login(editor)
    response = add_article(client, neck_article())
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="neck-tension-acupressure-points")
    assert not article.live and article.workflow_in_progress

    # The reviewer sees it waiting on her dashboard, and approves it.
    client.force_login(reviewer_user)
    dashboard = client.get("/admin/").content.decode()
    assert "Articles waiting for medical review" in dashboard
    assert f'href="/admin/pages/{article.pk}/edit/"' in dashboard
    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    response = client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{state.current_task_state_id}/", {"comment": ""}
    )
    assert response.status_code == 302
    client.logout()

    article.refresh_from_db()
    assert article.live and article.reviewer.slug == "mai-sogawa" and article.last_reviewed == timezone.localdate()
    html = client.get(article.url).content.decode()
    positions = [html.index(f"{code[:2]}-{code[2:]}</span>: {heading}") for code, heading, _ in NECK_POINTS]
    assert positions == sorted(positions), "the four sections in the order written"
    for duration in (
        "1–2 min on each side",
        "about 1 min on each side",
        "0.5–1 min on each side",
        "2–3 min on each side",
    ):
        assert duration in html
    assert 'data-seconds="180"' in html  # the routine timer runs the longer end of SI-3's range
    assert "traditionally avoided during pregnancy" in html  # GB-21 carries the caution into the article
    assert "A tool for the tight spots" in html and "Facial Gua Sha Tool For Beginner" in html
    assert html.index('class="disclosure"') < html.index('href="/go/')
    assert (
        'Reviewed &amp; Fact-Checked By <a class="reviewer-link"' in html
        and "<strong>Ms. Mai Sogawa</strong></a>" in html
    )
    assert 'href="/authors/p-sze/"' in html
    # The point pages list the new article under "used in".
    assert article.title in client.get("/points/gb-20/").content.decode()


# Navigation and footer links are the editors'


def test_header_and_footer_links_come_from_the_site_settings(client, demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    html = client.get("/").content.decode()
    header = html[html.index('class="main-nav"') : html.index("</nav>")]
    assert [a for a in re.findall(r'href="([^"]+)"', header)] == ["/articles/", "/points/", "/products/", "/authors/"]
    assert 'href="/reviewers/"' in html[html.index('aria-label="Footer"') :]

    settings.menu_links = [
        ("link", {"page": ReviewerIndexPage.objects.get(), "label": "Our reviewers", "show_in": "header"}),
        ("link", {"page": PointIndexPage.objects.get(), "label": "", "show_in": "both"}),
    ]
    settings.save()  # the page cache is dropped on save
    html = client.get("/").content.decode()
    header = html[html.index('class="main-nav"') : html.index("</nav>")]
    assert '<a href="/reviewers/">Our reviewers</a>' in header
    assert '<a href="/points/">Acupoint library</a>' in header  # no label: the page's title
    footer = html[html.index('aria-label="Footer"') :]
    assert "/reviewers/" not in footer and "/articles/" not in footer


def test_an_unpublished_page_drops_out_of_the_menu(client, demo):
    AuthorIndexPage.objects.get().unpublish()
    html = client.get("/").content.decode()
    assert 'href="/authors/"' not in html[html.index('class="main-nav"') :]


def test_editors_edit_the_links_in_the_site_settings(client, demo, admin_user):
    client.force_login(admin_user)
    site = Site.objects.get(is_default_site=True)
    html = client.get(f"/admin/settings/base/sitesettings/{site.pk}/").content.decode()
    assert "Header and footer links" in html


# Live preview, mobile and desktop, for every page type


@pytest.mark.parametrize(
    "model",
    [
        HomePage,
        ArticleIndexPage,
        ArticlePage,
        PointIndexPage,
        AcupointPage,
        AuthorIndexPage,
        AuthorPage,
        ReviewerIndexPage,
        ReviewerPage,
    ],
)
def test_every_page_type_previews_in_mobile_and_desktop_sizes(client, demo, admin_user, model):
    page = model.objects.first()
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'value="mobile"' in html and 'value="desktop"' in html  # Wagtail's preview size buttons
    response = page.make_preview_request()
    assert response.status_code == 200
    assert page.title.split()[0] in response.content.decode()
    # The admin shows the preview in a frame: the page's own policy must let this site frame it.
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_a_product_previews_its_card_from_the_unsaved_form(client, demo, admin_user):
    product = Product.objects.get()
    client.force_login(admin_user)
    edit_url = reverse(Product.snippet_viewset.get_url_name("edit"), args=[product.pk])
    html = client.get(edit_url).content.decode()
    assert 'value="mobile"' in html and 'value="desktop"' in html
    offer = product.offers.get()
    data = nested_form_data(
        {
            "name": "Renamed in the preview",
            "slug": product.slug,
            "badge": product.badge,
            "tagline": product.tagline,
            "image": product.image_id,
            "features": inline_formset(
                [{"id": f.pk, "title": f.title, "text": f.text} for f in product.features.all()],
                initial=product.features.count(),
            ),
            "offers": inline_formset(
                [
                    {
                        "id": offer.pk,
                        "retailer": offer.retailer,
                        "label": "Buy it here",
                        "slug": offer.slug,
                        "url": offer.url,
                        "active": "on",
                    }
                ],
                initial=1,
            ),
        }
    )
    preview_url = reverse(Product.snippet_viewset.get_url_name("preview_on_edit"), args=[product.pk])
    assert client.post(preview_url, data).json()["is_valid"]
    html = client.get(preview_url, {"mode": "card"}).content.decode()
    assert "Renamed in the preview" in html and "Buy it here" in html
    assert 'class="product-card"' in html and 'class="disclosure"' in html
    assert Product.objects.get().name != "Renamed in the preview"  # nothing saved


# The dashboard says what needs doing


def test_the_dashboard_lists_broken_offers_and_the_articles_they_affect(client, demo, admin_user):
    offer = Offer.objects.get()
    Offer.objects.filter(pk=offer.pk).update(broken=True)
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    panel = html[html.index("Retailer links that stopped working") :]
    edit_offer = reverse(Offer.snippet_viewset.get_url_name("edit"), args=[offer.pk])
    assert f'href="{edit_offer}"' in panel
    assert "Lower Back Pain" in panel[:3000] or ArticlePage.objects.get(slug=demo.slug).title in panel[:3000]
    assert f'href="/admin/pages/{demo.pk}/edit/"' in panel[:3000]


def test_the_dashboard_counts_readers_clicks_this_week(client, demo, admin_user):
    offer = Offer.objects.get()
    OutboundClick.objects.create(offer=offer)
    OutboundClick.objects.create(offer=offer)
    OutboundClick.objects.create(offer=offer, is_bot=True)
    old = OutboundClick.objects.create(offer=offer)
    OutboundClick.objects.filter(pk=old.pk).update(clicked_at=timezone.now() - datetime.timedelta(days=20))
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "<strong>2</strong> clicks by readers" in html
    assert reverse("products_click_report") in html


def test_the_dashboard_panels_need_no_more_queries_as_the_lists_grow(
    client, demo, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    client.get("/admin/")
    Offer.objects.update(broken=True)
    with django_assert_max_num_queries(60):
        assert client.get("/admin/").status_code == 200


# Content: the pregnancy cautions agree with articles/data/README.md


def test_the_pregnancy_cautions_are_exactly_the_list_the_data_readme_gives(demo):
    named_for_action = {"LI4", "SP6", "BL60", "BL67", "GB21", "BL31", "BL32", "BL33", "BL34"}
    over_the_uterus = {f"CV{n}" for n in range(1, 9)} | {f"KI{n}" for n in range(11, 17)}
    over_the_uterus |= {f"ST{n}" for n in range(25, 31)}
    flagged = set(AcupointPage.objects.filter(pregnancy_caution=True).values_list("code", flat=True))
    assert flagged == named_for_action | over_the_uterus
