import graphene
from django.conf import settings

from cms.locales import configured_codes, default_code, direction, fallback_chain


class Direction(graphene.Enum):
    """Writing direction of a language."""

    LTR = "ltr"
    RTL = "rtl"

    @property
    def description(self):
        return {"LTR": "Left to right.", "RTL": "Right to left."}[self.name]


class LocaleType(graphene.ObjectType):
    """A content language of this portal."""

    class Meta:
        name = "Locale"

    code = graphene.String(required=True, description="Language code, e.g. `es`.")
    name = graphene.String(required=True, description="The language's name in that language, e.g. `Español`.")
    direction = graphene.Field(Direction, required=True, description="Writing direction.")
    is_default = graphene.Boolean(required=True, description="True for the source language of all content.")
    fallbacks = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Languages tried, in order, when content is missing in this one.",
    )

    @staticmethod
    def from_code(code: str) -> "LocaleType":
        return LocaleType(
            code=code,
            name=settings.PORTAL_LANGUAGE_NAMES[code],
            direction=direction(code),
            is_default=code == default_code(),
            fallbacks=fallback_chain(code),
        )


class LocaleQueries(graphene.ObjectType):
    locales = graphene.List(
        graphene.NonNull(LocaleType), required=True, description="Every content language, default first."
    )

    def resolve_locales(root, info):
        return [LocaleType.from_code(code) for code in configured_codes()]
