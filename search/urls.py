from django.urls import path

from search.views import search_view, suggest_view

app_name = "portal_search"
urlpatterns = [
    path("search/", search_view, name="search"),
    path("search/suggest/", suggest_view, name="suggest"),
]
