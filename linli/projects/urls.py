from django.urls import path

from .views import files, manage, pages

app_name = "projects"

urlpatterns = [
    path("projects/", pages.index, name="index"),
    path("projects/n/<slug:slug>/", pages.project_list, name="project-list"),
    path("projects/n/<slug:slug>/new/", manage.project_create, name="project-create"),
    path("projects/n/<slug:slug>/site-plans/", manage.site_plans, name="site-plans"),
    path("projects/<int:pk>/", pages.project_detail, name="project-detail"),
    path("projects/<int:pk>/edit/", manage.project_edit, name="project-edit"),
    path("projects/<int:pk>/place/", manage.project_place, name="project-place"),
    path("projects/<int:pk>/stage/", manage.stage_change, name="stage-change"),
    path("projects/<int:pk>/team/", manage.team, name="team"),
    path("projects/<int:pk>/links/", manage.link_add, name="link-add"),
    path("projects/<int:pk>/photos/", manage.photo_add, name="photo-add"),
    path("projects/<int:pk>/rate/", pages.rate, name="rate"),
    path("projects/<int:pk>/compare/", pages.version_compare, name="version-compare"),
    path("projects/<int:pk>/v/new/", manage.version_create, name="version-create"),
    path("projects/<int:pk>/v/<int:number>/", pages.version_detail, name="version-detail"),
    path("projects/<int:pk>/v/<int:number>/comment/", pages.comment_add, name="comment-add"),
    path("projects/files/<int:pk>/", files.design_file, name="design-file"),
    path("projects/photos/<int:pk>/", files.photo_file, name="photo-file"),
    path("projects/site-plans/<int:pk>/", files.siteplan_file, name="siteplan-file"),
]
