"""The header's menu as editors set it and readers get it: up to eight links in the site settings (a ninth is
refused with a clear form error), served as a list behind a real menu button that starts folded shut."""

import re

from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from base.models import SiteSettings

PAGES = ["articles", "points", "products", "authors", "reviewers"]


def settings_form(links):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return settings, nested_form_data(
        {
            "site_name": "TCM Tips",
            "footer_text": rich_text(""),
            "affiliate_disclosure": settings.affiliate_disclosure,
            "review_interval_months": 12,
            "menu_links": streamfield(
                [("link", {"page": page.pk, "label": f"Link {n}", "show_in": "both"}) for n, page in enumerate(links)]
            ),
        }
    )


def demo_pages(count):
    pages = list(Page.objects.filter(depth=3).live().order_by("path"))
    return (pages * count)[:count]


def test_editors_save_eight_menu_links(client, demo, admin_user):
    client.force_login(admin_user)
    settings, data = settings_form(demo_pages(8))
    response = client.post(f"/admin/settings/base/sitesettings/{settings.site_id}/", data)
    assert response.status_code == 302
    assert len(SiteSettings.objects.get(pk=settings.pk).menu_links) == 8


def test_a_ninth_menu_link_is_refused_with_a_form_error(client, demo, admin_user):
    client.force_login(admin_user)
    settings, data = settings_form(demo_pages(9))
    response = client.post(f"/admin/settings/base/sitesettings/{settings.site_id}/", data)
    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert "The maximum number of items is 8" in html
    assert len(SiteSettings.objects.get(pk=settings.pk).menu_links) == 5  # the demo's, untouched


def test_the_settings_form_says_how_many_links_fit(client, demo, admin_user):
    client.force_login(admin_user)
    site = Site.objects.get(is_default_site=True)
    assert "(up to 8)" in client.get(f"/admin/settings/base/sitesettings/{site.pk}/").content.decode()


def test_the_header_links_sit_behind_a_menu_button_that_starts_shut(client, demo):
    html = client.get("/").content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>")]
    button = re.search(r"<button[^>]*menu-toggle[^>]*>", nav).group(0)
    assert 'type="button"' in button and 'aria-expanded="false"' in button
    controls = re.search(r'aria-controls="([^"]+)"', button).group(1)
    # Without JavaScript the button stays hidden and the list shows; the script reveals the button.
    assert " hidden" in button
    assert re.search(rf'<ul id="{controls}"', nav)
    assert re.findall(r'<li><a href="([^"]+)">', nav) == ["/articles/", "/points/", "/products/", "/authors/"]
    assert "js/menu.js" in html
