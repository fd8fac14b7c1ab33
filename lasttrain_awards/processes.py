"""Whether a process still runs: builds left by a killed process are removed only once it is gone."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """True while a process with this id exists (one we may not signal exists too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
