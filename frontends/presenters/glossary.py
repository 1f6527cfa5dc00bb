"""The glossary page: every term with its definition and related terms, fallback terms marked."""

from frontends.presenters.languages import name_in_sentence


def glossary_terms(terms: list[dict], lang: str, languages) -> list[dict]:
    return [
        {
            **term,
            "anchor": f"term-{term['slug']}",
            "language": name_in_sentence(term["locale"], languages) if term["isFallback"] else "",
            "related": [{**related, "href": f"#term-{related['slug']}"} for related in term["related"]],
        }
        for term in terms
    ]
