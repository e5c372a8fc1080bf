from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("products/<slug:slug>/", views.product_detail, name="detail"),
    path("products/<slug:slug>/reviews/", views.submit_review, name="submit_review"),
    path("go/<slug:slug>/", views.go, name="go"),
]
