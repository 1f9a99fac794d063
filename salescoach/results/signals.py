"""What other apps may want to know about results, without results knowing them."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# Sent (after the transaction commits) when an organisation's targets or deals, or the
# amounts the dashboards report them in, have changed. Arguments: organisation_id.
results_changed = Signal()


def announce_results_changed(organisation_id: int) -> None:
    transaction.on_commit(
        lambda: results_changed.send(sender=None, organisation_id=organisation_id), robust=True
    )
