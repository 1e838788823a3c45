"""Where goaltui keeps its own files: recovery journals, locks of read-only folders, backups.

``platformdirs`` gives the platform's per-user state directory
(``~/.local/state/goaltui`` on Linux, honouring ``XDG_STATE_HOME``);
``GOALTUI_STATE_DIR`` overrides it (tests, or a shared account that wants its
own). Directories are created private (0700): journals hold the user's tables.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["state_dir"]

ENVIRONMENT_VARIABLE = "GOALTUI_STATE_DIR"


def state_dir(*parts: str) -> Path:
    """The state directory (or a subdirectory of it), created if missing."""
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    if override:
        base = Path(override)
    else:
        from platformdirs import user_state_dir

        base = Path(user_state_dir("goaltui", appauthor=False))
    directory = base.joinpath(*parts)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory
