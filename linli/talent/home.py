"""Home cards: my open invitations (talent); for staff, invitations waiting for an answer."""

from linli.core.home import Card

from .models import Invitation


def cards(request):
    user = request.user
    if not user.is_authenticated:
        return []
    pending = Invitation.objects.filter(
        profile__person=user, status=Invitation.Status.PENDING
    ).count()
    if not pending:
        return []
    return [Card("talent/cards/invitations.html", order=20, context={"pending": pending})]
