from django.urls import path

from .views import pages, positions, search

app_name = "meetings"
urlpatterns = [
    path("", pages.home, name="home"),
    path("meetings/", pages.meeting_list, name="meeting_list"),
    path("meetings/<slug:public_id>/", pages.meeting_detail, name="meeting"),
    path("people/", pages.person_list, name="person_list"),
    path("people/<slug:slug>/", pages.person_detail, name="person"),
    path("subjects/", pages.subject_list, name="subject_list"),
    path("subjects/<slug:slug>/", pages.subject_detail, name="subject"),
    path("search/", search.search, name="search"),
    path("positions/", positions.positions, name="positions"),
]
