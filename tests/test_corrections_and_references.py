"""The update log tells a correction from a routine update, and an article without references is flagged to
its editor before it goes out (a warning: the reviewer still decides)."""

import datetime
import re

from articles.models import ArticlePage, ArticleUpdate
from articles.wagtail_hooks import NO_REFERENCES_WARNING

URL = "/articles/lower-back-pain-acupressure-points/"


def update_log(client):
    html = client.get(URL).content.decode()
    return re.search(r'<section class="update-log".*?</section>', html, re.S).group(0)


def test_the_demo_article_shows_a_dated_correction(client, article):
    log = update_log(client)
    correction = article.updates.get(kind=ArticleUpdate.CORRECTION)
    day = correction.date
    assert f'<strong class="correction-label">Correction</strong> <time datetime="{day:%Y-%m-%d}">' in log
    assert "Clarified where to find BL-40" in log


def test_a_correction_is_labelled_apart_from_a_routine_update(client, article):
    article.updates.all().delete()
    ArticleUpdate.objects.create(page=article, date=datetime.date(2026, 5, 2), text="Added a tip on posture.")
    ArticleUpdate.objects.create(
        page=article, date=datetime.date(2026, 6, 9), kind=ArticleUpdate.CORRECTION, text="Fixed a point's name."
    )
    article.save_revision().publish()
    log = update_log(client)
    assert '<li class="update">Updated <time datetime="2026-05-02">2 May 2026</time>: Added a tip on posture.' in log
    assert (
        '<li class="correction"><strong class="correction-label">Correction</strong> '
        '<time datetime="2026-06-09">9 June 2026</time>: Fixed a point&#x27;s name.' in log
    )


def test_the_editor_is_warned_about_an_article_without_references(client, admin_user, article):
    client.force_login(admin_user)
    edit = f"/admin/pages/{article.pk}/edit/"
    assert NO_REFERENCES_WARNING not in client.get(edit).content.decode()
    article.body = [(block.block_type, block.value) for block in article.body if block.block_type != "references"]
    article.save_revision()
    response = client.get(edit)
    assert response.status_code == 200
    assert NO_REFERENCES_WARNING in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).live  # a warning, not a refusal


def test_saving_an_article_without_references_warns_and_still_saves(client, admin_user, article):
    from .test_page_types import article_post_data  # a body of one text block: no references

    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{article.pk}/edit/", article_post_data(article), follow=True)
    assert response.status_code == 200
    assert NO_REFERENCES_WARNING in response.content.decode()
    assert "Press each point for a minute." in str(ArticlePage.objects.get(pk=article.pk).get_latest_revision().content)
