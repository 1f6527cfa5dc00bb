"""The queries the mirror sends: the partner runs this same software, so these are our own API's."""

BODY = """
  body {
    __typename
    ... on HeadingBlock { text level }
    ... on ParagraphBlock { html }
    ... on QuoteBlock { text attribution }
    ... on CalloutBlock { kind html }
    ... on ImageBlock { url altText caption }
    ... on TableBlock { caption header rows }
  }"""

PAGE_FIELDS = f"""__typename translationKey title path summary servedLocale isFallback lastPublishedAt {BODY}"""

LOCALES = "query MirrorLocales { locales { code } }"

HANDBOOK = """query MirrorHandbook($locale: String!) {
  handbook(locale: $locale) { title entries { translationKey path locale isFallback } }
}"""

BATCH = 10  # pages per request: well below the API's alias and document size limits


def pages_by_path(count: int) -> str:
    """One request for `count` pages of one language, by path: variables $locale and $p0, $p1, …"""
    variables = "".join(f", $p{number}: String!" for number in range(count))
    fields = " ".join(
        f"p{number}: page(locale: $locale, path: $p{number}) {{ ...MirrorPage }}" for number in range(count)
    )
    return (
        f"query MirrorPages($locale: String!{variables}) {{ {fields} }} fragment MirrorPage on Page {{ {PAGE_FIELDS} }}"
    )


PAGE_BY_PATH = f"""query MirrorPage($locale: String!, $path: String!) {{
  page(locale: $locale, path: $path) {{ {PAGE_FIELDS} }}
}}"""

PAGE_BY_ID = f"""query MirrorPageById($locale: String!, $id: ID!) {{
  page(locale: $locale, id: $id) {{ {PAGE_FIELDS} }}
}}"""

CHANGES = """query MirrorChanges($since: String) {
  changes(since: $since, first: 100) { changes { kind translationKey locale pageId } endCursor hasMore }
}"""
