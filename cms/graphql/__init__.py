"""The content API's GraphQL types and queries, one package per content domain."""
