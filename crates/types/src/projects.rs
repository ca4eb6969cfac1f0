//! Participatory budgets (the Wijkbudget): programmes, rounds, per-wijk allocations and ideas.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Whether a programme runs.
    pub enum ProgrammeStatus {
        /// It runs.
        Active = "active",
        /// It is over; kept for the record.
        Archived = "archived",
    }
}

vocabulary! {
    /// A phase of a round (phases run in this order).
    pub enum RoundPhase {
        /// Residents hand in ideas.
        CallForIdeas = "call_for_ideas",
        /// The wijkdialoog: staff and residents talk ideas through.
        Wijkdialoog = "wijkdialoog",
        /// Ideas are worked out into costed proposals.
        Elaboration = "elaboration",
        /// Advice on the proposals.
        Advice = "advice",
        /// The wijk selects its projects.
        Selection = "selection",
        /// The selected projects are carried out.
        Realisation = "realisation",
        /// The round is over.
        Closed = "closed",
    }
}

vocabulary! {
    /// How a wijk selects its projects.
    pub enum SelectionMethod {
        /// Staff record the outcome of the wijkdialoog.
        Dialogue = "dialogue",
        /// A drawn panel of residents decides.
        LotteryPanel = "lottery_panel",
        /// Residents vote.
        PublicVote = "public_vote",
        /// The college (Schepencollege) decides.
        CollegeDecision = "college_decision",
    }
}

vocabulary! {
    /// The public status of an idea.
    pub enum IdeaStatus {
        /// Handed in, not handled yet.
        Submitted = "submitted",
        /// Talked through in the wijkdialoog.
        InDialogue = "in_dialogue",
        /// Worked into a proposal.
        Proposal = "proposal",
        /// Merged into another idea.
        Merged = "merged",
        /// Referred to a named city service.
        Referred = "referred",
        /// Not retained, with a reason.
        NotRetained = "not_retained",
    }
}

vocabulary! {
    /// How an idea reached the city (staff enter all but `online`).
    pub enum IdeaChannel {
        /// Submitted in the web app or through the API.
        Online = "online",
        /// On paper.
        Paper = "paper",
        /// By phone.
        Phone = "phone",
        /// At a buurtpunt.
        Buurtpunt = "buurtpunt",
        /// At an event.
        Event = "event",
    }
}

vocabulary! {
    /// A step in an idea's public history.
    pub enum IdeaEventKind {
        /// It was handed in.
        Submitted = "submitted",
        /// Its status changed.
        Status = "status",
        /// Moderators hid it.
        Hidden = "hidden",
        /// Moderators showed it again.
        Shown = "shown",
    }
}

vocabulary! {
    /// Where a proposal stands.
    pub enum ProposalStatus {
        /// Written and waiting for a decision.
        Proposed = "proposed",
        /// Chosen; it became a project.
        Selected = "selected",
        /// Not chosen.
        NotSelected = "not_selected",
        /// Taken back before a decision.
        Withdrawn = "withdrawn",
    }
}

vocabulary! {
    /// Who decided on a proposal.
    pub enum DecisionKind {
        /// Staff recorded the outcome of the wijkdialoog.
        Dialogue = "dialogue",
        /// The college decided (with a date and a reference).
        College = "college",
        /// The wijk's drawn panel decided by majority.
        Panel = "panel",
        /// A public vote decided.
        Vote = "vote",
    }
}

vocabulary! {
    /// The ballot of a public vote.
    pub enum BallotKind {
        /// Approve any number of proposals (up to a maximum).
        Approval = "approval",
        /// Choose proposals within the budget.
        Knapsack = "knapsack",
        /// Spread points over proposals.
        Cumulative = "cumulative",
    }
}

vocabulary! {
    /// How a vote's result is counted.
    pub enum TallyRule {
        /// The Method of Equal Shares, completed with add1.
        Mes = "mes",
        /// By support (points), as long as the budget allows.
        Greedy = "greedy",
    }
}

vocabulary! {
    /// Where a vote stands in time.
    pub enum VoteState {
        /// Not open yet.
        Upcoming = "upcoming",
        /// Open for ballots.
        Open = "open",
        /// Closed.
        Closed = "closed",
    }
}

vocabulary! {
    /// Where a request to be verified as a resident stands.
    pub enum ResidenceRequestStatus {
        /// Waiting for staff.
        Pending = "pending",
        /// Staff verified it.
        Verified = "verified",
        /// Staff refused it, with a reason.
        Rejected = "rejected",
    }
}

vocabulary! {
    /// Where a project stands.
    pub enum ProjectStatus {
        /// Selected, not started.
        Planned = "planned",
        /// Being carried out.
        InRealisation = "in_realisation",
        /// Done.
        Realised = "realised",
        /// Stopped before it was done.
        Stopped = "stopped",
    }
}

/// A dated phase of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Phase {
    /// The phase.
    pub phase: RoundPhase,
    /// First day (ISO 8601 date).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub starts_on: String,
    /// Last day, if known.
    pub ends_on: Option<String>,
}

/// A wijk in a round: how it selects and what it gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundWijk {
    /// Wijk number.
    pub wijknr: i16,
    /// Wijk slug.
    pub slug: String,
    /// Wijk name.
    pub name: String,
    /// How the wijk selects its projects.
    pub selection_method: SelectionMethod,
    /// Inhabitants used by the allocation.
    pub population: i64,
    /// Vulnerability index used by the allocation (1 is neutral).
    pub vulnerability_index: f64,
    /// Allocated budget in euro cents.
    pub allocation_cents: i64,
    /// Whether the cap limited this wijk's allocation.
    pub capped: bool,
    /// What its selected proposals cost, in euro cents.
    pub committed_cents: i64,
    /// What is left of the allocation, in euro cents.
    pub left_cents: i64,
}

/// A round of a programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Round {
    /// Id.
    pub id: String,
    /// 1, 2, …
    pub number: i16,
    /// Name.
    pub name: String,
    /// The phase today, if the round has started.
    pub current_phase: Option<RoundPhase>,
    /// Phases by start date.
    pub phases: Vec<Phase>,
    /// The wijken of this round, by number.
    pub wijken: Vec<RoundWijk>,
}

/// How the programme's total is divided over the wijken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllocationRuleView {
    /// The total divided, in cents.
    pub total_cents: i64,
    /// Every wijk's base amount, in cents.
    pub base_cents: i64,
    /// No wijk gets more, in cents.
    pub cap_cents: i64,
    /// The computation in words.
    pub formula: String,
}

/// A participatory-budget programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000c1", "slug": "wijkbudget", "name": "Wijkbudget", "status": "active", "description": "…", "realisation_months": 24, "proposals_count": null, "realised_count": null, "allocation": {"total_cents": 625000000, "base_cents": 15000000, "cap_cents": 35000000, "formula": "…"}, "rounds": []})))]
pub struct Programme {
    /// Id.
    pub id: String,
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Whether it runs.
    pub status: ProgrammeStatus,
    /// What it is.
    pub description: String,
    /// Projects must be realised within this many months.
    pub realisation_months: i32,
    /// Archived programmes: how many proposals were put to the vote.
    pub proposals_count: Option<i32>,
    /// Archived programmes: how many were realised.
    pub realised_count: Option<i32>,
    /// The allocation rule.
    pub allocation: AllocationRuleView,
    /// Rounds by number.
    pub rounds: Vec<Round>,
}

/// A step in an idea's public history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaEvent {
    /// When (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    /// What happened.
    pub kind: IdeaEventKind,
    /// The new status (`kind` = `status`).
    pub status: Option<IdeaStatus>,
    /// Why.
    pub reason: Option<String>,
}

/// An idea for the wijk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000d1", "wijknr": 10, "wijk": "muide-meulestede-afrikalaan", "round": 1, "title": "Moestuin op het pleintje", "body": "Een gedeelde moestuin met bakken voor de school.", "estimated_cost_cents": 800000, "lat": 51.0731, "lon": 3.7351, "channel": "online", "organisation": null, "status": "submitted", "status_reason": null, "merged_into": null, "referred_to": null, "hidden_reason": null, "image_url": null, "supporters": 3, "supported": false, "mine": true, "created_at": "2026-11-30T10:00:00+00:00", "events": null})))]
pub struct Idea {
    /// Id.
    pub id: String,
    /// Wijk number.
    pub wijknr: i16,
    /// Wijk slug.
    pub wijk: String,
    /// The programme round of the wijk, if any.
    pub round: Option<i16>,
    /// Title.
    pub title: String,
    /// The idea (empty when hidden).
    pub body: String,
    /// Estimated cost in euro cents.
    pub estimated_cost_cents: Option<i64>,
    /// Where, if a point was given.
    pub lat: Option<f64>,
    /// Where, if a point was given.
    pub lon: Option<f64>,
    /// How it reached the city.
    pub channel: IdeaChannel,
    /// The organisation it was submitted for, if any (people are not named).
    pub organisation: Option<String>,
    /// Its public status.
    pub status: IdeaStatus,
    /// Why it has this status.
    pub status_reason: Option<String>,
    /// The idea it was merged into.
    pub merged_into: Option<String>,
    /// The city service it was referred to.
    pub referred_to: Option<String>,
    /// Why moderators hid it (then title, text and image are withheld).
    pub hidden_reason: Option<String>,
    /// Its photo, if one was added (`PUT /projects/ideas/{id}/image`).
    pub image_url: Option<String>,
    /// Residents who support it.
    pub supporters: i64,
    /// Whether the caller supports it.
    pub supported: bool,
    /// Whether the caller submitted it.
    pub mine: bool,
    /// Staff of the wijk only: the name of who handed in an idea staff entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitter_name: Option<String>,
    /// Staff of the wijk only: how to reach them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Submitted (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// Its public history (only on the idea's own page).
    pub events: Option<Vec<IdeaEvent>>,
}

crate::page::page!(
    /// A page of ideas.
    IdeaPage = Page<Idea>,
    "A page of ideas.",
    "Ideas, newest first."
);

/// Filters of the idea board.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListIdeasQuery {
    /// Wijk number or slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub wijk: Option<String>,
    /// Only ideas with this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<IdeaStatus>))]
    pub status: Option<String>,
    /// Only the caller's own ideas: submitted or supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mine: Option<bool>,
    /// Only ideas that came in through this channel (`online`, `paper`, `phone`, `buurtpunt`,
    /// `event`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<IdeaChannel>))]
    pub channel: Option<String>,
    /// Only ideas submitted on or after this day (ISO 8601 date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub from: Option<String>,
    /// Only ideas submitted on or before this day (ISO 8601 date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub to: Option<String>,
    /// Staff of the wijk: `true` lists only hidden ideas (others never see hidden ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Page size, 1–100 (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub cursor: Option<String>,
}

/// A new idea. Give the wijk, or a point on the map (the wijk follows from it).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"title": "Moestuin op het pleintje", "body": "Een gedeelde moestuin met bakken voor de school.", "wijk": null, "lat": 51.0731, "lon": 3.7351, "estimated_cost_cents": 800000})))]
pub struct CreateIdea {
    /// Title, 3–120 characters.
    #[validate(length(min = 3, max = 120, message = "must be 3 to 120 characters"))]
    pub title: String,
    /// The idea, 10–5000 characters.
    #[validate(length(min = 10, max = 5000, message = "must be 10 to 5000 characters"))]
    pub body: String,
    /// Wijk number or slug (or give `lat`/`lon`).
    #[serde(default)]
    pub wijk: Option<String>,
    /// A point in Gent.
    #[serde(default)]
    #[validate(range(min = -90.0, max = 90.0, message = "must be a latitude"))]
    pub lat: Option<f64>,
    /// A point in Gent.
    #[serde(default)]
    #[validate(range(min = -180.0, max = 180.0, message = "must be a longitude"))]
    pub lon: Option<f64>,
    /// Estimated cost in euro cents.
    #[serde(default)]
    #[validate(range(
        min = 0,
        max = 100_000_000_000_i64,
        message = "must be 0 to 1 billion euro"
    ))]
    pub estimated_cost_cents: Option<i64>,
    /// Submit for this organisation (you must be a member).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub organisation_id: Option<String>,
    /// Staff only: how the idea came in (`paper`, `phone`, `buurtpunt`, `event`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<IdeaChannel>))]
    pub channel: Option<String>,
    /// Staff only, with `channel`: the submitter's name as given.
    #[serde(default)]
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub submitter_name: Option<String>,
    /// Staff only, with `channel`: how to reach the submitter (never shown publicly).
    #[serde(default)]
    #[validate(length(min = 3, max = 200, message = "must be 3 to 200 characters"))]
    pub contact: Option<String>,
}

/// A staff decision on an idea's status.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "referred", "reason": "Valt onder het gewone onderhoud van de straat.", "referred_to": "Dienst Wegen, Bruggen en Waterlopen"})))]
pub struct SetIdeaStatus {
    /// The new status.
    #[cfg_attr(feature = "openapi", schema(value_type = IdeaStatus))]
    pub status: String,
    /// Why (required for every status but `submitted` and `in_dialogue`).
    #[serde(default)]
    #[validate(length(min = 3, max = 2000, message = "must be 3 to 2000 characters"))]
    pub reason: Option<String>,
    /// With `merged`: the idea it joins.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub merged_into: Option<String>,
    /// With `referred`: the city service.
    #[serde(default)]
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub referred_to: Option<String>,
}

/// Hide an idea (moderation), with a public reason.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"reason": "Bevat persoonsgegevens van derden."})))]
pub struct HideIdea {
    /// Shown instead of the text.
    #[validate(length(min = 3, max = 500, message = "must be 3 to 500 characters"))]
    pub reason: String,
}

/// How a wijk of a programme selects its projects, and its vulnerability index.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"selection_method": "lottery_panel", "vulnerability_milli": 1250, "reason": "De wijkraad vroeg een geloot panel."})))]
pub struct SetRoundWijk {
    /// `dialogue`, `lottery_panel`, `public_vote` or `college_decision`.
    #[cfg_attr(feature = "openapi", schema(value_type = SelectionMethod))]
    pub selection_method: String,
    /// Vulnerability index in thousandths (1000 is neutral), 1–100000.
    #[validate(range(min = 1, max = 100_000, message = "must be 1 to 100000"))]
    pub vulnerability_milli: i32,
    /// Why it changes (kept in the audit log).
    #[serde(default)]
    #[validate(length(min = 3, max = 500, message = "must be 3 to 500 characters"))]
    pub reason: Option<String>,
}

/// A line of a proposal's budget (`ProposalBudgetLine` in the OpenAPI document: an
/// application's is `BudgetLine`).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ProposalBudgetLine))]
pub struct BudgetLine {
    /// What the money is for.
    #[validate(length(min = 2, max = 300, message = "must be 2 to 300 characters"))]
    pub description: String,
    /// Amount in euro cents, more than 0.
    #[validate(range(
        min = 1,
        max = 100_000_000_000_i64,
        message = "must be 1 cent to 1 billion euro"
    ))]
    pub amount_cents: i64,
}

/// A proposal worked out from ideas (staff of the wijk).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"wijk": "2", "title": "Groene Vrijdagmarkt", "summary": "Bloembakken en bankjes rond de markt.", "owners": "Bewonersgroep Vrijdagmarkt met de Groendienst", "budget_lines": [{"description": "Bloembakken", "amount_cents": 1200000}], "idea_ids": []})))]
pub struct CreateProposal {
    /// Wijk number or slug.
    pub wijk: String,
    /// Title.
    #[validate(length(min = 3, max = 160, message = "must be 3 to 160 characters"))]
    pub title: String,
    /// What it does.
    #[validate(length(min = 10, max = 5000, message = "must be 10 to 5000 characters"))]
    pub summary: String,
    /// Who carries it out.
    #[validate(length(min = 2, max = 500, message = "must be 2 to 500 characters"))]
    pub owners: String,
    /// The costed budget, 1–50 lines.
    #[validate(length(min = 1, max = 50, message = "must have 1 to 50 lines"), nested)]
    pub budget_lines: Vec<BudgetLine>,
    /// Ideas of the same wijk it was worked out from (they move to status `proposal`).
    #[serde(default)]
    #[validate(length(max = 100, message = "at most 100 ideas"))]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<uuid::Uuid>))]
    pub idea_ids: Vec<String>,
}

/// A proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Proposal {
    /// Id.
    pub id: String,
    /// Wijk number.
    pub wijknr: i16,
    /// Round number.
    pub round: i16,
    /// Title.
    pub title: String,
    /// What it does.
    pub summary: String,
    /// Who carries it out.
    pub owners: String,
    /// The sum of the budget lines, in cents.
    pub cost_cents: i64,
    /// Where it stands.
    pub status: ProposalStatus,
    /// The budget.
    pub budget_lines: Vec<BudgetLine>,
    /// The ideas it came from.
    pub idea_ids: Vec<String>,
    /// Why it was selected or not.
    pub decision_reason: Option<String>,
    /// The project realising it, once selected.
    pub project_id: Option<String>,
    /// How it was decided.
    #[serde(default)]
    pub decision_kind: Option<DecisionKind>,
    /// When it was decided (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub decided_at: Option<String>,
    /// Who recorded the decision (the staff member's display name); none for a panel's decision,
    /// as its members stay anonymous (pseudonyms).
    #[serde(default)]
    pub decided_by: Option<String>,
    /// A college decision's date (ISO 8601 date).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub college_date: Option<String>,
    /// A college decision's reference.
    #[serde(default)]
    pub college_reference: Option<String>,
    /// Where the wijk's lottery panel stands on it (when the wijk has a drawn panel).
    #[serde(default)]
    pub panel_tally: Option<PanelTally>,
}

/// How a drawn panel's members voted on a proposal: it is selected when a majority of the
/// seated members is for it and at least `quorum` members voted; rejected when a majority is
/// against it (with the quorum).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelTally {
    /// Seated members (withdrawn ones not counted).
    pub seated: i32,
    /// Members who must have voted.
    pub quorum: i32,
    /// Members for.
    pub votes_for: i32,
    /// Members against.
    pub votes_against: i32,
}

/// Changes to a proposal that is not decided yet (staff of the wijk).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"title": "Groene speelplaats", "summary": "Bomen en een zandbak.", "owners": "Ouderraad", "budget_lines": [{"description": "Bomen", "amount_cents": 1200000}], "idea_ids": []})))]
pub struct UpdateProposal {
    /// Title, 3–160 characters.
    #[validate(length(min = 3, max = 160, message = "must be 3 to 160 characters"))]
    pub title: String,
    /// What it does, 10–5000 characters.
    #[validate(length(min = 10, max = 5000, message = "must be 10 to 5000 characters"))]
    pub summary: String,
    /// Who carries it out, 2–500 characters.
    #[validate(length(min = 2, max = 500, message = "must be 2 to 500 characters"))]
    pub owners: String,
    /// 1–50 costed lines.
    #[validate(length(min = 1, max = 50, message = "must have 1 to 50 lines"), nested)]
    pub budget_lines: Vec<BudgetLine>,
    /// The ideas it comes from (of the same wijk).
    #[serde(default)]
    #[validate(length(max = 100, message = "at most 100 ideas"))]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<uuid::Uuid>))]
    pub idea_ids: Vec<String>,
}

/// Staff record where a resident lives (the right to vote in that wijk).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"wijk": "2", "birth_date": "1990-04-12"})))]
pub struct VerifyResidence {
    /// Wijk number or slug.
    pub wijk: String,
    /// Date of birth (for the minimum voting age), ISO 8601.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub birth_date: String,
}

/// A verified residence (no birth date: it is not shown back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Residence {
    /// The resident's account id.
    pub user_id: String,
    /// Wijk number.
    pub wijknr: i16,
    /// `staff` or `register`.
    pub method: String,
    /// When (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub verified_at: String,
}

/// A new public vote in a wijk (staff of the wijk; the wijk's method must be `public_vote`).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"wijk": "2", "ballot_kind": "knapsack", "opens_at": "2027-03-01T08:00:00+01:00", "closes_at": "2027-03-21T20:00:00+01:00", "proposal_ids": ["0193c1a0-0000-7000-8000-0000000000e1"]})))]
pub struct CreateVote {
    /// Wijk number or slug.
    pub wijk: String,
    /// `approval`, `knapsack` or `cumulative`.
    #[cfg_attr(feature = "openapi", schema(value_type = BallotKind))]
    pub ballot_kind: String,
    /// What the vote can fund in cents (default: the wijk's allocation).
    #[serde(default)]
    pub budget_cents: Option<i64>,
    /// Approval: at most this many projects.
    #[serde(default)]
    #[validate(range(min = 1, message = "must be at least 1"))]
    pub max_choices: Option<i32>,
    /// Cumulative: the points each voter spreads.
    #[serde(default)]
    #[validate(range(min = 1, message = "must be at least 1"))]
    pub points: Option<i32>,
    /// `mes` (Method of Equal Shares with add1 completion; the default) or `greedy` (by points;
    /// the default for cumulative ballots).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<TallyRule>))]
    pub rule: Option<String>,
    /// Minimum age of voters, 0 to 120 (default 16).
    #[serde(default)]
    #[validate(range(min = 0, max = 120, message = "must be 0 to 120"))]
    pub min_age: Option<i32>,
    /// Opens (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub opens_at: String,
    /// Closes (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub closes_at: String,
    /// The proposals on the ballot (of this wijk and round).
    #[validate(length(min = 1, message = "put at least one proposal to the vote"))]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<uuid::Uuid>))]
    pub proposal_ids: Vec<String>,
}

/// A public vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Vote {
    /// Id.
    pub id: String,
    /// Wijk number.
    pub wijknr: i16,
    /// The ballot.
    pub ballot_kind: BallotKind,
    /// What the vote can fund, in cents.
    pub budget_cents: i64,
    /// Approval: at most this many projects.
    pub max_choices: Option<i32>,
    /// Cumulative: points per voter.
    pub points: Option<i32>,
    /// How the result is counted.
    pub rule: TallyRule,
    /// Minimum age.
    pub min_age: i32,
    /// Opens (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub opens_at: String,
    /// Closes (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub closes_at: String,
    /// Where it stands in time.
    pub state: VoteState,
    /// The proposals on the ballot.
    pub options: Vec<Proposal>,
}

/// A choice on a ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    /// The proposal.
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub proposal_id: String,
    /// Points (cumulative ballots; 1 otherwise).
    #[serde(default = "one")]
    pub points: i32,
}

fn one() -> i32 {
    1
}

/// A ballot: cast online by a resident, or a paper ballot entered by staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"choices": [{"proposal_id": "0193c1a0-0000-7000-8000-0000000000e1", "points": 1}]})))]
pub struct CastBallot {
    /// The chosen proposals.
    pub choices: Vec<Choice>,
    /// Paper ballots only: the number written on the paper.
    #[serde(default)]
    pub paper_ref: Option<String>,
}

/// A stored ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ballot {
    /// Id.
    pub id: String,
    /// The vote.
    pub vote_id: String,
    /// The choices.
    pub choices: Vec<Choice>,
    /// What the chosen proposals cost together, in cents.
    pub cost_cents: i64,
    /// Paper ballots: the number on the paper.
    pub paper_ref: Option<String>,
    /// Paper ballots count once a second staff member confirmed them.
    pub confirmed: bool,
    /// Last change (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
}

/// A proposal's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalResult {
    /// The proposal.
    pub proposal_id: String,
    /// Title.
    pub title: String,
    /// Cost in cents.
    pub cost_cents: i64,
    /// Voters who chose it.
    pub votes: i64,
    /// Points it got (= votes for approval and knapsack ballots).
    pub points: i64,
    /// Whether the rule funds it.
    pub funded: bool,
}

/// The outcome of a closed vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteResults {
    /// The vote.
    pub vote_id: String,
    /// The rule that decided.
    pub rule: TallyRule,
    /// The budget, in cents.
    pub budget_cents: i64,
    /// Ballots counted (online, and paper ballots confirmed by a second staff member).
    pub ballots: i64,
    /// What the funded proposals cost together, in cents.
    pub funded_cents: i64,
    /// Per proposal, by points (most first).
    pub results: Vec<ProposalResult>,
}

/// A decision on a proposal (wijken that select by dialogue, panel or the college).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"selected": true, "reason": "Het college volgde het advies van de wijkdialoog.", "kind": "college", "college_date": "2027-03-12", "college_reference": "2027_CBS_01234"})))]
pub struct DecideProposal {
    /// Selected (it becomes a project) or not.
    pub selected: bool,
    /// Why; residents read it.
    #[validate(length(min = 3, max = 2000, message = "must be 3 to 2000 characters"))]
    pub reason: String,
    /// Who decides: `dialogue` (staff record the wijkdialoog's outcome; the default for
    /// staff), `college` (staff record the college's decision, with its date and reference) or
    /// `panel` (a member of the wijk's drawn panel votes; the default for members).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<String>, pattern = "^(dialogue|college|panel)$")
    )]
    pub kind: Option<String>,
    /// With `college`: the date of the college's decision (ISO 8601 date).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub college_date: Option<String>,
    /// With `college`: the decision's reference, 2–100 characters.
    #[serde(default)]
    #[validate(length(min = 2, max = 100, message = "must be 2 to 100 characters"))]
    pub college_reference: Option<String>,
}

/// A resident asks staff to verify where they live (for the right to vote there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"wijk": "17", "birth_date": "1990-05-17"})))]
pub struct RequestResidence {
    /// Wijk number or slug.
    pub wijk: String,
    /// Date of birth (for the minimum voting age), ISO 8601.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub birth_date: String,
}

/// A request to be verified as a resident of a wijk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidenceRequest {
    /// Id.
    pub id: String,
    /// The resident's account.
    pub user_id: String,
    /// The resident's display name.
    pub display_name: String,
    /// Wijk number.
    pub wijknr: i16,
    /// Wijk name.
    pub wijk: String,
    /// Date of birth as given (ISO 8601).
    pub birth_date: String,
    /// Where it stands.
    pub status: ResidenceRequestStatus,
    /// Why it was refused.
    pub reason: Option<String>,
    /// When it was asked (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub requested_at: String,
}

/// Filters of the residence requests.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ResidenceRequestsQuery {
    /// Wijk number or slug (staff: default all their wijken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub wijk: Option<String>,
    /// `pending`, `verified` or `rejected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<ResidenceRequestStatus>))]
    pub status: Option<String>,
}

/// Staff refuse a residence request, with a reason the resident reads.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"reason": "Het adres ligt in een andere wijk."})))]
pub struct RejectResidence {
    /// Why, 3–500 characters.
    #[validate(length(min = 3, max = 500, message = "must be 3 to 500 characters"))]
    pub reason: String,
}

/// A paper ballot as staff see it in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaperBallot {
    /// Id.
    pub id: String,
    /// The number on the paper.
    pub paper_ref: Option<String>,
    /// The choices.
    pub choices: Vec<Choice>,
    /// What the chosen proposals cost together, in cents.
    pub cost_cents: i64,
    /// Who entered it (display name).
    pub entered_by: String,
    /// Whether the caller entered it (then someone else must confirm it).
    pub entered_by_me: bool,
    /// Whether a second staff member confirmed it.
    pub confirmed: bool,
    /// When it was entered (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub entered_at: String,
}

/// Filters of a vote's paper ballots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PaperBallotsQuery {
    /// Only confirmed (`true`) or unconfirmed (`false`) ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<bool>,
}

/// Filters of the project list.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProjectsQuery {
    /// Wijk number or slug (default: all wijken).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub wijk: Option<String>,
    /// Round number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 99, message = "must be 1 to 99"))]
    pub round: Option<i16>,
    /// `planned`, `in_realisation`, `realised` or `stopped`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<ProjectStatus>))]
    pub status: Option<String>,
}

/// A progress update of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectUpdate {
    /// When (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    /// What happened.
    pub body: String,
    /// The status it moved to, if it changed.
    pub status: Option<ProjectStatus>,
    /// Spent so far, if reported (cents).
    pub spent_cents: Option<i64>,
    /// A photo (https URL).
    pub photo_url: Option<String>,
}

/// A selected proposal being realised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    /// Id.
    pub id: String,
    /// The proposal it realises.
    pub proposal_id: String,
    /// Wijk number.
    pub wijknr: i16,
    /// Title.
    pub title: String,
    /// Where it stands.
    pub status: ProjectStatus,
    /// Budget (cents).
    pub budget_cents: i64,
    /// Spent so far (cents).
    pub spent_cents: i64,
    /// To be realised by (ISO 8601 date).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub deadline: String,
    /// Partners.
    pub partners: Vec<String>,
    /// Where, if its ideas had a point.
    pub lat: Option<f64>,
    /// Where.
    pub lon: Option<f64>,
    /// Progress updates, oldest first (only on the project's own page).
    pub updates: Option<Vec<ProjectUpdate>>,
}

/// A progress update to post (staff of the wijk).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"body": "De bakken staan er; de planten volgen in april.", "status": "in_realisation", "spent_cents": 450000, "photo_url": null, "partners": ["Groendienst"]})))]
pub struct CreateProjectUpdate {
    /// What happened.
    #[validate(length(min = 3, max = 5000, message = "must be 3 to 5000 characters"))]
    pub body: String,
    /// A new status.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<ProjectStatus>))]
    pub status: Option<String>,
    /// Spent so far (cents).
    #[serde(default)]
    #[validate(range(
        min = 0,
        max = 100_000_000_000_i64,
        message = "must be 0 to 1 billion euro"
    ))]
    pub spent_cents: Option<i64>,
    /// A photo already published at an https URL.
    #[serde(default)]
    #[validate(
        url(message = "must be a URL"),
        length(max = 500, message = "must be at most 500 characters")
    )]
    pub photo_url: Option<String>,
    /// Replace the list of partners.
    #[serde(default)]
    pub partners: Option<Vec<String>>,
}

/// A quota of a panel: between `min` and `max` members with this value of the attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelQuota {
    /// The attribute, e.g. `gender`, `age_band`.
    pub attribute: String,
    /// The value, e.g. `v`, `16-29`.
    pub value: String,
    /// At least this many members.
    pub min: u32,
    /// At most this many members.
    pub max: u32,
}

/// A new lottery panel for a wijk that selects by `lottery_panel`.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"wijk": "25", "size": 20, "reserves": 5, "quotas": [{"attribute": "gender", "value": "v", "min": 9, "max": 11}]})))]
pub struct CreatePanel {
    /// Wijk number or slug.
    pub wijk: String,
    /// Members, 1–500.
    #[validate(range(min = 1, max = 500, message = "must be 1 to 500"))]
    pub size: i32,
    /// Ordered reserves, 0–500.
    #[validate(range(min = 0, max = 500, message = "must be 0 to 500"))]
    pub reserves: i32,
    /// Quotas per stratum (at most 20).
    #[serde(default)]
    #[validate(length(max = 20, message = "at most 20 quotas"))]
    pub quotas: Vec<PanelQuota>,
    /// Members who must take part in a decision, 1–size (default: a majority of the size).
    #[serde(default)]
    pub quorum: Option<i32>,
}

/// The seed of a panel's draw, made public before the draw.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"seed": "Drongen 2026-03-12 Lotto 3-17-22-31-40-45"})))]
pub struct PublishSeed {
    /// A seed people can check (e.g. a public lottery's numbers), 4–200 characters.
    #[validate(length(min = 4, max = 200, message = "must be 4 to 200 characters"))]
    pub seed: String,
}

/// A person in the candidate pool (pseudonymous; the account link is only for staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCandidate {
    /// Public pseudonym, e.g. `K-017` (letters, digits, `.`, `_`, `-`; at most 40).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9._-]{1,40}$"))]
    pub pseudonym: String,
    /// Their account, if they have one (members with an account get the panel role).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub user_id: Option<String>,
    /// Attribute → value, e.g. `{"gender": "v", "age_band": "30-64"}`.
    #[serde(default)]
    pub strata: std::collections::BTreeMap<String, String>,
}

/// Candidates to add before the draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"candidates": [{"pseudonym": "K-001", "user_id": null, "strata": {"gender": "v", "age_band": "30-64"}}]})))]
pub struct AddCandidates {
    /// 1–2000 candidates.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 2000))]
    pub candidates: Vec<NewCandidate>,
}

/// The draw: the seed to publish.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"seed": "Drongen 2026-03-12 Lotto 3-17-22-31-40-45"})))]
pub struct DrawPanel {
    /// A seed fixed in public beforehand (e.g. from a public lottery's numbers).
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub seed: String,
}

/// A member's withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WithdrawMember {
    /// The member's pseudonym.
    pub pseudonym: String,
}

/// A seat on a panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelSeat {
    /// Pseudonym.
    pub pseudonym: String,
    /// Draw order (members) or reserve order.
    pub position: i32,
    /// Withdrawn (members), with who replaced them.
    pub withdrawn: bool,
    /// The reserve who took the seat.
    pub replaced_by: Option<String>,
}

/// A candidate as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelCandidate {
    /// Pseudonym.
    pub pseudonym: String,
    /// Strata.
    pub strata: std::collections::BTreeMap<String, String>,
}

/// A lottery panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Panel {
    /// Id.
    pub id: String,
    /// Wijk number.
    pub wijknr: i16,
    /// Members.
    pub size: i32,
    /// Reserves.
    pub reserves: i32,
    /// Quotas.
    pub quotas: Vec<PanelQuota>,
    /// The seed, public from its publication on (before the draw).
    pub seed: Option<String>,
    /// When the seed was made public (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub seed_published_at: Option<String>,
    /// The draw is refused before this time (RFC 3339): the seed is public for a notice period first.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub draw_not_before: Option<String>,
    /// Members who must take part in a decision.
    #[serde(default)]
    pub quorum: i32,
    /// The draw algorithm's version tag (after the draw).
    pub algorithm: Option<String>,
    /// When it was drawn (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub drawn_at: Option<String>,
    /// The candidate pool, as published for re-running the draw.
    pub candidates: Vec<PanelCandidate>,
    /// Members in draw order (withdrawn ones stay, marked).
    pub members: Vec<PanelSeat>,
    /// Reserves in order (those who took a seat are members now).
    pub reserve_list: Vec<PanelSeat>,
    /// Whether the caller sits on the panel.
    pub i_am_member: bool,
}

/// A panel member's score of a proposal.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"score": 8, "comment": "Sterk voor de kinderen van de wijk."})))]
pub struct ScoreProposal {
    /// 0–10.
    #[validate(range(min = 0, max = 10, message = "must be 0 to 10"))]
    pub score: i32,
    /// Why.
    #[serde(default)]
    #[validate(length(max = 2000, message = "must be at most 2000 characters"))]
    pub comment: String,
}

/// The panel's scores of one proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalScores {
    /// The proposal.
    pub proposal_id: String,
    /// Title.
    pub title: String,
    /// Members who scored it.
    pub scored_by: i64,
    /// Their average score.
    pub average: Option<f64>,
    /// Their comments (not signed).
    pub comments: Vec<String>,
}
