"""Demo accounts and fast seeding."""

from contextlib import contextmanager

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.test.utils import override_settings

# Demo accounts (password = username) are hashed with fewer PBKDF2 rounds than Django's
# default; Django re-hashes a password at full strength on its first successful login.
DEMO_HASH_ITERATIONS = 20_000


def demo_password(password: str) -> str:
    hasher = get_hasher()  # the first of PASSWORD_HASHERS
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=DEMO_HASH_ITERATIONS)
    return make_password(password)


@contextmanager
def deferred_indexing():
    """Wagtail runs a task after every save (search index, reference index): collect them
    unrun while seeding; the caller rebuilds both indexes once."""
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # DEBUG keeps every query's SQL in memory (tens of thousands while seeding): not needed here.
    with override_settings(TASKS=dummy, DEBUG=False):
        yield
