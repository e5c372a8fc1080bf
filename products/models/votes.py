from django.db import models

from .catalogue import ProductReview


class HelpfulVote(models.Model):
    """That one reader found one review helpful: the review and a keyed hash of the reader, never the reader's
    address (see products/helpful.py). Kept in the database, so no cache eviction or restart forgets a vote
    and lets the same reader vote again."""

    review = models.ForeignKey(ProductReview, on_delete=models.CASCADE, related_name="helpful_votes")
    voter = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "voter"], name="one_helpful_vote_per_reader")]

    def __str__(self):
        return f"Helpful vote on review {self.review_id}"
