"""What the office API reads and writes (ninja schemas)."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from linli.api.schemas import MAX_ID, Body


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    party: str
    accept_hours: int
    resolve_hours: int


class ReporterOut(Schema):
    """The reporter's details this caller may see (null where not): committee staff all,
    the party handling it the room and (if the reporter agreed) the phone, others none."""

    name: str | None
    phone: str | None
    email: str | None
    room: str | None


class RequestOut(Schema):
    id: int
    neighborhood: str
    category: str
    category_id: int
    party: str
    status: str
    status_note: str
    description: str
    building_id: int | None
    place: str
    lat: Decimal | None
    long: Decimal | None
    public: bool
    overdue: bool
    follower_count: int
    merged_into: int | None = Field(..., description="the request this duplicate was merged into")
    rating: int | None
    created_at: datetime
    updated_at: datetime
    accept_due: datetime
    resolve_due: datetime
    mine: bool
    share_phone: bool
    reporter: ReporterOut


class RequestMergeIn(Body):
    into: int = Field(..., ge=1, le=MAX_ID, description="the request that stays")
    note: str = Field("", max_length=300)


class RequestIn(Schema):
    category_id: int = Field(..., ge=1, le=MAX_ID)
    description: str = Field(..., min_length=5, max_length=2000)
    building_id: int | None = Field(None, ge=1, le=MAX_ID)
    place: str = Field("", max_length=120)
    lat: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    long: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    public: bool = True
    share_phone: bool = Field(
        False, description="Let the party handling it see my phone (committee staff always do)."
    )


class RequestFilter(Schema):
    status: str = Field(
        "", pattern=r"^(|open|done|submitted|accepted|in_progress|resolved|closed|rejected)$"
    )
    category: int | None = Field(None, ge=1, le=MAX_ID)
    party: str = Field("", pattern=r"^(|residents_committee|owners_committee|property_manager)$")
    overdue: bool = False
    mine: bool = False


class TransitionIn(Schema):
    status: str = Field(..., pattern=r"^(accepted|in_progress|resolved|closed|rejected)$")
    note: str = Field("", max_length=500)


class TransferIn(Schema):
    party: str = Field(..., pattern=r"^(residents_committee|owners_committee|property_manager)$")
    reason: str = Field(..., min_length=1, max_length=500)


class RateIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=300)


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class FollowOut(Schema):
    following: bool
    follower_count: int


class EventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    from_party: str
    to_party: str
    note: str
    created_at: datetime


class OccurrenceOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    original_start: datetime
    status: str
    note: str
    where: str
    slot_minutes: int
    slot_count: int


class OccurrenceDetailOut(OccurrenceOut):
    free_slots: list[datetime]


class SlotIn(Schema):
    starts_at: datetime
    subject: str = Field(..., min_length=1, max_length=200)


class ReceptionSlotOut(Schema):
    id: int
    occurrence_id: int
    starts_at: datetime
    ends_at: datetime
    subject: str
