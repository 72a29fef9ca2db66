"""Included by bulletins/urls.py before the article pattern, whose slug would match "pdf"."""

from django.urls import path

from bulletins.pdf import views

urlpatterns = [
    path("bulletins/<int:year>/<int:number>/pdf/", views.bulletin_pdf, name="pdf"),
    path(
        "bulletins/<int:year>/<int:number>/pdf/bilingual/",
        views.bulletin_pdf,
        {"bilingual": True},
        name="pdf-bilingual",
    ),
]
