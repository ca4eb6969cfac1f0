//! Terugkoppeling: the feedback table of a wijk or the city over a period — the signals, ideas
//! and (city-wide) the councils' advice, grouped by theme, each with its status, the response and
//! who is responsible. As JSON for the page that prints for a buurtsalon, and as CSV.

use actix_web::{HttpResponse, get, web};
use chrono::{Duration, NaiveDate};
use samenstad_db::queries::feedback as q;
use samenstad_db::queries::signals as signals_q;
use samenstad_domain::feedback::{self as rules};
use samenstad_types::Problem;
use samenstad_types::feedback::{FeedbackItem, FeedbackKind, FeedbackQuery, FeedbackTable};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::cache;
use crate::csv_export;
use crate::error::AppError;
use crate::local_time;
use crate::query::Query;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(feedback_table).service(feedback_csv);
}

fn day(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    value.map(|v| crate::local_time::day(field, v)).transpose()
}

/// The first 80 characters of a text, on one line.
fn headline(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

async fn table(state: &AppState, query: FeedbackQuery) -> Result<FeedbackTable, AppError> {
    query.validate()?;
    let today = local_time::today();
    let (from, to) = rules::period(
        day("from", query.from.as_deref())?,
        day("to", query.to.as_deref())?,
        today,
    )
    .map_err(|e| {
        let code = match e {
            rules::PeriodError::Reversed => "order",
            rules::PeriodError::TooLong => "span",
        };
        AppError::field("from", code, e.message())
    })?;
    let (wijknr, wijk_id): (Option<i16>, Option<Uuid>) = match query.wijk.as_deref() {
        Some(key) => {
            let snapshot = cache::wijken(state).await?;
            let detail = snapshot.find(key).ok_or_else(|| {
                AppError::field("wijk", "unknown", "no wijk has this number or slug")
            })?;
            (Some(detail.wijk.wijknr), snapshot.id_of(key))
        }
        None => (None, None),
    };
    let bounds = (
        local_time::midnight(from),
        local_time::midnight(to + Duration::days(1)),
    );
    let items = state
        .with_conn(move |conn| {
            let mut items = Vec::new();
            let signals = q::signals(conn, wijk_id, bounds)?;
            let ids: Vec<Uuid> = signals.iter().map(|s| s.id).collect();
            let reasons = signals_q::last_reasons(conn, &ids)?;
            items.extend(signals.into_iter().map(|s| FeedbackItem {
                kind: FeedbackKind::Signal,
                theme: s.category,
                title: headline(&s.description),
                status: s.status.as_str().to_owned(),
                outcome: s.resolution.map(|r| r.as_str().to_owned()),
                response: reasons.get(&s.id).cloned(),
                responsible: Some(s.responsible.unwrap_or(s.service)),
                date: local_time::day_of(s.created_at).to_string(),
                link: format!("/signals/{}", s.id),
            }));
            items.extend(
                q::ideas(conn, wijk_id, bounds)?
                    .into_iter()
                    .map(|i| FeedbackItem {
                        kind: FeedbackKind::Idea,
                        theme: "Wijkbudget".to_owned(),
                        title: i.title,
                        status: i.status,
                        outcome: None,
                        response: i.status_reason,
                        responsible: i.referred_to,
                        date: local_time::day_of(i.created_at).to_string(),
                        link: format!("/ideas/{}", i.id),
                    }),
            );
            if wijk_id.is_none() {
                items.extend(q::advice(conn, bounds)?.into_iter().map(|a| FeedbackItem {
                    kind: FeedbackKind::Advice,
                    theme: format!("Advies: {}", a.council),
                    title: a.subject,
                    status: if a.published { "published" } else { "awaiting" }.to_owned(),
                    outcome: a.response.map(|r| r.as_str().to_owned()),
                    response: a.response_reason,
                    responsible: Some(a.requested_by),
                    date: local_time::day_of(a.created_at).to_string(),
                    link: format!("/advice/{}", a.request_id),
                }));
            }
            Ok(items)
        })
        .await?;
    Ok(FeedbackTable {
        wijknr,
        from: from.to_string(),
        to: to.to_string(),
        themes: rules::group(items),
    })
}

/// The feedback table
///
/// What became of the signals and ideas of a wijk (or of the city, with the councils' advice)
/// over a period: grouped by theme, each line with its status, how it ended, the public reason or
/// response, and who is responsible. Hidden signals and ideas are left out.
#[utoipa::path(
    tag = "signals",
    security(()),
    params(FeedbackQuery),
    responses(
        (status = 200, description = "The table", body = FeedbackTable),
        (status = 400, description = "An unknown wijk, a bad date, or a period longer than a year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/feedback")]
pub async fn feedback_table(
    state: web::Data<AppState>,
    query: Query<FeedbackQuery>,
) -> Result<web::Json<FeedbackTable>, AppError> {
    table(&state, query.into_inner()).await.map(web::Json)
}

/// The feedback table as CSV
///
/// The same lines as `GET /feedback`, one per row: theme, kind, date, title, status, outcome,
/// response, responsible, link.
#[utoipa::path(
    tag = "signals",
    security(()),
    params(FeedbackQuery),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("theme,kind,date,title,status,outcome,response,responsible,link\nZwerfvuil en sluikstort,signal,2026-12-01,…\n")),
        (status = 400, description = "An unknown wijk, a bad date, or a period longer than a year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/feedback.csv")]
pub async fn feedback_csv(
    state: web::Data<AppState>,
    query: Query<FeedbackQuery>,
) -> Result<HttpResponse, AppError> {
    let t = table(&state, query.into_inner()).await?;
    let name = match t.wijknr {
        Some(nr) => format!("terugkoppeling-wijk-{nr}-{}-{}.csv", t.from, t.to),
        None => format!("terugkoppeling-gent-{}-{}.csv", t.from, t.to),
    };
    csv_export::download(
        &name,
        &[
            "theme",
            "kind",
            "date",
            "title",
            "status",
            "outcome",
            "response",
            "responsible",
            "link",
        ],
        t.themes.into_iter().flat_map(|theme| theme.items).map(|i| {
            vec![
                i.theme,
                i.kind.as_str().to_owned(),
                i.date,
                i.title,
                i.status,
                i.outcome.unwrap_or_default(),
                i.response.unwrap_or_default(),
                i.responsible.unwrap_or_default(),
                i.link,
            ]
        }),
    )
}
