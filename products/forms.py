from django import forms

from .models import ProductReview

RATING_CHOICES = [("", "Choose a rating")] + [(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)]


class ReviewForm(forms.ModelForm):
    """A reader's review. Every field is bounded so any input is a form error, never a database error."""

    rating = forms.TypedChoiceField(
        choices=RATING_CHOICES,
        coerce=int,
        error_messages={"invalid_choice": "Choose a rating from 1 to 5 stars."},
    )
    text = forms.CharField(
        label="Your review",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        error_messages={"required": "Please write a few words about the product."},
    )
    email = forms.EmailField(
        required=False, max_length=254, help_text="Optional, never shown. Only used if an editor has a question."
    )
    # Honeypot: hidden from people (class="honeypot", off-screen, not focusable); bots fill in every field.
    website = forms.CharField(required=False, max_length=200, label="Leave this field empty")

    class Meta:
        model = ProductReview
        fields = ["name", "rating", "text", "email"]
        labels = {"name": "Your name"}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please give a name to show with your review.")
        return name

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
