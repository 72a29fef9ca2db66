"""Partners, events and topics as readers see them: their published copies, turned back
into instances of their models (publishing/registry.py), so that templates use the
models' own methods and ``{% tr %}``."""

from publishing.registry import public_instance


def public_records(copies) -> list:
    """The published versions of these copies (a queryset or list of Public… rows)."""
    return [public_instance(copy) for copy in copies]
