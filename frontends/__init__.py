"""The readers' sites: one per language, built only from the content API's GraphQL documents."""
