"""Files the tool writes for the user (the published database, fetched pages, the manifest)."""

from __future__ import annotations

import os


def file_mode() -> int:
    """The mode a new file gets under the user's umask (0644 under the usual 022).

    ``mkstemp`` creates files 0600; a published database must be readable
    like any other file the user creates (a Datasette running as another user).
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def read_only_uri(path: str | os.PathLike, immutable: bool = False) -> str:
    """A SQLite URI that opens ``path`` read-only, whatever its name holds: ``#``, ``?``, ``%`` and spaces are
    escaped (``file:{path}?mode=ro`` with such a name opened another file, or created an empty one)."""
    from urllib.parse import quote

    return f"file:{quote(os.path.abspath(path))}?mode=ro" + ("&immutable=1" if immutable else "")
