"""The article form's own rules for going live. Saving a draft is always allowed (Wagtail defers
required fields then, and Wagtail's autosave keeps the editor's work); publishing, sending to the
medical review and approving it are refused until these are put right."""

from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.models import Site

from base.forms import PageForm
from base.models import SiteSettings

NO_AUTHOR = "Choose the author before publishing or sending for review: readers see who wrote every article."
NO_DISCLOSURE = (
    "This product card cannot go live while the site's affiliate disclosure is empty. Fill in “Affiliate "
    "disclosure” under Settings → Site settings, or save a draft for now."
)


class ArticlePageForm(PageForm):
    def site_settings(self):
        page = self.instance if self.instance.pk else self.parent_page
        site = (page.get_site() if page else None) or Site.objects.filter(is_default_site=True).first()
        return SiteSettings.for_site(site)

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:  # a draft
            return cleaned_data
        if "author" in self.fields and not cleaned_data.get("author"):
            self.add_error("author", NO_AUTHOR)
        body = cleaned_data.get("body")
        cards = [i for i, block in enumerate(body or []) if block.block_type == "product_card"]
        if cards and not self.site_settings().has_disclosure:
            self.add_error(
                "body",
                StreamBlockValidationError(
                    block_errors={i: StructBlockValidationError(non_block_errors=[NO_DISCLOSURE]) for i in cards}
                ),
            )
        return cleaned_data
