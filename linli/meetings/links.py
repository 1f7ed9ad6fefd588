"""What an agenda item points at, checked through the owning app's selectors: it must exist in
the meeting's neighborhood. Returns the object's title to show (a request shows its number
only: its description may be private)."""

from django.utils.translation import gettext as _


def title_of(kind: str, neighborhood, object_id: int) -> str | None:
    if kind == "topic":
        from linli.forum.selectors import topic_detail

        topic = topic_detail(object_id)
        return topic.title if topic and topic.neighborhood_id == neighborhood.pk else None
    if kind == "request":
        from linli.office.selectors import request_detail

        try:
            request = request_detail(object_id)
        except Exception:  # DoesNotExist of office's model
            return None
        if request.neighborhood_id != neighborhood.pk:
            return None
        return _("Request #%(number)s") % {"number": request.pk}
    if kind == "decision":
        from linli.decide.selectors import decisions_of

        return (
            decisions_of(neighborhood).filter(pk=object_id).values_list("title", flat=True).first()
        )
    if kind == "proposal":
        from linli.proposals.selectors import titles_of

        return titles_of(neighborhood, [object_id]).get(object_id)
    return None
