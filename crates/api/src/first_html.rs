//! The first HTML of the public pages: their main content, sent inside the web app's page so a
//! phone paints it before the wasm has arrived (issue 18). The web app starts outside the
//! document and takes this HTML's place once its page has loaded (`frontend/src/lib.rs::start`),
//! so the largest paint is this HTML's and nothing jumps.
//!
//! Each page's HTML here is the top of the app's page, element for element up to and with its
//! largest block of text (as Lighthouse's largest-paint audit names it): the same tags, classes
//! and texts. Its form controls are disabled: they work once the app has taken over. The texts
//! are the app's (`frontend/src/i18n.rs`, in Dutch, as the app starts); the browser test
//! `e2e/web.test.mjs` ("the public pages' first HTML …") checks that every heading, paragraph,
//! list item and table cell sent here is one the app then shows.

use quick_xml::escape::escape;
use samenstad_domain::geometry::MapProjection;
use samenstad_types::labels;
use samenstad_types::projects::{VoteResults, VoteState};
use samenstad_types::subsidies::{ReviewMode, Scheme, SchemeFit, SchemeStatus};
use samenstad_types::venue::{LocationPrecision, VenueDetail};
use samenstad_types::web::{area_km2, integer, money};
use samenstad_types::wijk::WijkFrontDoor;

use crate::cache::WijkenSnapshot;
use crate::state::AppState;

/// The main content of the page at `path`, or `None` for a page without (the static
/// "loading" line stays).
pub async fn main_content(
    state: &AppState,
    path: &str,
    municipality: &str,
    wijken: &WijkenSnapshot,
) -> Option<String> {
    let heading = |text: &str| format!("<h1>{}</h1>", escape(text));
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    Some(match path {
        "/" => home(municipality, wijken),
        "/venues" => venue_finder(state, wijken).await?,
        "/ideas" => format!(
            "{}<p><a href=\"/wijkbudget\">Over het Wijkbudget: rondes en budget per wijk</a></p>{}",
            heading("Ideeën voor de wijk"),
            wijk_filter("idea-wijk-filter", wijken)
        ),
        "/projects" => heading("Projecten van het wijkbudget in de stad"),
        "/subsidies" => subsidies(state).await?,
        "/grants" => heading("Toegekende subsidies"),
        "/open-data" => heading("Open data"),
        "/signals" => format!(
            "{}<p>Zwerfvuil, een kapotte stoep, een lamp die niet brandt? Meld het: de juiste \
             dienst krijgt het, en je ziet hier wat ermee gebeurt.</p><p><a href=\"/signals/new\" \
             class=\"button\">Iets melden</a></p>{}",
            heading("Meldingen"),
            wijk_filter("signal-wijk-filter", wijken)
        ),
        "/councils" => heading("Adviesraden"),
        _ => {
            if let Some(key) = path.strip_prefix("/wijken/") {
                wijk(state, wijken, key).await?
            } else if let Some(id) = path.strip_prefix("/votes/") {
                vote(state, id).await?
            } else {
                let key = path.strip_prefix("/venues/").filter(|k| !k.contains('/'))?;
                venue(&venue_detail(state, key).await?)
            }
        }
    })
}

/// The home page: the municipality's line and the list of its wijken with their zones (the map
/// comes with the app).
fn home(municipality: &str, wijken: &WijkenSnapshot) -> String {
    let count = u32::try_from(wijken.wijken.len()).unwrap_or(u32::MAX);
    let items: String = wijken
        .wijken
        .iter()
        .map(|w| {
            format!(
                "<li><a href=\"/wijken/{}\">{}</a><span class=\"zone\">{}</span></li>",
                escape(w.wijk.slug.as_str()),
                escape(w.wijk.name.as_str()),
                labels::zone(w.wijk.zone).0
            )
        })
        .collect();
    format!(
        "<h1>{}</h1><div class=\"overview\"><section class=\"map-panel\"><h2>Kaart van de wijken\
         </h2><p class=\"help\">Kies een wijk op de kaart of in de lijst.</p></section><section \
         class=\"list-panel\"><h2>Alle wijken</h2><label for=\"wijk-search\">Zoek een wijk</label>\
         <input id=\"wijk-search\" type=\"search\" placeholder=\"bv. Sint-Amandsberg, Muide, Rabot\" \
         disabled><p class=\"count\">{count} / {count}</p><ul class=\"wijk-list\">{items}</ul>\
         </section></div>",
        escape(samenstad_types::web::tagline(false, municipality, count).as_str())
    )
}

/// A wijk's page: its heading, its outline and figures, and its front door (the lines of
/// `GET /wijken/{key}/front-door`, as `frontend/src/pages/{wijk,wijk_hub}.rs` show them).
async fn wijk(state: &AppState, wijken: &WijkenSnapshot, key: &str) -> Option<String> {
    let (detail, id) = wijken.find_with_id(key)?;
    let w = &detail.wijk;
    let nr = w.wijknr;
    let door = state
        .with_replica_conn(move |conn| crate::routes::wijken::front_door(conn, id, nr))
        .await
        .ok()?;
    let (view_box, outline) = outline(&detail.boundary);
    let aliases = w.aliases.join(", ");
    let aliases = if aliases.is_empty() {
        String::new()
    } else {
        format!(
            "<dt>Ook gekend als</dt><dd>{}</dd>",
            escape(aliases.as_str())
        )
    };
    let round = labels::round_name(w.wijkbudget_round, false);
    let name = escape(w.name.as_str());
    Some(format!(
        "<p><a href=\"/\">← Alle wijken</a></p><article class=\"wijk\"><h1>{name}</h1>\
         <p class=\"short-name\">{}</p><p><a href=\"/ideas?wijk={nr}\">Ideeën voor de wijk</a></p>\
         {FOLLOW}<div class=\"wijk-body\"><svg class=\"wijk-outline\" viewBox=\"{view_box}\" \
         role=\"img\" aria-label=\"{name}\"><path d=\"{outline}\"></path></svg><dl class=\"facts\">\
         <dt>Wijknummer</dt><dd>{nr}</dd><dt>Zone</dt><dd>{}</dd><dt>Stadsdeel</dt><dd>{}</dd>\
         <dt>Oppervlakte</dt><dd>{}</dd><dt>Inwoners (schatting)</dt><dd>{}<small \
         class=\"note\">Geschat als bevolkingsdichtheid 2024 × oppervlakte; geen officiële \
         telling.</small></dd><dt>Inwoners per km² (2024)</dt><dd>{}</dd><dt>Wijkbudget</dt>\
         <dd>{round}</dd>{aliases}</dl></div>{}</article>",
        escape(w.short_name.as_str()),
        labels::zone(w.zone).0,
        escape(w.stadsdeel.as_str()),
        area_km2(w.area_m2, false),
        integer(i64::from(w.population_estimate), false),
        integer(i64::from(w.population_density_2024), false),
        front_door(&door),
    ))
}

/// The `viewBox` and path of a wijk's outline as the app's map draws it (the same
/// projection), so the outline takes its place before the app has started.
fn outline(boundary: &samenstad_types::Geometry) -> (String, String) {
    let map = MapProjection::fit([boundary], f64::cos);
    (map.view_box(), map.path(boundary))
}

/// One part of a wijk's front door: its id and heading, what it says when empty, the link to all
/// and its text, its lines.
struct Part(
    &'static str,
    &'static str,
    &'static str,
    String,
    &'static str,
    Vec<String>,
);

impl Part {
    /// As `frontend/src/pages/wijk_hub.rs::Part` shows it.
    fn html(self) -> String {
        let Part(id, title, empty, all, all_label, lines) = self;
        let body = if lines.is_empty() {
            format!("<p class=\"empty\">{empty}</p>")
        } else {
            format!("<ul class=\"wijk-lines\">{}</ul>", lines.concat())
        };
        format!(
            "<section class=\"wijk-part\" aria-labelledby=\"{id}\"><h2 id=\"{id}\">{title}</h2>\
             {body}<p><a href=\"{}\">{all_label}</a></p></section>",
            escape(all.as_str())
        )
    }
}

/// A wijk's front door as `frontend/src/pages/wijk_hub.rs` shows it: its contact, then each
/// part's lines with a link to all of them.
fn front_door(door: &WijkFrontDoor) -> String {
    let contact = match &door.contact {
        None => "<p class=\"empty\">Nog geen contact bekend voor deze wijk.</p>".to_owned(),
        Some(c) => {
            let mut html = format!(
                "<p class=\"contact-name\"><strong>{}</strong></p>",
                escape(c.name.as_str())
            );
            if let Some(e) = &c.email {
                let e = escape(e.as_str());
                html.push_str(&format!("<p><a href=\"mailto:{e}\">{e}</a></p>"));
            }
            if let Some(p) = &c.phone {
                let dial: String = p
                    .chars()
                    .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                    .collect();
                html.push_str(&format!(
                    "<p><a href=\"tel:{dial}\">{}</a></p>",
                    escape(p.as_str())
                ));
            }
            if let Some(h) = &c.office_hours {
                html.push_str(&format!("<p class=\"note\">{}</p>", escape(h.as_str())));
            }
            html
        }
    };
    let line = |href: String, text: &str, note: &str| {
        format!(
            "<li><a href=\"{}\">{}</a> <span class=\"note\">{}</span></li>",
            escape(href.as_str()),
            escape(text),
            escape(note)
        )
    };
    let nr = door.wijknr;
    let choosing: Vec<String> = door
        .vote
        .iter()
        .map(|v| {
            let when = format!(
                "{}, {} – {}",
                labels::vote_state(v.state).0,
                v.opens_at.get(..10).unwrap_or(&v.opens_at),
                v.closes_at.get(..10).unwrap_or(&v.closes_at)
            );
            line(format!("/votes/{}", v.id), "Stemming", &when)
        })
        .chain(door.panel.iter().map(|p| {
            let note = if p.drawn { "geloot" } else { "nog te loten" };
            line(format!("/panels/{}", p.id), "Burgerpanel", note)
        }))
        .collect();
    let parts = [
        Part(
            "wijk-venues",
            "Ontmoetingsplaatsen",
            "Nog geen plaatsen in deze wijk.",
            format!("/venues?wijk={nr}"),
            "Alle plaatsen en zalen",
            door.venues
                .iter()
                .map(|v| {
                    line(
                        format!("/venues/{}", v.slug),
                        &v.name,
                        labels::venue_type(v.venue_type).0,
                    )
                })
                .collect(),
        ),
        Part(
            "wijk-ideas",
            "Ideeën",
            "Nog geen ideeën: dien het eerste in.",
            format!("/ideas?wijk={nr}"),
            "Alle ideeën, of dien er een in",
            door.ideas
                .iter()
                .map(|i| {
                    line(
                        format!("/ideas/{}", i.id),
                        &i.title,
                        labels::idea_status(i.status).0,
                    )
                })
                .collect(),
        ),
        Part(
            "wijk-signals",
            "Open meldingen",
            "Geen open meldingen.",
            format!("/signals?wijk={nr}"),
            "Alle meldingen, of meld iets",
            door.signals
                .iter()
                .map(|s| {
                    line(
                        format!("/signals/{}", s.id),
                        &s.summary,
                        labels::signal_status(s.status).0,
                    )
                })
                .collect(),
        ),
        Part(
            "wijk-choosing",
            "Stemming en burgerpanel",
            "Nog geen stemming of burgerpanel in deze wijk.",
            "/wijkbudget".to_owned(),
            "Over het wijkbudget",
            choosing,
        ),
        Part(
            "wijk-projects",
            "Projecten",
            "Nog geen projecten.",
            "/projects".to_owned(),
            "Alle projecten van de stad",
            door.projects
                .iter()
                .map(|p| {
                    line(
                        format!("/projects/{}", p.id),
                        &p.title,
                        labels::project_status(p.status).0,
                    )
                })
                .collect(),
        ),
        Part(
            "wijk-grants",
            "Subsidies in de wijk dit jaar",
            "Dit jaar nog geen subsidies voor deze wijk.",
            "/grants".to_owned(),
            "Alle toegekende subsidies",
            door.grants
                .iter()
                .map(|g| line("/grants".to_owned(), &g.title, &euro(g.amount_cents)))
                .collect(),
        ),
        Part(
            "wijk-deadlines",
            "Volgende deadlines",
            "Geen deadlines gepland.",
            "/subsidies".to_owned(),
            "Welke subsidie past bij je idee?",
            door.deadlines
                .iter()
                .map(|d| {
                    line(
                        format!("/subsidies/apply/{}", d.scheme_key),
                        &d.scheme_name,
                        &d.closes_on,
                    )
                })
                .collect(),
        ),
    ]
    .map(Part::html)
    .concat();
    format!(
        "<div class=\"wijk-hub\"><section class=\"wijk-part wijk-contact\" \
         aria-labelledby=\"wijk-contact\"><h2 id=\"wijk-contact\">Contact in de wijk</h2>\
         {contact}</section>{parts}</div>"
    )
}

/// The "follow" section as a visitor sees it (`frontend/src/components/follow.rs`).
const FOLLOW: &str = "<section class=\"follow\"><h2>Volgen</h2><p><a href=\"/login\">Meld je \
     aan</a> om dit te volgen en mails te krijgen als er iets verandert.</p></section>";

/// The wijk filter of the idea board and the signals page (`id` is the select's).
fn wijk_filter(id: &str, wijken: &WijkenSnapshot) -> String {
    let options = wijk_options(wijken);
    format!(
        "<p class=\"field\"><label for=\"{id}\">Wijk</label><select id=\"{id}\" disabled>\
         <option value=\"\">Alle wijken</option>{options}</select></p>"
    )
}

/// An `<option>` of a select.
fn option(value: &str, text: &str) -> String {
    format!(
        "<option value=\"{}\">{}</option>",
        escape(value),
        escape(text)
    )
}

/// One `<option>` per wijk, by number, as the app's wijk selects list them.
fn wijk_options(wijken: &WijkenSnapshot) -> String {
    wijken
        .wijken
        .iter()
        .map(|w| option(&w.wijk.wijknr.to_string(), &w.wijk.name))
        .collect()
}

/// The venue finder as it opens (`frontend/src/pages/venues.rs::VenueFinder`): its filters and
/// the first 100 venues in the finder's order, the list the app shows without a filter (the map
/// comes with the app).
async fn venue_finder(state: &AppState, wijken: &WijkenSnapshot) -> Option<String> {
    use samenstad_types::venue::{ListVenuesQuery, VenueType};
    let query = ListVenuesQuery {
        limit: Some(100),
        ..Default::default()
    };
    let venues = crate::routes::venues::find_venues(state, query, 0, 100)
        .await
        .ok()?;
    let wijk_options = wijk_options(wijken);
    let type_options: String = VenueType::ALL
        .iter()
        .map(|&k| option(k.as_str(), labels::venue_type(k).0))
        .collect();
    let use_options: String = samenstad_domain::venue::ROOM_USES
        .iter()
        .map(|u| option(u, u))
        .collect();
    let items: String = venues
        .iter()
        .map(|v| {
            format!(
                "<li><a href=\"/venues/{}\">{}</a><span class=\"meta\">{}{}{}</span>{}</li>",
                escape(v.slug.as_str()),
                escape(v.name.as_str()),
                labels::venue_type(v.venue_type).0,
                v.max_capacity
                    .map(|c| format!(" · max. {c}"))
                    .unwrap_or_default(),
                v.wijknr.map(|n| format!(" · wijk {n}")).unwrap_or_default(),
                if v.is_sample {
                    "<span class=\"badge\">Voorbeeld uit beleidsdocumenten – niet geverifieerd</span>"
                } else {
                    ""
                }
            )
        })
        .collect();
    let none = if venues.is_empty() {
        "<p>Geen plekken gevonden met deze filters.</p>"
    } else {
        ""
    };
    Some(format!(
        "<h1>Zoek een zaal of ontmoetingsplek</h1><form class=\"filters\"><p class=\"field\">\
         <label for=\"f-wijk\">Wijk</label><select id=\"f-wijk\" disabled><option value=\"\">Alle \
         wijken</option>{wijk_options}</select></p><p class=\"field\"><label for=\"f-type\">Soort\
         </label><select id=\"f-type\" disabled><option value=\"\">Alle soorten</option>\
         {type_options}</select></p><p class=\"field\"><label for=\"f-capacity\">Minstens zoveel \
         personen</label><input id=\"f-capacity\" type=\"number\" min=\"1\" inputmode=\"numeric\" \
         disabled></p><p class=\"field\"><label for=\"f-use\">Gebruik</label><select id=\"f-use\" \
         disabled><option value=\"\">Elk gebruik</option>{use_options}</select></p><p class=\"field \
         checkbox\"><input id=\"f-accessible\" type=\"checkbox\" disabled><label \
         for=\"f-accessible\">Toegankelijk zonder trappen</label></p></form><div \
         class=\"overview\"><section aria-labelledby=\"results-title\"><h2 id=\"results-title\">\
         Resultaten ({count})</h2>{none}<ul class=\"venue-list\">{items}</ul></section><div \
         class=\"map-side\"><p class=\"help\">Klik op de kaart om plekken in de buurt van dat punt \
         te zien.</p><button type=\"button\" class=\"near-me\" disabled>In mijn buurt</button></div>\
         </div>",
        count = venues.len(),
    ))
}

/// The venue `key` (id or slug) as the API gives it, or `None`.
async fn venue_detail(state: &AppState, key: &str) -> Option<VenueDetail> {
    let key = key.to_owned();
    state
        .with_conn(move |conn| {
            let Some((row, wijknr)) = samenstad_db::queries::venues::venue_by_key(conn, &key)?
            else {
                return Ok(None);
            };
            crate::routes::venues_common::venue_detail(conn, &row, wijknr).map(Some)
        })
        .await
        .ok()
        .flatten()
}

/// A venue's page down to its description and facts.
fn venue(detail: &VenueDetail) -> String {
    let v = &detail.venue;
    let mut html = format!(
        "<p><a href=\"/venues\">Zoek een zaal of ontmoetingsplek</a></p><article class=\"venue\">\
         <h1>{}</h1>",
        escape(v.name.as_str())
    );
    if let Some(src) = &detail.photo_url {
        html.push_str(&format!(
            "<img class=\"venue-photo\" src=\"{}\" alt=\"\" width=\"480\">",
            escape(src.as_str())
        ));
    }
    html.push_str(&format!(
        "<p class=\"meta\">{}{}</p>",
        labels::venue_type(v.venue_type).0,
        v.operator_name
            .as_deref()
            .map(|o| format!(" · {}", escape(o)))
            .unwrap_or_default()
    ));
    if v.is_sample {
        html.push_str("<p class=\"badge\">Voorbeeld uit beleidsdocumenten – niet geverifieerd</p>");
    }
    if let Some(d) = &v.disclaimer {
        html.push_str(&format!(
            "<p class=\"disclaimer\">{}</p>",
            escape(d.as_str())
        ));
    }
    html.push_str(&format!("<p>{}</p>", escape(v.description.as_str())));
    let location = v.location_line();
    let features: Vec<&str> = v
        .facilities
        .iter()
        .chain(&v.accessibility)
        .chain(&v.target_groups)
        .map(String::as_str)
        .collect();
    let note = match (&v.address, v.location_precision) {
        (Some(_), _) => "",
        (None, LocationPrecision::Municipality) => {
            " <small class=\"note\">Enkel de gemeente is gekend; het juiste adres volgt.</small>"
        }
        (None, _) => {
            " <small class=\"note\">Enkel de wijk is gekend; het juiste adres volgt.</small>"
        }
    };
    html.push_str(&format!(
        "<dl class=\"facts\"><dt>Ligging</dt><dd>{}{note}</dd><dt>Voorzieningen</dt><dd>{}</dd>\
         </dl></article>",
        escape(location.as_str()),
        escape(
            if features.is_empty() {
                "–".to_owned()
            } else {
                features.join(", ")
            }
            .as_str()
        )
    ));
    html
}

/// The subsidy finder as it opens: the finder without an amount or theme, and every scheme.
async fn subsidies(state: &AppState) -> Option<String> {
    use crate::routes::subsidy_common::{scheme_fits, scheme_view};
    let (fits, schemes) = state
        .with_conn(|conn| {
            let fits = scheme_fits(conn, None, None)?;
            let schemes = samenstad_db::queries::subsidies::schemes_active_first(conn)?
                .iter()
                .map(|row| scheme_view(conn, row))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((fits, schemes))
        })
        .await
        .ok()?;
    let today = crate::local_time::today();
    let mut themes: Vec<&str> = schemes
        .iter()
        .filter(|s| s.status != SchemeStatus::Archived)
        .flat_map(|s| s.rules.themes.iter().map(String::as_str))
        .collect();
    themes.sort_unstable();
    themes.dedup();
    let themes: String = themes
        .iter()
        .map(|t| {
            format!(
                "<option value=\"{}\">{}</option>",
                escape(*t),
                escape(
                    labels::theme(t)
                        .map_or_else(|| t.replace('_', " "), |n| n.0.to_owned())
                        .as_str()
                )
            )
        })
        .collect();
    let rows: String = fits.iter().map(|f| fit_row(f, &schemes)).collect();
    let table = if fits.is_empty() {
        "<p>Geen enkele categorie past bij dit bedrag en thema.</p>".to_owned()
    } else {
        format!(
            "<div class=\"table-scroll\"><table class=\"results fits\"><caption>Categorieën die \
             passen</caption><thead><tr><th scope=\"col\">Regeling</th><th scope=\"col\">\
             Categorie</th><th scope=\"col\">Bedrag</th><th scope=\"col\">Beoordeling</th><th \
             scope=\"col\">Vroegste start</th><th scope=\"col\">Volgende deadline</th><td></td>\
             </tr></thead><tbody>{rows}</tbody></table></div>"
        )
    };
    let cards: String = schemes
        .iter()
        .map(|s| scheme_card(s, &schemes, today))
        .collect();
    Some(format!(
        "<h1>Subsidies</h1><nav class=\"sub-nav\" aria-label=\"Subsidies\"><a href=\"/subsidies\">\
         Subsidie zoeken</a><a href=\"/grants\">Toegekende subsidies</a><a \
         href=\"/api/v1/subsidies/deadlines.ics\">Deadlines in je agenda (iCal)</a></nav><p>De \
         stad steunt initiatieven van bewoners en organisaties met subsidies. Zoek wat bij je idee \
         past en vraag het hier aan.</p><section><h2>Welke subsidie past bij mijn idee?</h2><form \
         class=\"filters\" role=\"search\"><p class=\"field\"><label for=\"finder-amount\">Hoeveel \
         heb je nodig? (euro)</label><input id=\"finder-amount\" inputmode=\"decimal\" \
         autocomplete=\"off\" disabled><span class=\"error\"></span></p><p class=\"field\"><label \
         for=\"finder-theme\">Thema</label><select id=\"finder-theme\" disabled><option value=\"\">Alle \
         thema's</option>{themes}</select></p></form>{table}</section><section><h2>Alle regelingen\
         </h2>{cards}</section>"
    ))
}

/// A category that fits, as a row of the finder's table.
fn fit_row(f: &SchemeFit, schemes: &[Scheme]) -> String {
    let flat = schemes
        .iter()
        .filter(|s| s.key == f.scheme)
        .flat_map(|s| s.rules.categories.iter())
        .any(|c| c.key == f.category && !c.flat_amounts_cents.is_empty());
    let amount = euro(f.amount_cents);
    format!(
        "<tr><td>{}</td><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td><td>{}</td>\
         <td>{}</td><td><a href=\"/subsidies/apply/{}?category={}\" class=\"button\">Aanvragen<span \
         class=\"visually-hidden\">: {} – {}</span></a></td></tr>",
        escape(f.scheme_name.as_str()),
        escape(f.category_name.as_str()),
        if flat {
            amount
        } else {
            format!("tot {amount}")
        },
        labels::review_mode(f.review).0,
        escape(f.earliest_start.as_deref().unwrap_or("–")),
        escape(f.next_deadline.as_deref().unwrap_or("–")),
        escape(f.scheme.as_str()),
        escape(f.category.as_str()),
        escape(f.scheme_name.as_str()),
        escape(f.category_name.as_str()),
    )
}

/// A scheme as a card of the finder (`frontend/src/pages/subsidies.rs::SchemeCard`).
fn scheme_card(scheme: &Scheme, all: &[Scheme], today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let archived = scheme.status == SchemeStatus::Archived;
    let status = labels::scheme_status(scheme.status).0;
    let mut html = format!(
        "<article class=\"{}\"><h3>{} <span class=\"badge\">{status}</span></h3>",
        if archived {
            "scheme archived"
        } else {
            "scheme"
        },
        escape(scheme.name.as_str())
    );
    if let Some(key) = &scheme.replaced_by {
        let name = all.iter().find(|s| &s.key == key).map_or(key, |s| &s.name);
        html.push_str(&format!(
            "<p class=\"notice\">Vervangen door {}</p>",
            escape(name.as_str())
        ));
    }
    html.push_str(&format!(
        "<p>{}</p><p class=\"meta\">{}</p>",
        escape(scheme.purpose.as_str()),
        escape(scheme.owner_service.as_str())
    ));
    if !archived {
        let items: String = scheme
            .rules
            .categories
            .iter()
            .map(|c| {
                let review = match ReviewMode::parse(&c.review) {
                    Some(mode) => labels::review_mode(mode).0,
                    None => c.review.as_str(),
                };
                format!("<li>{} ({})</li>", escape(c.name.as_str()), escape(review))
            })
            .collect();
        html.push_str(&format!("<ul class=\"categories\">{items}</ul>"));
    }
    let year = today.year();
    if let Some(b) = scheme.budgets.iter().find(|b| b.year == year) {
        html.push_str(&format!(
            "<p class=\"budget-left\">Nog te verdelen in {year}: {}</p>",
            euro(b.remaining_cents)
        ));
    }
    let today = today.to_string();
    let next = scheme.next_deadline(&today);
    if let (false, Some(d)) = (archived, next) {
        html.push_str(&format!(
            "<p>Volgende deadline: {}</p>",
            escape(d.closes_on.as_str())
        ));
    }
    html.push_str("</article>");
    html
}

/// An amount as the web app writes it in Dutch (cents only when there are any).
fn euro(cents: i64) -> String {
    money(cents, false, cents % 100 != 0)
}

/// A vote's page: its heading and period, and once it has closed its results. The ballot of an
/// open vote is the app's alone (it depends on who is logged in); before it opens, the page
/// says so.
async fn vote(state: &AppState, id: &str) -> Option<String> {
    let id = uuid::Uuid::parse_str(id).ok()?;
    let (vote, results) = state
        .with_conn(move |conn| crate::routes::votes::vote_for_page(conn, id))
        .await
        .ok()?;
    let after_period = match (&results, vote.state) {
        (Some(results), _) => vote_results(results),
        (None, VoteState::Open) => String::new(),
        (None, _) => "<p>De stemming is nog niet open.</p>".to_owned(),
    };
    let day = |at: &str| at.get(..10).unwrap_or(at).to_owned();
    Some(format!(
        "<article class=\"vote\"><h1>Stemming – Wijk {nr}</h1><p><a href=\"/ideas?wijk={nr}\">\
         Ideeën voor de wijk</a></p>{FOLLOW}<p class=\"meta\">Budget {budget} · open van {opens} – \
         {closes}</p>{after_period}</article>",
        nr = vote.wijknr,
        budget = euro(vote.budget_cents),
        opens = escape(day(&vote.opens_at).as_str()),
        closes = escape(day(&vote.closes_at).as_str()),
    ))
}

/// A closed vote's results table.
fn vote_results(results: &VoteResults) -> String {
    let rows: String = results
        .results
        .iter()
        .map(|r| {
            format!(
                "<tr class=\"{}\"><th scope=\"row\"><a href=\"/proposals/{}\">{}</a></th><td \
                 class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                if r.funded { "funded" } else { "not-funded" },
                escape(r.proposal_id.as_str()),
                escape(r.title.as_str()),
                r.votes,
                euro(r.cost_cents),
                if r.funded { "ja" } else { "nee" }
            )
        })
        .collect();
    format!(
        "<h2>Resultaten</h2><p>{ballots} stemmen geteld · Gefinancierd {funded}</p><table \
         class=\"results\"><thead><tr><th scope=\"col\">Voorstel</th><th \
         scope=\"col\">Stemmen</th><th scope=\"col\">Budget</th><th scope=\"col\">\
         Gefinancierd</th></tr></thead><tbody>{rows}</tbody></table>",
        ballots = results.ballots,
        funded = euro(results.funded_cents),
    )
}
