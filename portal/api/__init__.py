"""The HTTP side of the GraphQL API: request rules, limits, caching."""
