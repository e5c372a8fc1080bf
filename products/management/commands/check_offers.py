from django.core.management.base import BaseCommand

from products.linkcheck import check_offer
from products.models import Offer


class Command(BaseCommand):
    help = "Fetch every active offer's retailer URL; an offer that fails twice in a row is marked broken."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each retailer.")

    def handle(self, *args, timeout, **options):
        broken = 0
        offers = Offer.objects.filter(active=True).select_related("product").order_by("pk")
        for offer in offers:
            check_offer(offer, timeout=timeout)
            state = "BROKEN" if offer.broken else ("failed" if offer.consecutive_failures else "ok")
            broken += offer.broken
            if options["verbosity"] > 1 or offer.consecutive_failures:
                self.stdout.write(f"{state:7} {offer.slug} {offer.url}")
        self.stdout.write(f"Checked {offers.count()} offers; {broken} broken.")
