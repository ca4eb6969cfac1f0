//! Notifications: what a resident follows (a wijk, an idea, a signal, a vote or an advisory
//! council), whether each change comes at once or in the weekly digest, and the unsubscribe link
//! every such mail carries.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// What can be followed.
    pub enum FollowKind {
        /// A wijk: new ideas and signals in it, and (for its verified residents) the opening of
        /// its vote.
        Wijk = "wijk",
        /// An idea: its status changes (submitters and supporters follow their ideas).
        Idea = "idea",
        /// A signal: every change of its state (reporters follow their signals).
        Signal = "signal",
        /// A vote: its opening and its close.
        Vote = "vote",
        /// An advisory council: requests for its advice, its advice and the city's response.
        Council = "council",
    }
}

vocabulary! {
    /// How a follower hears of a change.
    pub enum FollowMode {
        /// A mail for every change.
        Immediate = "immediate",
        /// A line in the digest mailed on Monday morning.
        Weekly = "weekly",
    }
}

/// Something the caller follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193c1a0-0000-7000-8000-0000000000f1", "kind": "wijk",
    "target": "0193c1a0-0000-7000-8000-000000000007", "title": "Brugse Poort - Rooigem",
    "path": "/wijken/brugse-poort-rooigem", "mode": "weekly", "created_at": "2026-12-04T10:00:00+00:00"})))]
pub struct Follow {
    /// Id of the follow.
    pub id: String,
    /// What kind of thing is followed.
    pub kind: FollowKind,
    /// Id of the followed wijk, idea, signal, vote or council.
    pub target: String,
    /// Its name as shown to the follower.
    pub title: String,
    /// Its page in the web app (a path).
    pub path: String,
    /// At once or in the weekly digest.
    pub mode: FollowMode,
    /// Since when (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
}

/// Follow something.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "kind": "wijk", "target": "0193c1a0-0000-7000-8000-000000000007", "mode": "weekly"})))]
#[serde(deny_unknown_fields)]
pub struct NewFollow {
    /// `wijk`, `idea`, `signal`, `vote` or `council`.
    #[cfg_attr(feature = "openapi", schema(value_type = FollowKind))]
    pub kind: String,
    /// Id of what to follow (for a wijk also its number, for a council also its key).
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    pub target: String,
    /// `immediate` (default) or `weekly`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<FollowMode>))]
    pub mode: Option<String>,
}

/// Change how a follow is mailed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"mode": "immediate"})))]
#[serde(deny_unknown_fields)]
pub struct SetFollowMode {
    /// `immediate` or `weekly`.
    #[cfg_attr(feature = "openapi", schema(value_type = FollowMode))]
    pub mode: String,
}

/// The token of an unsubscribe link.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[cfg_attr(feature = "openapi", schema(example = json!({"token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIuLi4ifQ.c2ln"})))]
#[serde(deny_unknown_fields)]
pub struct UnsubscribeToken {
    /// The token from the mail's link (signed; it names the follow or, for `all`, the account).
    #[validate(length(min = 10, max = 1000, message = "is not an unsubscribe token"))]
    pub token: String,
}

/// What an unsubscribe link stops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "kind": "wijk", "title": "Brugse Poort - Rooigem", "following": false})))]
pub struct Unsubscription {
    /// What kind of thing the link is about; absent for a link that stops every notification.
    pub kind: Option<FollowKind>,
    /// Its name, or "alle meldingen" for a link that stops every notification.
    pub title: String,
    /// Whether mails about it still come (false once unsubscribed).
    pub following: bool,
}
