from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "products"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import views  # the views import the models, so the models are handed the product page here

        self.get_model("Product").page_view = staticmethod(views.product_page)
