from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("products/<slug:slug>/", views.product_detail, name="detail"),
    path("go/<slug:slug>/", views.go, name="go"),
]
