"""The admin works under its Content-Security-Policy: in Chromium, an administrator opens the article in
the editor, sees the live preview, and sends the article to medical review; the reviewer approves it.
No step may trigger a CSP violation or a script error."""

import pytest

from demo.browser_site import served_demo

from .test_z_browser import browser  # noqa: F401  (the shared Chromium fixture)

pytestmark = pytest.mark.browser
PASSWORD = "a-long-browser-test-password"
SETUP = f"""
from django.contrib.auth.models import User
from articles.models import ArticlePage
User.objects.create_superuser("boss", "boss@example.com", "{PASSWORD}")
mai = User.objects.get(username="mai.sogawa")
mai.set_password("{PASSWORD}")
mai.save()
print(ArticlePage.objects.get(slug="lower-back-pain-acupressure-points").pk)
"""


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory):
    with served_demo(tmp_path_factory.mktemp("admin-csp-site"), "admin-csp", setup=SETUP) as (url, printed):
        yield url, printed.split()[-1]


def signed_in(browser, base, username):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    return context, page, problems


def test_editor_preview_and_workflow_work_under_the_admin_csp(browser, admin_site):  # noqa: F811
    base, article_id = admin_site
    context, page, problems = signed_in(browser, base, "boss")
    response = page.goto(f"{base}/admin/pages/{article_id}/edit/")
    policy = response.headers["content-security-policy"]
    for directive in ("frame-ancestors 'self'", "object-src 'none'", "base-uri 'self'"):
        assert directive in policy

    # The editor: the rich text editor and the streamfield blocks are drawn by the admin's scripts.
    page.locator(".Draftail-Editor").first.wait_for()
    assert page.locator("[data-contentpath='body']").count() >= 1

    # The live preview: the side panel's iframe shows the article.
    page.click("button[data-side-panel-toggle='preview']")
    frame = page.frame_locator("iframe[id$='preview-iframe'], iframe.preview-iframe").first
    frame.locator("h1").first.wait_for(state="attached")
    assert "Acupressure" in frame.locator("h1").first.text_content()

    # The workflow: send the article to medical review from the action menu.
    page.click("[data-w-dropdown-target='toggle'] >> nth=-1")
    page.click("button[name='action-submit']")
    page.wait_for_load_state()
    assert "has been submitted for moderation" in page.locator(".messages").inner_text()
    context.close()

    # The reviewer approves it from the same editor.
    context, page, reviewer_problems = signed_in(browser, base, "mai.sogawa")
    page.goto(f"{base}/admin/pages/{article_id}/edit/")
    page.click("[data-w-dropdown-target='toggle'] >> nth=-1")
    # The admin's own script posts the action (data-workflow-action-name), so this needs its JavaScript.
    page.click("button[data-workflow-action-name='approve']")
    page.wait_for_load_state()
    assert "has been updated" in page.locator(".messages").inner_text()
    # Approved and published: nothing left to approve, and the article shows the review.
    page.goto(f"{base}/admin/pages/{article_id}/edit/")
    assert page.locator("[data-workflow-action-name='approve']").count() == 0
    page.goto(base + "/articles/lower-back-pain-acupressure-points/")
    assert "Reviewed & Fact-Checked By" in page.locator(".review-badge").inner_text()
    context.close()

    csp = [p for p in problems + reviewer_problems if "Content Security Policy" in p or "Refused to" in p]
    assert csp == []
    assert problems + reviewer_problems == []
