"""Field types the resources share: enums from model choices, paging, language, words, dates."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, GetCoreSchemaHandler, StringConstraints
from pydantic_core import core_schema

from .http import ID_MAX, LIMIT_DEFAULT, LIMIT_MAX, Digits, Field, Query
from .scope import Language


@dataclass(frozen=True, init=False)
class OneOf:
    """`Annotated[str, OneOf(Model.Status.values)]`: a string enum for pydantic and the
    document (an unknown value is a 400 listing the allowed ones), a plain `str` for mypy."""

    values: tuple[str, ...]

    def __init__(self, values: Iterable[str]) -> None:
        object.__setattr__(self, "values", tuple(values))

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.literal_schema(list(self.values))


#: Words of a filter: read without leading and trailing spaces, at most 200 characters.
Words = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]

DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def _date_text(value: Any) -> Any:
    """A date is text written YYYY-MM-DD (pydantic alone would also read a number as a Unix
    time: the fuzzer's `"date": 0` was stored as 1970-01-01)."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(DATE, value):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


#: A calendar date written YYYY-MM-DD (a query parameter or a body field).
DateText = Annotated[datetime.date, BeforeValidator(_date_text)]


class Paged(Query):
    """`limit` and `offset` of a listing."""

    limit: Digits = Field(LIMIT_DEFAULT, ge=0, le=LIMIT_MAX, description="Page size.")
    offset: Digits = Field(0, ge=0, le=ID_MAX, description="Items to skip.")


class Localized(Query):
    """`locale` and `fallback` of a read."""

    locale: Language | None = Field(
        None, description="Language of the items; default from Accept-Language, then vi."
    )
    fallback: Language | None = Field(
        None,
        description="Language served (marked `fallback: true`) when an item has no "
        "translation in `locale`.",
    )
