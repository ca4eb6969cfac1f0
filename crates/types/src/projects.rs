//! Participatory budgets (the Wijkbudget): programmes, rounds, per-wijk allocations and ideas.

use serde::{Deserialize, Serialize};
use validator::Validate;

/// Phases of a round, in order.
pub const PHASES: [&str; 7] = [
    "call_for_ideas",
    "wijkdialoog",
    "elaboration",
    "advice",
    "selection",
    "realisation",
    "closed",
];

/// How a wijk selects its projects.
pub const SELECTION_METHODS: [&str; 4] = [
    "dialogue",
    "lottery_panel",
    "public_vote",
    "college_decision",
];

/// Public statuses of an idea.
pub const IDEA_STATUSES: [&str; 6] = [
    "submitted",
    "in_dialogue",
    "proposal",
    "merged",
    "referred",
    "not_retained",
];

/// Ways an idea reaches the city (staff enter all but `online`).
pub const IDEA_CHANNELS: [&str; 5] = ["online", "paper", "phone", "buurtpunt", "event"];

/// A dated phase of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Phase {
    /// One of `call_for_ideas`, `wijkdialoog`, `elaboration`, `advice`, `selection`,
    /// `realisation`, `closed`.
    pub phase: String,
    /// First day (ISO 8601 date).
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
    /// `dialogue`, `lottery_panel`, `public_vote` or `college_decision`.
    pub selection_method: String,
    /// Inhabitants used by the allocation.
    pub population: i64,
    /// Vulnerability index used by the allocation (1 is neutral).
    pub vulnerability_index: f64,
    /// Allocated budget in euro cents.
    pub allocation_cents: i64,
    /// Whether the cap limited this wijk's allocation.
    pub capped: bool,
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
    pub current_phase: Option<String>,
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
    /// `active` or `archived`.
    pub status: String,
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
    pub at: String,
    /// `submitted`, `status`, `hidden` or `shown`.
    pub kind: String,
    /// The new status (`kind` = `status`).
    pub status: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// An idea for the wijk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000d1", "wijknr": 10, "wijk": "muide-meulestede-afrikalaan", "round": 1, "title": "Moestuin op het pleintje", "body": "Een gedeelde moestuin met bakken voor de school.", "estimated_cost_cents": 800000, "lat": 51.0731, "lon": 3.7351, "channel": "online", "organisation": null, "status": "submitted", "status_reason": null, "merged_into": null, "referred_to": null, "hidden_reason": null, "supporters": 3, "supported": false, "mine": true, "created_at": "2026-11-30T10:00:00+00:00", "events": null})))]
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
    /// `online`, `paper`, `phone`, `buurtpunt` or `event`.
    pub channel: String,
    /// The organisation it was submitted for, if any (people are not named).
    pub organisation: Option<String>,
    /// `submitted`, `in_dialogue`, `proposal`, `merged`, `referred` or `not_retained`.
    pub status: String,
    /// Why it has this status.
    pub status_reason: Option<String>,
    /// The idea it was merged into.
    pub merged_into: Option<String>,
    /// The city service it was referred to.
    pub referred_to: Option<String>,
    /// Why moderators hid it (then title stays, text is withheld).
    pub hidden_reason: Option<String>,
    /// Residents who support it.
    pub supporters: i64,
    /// Whether the caller supports it.
    pub supported: bool,
    /// Whether the caller submitted it.
    pub mine: bool,
    /// Submitted (RFC 3339).
    pub created_at: String,
    /// Its public history (only on the idea's own page).
    pub events: Option<Vec<IdeaEvent>>,
}

/// A page of ideas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaPage {
    /// Ideas, newest first.
    pub items: Vec<Idea>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Filters of the idea board.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListIdeasQuery {
    /// Wijk number or slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wijk: Option<String>,
    /// Only ideas with this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Only the caller's own ideas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mine: Option<bool>,
    /// Page size, 1–100 (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// A new idea. Give the wijk, or a point on the map (the wijk follows from it).
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
    pub organisation_id: Option<String>,
    /// Staff only: how the idea came in (`paper`, `phone`, `buurtpunt`, `event`).
    #[serde(default)]
    pub channel: Option<String>,
    /// Staff only, with `channel`: the submitter's name as given.
    #[serde(default)]
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub submitter_name: Option<String>,
}

/// A staff decision on an idea's status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "referred", "reason": "Valt onder het gewone onderhoud van de straat.", "referred_to": "Dienst Wegen, Bruggen en Waterlopen"})))]
pub struct SetIdeaStatus {
    /// The new status.
    pub status: String,
    /// Why (required for every status but `submitted` and `in_dialogue`).
    #[serde(default)]
    #[validate(length(min = 3, max = 2000, message = "must be 3 to 2000 characters"))]
    pub reason: Option<String>,
    /// With `merged`: the idea it joins.
    #[serde(default)]
    pub merged_into: Option<String>,
    /// With `referred`: the city service.
    #[serde(default)]
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub referred_to: Option<String>,
}

/// Hide an idea (moderation), with a public reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"reason": "Bevat persoonsgegevens van derden."})))]
pub struct HideIdea {
    /// Shown instead of the text.
    #[validate(length(min = 3, max = 500, message = "must be 3 to 500 characters"))]
    pub reason: String,
}

/// How a wijk of a programme selects its projects, and its vulnerability index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"selection_method": "lottery_panel", "vulnerability_milli": 1250})))]
pub struct SetRoundWijk {
    /// `dialogue`, `lottery_panel`, `public_vote` or `college_decision`.
    pub selection_method: String,
    /// Vulnerability index in thousandths (1000 is neutral), 1–100000.
    #[validate(range(min = 1, max = 100_000, message = "must be 1 to 100000"))]
    pub vulnerability_milli: i32,
}
