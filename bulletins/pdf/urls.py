"""Included by bulletins/urls.py before the article pattern, whose slug would match "pdf"."""

from django.urls import path

from bulletins.pdf import views

urlpatterns = [
    path("bulletins/<year:year>/<number:number>/pdf/", views.bulletin_pdf, name="pdf"),
    path(
        "bulletins/<year:year>/<number:number>/pdf/bilingual/",
        views.bulletin_pdf,
        {"bilingual": True},
        name="pdf-bilingual",
    ),
]
