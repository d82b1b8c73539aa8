"""quotes: who said what, where, and who printed it."""


def version() -> str:
    """The installed version of quotes ("unknown" when run from a checkout that was never installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("quotes")
    except PackageNotFoundError:  # pragma: no cover
        return "unknown"
