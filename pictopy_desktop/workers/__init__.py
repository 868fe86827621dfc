"""Background work for the GUI: thread pools, one way back to the GUI thread, indexing."""

from pictopy_desktop.workers.tasks import (
    InlinePool,
    Pools,
    pools,
    run_in_background,
    set_pools,
)

__all__ = ["InlinePool", "Pools", "pools", "run_in_background", "set_pools"]
