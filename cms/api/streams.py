"""Response schemas of StreamFields, derived from their block definitions.

`stream_schema(StepsBlock())` is the pydantic type of the API representation Wagtail gives a
StreamField (`[{"type", "value", "id"}]`): one item model per child block, told apart by
`type`; each value typed from the block (text, integer, true/false, a struct of those),
`Any` where the block's representation is its own (images, tables, embeds).
"""

from typing import Annotated, Any, Literal, Union, get_type_hints

from wagtail import blocks

from pydantic import ConfigDict, Field, create_model

TEXT_BLOCKS = (
    blocks.CharBlock,
    blocks.TextBlock,
    blocks.URLBlock,
    blocks.EmailBlock,
    blocks.RegexBlock,
    blocks.RichTextBlock,
    blocks.RawHTMLBlock,
    blocks.ChoiceBlock,
)


def _literal(value: str) -> Any:
    return Literal.__getitem__(value)


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _own_representation(block: blocks.Block) -> Any:
    """The type a block's own `get_api_representation` declares it returns (`str`, else
    `Any`), or None when the block keeps the representation of Wagtail's block it extends."""
    wagtail_base: Any = next(c for c in type(block).__mro__ if c.__module__.startswith("wagtail."))
    method = type(block).get_api_representation
    if method is wagtail_base.get_api_representation:
        return None
    # The block declares what it returns (cms.core.blocks.api_types); a bare `dict` is any JSON.
    returned = get_type_hints(method).get("return", Any)
    return Any if returned in (dict, dict | None) else returned


def _maybe(block: blocks.Block, annotation: Any) -> Any:
    """An optional child may hold no value at all (null), as well as an empty one."""
    if block.required or annotation is Any:
        return annotation
    return annotation | None


def value_type(block: blocks.Block, name: str) -> Any:
    """The pydantic type of `block`'s API value; `name` names any model it needs."""
    own = _own_representation(block)
    if own is not None:
        return own
    if isinstance(block, blocks.StructBlock):
        fields: dict[str, Any] = {
            child_name: (_maybe(child, value_type(child, name + _camel(child_name))), ...)
            for child_name, child in block.child_blocks.items()
        }
        return create_model(name, __config__=ConfigDict(extra="forbid", title=name), **fields)
    if isinstance(block, blocks.ListBlock):
        return list[value_type(block.child_block, name + "Item")]  # type: ignore[misc]
    if isinstance(block, blocks.IntegerBlock):
        minimum = block.field.min_value
        return Annotated[int, Field(ge=minimum)] if minimum is not None else int
    if isinstance(block, blocks.BooleanBlock):
        return bool
    if isinstance(block, TEXT_BLOCKS):
        return str
    return Any


def stream_schema(stream: blocks.StreamBlock, name: str) -> Any:
    """`list[<one of the child items>]` for a StreamField of `stream`; models named `name…`."""
    items = []
    for child_name, child in stream.child_blocks.items():
        model_name = name + _camel(child_name)
        items.append(
            create_model(
                model_name,
                __config__=ConfigDict(extra="forbid", title=model_name),
                id=(str, Field(description="The block's id (a UUID).")),
                type=(_literal(child_name), ...),
                value=(value_type(child, model_name + "Value"), ...),
            )
        )
    if len(items) == 1:
        return list[items[0]]  # type: ignore[valid-type]
    union: Any = Union.__getitem__(tuple(items))
    return list[Annotated[union, Field(discriminator="type")]]
