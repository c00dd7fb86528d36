"""`manage.py check_references`: stored references from one department's objects to another's.

The same rule as saving (`sites.references`), applied to what is already in the database:
rows written before the rule, or past it (`QuerySet.update()`, raw SQL, restructuring).
One line per refused reference, then their count; exit 1 when there is any.
"""

from sites.management.base import PortalCommand
from sites.references import Ownership, checked_models, owner_of, stored_references


class Command(PortalCommand):
    help = (
        "List references from a department's pages, rows and settings to another department's "
        "objects (or to none): object, field, target and both departments; exit 1 if any."
    )

    def handle(self, *args, **options) -> None:
        ownership = Ownership()
        found = 0
        for model in checked_models():
            checked = 0
            for instance, references in stored_references(model):
                checked += 1
                owner = owner_of(instance, ownership)
                if owner is None:
                    continue
                for reference in references:
                    if ownership.allows(owner, reference):
                        continue
                    found += 1
                    self.stdout.write(self.describe(instance, owner, reference, ownership))
            if checked and options["verbosity"] > 1:
                self.stderr.write(f"{model._meta.label}: {checked}")
        self.stdout.write(str(found))
        if found:
            raise SystemExit(1)

    @staticmethod
    def describe(instance, owner, reference, ownership: Ownership) -> str:
        source = f"{instance._meta.label} {instance.pk} “{instance}” [{owner.code}]"
        if reference.model is None:
            return f"{source} {reference.path} → a link or embed without an id"
        target = ownership.target_owner(reference)
        where = getattr(target, "code", "none")
        return f"{source} {reference.path} → {reference.model._meta.label} {reference.pk} [{where}]"
