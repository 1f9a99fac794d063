"""Reads of results, always as seen by a viewer: dashboards, deals and targets.

The figures, for a group of people and a period (deals count in the period of their
close date; amounts in the organisation's reporting currency):

* target: the period's targets (see ``resolve_targets``);
* won: the amount and number of won deals; attainment = won / target;
* pipeline: open deals, by stage (the funnel); weighted = amount x probability, the
  deal's own probability or else its stage's default;
* forecast = won + weighted pipeline, set against the target;
* win rate = won / (won + lost), by number of deals;
* average deal size = won amount / number won;
* sales cycle = average days from created to close date of the won deals;
* coverage = pipeline / what is still to win (target - won); none once the target is met.

Every dashboard runs the same fixed number of queries whatever the number of people or
deals (see ``dashboard``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Case, Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth

from salescoach.organisations.models import COACHEE_ROLES, Membership, MembershipStatus, RoleAssignment, Team
from salescoach.results import rules
from salescoach.results.cache import remembered
from salescoach.results.models import (
    DEFAULT_CURRENCY,
    ExchangeRate,
    FunnelStage,
    Opportunity,
    PeriodKind,
    ResultsSettings,
    StageKind,
    Target,
)
from salescoach.results.periods import MONTH, QUARTER, Period, add_months, quarter_of

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass
class Figures:
    target_amount: Decimal | None = None
    target_count: int | None = None
    won_amount: Decimal = ZERO
    won_count: int = 0
    lost_count: int = 0
    open_amount: Decimal = ZERO
    open_count: int = 0
    weighted: Decimal = ZERO  # open amount x probability
    cycle_days_total: int = 0
    cycle_count: int = 0
    unconverted: int = 0  # deals left out of the amounts: no exchange rate for their currency

    def add(self, other: Figures) -> None:
        if other.target_amount is not None:
            self.target_amount = (self.target_amount or ZERO) + other.target_amount
        if other.target_count is not None:
            self.target_count = (self.target_count or 0) + other.target_count
        self.won_amount += other.won_amount
        self.won_count += other.won_count
        self.lost_count += other.lost_count
        self.open_amount += other.open_amount
        self.open_count += other.open_count
        self.weighted += other.weighted
        self.cycle_days_total += other.cycle_days_total
        self.cycle_count += other.cycle_count
        self.unconverted += other.unconverted

    @property
    def forecast(self) -> Decimal:
        return (self.won_amount + self.weighted).quantize(CENT)

    @property
    def attainment(self) -> Decimal | None:
        """Won against the target amount, in percent."""
        return _percent(self.won_amount, self.target_amount)

    @property
    def count_attainment(self) -> Decimal | None:
        return _percent(
            Decimal(self.won_count), Decimal(self.target_count) if self.target_count is not None else None
        )

    @property
    def forecast_attainment(self) -> Decimal | None:
        return _percent(self.forecast, self.target_amount)

    @property
    def win_rate(self) -> Decimal | None:
        closed = self.won_count + self.lost_count
        return _percent(Decimal(self.won_count), Decimal(closed) if closed else None)

    @property
    def average_deal_size(self) -> Decimal | None:
        if not self.won_count:
            return None
        return (self.won_amount / self.won_count).quantize(CENT)

    @property
    def cycle_days(self) -> Decimal | None:
        if not self.cycle_count:
            return None
        return (Decimal(self.cycle_days_total) / self.cycle_count).quantize(Decimal("0.1"))

    @property
    def remaining(self) -> Decimal | None:
        if self.target_amount is None:
            return None
        return max(self.target_amount - self.won_amount, ZERO)

    @property
    def coverage(self) -> Decimal | None:
        """Pipeline against what is still to win, as a ratio (3.0 = three times)."""
        remaining = self.remaining
        if not remaining:
            return None
        return (self.open_amount / remaining).quantize(Decimal("0.01"))

    def indicators(self) -> dict[str, Any]:
        """The named result indicators (those a triad agreement can name)."""
        return {
            "attainment": self.attainment,
            "won_amount": self.won_amount,
            "won_count": self.won_count,
            "win_rate": self.win_rate,
            "average_deal_size": self.average_deal_size,
            "cycle_days": self.cycle_days,
            "forecast": self.forecast,
            "coverage": self.coverage,
        }


def _money(value: Decimal | None) -> Decimal:
    """A sum from the database, in cents (SQLite drops the trailing zeros)."""
    return (value or ZERO).quantize(CENT)


def _percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if whole is None or whole == 0:
        return None
    return (part * HUNDRED / whole).quantize(Decimal("0.1"))


class Person(NamedTuple):
    """A person on a dashboard: who, and their team. (A tuple: an organisation's
    dashboard makes thousands.)"""

    pk: int
    full_name: str
    email: str
    team_id: int | None
    team_name: str


@dataclass
class PersonFigures:
    member: Person
    figures: Figures


@dataclass
class TeamFigures:
    team_id: int | None  # None: people without a team
    name: str
    people: int = 0
    figures: Figures = field(default_factory=Figures)


@dataclass
class StageFigures:
    stage: FunnelStage
    count: int = 0
    amount: Decimal = ZERO
    weighted: Decimal = ZERO


@dataclass
class MonthFigures:
    period: Period
    won_amount: Decimal = ZERO
    weighted: Decimal = ZERO
    target_amount: Decimal | None = None

    @property
    def forecast(self) -> Decimal:
        return (self.won_amount + self.weighted).quantize(CENT)


@dataclass
class Dashboard:
    period: Period
    currency: str
    team: Team | None = None
    member: Membership | None = None
    people: list[PersonFigures] = field(default_factory=list)
    teams: list[TeamFigures] = field(default_factory=list)
    total: Figures = field(default_factory=Figures)
    stages: list[StageFigures] = field(default_factory=list)
    months: list[MonthFigures] = field(default_factory=list)

    @property
    def by_team(self) -> bool:
        """Whether the dashboard spans several teams: then it shows a row per team (each
        leading to the team's dashboard with a row per person)."""
        return self.team is None and self.member is None and len(self.teams) > 1

    @property
    def open_stages(self) -> list[StageFigures]:
        return [s for s in self.stages if s.stage.kind == StageKind.OPEN]

    @property
    def closed_stages(self) -> list[StageFigures]:
        return [s for s in self.stages if s.stage.kind != StageKind.OPEN]


# --- scopes -------------------------------------------------------------------------------


def results_team_list(*, viewer: Membership) -> QuerySet[Team]:
    """Teams whose dashboard the viewer may open."""
    return (
        Team.objects.filter(rules.readable_teams_q(viewer)).select_related("manager__user").order_by("name")
    )


def results_member_list(*, viewer: Membership) -> QuerySet[Membership]:
    """People whose results the viewer may read."""
    return (
        Membership.objects.filter(rules.readable_members_q(viewer))
        .select_related("user", "team")
        .order_by("user__full_name", "pk")
    )


@dataclass(frozen=True)
class _Scope:
    members: Q  # on memberships
    deals: Q  # on opportunities, by owner
    targets: Q  # on targets, by member


def _scope(viewer: Membership, team: Team | None, member: Membership | None) -> _Scope:
    org = Q(organisation_id=viewer.organisation_id)
    if member is not None:
        return _Scope(Q(pk=member.pk), Q(owner_id=member.pk), Q(member_id=member.pk))
    if team is not None:
        return _Scope(org & Q(team_id=team.pk), Q(owner__team_id=team.pk), Q(member__team_id=team.pk))
    if rules.is_programme_owner(viewer):
        return _Scope(org, Q(), Q())
    # The viewer's own figures, and those of the people they manage or guide.
    ids = Membership.objects.filter(rules.readable_members_q(viewer)).values("pk")
    return _Scope(org & Q(pk__in=ids), Q(owner_id__in=ids), Q(member_id__in=ids))


def _currency(organisation_id: int) -> tuple[str, dict[str, Decimal]]:
    base = (
        ResultsSettings.objects.filter(organisation_id=organisation_id)
        .values_list("currency", flat=True)
        .first()
        or DEFAULT_CURRENCY
    )
    rates = dict(ExchangeRate.objects.filter(organisation_id=organisation_id).values_list("currency", "rate"))
    return base, rates


# --- targets ---------------------------------------------------------------------------------


class TargetRow(NamedTuple):
    member_id: int
    period_kind: str
    period_start: date
    amount: Decimal | None
    deals: int | None  # the target number of won deals
    currency: str


def _target_rows(organisation_id: int, targets_q: Q, period: Period) -> list[TargetRow]:
    """Month targets of the period's months and quarter targets of the quarters it lies in."""
    return [
        TargetRow(*row)
        for row in Target.objects.filter(targets_q, organisation_id=organisation_id)
        .filter(
            Q(period_kind=PeriodKind.QUARTER, period_start__in=[q.start for q in period.quarters()])
            | Q(period_kind=PeriodKind.MONTH, period_start__gte=period.start, period_start__lt=period.end)
        )
        .values_list("member_id", "period_kind", "period_start", "amount", "count", "currency")
    ]


Amounts = tuple[Decimal | None, Decimal | None]  # (amount, count)


def resolve_targets(
    targets: Iterable[TargetRow], period: Period, base: str, rates: Mapping[str, Decimal]
) -> dict[int, tuple[Decimal | None, int | None, dict[date, Decimal | None]]]:
    """Per member: (target amount, target count, target amount per month) for the period.

    A month's target is its month target, or else a third of its quarter's target. A
    quarter's target is its quarter target, or else the sum of its month targets. A
    year's is the sum of its quarters'. Amounts in another currency count at the exchange
    rate; without a rate they are left out.
    """
    by_member: dict[int, dict[tuple[str, date], TargetRow]] = defaultdict(dict)
    for target in targets:
        by_member[target.member_id][(target.period_kind, target.period_start)] = target

    def values(target: TargetRow) -> Amounts:
        amount = None
        if target.amount is not None:
            if target.currency == base:
                amount = target.amount
            elif target.currency in rates:
                amount = (target.amount * rates[target.currency]).quantize(CENT)
        return amount, Decimal(target.deals) if target.deals is not None else None

    def add(left: Amounts, right: Amounts) -> Amounts:
        return (
            left[0] if right[0] is None else (left[0] or ZERO) + right[0],
            left[1] if right[1] is None else (left[1] or ZERO) + right[1],
        )

    month_starts = [m.start for m in period.months()]  # once: not per person
    quarter_starts = [q.start for q in period.quarters()]
    quarter_of_month = {start: quarter_of(start).start for start in month_starts}
    resolved = {}
    for member_id, own in by_member.items():

        def month_target(start: date, own: dict[tuple[str, date], TargetRow] = own) -> Amounts:
            found = own.get((MONTH, start))
            if found is not None:
                return values(found)
            quarter = own.get((QUARTER, quarter_of_month.get(start) or quarter_of(start).start))
            if quarter is None:
                return None, None
            amount, count = values(quarter)
            return (amount / 3 if amount is not None else None, count / 3 if count is not None else None)

        def quarter_target(start: date, own: dict[tuple[str, date], TargetRow] = own) -> Amounts:
            found = own.get((QUARTER, start))
            if found is not None:
                return values(found)
            total: Amounts = (None, None)
            for i in range(3):
                month = own.get((MONTH, add_months(start, i)))
                if month is not None:
                    total = add(total, values(month))
            return total

        if period.kind == MONTH:
            amount, count = month_target(period.start)
        elif period.kind == QUARTER:
            amount, count = quarter_target(period.start)
        else:
            amount, count = None, None
            for quarter_start in quarter_starts:
                amount, count = add((amount, count), quarter_target(quarter_start))
        per_month = {start: month_target(start)[0] for start in month_starts}
        resolved[member_id] = (
            amount.quantize(CENT) if amount is not None else None,
            int(count.to_integral_value()) if count is not None else None,
            {k: v.quantize(CENT) if v is not None else None for k, v in per_month.items()},
        )
    return resolved


# --- dashboards -----------------------------------------------------------------------------


def _deals(organisation_id: int, owners_q: Q, period: Period) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(
        owners_q, organisation_id=organisation_id, close_date__gte=period.start, close_date__lt=period.end
    )


MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=20, decimal_places=2)


def _people(members_q: Q) -> list[tuple[Person, bool, bool]]:
    """(person, active, sells) for everyone in the scope, in one query."""
    sells = RoleAssignment.objects.filter(membership=OuterRef("pk"), role__in=list(COACHEE_ROLES))
    rows = (
        Membership.objects.filter(members_q)
        .annotate(sells=Exists(sells))
        .values_list("pk", "user__full_name", "user__email", "team_id", "team__name", "status", "sells")
        .order_by("user__full_name", "pk")
    )
    return [
        (
            Person(pk, full_name or email, email, team_id, team_name or ""),
            status == MembershipStatus.ACTIVE,
            sells,
        )
        for pk, full_name, email, team_id, team_name, status, sells in rows
    ]


def _probability(stages: list[FunnelStage]) -> Any:
    """A deal's probability: its own, else its stage's default. The defaults are written
    into the query (a handful of stages), which spares every dashboard a join."""
    defaults = [When(stage_id=stage.pk, then=Value(stage.probability)) for stage in stages]
    if not defaults:
        return Coalesce("probability", Value(0))
    return Coalesce("probability", Case(*defaults, default=Value(0)))


def dashboard(
    *, viewer: Membership, period: Period, team: Team | None = None, member: Membership | None = None
) -> Dashboard:
    """The figures of the people the viewer may read (or of one team or one person, which
    the caller has fetched through the access gate), per person, per team, per stage and
    per month.

    A team's, a person's and -- for its programme owners -- the organisation's dashboard
    are the same for every viewer allowed to open them, and are remembered until the
    results change (``salescoach.results.cache``); a manager's own selection of people is
    computed each time.
    """
    scope = shared_scope(viewer=viewer, team=team, member=member)
    if scope is None:
        return _dashboard(viewer=viewer, period=period)
    found = remembered(
        viewer.organisation_id,
        f"dashboard:{scope}:{period.key}",
        lambda: replace(
            _dashboard(viewer=viewer, period=period, team=team, member=member), team=None, member=None
        ),
    )
    return replace(found, team=team, member=member)


def shared_scope(*, viewer: Membership, team: Team | None, member: Membership | None) -> str | None:
    """What a dashboard shows, when it is the same for every viewer allowed to open it: a
    person's, a team's, or the whole organisation for a programme owner. None for a
    viewer's own selection of people, which is theirs alone and never shared."""
    if member is not None:
        return f"member-{member.pk}"
    if team is not None:
        return f"team-{team.pk}"
    if rules.is_programme_owner(viewer):
        return "organisation"
    return None


def _dashboard(
    *, viewer: Membership, period: Period, team: Team | None = None, member: Membership | None = None
) -> Dashboard:
    """``dashboard``, computed.

    Seven queries, whatever the number of people and deals: the currency and its rates,
    the people, the stages, the deals added up per person, the deals added up per month
    and stage, and the targets. (Counts count close_date, which is never empty, because
    it is a column of the index: PostgreSQL then reads the index only.)
    """
    scope = _scope(viewer, team, member)
    base, rates = _currency(viewer.organisation_id)
    result = Dashboard(period=period, currency=base, team=team, member=member)
    people = _people(scope.members)
    stages = list(
        FunnelStage.objects.filter(organisation_id=viewer.organisation_id).order_by("position", "pk")
    )
    deals = _deals(viewer.organisation_id, scope.deals, period)
    weighted_amount = F("amount_base") * _probability(stages)

    # Per person.
    per_owner = (
        deals.values_list("owner_id")
        .annotate(
            won_amount=Sum("amount_base", filter=Q(status=StageKind.WON)),
            won_count=Count("close_date", filter=Q(status=StageKind.WON)),
            lost_count=Count("close_date", filter=Q(status=StageKind.LOST)),
            open_amount=Sum("amount_base", filter=Q(status=StageKind.OPEN)),
            open_count=Count("close_date", filter=Q(status=StageKind.OPEN)),
            weighted=Sum(weighted_amount, filter=Q(status=StageKind.OPEN), output_field=MONEY),
            cycle_total=Sum("cycle_days", filter=Q(status=StageKind.WON)),
            cycle_count=Count("cycle_days", filter=Q(status=StageKind.WON)),
            unconverted=Count("close_date", filter=Q(amount_base__isnull=True, amount__isnull=False)),
        )
        .order_by()
    )
    figures: dict[int, Figures] = {}
    for (
        owner_id,
        won,
        won_count,
        lost_count,
        open_,
        open_count,
        weighted,
        cycles,
        cycle_count,
        unconverted,
    ) in per_owner:
        figures[owner_id] = Figures(
            won_amount=_money(won),
            won_count=won_count,
            lost_count=lost_count,
            open_amount=_money(open_),
            open_count=open_count,
            weighted=((weighted or ZERO) / HUNDRED).quantize(CENT),
            cycle_days_total=cycles or 0,
            cycle_count=cycle_count,
            unconverted=unconverted,
        )

    # Per month and stage: the months of the period, and the funnel.
    months = {m.start: MonthFigures(m) for m in period.months()}
    per_stage: dict[int, StageFigures] = {stage.pk: StageFigures(stage) for stage in stages}
    # The month as its place in the period (0, 1, 2...), by comparing dates: cheaper than
    # truncating every deal's date.
    starts = list(months)
    month_index = Case(
        *[When(close_date__lt=start, then=Value(index - 1)) for index, start in enumerate(starts) if index],
        default=Value(len(starts) - 1),
    )
    month_stage = (
        deals.annotate(month=month_index)
        .values_list("month", "stage_id")
        .annotate(
            count=Count("close_date"),
            amount=Sum("amount_base"),
            weighted=Sum(weighted_amount, output_field=MONEY),
        )
        .order_by()
    )
    for month, stage_id, count, amount, weighted in month_stage:
        in_stage = per_stage.get(stage_id)
        if in_stage is None:
            continue
        amount = _money(amount)
        weighted = ((weighted or ZERO) / HUNDRED).quantize(CENT)
        in_stage.count += count
        in_stage.amount += amount
        in_stage.weighted += weighted
        in_month = months.get(starts[month])
        if in_month is not None:
            if in_stage.stage.kind == StageKind.WON:
                in_month.won_amount += amount
            elif in_stage.stage.kind == StageKind.OPEN:
                in_month.weighted += weighted
    result.stages = list(per_stage.values())

    targets = resolve_targets(
        _target_rows(viewer.organisation_id, scope.targets, period), period, base, rates
    )
    for member_id, (amount, count, per_month) in targets.items():
        own = figures.get(member_id)
        if own is None:
            own = figures[member_id] = Figures()
        own.target_amount, own.target_count = amount, count
        for start, month_target in per_month.items():
            if month_target is not None and start in months:
                months[start].target_amount = (months[start].target_amount or ZERO) + month_target
    result.months = list(months.values())

    # People: those in the scope with figures, and every active seller in it; and their teams.
    teams: dict[int | None, TeamFigures] = {}
    for person, active, sells in people:
        own = figures.get(person.pk)
        if own is None and not (active and sells):
            continue
        own = own or Figures()
        result.people.append(PersonFigures(person, own))
        result.total.add(own)
        in_team = teams.get(person.team_id)
        if in_team is None:
            in_team = teams[person.team_id] = TeamFigures(person.team_id, person.team_name)
        in_team.people += 1
        in_team.figures.add(own)
    result.teams = sorted(teams.values(), key=lambda t: (t.team_id is None, t.name.lower()))

    return result


def coach_results(*, viewer: Membership, period: Period) -> list[tuple[Membership, dict[str, Any]]]:
    """For a coach: per coachee, only the indicators their triad agreement names.

    Deals never appear here, only figures; a coachee without agreed indicators does not
    appear at all. See ``rules.coach_agreed_indicators`` for where agreements come from.
    """
    agreed = {pk: names for pk, names in rules.coach_agreed_indicators(viewer).items() if names}
    if not agreed:
        return []
    coachees = Membership.objects.filter(
        organisation_id=viewer.organisation_id, pk__in=list(agreed), status=MembershipStatus.ACTIVE
    )
    ids = list(coachees.values_list("pk", flat=True))
    base, rates = _currency(viewer.organisation_id)
    owners_q = Q(owner_id__in=ids)
    figures: dict[int, Figures] = defaultdict(Figures)
    for row in (
        _deals(viewer.organisation_id, owners_q, period)
        .values("owner_id")
        .annotate(
            won_amount=Sum("amount_base", filter=Q(status=StageKind.WON)),
            won_count=Count("close_date", filter=Q(status=StageKind.WON)),
            lost_count=Count("close_date", filter=Q(status=StageKind.LOST)),
            open_amount=Sum("amount_base", filter=Q(status=StageKind.OPEN)),
            weighted=Sum(
                F("amount_base") * Coalesce("probability", "stage__probability"),
                filter=Q(status=StageKind.OPEN),
                output_field=MONEY,
            ),
            cycle_total=Sum("cycle_days", filter=Q(status=StageKind.WON)),
            cycle_count=Count("cycle_days", filter=Q(status=StageKind.WON)),
        )
        .order_by()
    ):
        figures[row["owner_id"]] = Figures(
            won_amount=_money(row["won_amount"]),
            won_count=row["won_count"],
            lost_count=row["lost_count"],
            open_amount=_money(row["open_amount"]),
            weighted=((row["weighted"] or ZERO) / HUNDRED).quantize(CENT),
            cycle_days_total=row["cycle_total"] or 0,
            cycle_count=row["cycle_count"],
        )
    for member_id, (amount, count, _months) in resolve_targets(
        _target_rows(viewer.organisation_id, Q(member_id__in=ids), period), period, base, rates
    ).items():
        figures[member_id].target_amount, figures[member_id].target_count = amount, count
    result = []
    for coachee in coachees.select_related("user", "team").order_by("user__full_name"):
        indicators = {k: v for k, v in figures[coachee.pk].indicators().items() if k in agreed[coachee.pk]}
        result.append((coachee, indicators))
    return result


# --- deals and targets ----------------------------------------------------------------------


def opportunity_list(
    *,
    viewer: Membership,
    period: Period | None = None,
    team: Team | None = None,
    owner: Membership | None = None,
    stage: FunnelStage | None = None,
    status: str | None = None,
    search: str | None = None,
) -> QuerySet[Opportunity]:
    """Deals of the people the viewer may read (never a coach's view)."""
    readable = Membership.objects.filter(rules.readable_members_q(viewer)).values("pk")
    qs = Opportunity.objects.filter(organisation_id=viewer.organisation_id)
    if not rules.is_programme_owner(viewer):
        qs = qs.filter(owner_id__in=readable)
    if period is not None:
        qs = qs.filter(close_date__gte=period.start, close_date__lt=period.end)
    if team is not None:
        qs = qs.filter(owner__team_id=team.pk)
    if owner is not None:
        qs = qs.filter(owner_id=owner.pk)
    if stage is not None:
        qs = qs.filter(stage_id=stage.pk)
    if status:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(account_name__icontains=search) | Q(crm_id=search))
    return qs.select_related("owner__user", "stage").order_by("close_date", "pk")


def target_list(
    *, viewer: Membership, period: Period | None = None, team: Team | None = None
) -> QuerySet[Target]:
    readable = Membership.objects.filter(rules.readable_members_q(viewer)).values("pk")
    qs = Target.objects.filter(organisation_id=viewer.organisation_id, member_id__in=readable)
    if period is not None:
        qs = qs.filter(period_start__gte=period.start, period_start__lt=period.end)
    if team is not None:
        qs = qs.filter(member__team_id=team.pk)
    return qs.select_related("member__user").order_by(
        "member__user__full_name", "period_start", "period_kind"
    )


def funnel_stage_list(*, viewer: Membership) -> QuerySet[FunnelStage]:
    return (
        FunnelStage.objects.filter(organisation_id=viewer.organisation_id)
        .prefetch_related("aliases")
        .order_by("position", "pk")
    )


# --- for Insights ---------------------------------------------------------------------------


class SellerMonth(NamedTuple):
    """A person's results in one calendar month, in the fields of Insights'
    ``SellerPeriod`` (``SellerPeriod(*row)``). ``period`` is ``year * 12 + month - 1``."""

    seller_id: int
    period: int
    target: float | None
    won_amount: float
    won: int
    lost: int
    won_cycle_days: float


def seller_months(*, organisation_id: int) -> list[SellerMonth]:
    """Every person's targets and closed deals per month of their close date, for the
    impact estimator (two queries: the deals added up in the database, and the targets).

    Amounts in the reporting currency (deals without an exchange rate left out); a
    quarter's target spread evenly over its three months, a month's own target winning;
    a month without a target has ``target=None``. Only figures: no deal, no coaching.
    """
    rows: dict[tuple[int, int], list[Any]] = {}
    closed = (
        Opportunity.objects.filter(
            organisation_id=organisation_id, status__in=[StageKind.WON, StageKind.LOST]
        )
        .annotate(month=TruncMonth("close_date"))
        .values_list("owner_id", "month")
        .annotate(
            won_amount=Sum("amount_base", filter=Q(status=StageKind.WON)),
            won=Count("close_date", filter=Q(status=StageKind.WON)),
            lost=Count("close_date", filter=Q(status=StageKind.LOST)),
            cycle=Sum("cycle_days", filter=Q(status=StageKind.WON)),
        )
        .order_by()
    )
    for owner_id, month, won_amount, won, lost, cycle in closed:
        key = (owner_id, month.year * 12 + month.month - 1)
        rows[key] = [None, float(won_amount or 0), won, lost, float(cycle or 0)]
    base, rates = _currency(organisation_id)
    spread: dict[tuple[int, int], Decimal] = {}  # a third of a quarter's target
    own: dict[tuple[int, int], Decimal] = {}  # a month's own target
    for member_id, kind, start, amount, currency in Target.objects.filter(
        organisation_id=organisation_id
    ).values_list("member_id", "period_kind", "period_start", "amount", "currency"):
        if amount is None or (currency != base and currency not in rates):
            continue
        value = amount if currency == base else amount * rates[currency]
        first = start.year * 12 + start.month - 1
        if kind == PeriodKind.MONTH:
            own[(member_id, first)] = value
        else:
            for index in range(first, first + 3):
                spread[(member_id, index)] = value / 3
    month_targets = {**spread, **own}
    for key, value in month_targets.items():
        rows.setdefault(key, [None, 0.0, 0, 0, 0.0])[0] = float(value)
    return [SellerMonth(seller_id, period, *values) for (seller_id, period), values in sorted(rows.items())]
