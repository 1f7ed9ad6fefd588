"""What the forum API reads and writes (ninja schemas)."""

from datetime import datetime

from ninja import Field, Schema

from linli.api.schemas import MAX_ID, IsoDate
from linli.forum.models import BODY_MAX, REPLY_MAX, TITLE_MAX, Visibility
from linli.moderation.models import Reason


class AuthorOut(Schema):
    id: int
    name: str
    level: int | None
    level_title: str | None
    building: str
    talent: bool


class TopicOut(Schema):
    id: int
    neighborhood: str
    title: str
    visibility: str
    circles: list[str]
    author: AuthorOut
    is_pinned: bool
    is_closed: bool
    is_committee: bool
    reply_count: int
    support_count: int
    read_count: int
    created_at: datetime
    last_activity_at: datetime
    url: str


class TopicDetailOut(TopicOut):
    body: str
    body_html: str
    best_reply_id: int | None


class ReplyOut(Schema):
    id: int
    topic_id: int
    parent_id: int | None
    author: AuthorOut
    body: str
    body_html: str
    support_count: int
    created_at: datetime


class CircleOut(Schema):
    id: int
    name: str
    description: str
    topic_count: int


class HitOut(Schema):
    topic_id: int
    reply_id: int | None
    title: str
    snippet_html: str
    url: str
    created_at: datetime


class TopicIn(Schema):
    title: str = Field(..., max_length=TITLE_MAX * 2)
    body: str = Field(..., max_length=BODY_MAX * 2)
    visibility: Visibility = Visibility.PUBLIC
    circles: list[str] = Field([], max_length=10)
    is_committee: bool = False
    confirm_personal: bool = Field(
        False, description="post a public text even though it shows a phone, ID-card or room number"
    )


class ReplyIn(Schema):
    body: str = Field(..., max_length=REPLY_MAX * 2)
    parent_id: int | None = Field(None, ge=1, le=MAX_ID)
    confirm_personal: bool = False


class HeldOut(Schema):
    id: int
    held: bool
    message: str


class ReportIn(Schema):
    reason: Reason
    note: str = Field("", max_length=300)


class SupportOut(Schema):
    supported: bool
    support_count: int


class TopicFilter(Schema):
    circle: int | None = Field(None, ge=1, le=MAX_ID)
    sort: str = Field("latest", pattern="^(latest|hot)$")


class SearchFilter(Schema):
    q: str = Field(..., min_length=1, max_length=100)
    circle: int | None = Field(None, ge=1, le=MAX_ID)
    since: IsoDate | None = None
    until: IsoDate | None = None
    page: int = Field(1, ge=1, le=50)
