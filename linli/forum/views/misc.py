"""Search, my topics and replies, pictures, feeds."""

from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from linli.community.models import Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from .. import search as search_engine
from .. import selectors
from ..forms import SearchForm
from ..models import Circle, Topic, TopicImage


@cached_page
def search(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "forum.view_forum")
    form = SearchForm(request.GET or None)
    hits, has_next, circle, page = [], False, None, 1
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        if data.get("circle"):
            circle = Circle.objects.filter(neighborhood=neighborhood, pk=data["circle"]).first()
        page = int(request.GET["page"]) if request.GET.get("page", "").isdigit() else 1
        hits, has_next = search_engine.search(
            neighborhood=neighborhood,
            query=data["q"],
            public_only=not selectors.can_read_residents_only(request.user, neighborhood),
            circle_id=circle.pk if circle else None,
            since=data.get("since"),
            until=data.get("until"),
            page=page,
        )
        for hit in hits:
            hit.title_html = search_engine.highlight_title(hit.title, data["q"])
    return render(
        request,
        "forum/search.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "hits": hits,
            "has_next": has_next,
            "page_number": page,
            "circle": circle,
            "circles": selectors.hot_circles(neighborhood, limit=40),
            "searched": bool(form.is_bound and form.is_valid() and form.cleaned_data["q"].strip()),
        },
    )


@login_required
def mine(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in ("replies", "drafts") else "topics"
    qs = {
        "replies": selectors.my_replies,
        "drafts": selectors.my_drafts,
        "topics": selectors.my_topics,
    }[tab](request.user)
    return render(
        request, "forum/mine.html", {"tab": tab, "page": paginate(request, qs, per_page=30)}
    )


@cache_control(private=True, max_age=86400)
def image(request, pk, ext):
    picture = get_object_or_404(TopicImage.objects.select_related("topic"), pk=pk, ext=ext)
    require(request.user, "forum.view_topic", picture.topic)
    try:
        handle = picture.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type="image/png" if ext == "png" else "image/jpeg")


class NeighborhoodFeed(Feed):
    """RSS of a neighborhood's (or a circle's) newest public topics."""

    def get_object(self, request, slug, circle=None):
        neighborhood = get_object_or_404(Neighborhood, slug=slug)
        self.circle = (
            get_object_or_404(Circle, pk=circle, neighborhood=neighborhood) if circle else None
        )
        return neighborhood

    def title(self, obj):
        name = obj.name
        return _("%(name)s forum") % {"name": f"{name} {self.circle}" if self.circle else name}

    def link(self, obj):
        url = reverse("forum:topic-list", args=[obj.slug])
        return f"{url}?circle={self.circle.pk}" if self.circle else url

    def description(self, obj):
        return _("New public topics in %(name)s") % {"name": obj.name}

    def items(self, obj):
        qs = Topic.objects.filter(
            neighborhood=obj, hidden=False, visibility="public"
        ).select_related("author")
        if self.circle:
            qs = qs.filter(
                pk__in=self.circle.topics.through.objects.filter(circle=self.circle)
                .order_by("-last_activity_at")
                .values("topic_id")[:200]
            )
        return qs.order_by("-created_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return item.author.public_name


class NeighborhoodAtomFeed(NeighborhoodFeed):
    feed_type = Atom1Feed
    subtitle = NeighborhoodFeed.description
