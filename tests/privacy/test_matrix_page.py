"""The visibility matrix page for the works council: generated from the same declaration
the policy reads (salescoach/privacy/matrix.py), in English and Dutch."""

from __future__ import annotations

import html

import pytest
from django.utils import translation

from salescoach.privacy import matrix
from tests.coaching.test_api import Api
from tests.conftest import People

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_page_shows_every_row_and_cell_of_the_declared_matrix(
    people: People, client_for, language: str
) -> None:
    response = client_for(people.owner, language).get(f"/o/{people.org.slug}/privacy/matrix/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    with translation.override(language):
        for row in matrix.MATRIX:
            assert str(row.label)[1:] in page, row.key
        for column in matrix.COLUMNS:
            assert str(column.label) in page
    # One cell per row and column, marked with the grant it shows.
    assert page.count('class="matrix-') == len(matrix.MATRIX) * len(matrix.COLUMNS)
    for row in matrix.MATRIX:
        for column in matrix.COLUMNS:
            assert f"matrix-{row.grant(column).key}" in page
    if language == "nl":
        assert "Wie ziet wat" in page and "driehoeksafspraak" in page


def test_every_member_may_read_it_and_so_may_the_api(people: People, client_for) -> None:
    for member in (people.seller, people.manager, people.coach):
        assert client_for(member).get(f"/o/{people.org.slug}/privacy/matrix/").status_code == 200
    body = Api(people.seller).get("/privacy/visibility-matrix")
    assert [row["key"] for row in body["rows"]] == [row.key for row in matrix.MATRIX]
    notes = next(row for row in body["rows"] if row["key"] == "note_pair")
    assert notes["cells"] == {
        "seller": "rw",
        "coach": "rw",
        "manager": "none",
        "superior": "none",
        "programme_owner": "none",
        "other": "none",
        "other_organisation": "none",
    }
    assert client_for(people.outsider).get(f"/o/{people.org.slug}/privacy/matrix/").status_code == 404


def test_a_matrix_that_breaks_product_rule_1_is_refused() -> None:
    from dataclasses import replace

    loose = tuple(
        replace(row, cells={**row.cells, matrix.Column.OWNER: matrix.READ}) if row.key == "note_pair" else row
        for row in matrix.MATRIX
    )
    assert matrix.check_invariants(loose) == ["note_pair: programme_owner must never read coaching content"]
