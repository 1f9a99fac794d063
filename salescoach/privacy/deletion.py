"""Deleting coaching content: when its retention period has passed, and when a person
who leaves is erased.

What stays is what aggregates need and what holds no one's words: that a relationship
existed and when, that sessions took place and when, whether a session was rated useful,
the coach's ask/tell counts. Every text is deleted: notes, the plan and its history,
commitments and reflections, proposals, ride-along observations, agendas, outcomes,
reasons, prepared questions and the triad agreement's wording. Each function runs in
the caller's transaction and uses a fixed number of statements (bulk deletes and updates).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from salescoach.organisations.models import Membership


@dataclass
class Deleted:
    """How many rows of each kind were deleted or emptied (no content: numbers only)."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, number: int) -> None:
        if number:
            self.counts[name] = self.counts.get(name, 0) + number

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def purge_relationships(relationship_ids: list[int]) -> Deleted:
    """Delete all coaching content of these relationships (the relationships, their
    sessions' dates and the ratings' useful/not useful stay)."""
    from salescoach.coaching.models import (
        CoachingSession,
        Commitment,
        Note,
        Observation,
        PlanItem,
        PlanItemRevision,
        PreparedQuestion,
        Proposal,
        SessionEvent,
        SessionRating,
        TriadAgreement,
    )

    done = Deleted()
    if not relationship_ids:
        return done
    in_rel = Q(relationship_id__in=relationship_ids)
    in_session = Q(session__relationship_id__in=relationship_ids)
    done.add("notes", Note.objects.filter(in_rel).delete()[1].get("coaching.Note", 0))
    done.add("proposals", Proposal.objects.filter(in_rel).delete()[1].get("coaching.Proposal", 0))
    done.add(
        "plan_item_revisions",
        PlanItemRevision.objects.filter(item__relationship_id__in=relationship_ids).delete()[0],
    )
    # follows_from points inside the plan: unlink before deleting.
    PlanItem.objects.filter(in_rel).update(follows_from=None)
    done.add("plan_items", PlanItem.objects.filter(in_rel).delete()[1].get("coaching.PlanItem", 0))
    done.add("commitments", Commitment.objects.filter(in_rel).delete()[1].get("coaching.Commitment", 0))
    done.add(
        "observations", Observation.objects.filter(in_session).delete()[1].get("coaching.Observation", 0)
    )
    done.add("prepared_questions", PreparedQuestion.objects.filter(in_session).delete()[0])
    done.add(
        "rating_comments", SessionRating.objects.filter(in_session).exclude(comment="").update(comment="")
    )
    done.add("session_events", SessionEvent.objects.filter(in_session).exclude(data={}).update(data={}))
    done.add(
        "session_texts",
        CoachingSession.objects.filter(in_rel)
        .exclude(agenda="", outcomes="", status_reason="", location="", video_url="")
        .update(agenda="", outcomes="", status_reason="", location="", video_url=""),
    )
    done.add(
        "agreement_texts",
        TriadAgreement.objects.filter(in_rel)
        .exclude(result_to_reach="", manager_role="", coach_role="")
        .update(result_to_reach="", manager_role="", coach_role=""),
    )
    return done


def has_content_q(prefix: str = "") -> Q:
    """Relationships that still hold coaching content (for the retention overview)."""
    from django.db.models import Exists, OuterRef

    from salescoach.coaching.models import CoachingSession, Commitment, Note, Observation, PlanItem, Proposal

    rel = OuterRef(f"{prefix}pk")
    return (
        Q(Exists(Note.objects.filter(relationship=rel)))
        | Q(Exists(PlanItem.objects.filter(relationship=rel)))
        | Q(Exists(Commitment.objects.filter(relationship=rel)))
        | Q(Exists(Proposal.objects.filter(relationship=rel)))
        | Q(Exists(Observation.objects.filter(session__relationship=rel)))
        | Q(
            Exists(
                CoachingSession.objects.filter(relationship=rel).exclude(
                    agenda="", outcomes="", status_reason="", location="", video_url=""
                )
            )
        )
    )


def purge_authored_by(member: Membership) -> Deleted:
    """Delete every coaching text ``member`` wrote, in any relationship of their
    organisation (as a coach, the texts they wrote about others' coaching)."""
    from salescoach.coaching.models import (
        CoachingRelationship,
        CoachingSession,
        CustomQuestion,
        Note,
        ObservationEntry,
        Perspective,
        PreparedQuestion,
        Proposal,
        SessionEvent,
        SessionRating,
        TriadAgreement,
    )

    done = Deleted()
    coached = list(CoachingRelationship.objects.filter(coach=member).values_list("pk", flat=True))
    done.add("notes", Note.objects.filter(author=member).delete()[1].get("coaching.Note", 0))
    done.add("proposals", Proposal.objects.filter(proposed_by=member).delete()[1].get("coaching.Proposal", 0))
    done.add("custom_questions", CustomQuestion.objects.filter(owner=member).delete()[0])
    # What the coach wrote in the ride-alongs and sessions of the people they coached.
    done.add(
        "observation_entries",
        ObservationEntry.objects.filter(
            observation__session__relationship_id__in=coached, perspective=Perspective.COACH
        ).delete()[0],
    )
    done.add(
        "prepared_questions",
        PreparedQuestion.objects.filter(session__relationship_id__in=coached).delete()[0],
    )
    # Outcomes are written together; the reason of a cancellation by whoever cancelled.
    done.add(
        "session_texts",
        CoachingSession.objects.filter(relationship_id__in=coached).exclude(outcomes="").update(outcomes=""),
    )
    done.add(
        "session_texts",
        CoachingSession.objects.filter(status_changed_by=member)
        .exclude(status_reason="")
        .update(status_reason=""),
    )
    done.add("session_events", SessionEvent.objects.filter(actor=member).exclude(data={}).update(data={}))
    done.add(
        "rating_comments",
        SessionRating.objects.filter(rated_by=member).exclude(comment="").update(comment=""),
    )
    done.add(
        "agreement_texts",
        TriadAgreement.objects.filter(created_by=member)
        .exclude(result_to_reach="", manager_role="", coach_role="")
        .update(result_to_reach="", manager_role="", coach_role=""),
    )
    return done
