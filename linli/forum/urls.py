from django.urls import path

from .views import edits, misc, posts, quick, staff, topics

app_name = "forum"

urlpatterns = [
    path("forum/", topics.forum_index, name="index"),
    path("forum/me/", misc.mine, name="mine"),
    path("forum/n/<slug:slug>/", topics.topic_list, name="topic-list"),
    path("forum/n/<slug:slug>/new/", topics.topic_create, name="topic-create"),
    path("forum/n/<slug:slug>/search/", misc.search, name="search"),
    path("forum/n/<slug:slug>/circles/", staff.circle_list, name="circle-list"),
    path("forum/n/<slug:slug>/rss.xml", misc.NeighborhoodFeed(), name="feed-rss"),
    path("forum/n/<slug:slug>/atom.xml", misc.NeighborhoodAtomFeed(), name="feed-atom"),
    path(
        "forum/n/<slug:slug>/c/<int:circle>/rss.xml",
        misc.NeighborhoodFeed(),
        name="circle-feed-rss",
    ),
    path(
        "forum/n/<slug:slug>/c/<int:circle>/atom.xml",
        misc.NeighborhoodAtomFeed(),
        name="circle-feed-atom",
    ),
    path("forum/t/<int:pk>/", topics.topic_detail, name="topic-detail"),
    path("forum/t/<int:pk>/reply/", posts.reply_create, name="reply-create"),
    path("forum/t/<int:pk>/edit/", edits.topic_edit, name="topic-edit"),
    path("forum/r/<int:pk>/edit/", edits.reply_edit, name="reply-edit"),
    path("forum/<str:kind>/<int:pk>/history/", edits.post_history, name="post-history"),
    path("forum/drafts/<int:pk>/", edits.draft_edit, name="draft-edit"),
    path("forum/t/<int:pk>/support/", posts.topic_support, name="topic-support"),
    path("forum/t/<int:pk>/staff/", staff.topic_flag, name="topic-flag"),
    path("forum/t/<int:pk>/move/", staff.topic_move, name="topic-move"),
    path("forum/<str:kind>/<int:pk>/report/", posts.report, name="report"),
    path("forum/t/<int:pk>/quick/", quick.quick_start, name="quick-start"),
    path("forum/q/<int:pk>/stance/", quick.stance, name="quick-stance"),
    path("forum/q/<int:pk>/close/", quick.close, name="quick-close"),
    path("forum/r/<int:pk>/", topics.reply_go, name="reply-go"),
    path("forum/r/<int:pk>/answer/", posts.reply_answer, name="reply-answer"),
    path("forum/r/<int:pk>/support/", posts.reply_support, name="reply-support"),
    path("forum/r/<int:pk>/best/", posts.best_answer, name="best-answer"),
    path("forum/images/<int:pk>.<slug:ext>", misc.image, name="image"),
]
