"""A whole language as one PO file: export every translatable string, import it back through wagtail-localize."""

from cms.translations.po.export import export_language
from cms.translations.po.importer import import_language
from cms.translations.po.report import ImportReport

__all__ = ["ImportReport", "export_language", "import_language"]
