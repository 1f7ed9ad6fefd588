from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page=50):
    """A page of `queryset` from ?page=; bad page numbers give the first or last page."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class Mapped:
    """A queryset whose rows are turned into dicts only for the slice a paginator takes."""

    def __init__(self, queryset, row):
        self.queryset, self.row = queryset, row

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [self.row(obj) for obj in self.queryset[item]]
        return self.row(self.queryset[item])


from ninja import Field, Schema  # noqa: E402
from ninja.pagination import PageNumberPagination  # noqa: E402


class Pages(PageNumberPagination):
    """API pages: 50 by default (page_size up to 100), bounded so that a huge page number is a 422, not a 500.

    ninja's own PageNumberPagination takes any page, and offsets past 2**63 crash both databases.
    Use `@paginate(Pages)` (or `Pages, page_size=30`) on every list endpoint.
    """

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, page_size=50, max_page_size=100, **kwargs):
        super().__init__(page_size=page_size, max_page_size=max_page_size, **kwargs)
