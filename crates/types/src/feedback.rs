//! Terugkoppeling: what became of the signals, ideas and advice requests of a period, grouped
//! by theme, with their status, the response and who is responsible — per wijk or city-wide.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// What a line of the feedback table is about.
    pub enum FeedbackKind {
        /// A signal (melding).
        Signal = "signal",
        /// An idea of the wijkbudget.
        Idea = "idea",
        /// A council's advice on an advice request.
        Advice = "advice",
    }
}

/// One line: a signal, an idea or a council's advice, with where it stands and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "kind": "signal", "theme": "Zwerfvuil en sluikstort", "title": "Vuilniszakken naast de glasbol",
    "status": "closed", "outcome": "fixed", "response": "Opgeruimd op maandagochtend.", "responsible": "IVAGO",
    "date": "2026-12-01", "link": "/signals/0193c1a0-0000-7000-8000-0000000000e1"})))]
pub struct FeedbackItem {
    /// Signal, idea or advice.
    pub kind: FeedbackKind,
    /// The theme it is grouped under (the signal's category, "Wijkbudget", the council).
    pub theme: String,
    /// What it is about.
    pub title: String,
    /// Its status in its own vocabulary (a signal's, an idea's, or `awaiting`/`published` for
    /// advice).
    pub status: String,
    /// How it ended: a signal's resolution, or what the city did with an advice.
    pub outcome: Option<String>,
    /// The public reason or response.
    pub response: Option<String>,
    /// Who is responsible: the city service, the partner it was referred to, or who asked.
    pub responsible: Option<String>,
    /// When it came in (ISO 8601 date).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub date: String,
    /// Its page in the web app.
    pub link: String,
}

/// A theme with its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackTheme {
    /// The theme.
    pub theme: String,
    /// Its lines, newest first.
    pub items: Vec<FeedbackItem>,
}

/// The feedback table of a wijk (or the city) over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackTable {
    /// The wijk, or null for the whole city (which also lists the advice requests).
    pub wijknr: Option<i16>,
    /// First day (ISO 8601 date).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    /// Last day (ISO 8601 date).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
    /// The themes in alphabetical order.
    pub themes: Vec<FeedbackTheme>,
}

/// Which table.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct FeedbackQuery {
    /// A wijk (number or slug); without it, the whole city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub wijk: Option<String>,
    /// First day (ISO 8601 date; default 90 days before `to`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date, example = "2026-09-01"))]
    pub from: Option<String>,
    /// Last day (ISO 8601 date; default today). At most 366 days after `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Date, example = "2026-12-04"))]
    pub to: Option<String>,
}
