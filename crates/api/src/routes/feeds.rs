//! Feeds of the city's decisions in the neighbourhoods, newest first: what happened to ideas,
//! decisions on proposals, closed votes, project progress, subsidies granted and venues added,
//! changed or removed. As Atom (RFC 4287) and JSON Feed 1.1, so wijk websites and feed readers
//! can follow them.

use actix_web::{HttpRequest, HttpResponse, get, web};
use atom_syndication::{Entry, Feed, Link, Text};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use samenstad_db::PgConnection;
use samenstad_db::schema::{
    idea, idea_event, organisation, project, project_update, proposal, subsidy_application,
    subsidy_scheme, venue, venue_change_request, vote, wijk,
};
use samenstad_types::Problem;
use samenstad_types::subsidies::COMMITTED_STATUSES;
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(decisions_atom).service(decisions_json);
}

/// Items in a feed.
const ITEMS: i64 = 50;

/// One decision.
struct Item {
    id: String,
    at: DateTime<Utc>,
    title: String,
    text: String,
    path: String,
}

/// An idea event: id, idea, when, status, reason, title, wijk, hidden.
type IdeaLine = (
    Uuid,
    Uuid,
    DateTime<Utc>,
    Option<String>,
    Option<String>,
    String,
    i16,
    bool,
);
/// A decided proposal: id, when, status, title, reason, wijk.
type ProposalLine = (
    Uuid,
    Option<DateTime<Utc>>,
    String,
    String,
    Option<String>,
    i16,
);
/// A project update: id, project, when, title, text, wijk.
type UpdateLine = (Uuid, Uuid, DateTime<Utc>, String, String, i16);

fn items(conn: &mut PgConnection) -> Result<Vec<Item>, AppError> {
    let mut all = Vec::new();
    let ideas: Vec<IdeaLine> = idea_event::table
        .inner_join(idea::table.inner_join(wijk::table))
        .filter(idea_event::kind.eq("status"))
        .order(idea_event::at.desc())
        .limit(ITEMS)
        .select((
            idea_event::id,
            idea::id,
            idea_event::at,
            idea_event::status,
            idea_event::reason,
            idea::title,
            wijk::wijknr,
            idea::hidden_reason.is_not_null(),
        ))
        .load(conn)?;
    all.extend(ideas.into_iter().filter(|i| !i.7).map(
        |(event, id, at, status, reason, title, wijknr, _)| Item {
            id: format!("idea-event-{event}"),
            at,
            title: format!(
                "Wijk {wijknr}: idee «{title}» – {}",
                status.unwrap_or_default()
            ),
            text: reason.unwrap_or_default(),
            path: format!("/ideas/{id}"),
        },
    ));
    let proposals: Vec<ProposalLine> = proposal::table
        .inner_join(wijk::table)
        .filter(proposal::decided_at.is_not_null())
        .order(proposal::decided_at.desc())
        .limit(ITEMS)
        .select((
            proposal::id,
            proposal::decided_at,
            proposal::status,
            proposal::title,
            proposal::decision_reason,
            wijk::wijknr,
        ))
        .load(conn)?;
    all.extend(
        proposals
            .into_iter()
            .filter_map(|(id, at, status, title, reason, wijknr)| {
                Some(Item {
                    id: format!("proposal-{id}"),
                    at: at?,
                    title: format!("Wijk {wijknr}: voorstel «{title}» – {status}"),
                    text: reason.unwrap_or_default(),
                    path: format!("/api/v1/projects/proposals/{id}"),
                })
            }),
    );
    let votes: Vec<(Uuid, DateTime<Utc>, i16)> = vote::table
        .inner_join(wijk::table)
        .filter(vote::closes_at.le(Utc::now()))
        .order(vote::closes_at.desc())
        .limit(ITEMS)
        .select((vote::id, vote::closes_at, wijk::wijknr))
        .load(conn)?;
    all.extend(votes.into_iter().map(|(id, at, wijknr)| Item {
        id: format!("vote-{id}"),
        at,
        title: format!("Wijk {wijknr}: de stemming is gesloten, het resultaat is bekend"),
        text: String::new(),
        path: format!("/votes/{id}"),
    }));
    let updates: Vec<UpdateLine> = project_update::table
        .inner_join(project::table.inner_join(wijk::table))
        .order(project_update::at.desc())
        .limit(ITEMS)
        .select((
            project_update::id,
            project::id,
            project_update::at,
            project::title,
            project_update::body,
            wijk::wijknr,
        ))
        .load(conn)?;
    all.extend(
        updates
            .into_iter()
            .map(|(update, id, at, title, body, wijknr)| Item {
                id: format!("project-update-{update}"),
                at,
                title: format!("Wijk {wijknr}: project «{title}»"),
                text: body,
                path: format!("/projects/{id}"),
            }),
    );
    all.extend(grants(conn)?);
    all.extend(venue_changes(conn)?);
    all.sort_by(|a, b| b.at.cmp(&a.at).then(a.id.cmp(&b.id)));
    all.truncate(usize::try_from(ITEMS).unwrap_or(50));
    Ok(all)
}

/// A granted subsidy: id, when, scheme, organisation, title, amount.
type GrantLine = (
    Uuid,
    Option<DateTime<Utc>>,
    String,
    Option<String>,
    String,
    Option<i64>,
);

/// Subsidies granted (people who apply alone are not named).
fn grants(conn: &mut PgConnection) -> Result<Vec<Item>, AppError> {
    let rows: Vec<GrantLine> = subsidy_application::table
        .inner_join(subsidy_scheme::table)
        .left_join(organisation::table)
        .filter(subsidy_application::status.eq_any(COMMITTED_STATUSES))
        .order(subsidy_application::decided_at.desc())
        .limit(ITEMS)
        .select((
            subsidy_application::id,
            subsidy_application::decided_at,
            subsidy_scheme::name,
            organisation::name.nullable(),
            subsidy_application::title,
            subsidy_application::decided_cents,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at, scheme, org, title, cents)| {
            let cents = cents.unwrap_or(0);
            Some(Item {
                id: format!("grant-{id}"),
                at: at?,
                title: format!(
                    "{scheme}: €{}.{:02} voor «{title}»{}",
                    cents / 100,
                    cents % 100,
                    org.map(|o| format!(" ({o})")).unwrap_or_default()
                ),
                text: String::new(),
                path: "/api/v1/subsidies/awards".to_owned(),
            })
        })
        .collect())
}

/// A decided venue change: id, when, kind, the venue's name if it still exists, proposal.
type VenueChangeLine = (
    Uuid,
    Option<DateTime<Utc>>,
    String,
    Option<String>,
    Option<String>,
    serde_json::Value,
);

/// Venues added, changed or removed on request.
fn venue_changes(conn: &mut PgConnection) -> Result<Vec<Item>, AppError> {
    let rows: Vec<VenueChangeLine> = venue_change_request::table
        .left_join(venue::table)
        .filter(venue_change_request::status.eq("accepted"))
        .order(venue_change_request::decided_at.desc())
        .limit(ITEMS)
        .select((
            venue_change_request::id,
            venue_change_request::decided_at,
            venue_change_request::kind,
            venue::name.nullable(),
            venue::slug.nullable(),
            venue_change_request::proposal,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at, kind, name, slug, proposal)| {
            let name = name
                .or_else(|| proposal["name"].as_str().map(str::to_owned))
                .unwrap_or_else(|| "een ontmoetingsplek".to_owned());
            let what = match kind.as_str() {
                "add" => "toegevoegd",
                "remove" => "verwijderd",
                _ => "gewijzigd",
            };
            Some(Item {
                id: format!("venue-change-{id}"),
                at: at?,
                title: format!("Zalenzoeker: {name} {what}"),
                text: String::new(),
                path: slug.map_or_else(|| "/venues".to_owned(), |s| format!("/venues/{s}")),
            })
        })
        .collect())
}

/// The origin the request was made to, for absolute links.
fn origin(req: &HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}", info.scheme(), info.host())
}

/// Decisions as Atom
///
/// The latest 50 decisions in the neighbourhoods (idea statuses with their reason, decisions on
/// proposals, closed votes, project progress, subsidies granted, venues added, changed or
/// removed), newest first, as an Atom feed.
#[utoipa::path(
    tag = "projects",
    security(()),
    responses(
        (status = 200, description = "The feed", body = String, content_type = "application/atom+xml"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/decisions.atom")]
pub async fn decisions_atom(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let list = state.with_conn(|conn| items(conn)).await?;
    let base = origin(&req);
    let updated = list.first().map_or_else(Utc::now, |i| i.at);
    let feed = Feed {
        title: Text::plain("Samenstad – beslissingen in de wijken"),
        id: format!("{base}/api/v1/projects/decisions.atom"),
        updated: updated.fixed_offset(),
        links: vec![Link {
            href: format!("{base}/api/v1/projects/decisions.atom"),
            rel: "self".to_owned(),
            ..Link::default()
        }],
        entries: list
            .into_iter()
            .map(|i| Entry {
                title: Text::plain(i.title),
                id: format!("urn:samenstad:{}", i.id),
                updated: i.at.fixed_offset(),
                published: Some(i.at.fixed_offset()),
                links: vec![Link {
                    href: format!("{base}{}", i.path),
                    ..Link::default()
                }],
                summary: (!i.text.is_empty()).then(|| Text::plain(i.text)),
                ..Entry::default()
            })
            .collect(),
        ..Feed::default()
    };
    Ok(HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(feed.to_string()))
}

/// Decisions as JSON Feed
///
/// The same decisions as the Atom feed, as JSON Feed 1.1.
#[utoipa::path(
    tag = "projects",
    security(()),
    responses(
        (status = 200, description = "The feed (JSON Feed 1.1)", body = Object, content_type = "application/feed+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/decisions.json")]
pub async fn decisions_json(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let list = state.with_conn(|conn| items(conn)).await?;
    let base = origin(&req);
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Samenstad – beslissingen in de wijken",
        "home_page_url": format!("{base}/wijkbudget"),
        "feed_url": format!("{base}/api/v1/projects/decisions.json"),
        "language": "nl",
        "items": list.into_iter().map(|i| json!({
            "id": format!("urn:samenstad:{}", i.id),
            "url": format!("{base}{}", i.path),
            "title": i.title,
            "content_text": i.text,
            "date_published": i.at.to_rfc3339(),
        })).collect::<Vec<_>>(),
    });
    Ok(HttpResponse::Ok()
        .content_type("application/feed+json")
        .json(feed))
}
