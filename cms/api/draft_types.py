"""Stand-ins for the framework's shared types (cms.api.http), until it lands; then removed."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import core_schema

from .languages import language_codes


@dataclass(frozen=True)
class OneOf:
    """`Annotated[str, OneOf(values)]`: a string enum for pydantic, a `str` for mypy."""

    values: tuple[str, ...]

    def __init__(self, values: Iterable[str]):
        object.__setattr__(self, "values", tuple(values))

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.literal_schema(list(self.values))


Language = Annotated[str, OneOf(language_codes())]


class Schema(BaseModel):
    """A response object: every field declared, nothing else allowed."""

    model_config = ConfigDict(extra="forbid")
