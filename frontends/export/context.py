"""Settings while the export reads the sites.

Templates get `static_export`, which tells them to leave out what needs a server (the feedback forms): a context
processor added only while exporting. The transport reads as an anonymous reader: an HTTP transport's token, which
may be a member's, is left out, so that members-only pages never reach an export.
"""

import copy

from django.conf import settings

from frontends import conf

PROCESSOR = "frontends.export.context.static_export"


def static_export(request) -> dict:
    return {"static_export": True}


def export_templates() -> list[dict]:
    """settings.TEMPLATES with this module's context processor added to every Django template engine."""
    templates = copy.deepcopy(settings.TEMPLATES)
    for engine in templates:
        if engine["BACKEND"] == "django.template.backends.django.DjangoTemplates":
            processors = engine.setdefault("OPTIONS", {}).setdefault("context_processors", [])
            if PROCESSOR not in processors:
                processors.append(PROCESSOR)
    return templates


def anonymous_transport() -> dict:
    """The sites' transport without credentials."""
    config = copy.deepcopy(conf.transport_config())
    config.get("OPTIONS", {}).pop("token", None)
    return config
