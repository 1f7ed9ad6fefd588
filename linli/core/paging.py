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
