"""The coaching part of a person's data export (see salescoach/privacy/export.py).

It covers the coaching relationships the person is in, as coach or as coachee, the
triad agreements they are a party to and the sessions they take part in -- each read
through the selectors, so only what the privacy policy lets them see. Items a seller
shared with the person as their manager are about that seller, not about the person,
and are not part of the person's export.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q

from salescoach.coaching import selectors
from salescoach.coaching.models import CoachingSession
from salescoach.organisations.models import Membership
from salescoach.privacy import policy
from salescoach.privacy.services import audit_reads
from salescoach.privacy.visibility import Visibility

Record = dict[str, Any]


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person(member: Membership | None) -> str | None:
    return member.user.full_name if member is not None else None


def _note(
    org: str, note_type: str, obj_id: int, text: str, visibility: str, *, relationship_id: int, **extra: Any
) -> Record:
    return {
        "type": note_type,
        "id": obj_id,
        "organisation": org,
        "relationship_id": relationship_id,
        "text": text,
        "visibility": visibility,
        **extra,
    }


def export_member(*, member: Membership) -> dict[str, list[Record]]:
    org = member.organisation.slug
    relationships = list(
        selectors.relationship_list(viewer=member).filter(Q(coach=member) | Q(coachee=member))
    )
    ids = [r.pk for r in relationships]
    read: list[Any] = []  # what goes on the access log (content someone else wrote)
    notes: list[Record] = []
    out: dict[str, list[Record]] = {"coaching_notes": notes}

    out["coaching_relationships"] = [
        {
            "id": r.pk,
            "organisation": org,
            "coach": _person(r.coach),
            "coachee": _person(r.coachee),
            "your_role": "coach" if r.coach_id == member.pk else "coachee",
            "kind_of_coach": r.coach_kind,
            "status": r.status,
            "started_on": _when(r.started_on),
            "ended_on": _when(r.ended_on),
        }
        for r in relationships
    ]

    agreements = list(
        selectors.agreement_list(viewer=member).filter(Q(relationship_id__in=ids) | Q(manager=member))
    )
    read += agreements
    out["triad_agreements"] = [
        {
            "id": a.pk,
            "organisation": org,
            "relationship_id": a.relationship_id,
            "version": a.version,
            "result_to_reach": a.result_to_reach,
            "manager_role": a.manager_role,
            "coach_role": a.coach_role,
            "reporting": a.reporting,
            "cadence": a.cadence,
            "review_on": _when(a.review_on),
            "confirmed_by": [_person(c.member) for c in a.confirmations.all()],
            "confirmed_at": _when(a.confirmed_at),
        }
        for a in agreements
    ]

    sessions: list[CoachingSession] = list(
        selectors.session_list(viewer=member).filter(
            Q(relationship_id__in=ids) | Q(kind="triad", manager=member)
        )
    )
    ratings = selectors.ratings_for(viewer=member, sessions=sessions)
    read += sessions
    read += ratings.values()
    prepared: dict[int, list[Record]] = {}
    coach_sessions = [s.pk for s in sessions if policy.can_view_preparation(member, s)]
    from salescoach.coaching.models import PreparedQuestion

    for question in PreparedQuestion.objects.filter(session_id__in=coach_sessions):
        prepared.setdefault(question.session_id, []).append({"stage": question.stage, "text": question.text})
    out["coaching_sessions"] = []
    for s in sessions:
        record: Record = {
            "id": s.pk,
            "organisation": org,
            "relationship_id": s.relationship_id,
            "kind": s.kind,
            "starts_at": _when(s.starts_at),
            "ends_at": _when(s.ends_at),
            "location": s.location,
            "video_url": s.video_url,
            "status": s.status,
        }
        if policy.can_view_session_content(member, s):
            record.update(
                framework=s.framework,
                status_reason=s.status_reason,
                prepared_questions=prepared.get(s.pk, []),
            )
            if s.outcomes:
                notes.append(
                    _note(
                        org,
                        "session_outcomes",
                        s.pk,
                        s.outcomes,
                        Visibility.COACH_AND_SELLER,
                        relationship_id=s.relationship_id,
                        session_id=s.pk,
                    )
                )
        if policy.can_view_agenda(member, s) and s.agenda:
            notes.append(
                _note(
                    org,
                    "session_agenda",
                    s.pk,
                    s.agenda,
                    Visibility.COACH_AND_SELLER,
                    relationship_id=s.relationship_id,
                    session_id=s.pk,
                )
            )
        rating = ratings.get(s.pk)
        if rating is not None:
            record["rating"] = {"useful": rating.useful, "comment": rating.comment}
            if rating.comment:
                notes.append(
                    _note(
                        org,
                        "session_rating_comment",
                        rating.pk,
                        rating.comment,
                        Visibility.COACH_AND_SELLER,
                        relationship_id=s.relationship_id,
                        session_id=s.pk,
                    )
                )
        out["coaching_sessions"].append(record)

    for note in selectors.note_list(viewer=member).filter(relationship_id__in=ids):
        read.append(note)
        notes.append(
            _note(
                org,
                "note",
                note.pk,
                note.text,
                note.visibility,
                relationship_id=note.relationship_id,
                session_id=note.session_id,
                plan_item_id=note.plan_item_id,
                commitment_id=note.commitment_id,
                author=_person(note.author),
                created_at=_when(note.created_at),
            )
        )
    for item in selectors.plan_item_list(viewer=member).filter(relationship_id__in=ids):
        read.append(item)
        notes.append(
            _note(
                org,
                "plan_item",
                item.pk,
                item.text,
                item.visibility,
                relationship_id=item.relationship_id,
                layer=item.layer,
                status=item.status,
                follows_from_id=item.follows_from_id,
                author=_person(item.created_by),
                created_at=_when(item.created_at),
            )
        )
    for commitment in selectors.commitment_list(viewer=member).filter(relationship_id__in=ids):
        read.append(commitment)
        notes.append(
            _note(
                org,
                "commitment",
                commitment.pk,
                commitment.text,
                commitment.visibility,
                relationship_id=commitment.relationship_id,
                due_on=_when(commitment.due_on),
                status=commitment.status,
                created_at=_when(commitment.created_at),
            )
        )
        if commitment.reflection:
            notes.append(
                _note(
                    org,
                    "commitment_reflection",
                    commitment.pk,
                    commitment.reflection,
                    commitment.visibility,
                    relationship_id=commitment.relationship_id,
                    reviewed_at=_when(commitment.reviewed_at),
                )
            )
    for proposal in selectors.proposal_list(viewer=member).filter(relationship_id__in=ids):
        read.append(proposal)
        notes.append(
            _note(
                org,
                "proposal",
                proposal.pk,
                proposal.text,
                Visibility.COACH_AND_SELLER,
                relationship_id=proposal.relationship_id,
                proposal_kind=proposal.kind,
                status=proposal.status,
                rationale=proposal.rationale,
                decision_comment=proposal.decision_comment,
                created_at=_when(proposal.created_at),
            )
        )
    for observation in selectors.observation_list(viewer=member).filter(session__relationship_id__in=ids):
        read.append(observation)
        relationship_id = observation.session.relationship_id
        for row in selectors.observation_rows(viewer=member, observation=observation, language="en"):
            for perspective, score, comment in (
                ("self", row.self_score, row.self_comment),
                ("coach", row.coach_score, row.coach_comment),
            ):
                if score is None and not comment:
                    continue
                notes.append(
                    _note(
                        org,
                        "observation_comment",
                        observation.pk,
                        comment,
                        observation.visibility,
                        relationship_id=relationship_id,
                        session_id=observation.session_id,
                        skill_area=row.area_key,
                        perspective=perspective,
                        score=score,
                    )
                )
        if observation.seller_reply:
            notes.append(
                _note(
                    org,
                    "observation_reply",
                    observation.pk,
                    observation.seller_reply,
                    observation.visibility,
                    relationship_id=relationship_id,
                    session_id=observation.session_id,
                    acknowledged_at=_when(observation.acknowledged_at),
                )
            )
    audit_reads(viewer=member, objects=read, via="export")
    out["coaching_questions"] = [
        {
            "id": q.pk,
            "organisation": org,
            "framework": q.framework,
            "stage": q.stage,
            "language": q.language,
            "text": q.text,
        }
        for q in selectors.custom_question_list(viewer=member)
    ]
    return out
