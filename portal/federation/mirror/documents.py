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

PAGE_BY_PATH = f"""query MirrorPage($locale: String!, $path: String!) {{
  page(locale: $locale, path: $path) {{ {PAGE_FIELDS} }}
}}"""

PAGE_BY_ID = f"""query MirrorPageById($locale: String!, $id: ID!) {{
  page(locale: $locale, id: $id) {{ {PAGE_FIELDS} }}
}}"""

CHANGES = """query MirrorChanges($since: String) {
  changes(since: $since, first: 100) { changes { kind translationKey locale pageId } endCursor hasMore }
}"""
