"""What an approval really did, for the workflow e-mails (cms.core.moderation)."""

from django import template

from cms.core.moderation import Outcome, publication_outcome

register = template.Library()


@register.simple_tag(name="publication_outcome")
def publication_outcome_tag(item) -> Outcome:
    return publication_outcome(item)
