"""The visibility matrix row "performance evaluation", on the pages and in the API:

seller r, comment, sign (once shared) · seller's coach — · manager rw · manager's
superior r · programme owner r · other coach / seller — · other organisation —.
"""

from __future__ import annotations

import pytest
from django.test import Client

from salescoach.accounts.services import api_token_create
from salescoach.evaluations import services
from salescoach.evaluations.models import Evaluation
from salescoach.organisations.models import Membership, Role
from salescoach.privacy.models import AuditAction, AuditEntry
from tests.conftest import People
from tests.evaluations.helpers import fill, make_cycle, make_evaluation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SECRET = "Unique-evaluation-text-4711"


@pytest.fixture
def setup(people: People) -> tuple[People, Evaluation, dict[str, Membership]]:
    # A superior who is not the programme owner, so the two rows are tested apart.
    superior = MembershipFactory(
        organisation=people.org, roles=[Role.SALES_MANAGER], user__full_name="Sue Superior"
    )
    people.manager.reports_to = superior
    people.manager.save()
    other_coach = MembershipFactory(organisation=people.org, roles=[Role.INTERNAL_COACH])
    evaluation = fill(
        people.manager, make_evaluation(people.manager, people.seller, make_cycle(people.owner)), text=SECRET
    )
    roles = {
        "seller": people.seller,
        "coach": people.coach,
        "manager": people.manager,
        "superior": superior,
        "owner": people.owner,
        "colleague": people.colleague,
        "other_manager": people.other_manager,
        "other_seller": people.other_seller,
        "other_coach": other_coach,
        "outsider": people.outsider,
    }
    return people, evaluation, roles


# role -> (sees it at all, sees the content while in preparation, sees the content once shared)
MATRIX = {
    "seller": (True, False, True),
    "coach": (False, False, False),  # unless the seller shares it: not possible yet
    "manager": (True, True, True),
    "superior": (True, False, True),
    "owner": (True, False, True),
    "colleague": (False, False, False),
    "other_manager": (False, False, False),
    "other_seller": (False, False, False),
    "other_coach": (False, False, False),
    "outsider": (False, False, False),
}


def api(member: Membership) -> Client:
    _, raw = api_token_create(user=member.user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def look(client_for, member: Membership, evaluation: Evaluation) -> tuple[int, bool, int, bool]:  # type: ignore[no-untyped-def]
    slug = member.organisation.slug
    page = client_for(member).get(f"/o/{slug}/evaluations/{evaluation.pk}/")
    answer = api(member).get(f"/api/v1/evaluations/{evaluation.pk}")
    return (
        page.status_code,
        SECRET in page.content.decode(),
        answer.status_code,
        SECRET in answer.content.decode(),
    )


def test_the_matrix_row_in_preparation_and_once_shared(setup, client_for) -> None:  # type: ignore[no-untyped-def]
    people, evaluation, roles = setup
    for shared in (False, True):
        if shared:
            services.evaluation_share(actor=people.manager, evaluation=evaluation)
        for role, member in roles.items():
            sees, draft_content, shared_content = MATRIX[role]
            page_status, page_secret, api_status, api_secret = look(client_for, member, evaluation)
            expected_status = 200 if sees else 404
            expected_content = shared_content if shared else draft_content
            assert (page_status, api_status) == (expected_status, expected_status), (role, shared)
            assert page_secret == api_secret == expected_content, (role, shared)


def test_lists_follow_the_same_row(setup, client_for) -> None:  # type: ignore[no-untyped-def]
    people, evaluation, roles = setup
    for role, member in roles.items():
        listed = api(member).get("/api/v1/evaluations").json()
        ids = {e["id"] for e in listed["items"]} if "items" in listed else set()
        assert (evaluation.pk in ids) == MATRIX[role][0], role
        assert SECRET not in str(listed)  # lists never hold content


def test_only_the_seller_comments_and_signs_only_the_manager_writes(setup, client_for) -> None:  # type: ignore[no-untyped-def]
    people, evaluation, roles = setup
    services.evaluation_share(actor=people.manager, evaluation=evaluation)
    slug = people.org.slug
    for role in ("manager", "superior", "owner"):
        client = client_for(roles[role])
        assert client.post(f"/o/{slug}/evaluations/{evaluation.pk}/sign/").status_code == 403, role
        assert (
            client.post(
                f"/o/{slug}/evaluations/{evaluation.pk}/comment/", {"seller_comment": "forged"}
            ).status_code
            == 403
        ), role
    for role in ("superior", "owner", "seller"):
        assert client_for(roles[role]).get(f"/o/{slug}/evaluations/{evaluation.pk}/edit/").status_code == 403
        assert (
            api(roles[role])
            .patch(f"/api/v1/evaluations/{evaluation.pk}", {"overall_comment": "forged"}, "application/json")
            .status_code
            == 403
        )
    for role in ("coach", "colleague", "outsider", "other_manager"):
        member = roles[role]
        assert (
            client_for(member)
            .post(f"/o/{member.organisation.slug}/evaluations/{evaluation.pk}/sign/")
            .status_code
            == 404
        )
    evaluation.refresh_from_db()
    assert evaluation.status == "shared" and evaluation.seller_comment == ""
    assert "forged" not in evaluation.overall_comment
    # Each refusal is on record; the 404s name the seller whose evaluation it was.
    denied = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED)
    assert denied.filter(object_type="page").count() >= 9
    assert (
        denied.filter(object_type="evaluations.evaluation", subject_membership_id=people.seller.pk).count()
        == 4
    )
