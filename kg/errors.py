"""One exception family, translated at the edges (CLI and HTTP)."""


class KGError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KGError):
    """An article file or stream that cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ParseError(KGError):
    """The parsing worker process failed (kg.parse)."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query or a saved-query parameter is wrong."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""
