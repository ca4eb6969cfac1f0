//! Feeds of the city's decisions in the neighbourhoods, newest first: what happened to ideas,
//! decisions on proposals, closed votes, project progress, subsidies granted and venues added,
//! changed or removed. As Atom (RFC 4287) and JSON Feed 1.1, so wijk websites and feed readers
//! can follow them.

use actix_web::{HttpRequest, HttpResponse, get, web};
use atom_syndication::{Entry, Feed, Link, Text};
use chrono::{DateTime, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::feeds as q;
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;

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

fn items(conn: &mut PgConnection) -> Result<Vec<Item>, AppError> {
    let mut all = Vec::new();
    all.extend(
        q::idea_statuses(conn, ITEMS)?
            .into_iter()
            .filter(|i| !i.hidden)
            .map(|i| Item {
                id: format!("idea-event-{}", i.event_id),
                at: i.at,
                title: format!(
                    "Wijk {}: idee «{}» – {}",
                    i.wijknr,
                    i.title,
                    i.status.unwrap_or_default()
                ),
                text: i.reason.unwrap_or_default(),
                path: format!("/ideas/{}", i.idea_id),
            }),
    );
    all.extend(
        q::decided_proposals(conn, ITEMS)?
            .into_iter()
            .filter_map(|p| {
                Some(Item {
                    id: format!("proposal-{}", p.id),
                    at: p.decided_at?,
                    title: format!("Wijk {}: voorstel «{}» – {}", p.wijknr, p.title, p.status),
                    text: p.reason.unwrap_or_default(),
                    path: format!("/api/v1/projects/proposals/{}", p.id),
                })
            }),
    );
    all.extend(
        q::closed_votes(conn, Utc::now(), ITEMS)?
            .into_iter()
            .map(|v| Item {
                id: format!("vote-{}", v.id),
                at: v.closed_at,
                title: format!(
                    "Wijk {}: de stemming is gesloten, het resultaat is bekend",
                    v.wijknr
                ),
                text: String::new(),
                path: format!("/votes/{}", v.id),
            }),
    );
    all.extend(q::project_updates(conn, ITEMS)?.into_iter().map(|u| Item {
        id: format!("project-update-{}", u.update_id),
        at: u.at,
        title: format!("Wijk {}: project «{}»", u.wijknr, u.title),
        text: u.body,
        path: format!("/projects/{}", u.project_id),
    }));
    all.extend(grants(conn)?);
    all.extend(venue_changes(conn)?);
    all.extend(advice(conn)?);
    all.sort_by(|a, b| b.at.cmp(&a.at).then(a.id.cmp(&b.id)));
    all.truncate(usize::try_from(ITEMS).unwrap_or(50));
    Ok(all)
}

/// Subsidies granted (people who apply alone are not named).
fn grants(conn: &mut PgConnection) -> Result<Vec<Item>, AppError> {
    Ok(q::grants(conn, ITEMS)?
        .into_iter()
        .filter_map(|g| {
            let cents = g.decided_cents.unwrap_or(0);
            Some(Item {
                id: format!("grant-{}", g.id),
                at: g.decided_at?,
                title: format!(
                    "{}: €{}.{:02} voor «{}»{}",
                    g.scheme,
                    cents / 100,
                    cents % 100,
                    g.title,
                    g.organisation
                        .map(|o| format!(" ({o})"))
                        .unwrap_or_default()
                ),
                text: String::new(),
                path: "/api/v1/subsidies/awards".to_owned(),
            })
        })
        .collect())
}

/// Venues added, changed or removed on request.
fn venue_changes(conn: &mut PgConnection) -> Result<Vec<Item>, AppError> {
    Ok(q::accepted_venue_changes(conn, ITEMS)?
        .into_iter()
        .filter_map(|c| {
            let name = c
                .venue_name
                .or_else(|| c.proposal["name"].as_str().map(str::to_owned))
                .unwrap_or_else(|| "een ontmoetingsplek".to_owned());
            let what = match c.kind.as_str() {
                "add" => "toegevoegd",
                "remove" => "verwijderd",
                _ => "gewijzigd",
            };
            Some(Item {
                id: format!("venue-change-{}", c.id),
                at: c.decided_at?,
                title: format!("Zalenzoeker: {name} {what}"),
                text: String::new(),
                path: c
                    .venue_slug
                    .map_or_else(|| "/venues".to_owned(), |s| format!("/venues/{s}")),
            })
        })
        .collect())
}

/// Advice requests published, advice of the councils and the city's responses.
fn advice(conn: &mut PgConnection) -> Result<Vec<Item>, AppError> {
    use samenstad_db::queries::councils as cq;
    let mut out: Vec<Item> = cq::recent_requests(conn, ITEMS)?
        .into_iter()
        .map(|r| Item {
            id: format!("advice-request-{}", r.id),
            at: r.created_at,
            title: format!("Adviesvraag: «{}» (deadline {})", r.subject, r.deadline),
            text: format!("Gevraagd door {}.", r.requested_by),
            path: format!("/advice/{}", r.id),
        })
        .collect();
    for (a, council, subject) in cq::recent_advice(conn, ITEMS)? {
        if let Some(at) = a.published_at {
            out.push(Item {
                id: format!("advice-{}-{}", a.request_id, a.council_id),
                at,
                title: format!("Advies van {council} over «{subject}»"),
                text: String::new(),
                path: format!("/advice/{}", a.request_id),
            });
        }
        if let (Some(at), Some(response)) = (a.responded_at, a.response) {
            out.push(Item {
                id: format!("advice-response-{}-{}", a.request_id, a.council_id),
                at,
                title: format!(
                    "De stad over het advies van {council}: {}",
                    response.as_str().replace('_', " ")
                ),
                text: a.response_reason.unwrap_or_default(),
                path: format!("/advice/{}", a.request_id),
            });
        }
    }
    Ok(out)
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
/// removed, advice requests, the councils' advice and the city's responses), newest first, as an
/// Atom feed.
#[utoipa::path(
    tag = "projects",
    security(()),
    responses(
        (status = 200, description = "The feed", body = String, content_type = "application/atom+xml"),
    )
)]
#[get("/projects/decisions.atom")]
pub async fn decisions_atom(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let list = state.with_conn(|conn| items(conn)).await?;
    let base = origin(&req);
    let updated = match list.as_slice() {
        [newest, ..] => newest.at,
        [] => Utc::now(),
    };
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
        .body(crate::xml_text::well_formed(&feed.to_string()).into_owned()))
}

/// Decisions as JSON Feed
///
/// The same decisions as the Atom feed, as JSON Feed 1.1.
#[utoipa::path(
    tag = "projects",
    security(()),
    responses(
        (status = 200, description = "The feed (JSON Feed 1.1)", body = Object, content_type = "application/feed+json"),
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
