"""Blocks of a procedure: dossier components and ordered steps."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class DossierItemBlock(blocks.StructBlock):
    item = blocks.CharBlock(label=_("document"), max_length=500)
    originals = blocks.IntegerBlock(label=_("originals"), min_value=0, default=0)
    copies = blocks.IntegerBlock(label=_("copies"), min_value=0, default=0)

    class Meta:
        icon = "doc-full"
        label = _("Dossier component")
        group = _("Procedure")
        description = _("One document the applicant submits, with how many originals and copies")
        preview_value = {"item": "Tờ khai hải quan", "originals": 1, "copies": 0}


class StepBlock(blocks.TextBlock):
    class Meta:
        icon = "list-ol"
        label = _("Step")
        group = _("Procedure")
        description = _("One step of the procedure, in order")
        preview_value = "Người khai hải quan nộp hồ sơ qua Hệ thống VNACCS/VCIS."


class DossierBlock(blocks.StreamBlock):
    component = DossierItemBlock()


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()
