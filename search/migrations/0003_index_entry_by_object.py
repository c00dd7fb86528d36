"""An index on the search index's (object_id, content_type_id).

A department's search joins its pages to the index entries by object id, once per page of the
department's tree in that language. The only index the search tables come with starts with
`content_type_id`, and a page search asks for every page content type, so PostgreSQL descended
that index once per content type for every page (1,256 pages × 10 types: 19 ms). Leading with the
object id makes it one descent per page (5 ms; bench/RESULTS.md). Works on SQLite and PostgreSQL.
"""

from django.db import migrations

NAME = "portal_search_entry_object_idx"


def create(apps, schema_editor):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {quote(NAME)} ON {quote(table)} (object_id, content_type_id)"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(NAME)}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0002_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
