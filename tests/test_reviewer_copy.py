"""Copying a reviewer page that is linked to an admin account makes a copy without the link: one account
is one reviewer, and the copy must not fail on that."""

from django.contrib.auth.models import User

from authors.models import ReviewerPage


def test_a_copy_of_a_reviewer_page_linked_to_an_account_has_no_account(client, demo, admin_user):
    reviewer = ReviewerPage.objects.get(slug="mai-sogawa")
    account = User.objects.create_user("mai", "mai@example.com", "a-long-test-password")
    reviewer.user = account
    reviewer.save_revision().publish()
    client.force_login(admin_user)
    response = client.post(
        f"/admin/pages/{reviewer.pk}/copy/",
        {
            "new_title": "Mai Sogawa (copy)",
            "new_slug": "mai-sogawa-copy",
            "new_parent_page": reviewer.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302, response.status_code
    copy = ReviewerPage.objects.get(slug="mai-sogawa-copy")
    assert copy.user is None and copy.live
    assert copy.get_latest_revision_as_object().user is None
    copy.get_latest_revision().publish()  # publishing the copy's draft again doesn't bring the link back
    assert ReviewerPage.objects.get(pk=copy.pk).user is None
    assert ReviewerPage.objects.get(pk=reviewer.pk).user == account
