"""Writes for editorial automation: news drafts of the token's department, nothing else.

`Authorization: Bearer cpt_…` names an ``ApiToken`` (`cms.api.http.TOKEN` checks it before
the body is read). The token's department is the only one it reaches: the Host must be
that department's site (else 403) and every id must be an article of its tree (else 404).
Without a valid token: 401. What a token may do after writing a draft (submit it to the
department's moderation workflow, publish it) is its scope. Public reads do not change.
"""

import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Model

from wagtail.blocks import RichTextBlock
from wagtail.models import Page

from pydantic import ConfigDict, StrictStr, ValidatorFunctionWrapHandler, WrapValidator
from pydantic import ValidationError as PydanticValidationError

from cms.core.rich_text import RichTextRefused, clean_rich_text, editor_features
from cms.news.models import NewsArticlePage
from sites.text import ascii_slugify

from .audit import log_write
from .fields import DateText
from .http import ID, TOKEN, ApiError, Body, Endpoint, Field, Query, Schema
from .models import ApiToken
from .news import Category, news, news_index, news_item
from .scope import Language, Scope

WRITE_MAX_BYTES = 512 * 1024
WRITE_ERRORS = (400, 401, 403, 404, 409)
BODY_ERRORS = (*WRITE_ERRORS, 413, 415)
BODY_BLOCKS = ("heading", "paragraph")
Action = Literal["draft", "submit", "publish"]
# Text a title-like field must hold: something other than white space (Python's str.strip()).
NOT_BLANK = "[^\\s\\x1c-\\x1f]"


# --- bodies --------------------------------------------------------------------------------------


class BlockInput(Body):
    type: Literal["heading", "paragraph"]
    value: StrictStr = Field(
        min_length=1,
        pattern=NOT_BLANK,
        description="Text for a heading. For a paragraph, HTML the admin editor can hold — p, "
        "br, b/strong, i/em, h3, h4, ol/ul/li, and links (http, https, mailto, tel, relative; "
        "or linktype page/document with an id) — stored in the editor's form; anything else "
        "(script, event handlers, javascript: links, other elements or attributes) is refused "
        "with 400 naming `body[i].value`.",
    )


def _blocks(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A malformed block list is one error about `body` (its rich text is checked later,
    naming `body[i].value`)."""
    try:
        return handler(value)
    except PydanticValidationError:
        raise ValueError(
            "must be a list of {type, value} blocks, type one of: " + ", ".join(BODY_BLOCKS)
        ) from None


Blocks = Annotated[list[BlockInput], WrapValidator(_blocks)]
Tag = Annotated[StrictStr, Field(min_length=1, max_length=100)]


def _absent_not_null(schema: dict[str, Any]) -> None:
    """A field left out keeps its value; `null` is no value (the document shows no default)."""
    for field in schema.get("properties", {}).values():
        if field.get("default", "") is None:
            del field["default"]


class NewsUpdate(Body):
    """The fields to change; the others keep their draft's value."""

    model_config = ConfigDict(json_schema_extra=_absent_not_null)
    messages = {"locale": "cannot change; translate in the admin instead"}

    title: StrictStr = Field(None, min_length=1, max_length=255, pattern=NOT_BLANK)  # type: ignore[assignment]
    teaser: StrictStr = Field(None, max_length=1000)  # type: ignore[assignment]
    date: DateText = Field(None, description="YYYY-MM-DD.")  # type: ignore[assignment]
    category: Category = None  # type: ignore[assignment]
    tags: list[Tag] = Field(None, description="Tag names.")  # type: ignore[arg-type]
    source: StrictStr = Field(None, max_length=255)  # type: ignore[assignment]
    body: Blocks = Field(None, description="Replaces the article's body.")  # type: ignore[arg-type]
    action: Action = Field(
        "draft",
        description="After saving the draft: submit it to moderation or publish it, if the "
        "token's scope allows (else 403).",
    )


class NewsCreate(NewsUpdate):
    """A new article; its slug comes from the title."""

    messages = {}

    title: StrictStr = Field(min_length=1, max_length=255, pattern=NOT_BLANK)
    locale: Language = Field("vi", description="The article's language (on creation only).")


# --- response ------------------------------------------------------------------------------------


class DraftBlock(Schema):
    type: str = Field(description="The block type (`heading`, `paragraph`, …).")
    value: str = Field(description="Text, or the paragraph's HTML as stored.")


class NewsDraft(Schema):
    """The article's latest revision (the draft an automation wrote) and where it stands."""

    id: int
    title: str
    slug: str
    date: datetime.date
    category: Category
    tags: list[str] = Field(description="Tag names.")
    teaser: str
    source: str
    body: list[DraftBlock]
    locale: Language
    live: bool = Field(description="Whether a version of it is published.")
    has_unpublished_changes: bool
    in_moderation: bool
    detail_url: str = Field(description="The published article in this API (404 until then).")
    draft_url: str


# --- applying ------------------------------------------------------------------------------------


def token_of(scope: Scope) -> ApiToken:
    assert scope.token is not None, "a TOKEN operation runs with the scope's token"
    return scope.token


def apply_fields(article: NewsArticlePage, body: NewsUpdate) -> None:
    """Copy the body's fields onto the article (a draft object, not yet saved)."""
    given = body.model_fields_set
    for name in ("title", "teaser", "source"):
        if name in given:
            setattr(article, name, getattr(body, name).strip())
    if "date" in given:
        article.date = body.date
    if "category" in given:
        article.category = body.category
    if "tags" in given:
        article.tags.set(body.tags)
    if "body" in given:
        article.body = [
            {"type": b.type, "value": block_value(b.type, b.value, f"body[{i}].value")}
            for i, b in enumerate(body.body)
        ]


def block_value(block_type: str, value: str, where: str) -> str:
    """The value as the admin would store it: rich text through the editor's converter, then
    the block's own validation. What the editor cannot hold is refused, naming `where`."""
    block = NewsArticlePage.body.field.stream_block.child_blocks[block_type]
    if isinstance(block, RichTextBlock):
        try:
            value = clean_rich_text(value, editor_features(block))
        except RichTextRefused as error:
            raise ApiError(str(error), parameter=where) from None
    try:
        block.clean(block.to_python(value))
    except ValidationError as error:
        raise ApiError(" ".join(error.messages), parameter=where) from None
    return value


def allowed(action: str, token: ApiToken) -> str:
    if not token.allows(action):
        raise ApiError(
            f"this token's scope does not allow {action}", parameter="action", status=403
        )
    return action


def unique_slug(parent: Page, title: str) -> str:
    base = ascii_slugify(title)[:200] or "tin"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def own_article(token: ApiToken, pk: int) -> NewsArticlePage:
    """An article (live or draft) of the token's department; any other id is 404."""
    article = (
        NewsArticlePage.objects.filter(token.department.tree_condition(), pk=pk)
        .select_related("locale")
        .first()
    )
    if article is None:
        raise ApiError("not found", status=404)
    return article


def finish_action(article: NewsArticlePage, revision: Model, action: str, token: ApiToken) -> None:
    if action == "publish":
        revision.publish(user=token.created_by)  # type: ignore[attr-defined]
        log_write(article, "publish", token, revision)
    elif action == "submit":
        workflow = article.get_workflow()
        if workflow is None:
            raise ApiError("this site has no moderation workflow", parameter="action", status=409)
        if article.workflow_in_progress:
            raise ApiError("already in moderation", parameter="action", status=409)
        workflow.start(article, token.created_by)
        log_write(article, "submit", token, revision)


def draft_data(scope: Scope, article: NewsArticlePage) -> dict:
    """The latest revision (the draft an automation wrote), with where it stands."""
    latest = article.get_latest_revision_as_object()
    state = article.current_workflow_state
    return {
        "id": article.pk,
        "title": latest.title,
        "slug": latest.slug,
        "date": latest.date.isoformat(),
        "category": latest.category,
        "tags": sorted(tag.name for tag in latest.tags.all()),
        "teaser": latest.teaser,
        "source": latest.source,
        "body": [
            {"type": block.block_type, "value": str(getattr(block.value, "source", block.value))}
            for block in latest.body
        ],
        "locale": article.locale.language_code,
        "live": article.live,
        "has_unpublished_changes": article.has_unpublished_changes,
        "in_moderation": bool(state and state.status == state.STATUS_IN_PROGRESS),
        "detail_url": scope.absolute(f"/api/news/{article.pk}/"),
        "draft_url": scope.absolute(f"/api/news/{article.pk}/draft/"),
    }


# --- endpoints -----------------------------------------------------------------------------------

WRITE_BODY = (
    "At most 512 KiB of UTF-8 JSON, nested at most 8 levels; no string may hold U+0000 or "
    "an unpaired surrogate."
)


@news.post(
    summary="Create a draft article in the token's department",
    description=(
        "Saves a new article as a draft under the department's news section in `locale`, "
        "then submits or publishes it when `action` asks and the token's scope allows. "
        "The public reads do not show it until it is published."
    ),
    tag="news",
    body=NewsCreate,
    max_bytes=WRITE_MAX_BYTES,
    body_description=WRITE_BODY,
    response=NewsDraft,
    status=201,
    errors=BODY_ERRORS,
    security=TOKEN,
    operation_id="news_create",
)
def create_news(scope: Scope, query: Query, body: NewsCreate) -> dict:
    token = token_of(scope)
    action = allowed(body.action, token)
    parent = news_index(token.department, body.locale)
    if parent is None:
        raise ApiError("this site has no news section in that language", parameter="locale")
    article = NewsArticlePage(title=body.title.strip(), live=False)
    apply_fields(article, body)
    article.slug = unique_slug(parent, article.title)
    parent.add_child(instance=article)
    revision = article.save_revision(user=token.created_by, log_action=True)
    log_write(article, "create", token, revision)
    finish_action(article, revision, action, token)
    article.refresh_from_db()
    return draft_data(scope, article)


@news_item.patch(
    summary="Save a new draft revision of the department's article",
    description=(
        "Saves the given fields as a new revision (a draft: the published article does not "
        "change), then submits or publishes it when `action` asks and the token allows."
    ),
    tag="news",
    body=NewsUpdate,
    max_bytes=WRITE_MAX_BYTES,
    body_description=WRITE_BODY,
    response=NewsDraft,
    errors=BODY_ERRORS,
    security=TOKEN,
    operation_id="news_update",
)
def update_news(scope: Scope, query: Query, body: NewsUpdate, id: int) -> dict:
    token = token_of(scope)
    action = allowed(body.action, token)
    article = own_article(token, id)
    draft = article.get_latest_revision_as_object()
    apply_fields(draft, body)
    draft.full_clean()
    revision = draft.save_revision(user=token.created_by, log_action=True)
    log_write(article, "update", token, revision)
    finish_action(article, revision, action, token)
    article.refresh_from_db()
    return draft_data(scope, article)


news_draft = Endpoint("/api/news/{id}/draft/", name="news_draft", path_params={"id": ID})


@news_draft.get(
    summary="The latest revision (draft) of the department's article",
    description="What the token's automation last wrote, and whether it is live or in moderation.",
    tag="news",
    response=NewsDraft,
    errors=WRITE_ERRORS,
    security=TOKEN,
)
def read_draft(scope: Scope, query: Query, id: int) -> dict:
    return draft_data(scope, own_article(token_of(scope), id))


news_submit = Endpoint("/api/news/{id}/submit/", name="news_submit", path_params={"id": ID})


@news_submit.post(
    summary="Submit the latest draft to moderation",
    description="Starts the department's moderation workflow on the article's latest draft.",
    tag="news",
    response=NewsDraft,
    errors=WRITE_ERRORS,
    security=TOKEN,
    operation_id="news_submit",
)
def submit_news(scope: Scope, query: Query, id: int) -> dict:
    token = token_of(scope)
    allowed("submit", token)
    article = own_article(token, id)
    revision = article.get_latest_revision()
    if revision is None:  # made by code, never saved as a draft: nothing to moderate
        raise ApiError("nothing to submit", status=409)
    finish_action(article, revision, "submit", token)
    return draft_data(scope, article)


news_publish = Endpoint("/api/news/{id}/publish/", name="news_publish", path_params={"id": ID})


@news_publish.post(
    summary="Publish the latest draft",
    description="Publishes the article's latest draft (tokens with the publish scope only).",
    tag="news",
    response=NewsDraft,
    errors=WRITE_ERRORS,
    security=TOKEN,
    operation_id="news_publish",
)
def publish_news(scope: Scope, query: Query, id: int) -> dict:
    token = token_of(scope)
    allowed("publish", token)
    article = own_article(token, id)
    revision = article.get_latest_revision()
    if revision is None:
        raise ApiError("nothing to publish", status=409)
    finish_action(article, revision, "publish", token)
    article.refresh_from_db()
    return draft_data(scope, article)
