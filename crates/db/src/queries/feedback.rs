//! The feedback table: the signals, ideas and advice of a period, each with where it stands.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::councils::AdviceResponse;
use samenstad_types::signals::{SignalResolution, SignalStatus};
use uuid::Uuid;

use crate::schema::{
    advice, advice_request, advisory_council, city_service, idea, signal, signal_category,
};

/// A signal of the table.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct SignalLine {
    pub id: Uuid,
    pub category: String,
    pub description: String,
    pub status: SignalStatus,
    pub resolution: Option<SignalResolution>,
    pub responsible: Option<String>,
    pub service: String,
    pub created_at: DateTime<Utc>,
}

/// Visible signals reported in [`from`, `to`), in a wijk or anywhere.
pub fn signals(
    conn: &mut PgConnection,
    wijk: Option<Uuid>,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> QueryResult<Vec<SignalLine>> {
    let mut q = signal::table
        .inner_join(signal_category::table)
        .inner_join(city_service::table)
        .filter(signal::hidden_reason.is_null())
        .filter(signal::created_at.ge(from))
        .filter(signal::created_at.lt(to))
        .select((
            signal::id,
            signal_category::name_nl,
            signal::description,
            signal::status,
            signal::resolution,
            signal::responsible,
            city_service::name,
            signal::created_at,
        ))
        .limit(5000)
        .into_boxed();
    if let Some(w) = wijk {
        q = q.filter(signal::wijk_id.eq(w));
    }
    q.load(conn)
}

/// An idea of the table.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct IdeaLine {
    pub id: Uuid,
    pub title: String,
    pub status: String,
    pub status_reason: Option<String>,
    pub referred_to: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Visible ideas submitted in [`from`, `to`), in a wijk or anywhere.
pub fn ideas(
    conn: &mut PgConnection,
    wijk: Option<Uuid>,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> QueryResult<Vec<IdeaLine>> {
    let mut q = idea::table
        .filter(idea::hidden_reason.is_null())
        .filter(idea::created_at.ge(from))
        .filter(idea::created_at.lt(to))
        .select((
            idea::id,
            idea::title,
            idea::status,
            idea::status_reason,
            idea::referred_to,
            idea::created_at,
        ))
        .limit(5000)
        .into_boxed();
    if let Some(w) = wijk {
        q = q.filter(idea::wijk_id.eq(w));
    }
    q.load(conn)
}

/// A council's advice on a request of the table.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct AdviceLine {
    pub request_id: Uuid,
    pub subject: String,
    pub requested_by: String,
    pub created_at: DateTime<Utc>,
    pub deadline: NaiveDate,
    pub council: String,
    pub published: bool,
    pub response: Option<AdviceResponse>,
    pub response_reason: Option<String>,
}

/// The councils' parts of the advice requests published in [`from`, `to`).
pub fn advice(
    conn: &mut PgConnection,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> QueryResult<Vec<AdviceLine>> {
    advice::table
        .inner_join(advice_request::table)
        .inner_join(advisory_council::table)
        .filter(advice_request::created_at.ge(from))
        .filter(advice_request::created_at.lt(to))
        .select((
            advice_request::id,
            advice_request::subject,
            advice_request::requested_by,
            advice_request::created_at,
            advice_request::deadline,
            advisory_council::name,
            advice::published_at.is_not_null(),
            advice::response,
            advice::response_reason,
        ))
        .limit(5000)
        .load(conn)
}
