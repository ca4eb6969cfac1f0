//! The wijk page as the wijk's front door: its meeting places, its current ideas, its open
//! signals, its projects, the grants awarded there this year and the next subsidy deadlines,
//! each a short list with a link to the whole of it.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::projects::{ListIdeasQuery, ProjectsQuery};
use samenstad_types::signals::SignalQuery;
use samenstad_types::subsidies::YearQuery;
use samenstad_types::venue::ListVenuesQuery;

use crate::api;
use crate::format::euro;
use crate::i18n::use_lang;
use crate::labels;
use crate::pages::subsidies::today;
use crate::staff::tx;

/// How many of each the front door shows.
const SHOWN: usize = 5;

/// One part of the front door: a heading, up to [`SHOWN`] lines, a link to all of them.
#[component]
fn Part(
    id: &'static str,
    title: (&'static str, &'static str),
    empty: (&'static str, &'static str),
    all: String,
    all_label: (&'static str, &'static str),
    lines: Signal<Option<Vec<(String, String, String)>>>,
) -> impl IntoView {
    view! {
        <section class="wijk-part" aria-labelledby=id>
            <h2 id=id>{tx(title.0, title.1)}</h2>
            {move || match lines.get() {
                None => view! { <p class="loading">{tx("Even laden…", "Loading…")}</p> }.into_any(),
                Some(l) if l.is_empty() => view! { <p class="empty">{tx(empty.0, empty.1)}</p> }.into_any(),
                Some(l) => view! {
                    <ul class="wijk-lines">{l.into_iter().map(|(href, text, note)| view! {
                        <li><A href=href>{text}</A> " " <span class="note">{note}</span></li>
                    }).collect_view()}</ul>
                }.into_any(),
            }}
            <p><A href=all.clone()>{tx(all_label.0, all_label.1)}</A></p>
        </section>
    }
}

/// The front door's lists for wijk `wijknr`.
#[component]
pub fn WijkHub(wijknr: i16) -> impl IntoView {
    let lang = use_lang();
    let wijk = wijknr.to_string();
    let venues = {
        let wijk = wijk.clone();
        LocalResource::new(move || {
            let query = ListVenuesQuery {
                wijk: Some(wijk.clone()),
                limit: Some(SHOWN as i64),
                ..Default::default()
            };
            async move { api::client().ok()?.list_venues(&query).await.ok() }
        })
    };
    let ideas = {
        let wijk = wijk.clone();
        LocalResource::new(move || {
            let query = ListIdeasQuery {
                wijk: Some(wijk.clone()),
                limit: Some(SHOWN as i64),
                ..Default::default()
            };
            async move { api::client().ok()?.list_ideas(&query).await.ok() }
        })
    };
    let signals = {
        let wijk = wijk.clone();
        LocalResource::new(move || {
            let query = SignalQuery {
                wijk: Some(wijk.clone()),
                limit: Some(20),
                ..Default::default()
            };
            async move { api::client().ok()?.list_signals(&query).await.ok() }
        })
    };
    let projects = {
        let wijk = wijk.clone();
        LocalResource::new(move || {
            let query = ProjectsQuery {
                wijk: Some(wijk.clone()),
                ..Default::default()
            };
            async move { api::client().ok()?.list_projects(&query).await.ok() }
        })
    };
    let contact = {
        let wijk = wijk.clone();
        LocalResource::new(move || {
            let wijk = wijk.clone();
            async move { api::client().ok()?.wijk_contact(&wijk).await.ok().flatten() }
        })
    };
    let awards = LocalResource::new(|| async {
        let query = YearQuery::default();
        api::client().ok()?.awards(&query).await.ok()
    });
    let schemes = LocalResource::new(|| async { api::client().ok()?.list_schemes().await.ok() });
    let award_lines = Signal::derive(move || {
        awards.get().map(|list| {
            list.unwrap_or_default()
                .into_iter()
                .filter(|a| a.wijken.contains(&wijknr))
                .take(SHOWN)
                .map(|a| {
                    (
                        "/grants".to_owned(),
                        a.title,
                        euro(a.amount_cents, lang.get()),
                    )
                })
                .collect()
        })
    });
    let deadline_lines = Signal::derive(move || {
        schemes.get().map(|list| {
            let today = today();
            let mut next: Vec<(String, String, String)> = list
                .unwrap_or_default()
                .into_iter()
                .filter(|s| s.status != "archived")
                .flat_map(|s| {
                    let name = s.name.clone();
                    let key = s.key.clone();
                    let today = today.clone();
                    s.deadlines.into_iter().filter_map(move |d| {
                        (d.closed_at.is_none() && d.closes_on >= today.clone())
                            .then(|| (format!("/subsidies/apply/{key}"), name.clone(), d.closes_on))
                    })
                })
                .collect();
            next.sort_by(|a, b| a.2.cmp(&b.2));
            next.truncate(SHOWN);
            next
        })
    });
    let venue_lines = Signal::derive(move || {
        venues.get().map(|page| {
            page.map(|p| p.items)
                .unwrap_or_default()
                .into_iter()
                .take(SHOWN)
                .map(|v| {
                    (
                        format!("/venues/{}", v.slug),
                        v.name,
                        labels::venue_type(lang.get(), v.venue_type),
                    )
                })
                .collect()
        })
    });
    let idea_lines = Signal::derive(move || {
        ideas.get().map(|page| {
            page.map(|p| p.items)
                .unwrap_or_default()
                .into_iter()
                .take(SHOWN)
                .map(|i| {
                    (
                        format!("/ideas/{}", i.id),
                        i.title,
                        labels::idea_status(lang.get(), i.status),
                    )
                })
                .collect()
        })
    });
    let signal_lines = Signal::derive(move || {
        signals.get().map(|page| {
            page.map(|p| p.items)
                .unwrap_or_default()
                .into_iter()
                .filter(|s| s.status != samenstad_types::signals::SignalStatus::Closed)
                .take(SHOWN)
                .map(|s| {
                    let text: String = s.description.chars().take(60).collect();
                    (
                        format!("/signals/{}", s.id),
                        text,
                        labels::signal_status(lang.get(), s.status).to_owned(),
                    )
                })
                .collect()
        })
    });
    let project_lines = Signal::derive(move || {
        projects.get().map(|list| {
            list.unwrap_or_default()
                .into_iter()
                .take(SHOWN)
                .map(|p| {
                    (
                        format!("/projects/{}", p.id),
                        p.title,
                        labels::project_status(lang.get(), p.status),
                    )
                })
                .collect()
        })
    });
    view! {
        <div class="wijk-hub">
            <section class="wijk-part wijk-contact" aria-labelledby="wijk-contact">
                <h2 id="wijk-contact">{tx("Contact in de wijk", "Contact in the wijk")}</h2>
                {move || match contact.get() {
                    None => view! { <p class="loading">{tx("Even laden…", "Loading…")}</p> }.into_any(),
                    Some(None) => view! {
                        <p class="empty">{tx("Nog geen contact bekend voor deze wijk.", "No contact known for this wijk yet.")}</p>
                    }.into_any(),
                    Some(Some(c)) => view! {
                        <p class="contact-name"><strong>{c.name}</strong></p>
                        {c.email.map(|e| view! { <p><a href=format!("mailto:{e}")>{e.clone()}</a></p> })}
                        {c.phone.map(|p| {
                            let dial: String = p.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect();
                            view! { <p><a href=format!("tel:{dial}")>{p}</a></p> }
                        })}
                        {c.office_hours.map(|h| view! { <p class="note">{h}</p> })}
                    }.into_any(),
                }}
            </section>
            <Part id="wijk-venues" title=("Ontmoetingsplaatsen", "Meeting places")
                empty=("Nog geen plaatsen in deze wijk.", "No places in this wijk yet.")
                all=format!("/venues?wijk={wijk}") all_label=("Alle plaatsen en zalen", "All places and rooms")
                lines=venue_lines />
            <Part id="wijk-ideas" title=("Ideeën", "Ideas")
                empty=("Nog geen ideeën: dien het eerste in.", "No ideas yet: submit the first.")
                all=format!("/ideas?wijk={wijk}") all_label=("Alle ideeën, of dien er een in", "All ideas, or submit one")
                lines=idea_lines />
            <Part id="wijk-signals" title=("Open meldingen", "Open signals")
                empty=("Geen open meldingen.", "No open signals.")
                all=format!("/signals?wijk={wijk}") all_label=("Alle meldingen, of meld iets", "All signals, or report something")
                lines=signal_lines />
            <Part id="wijk-projects" title=("Projecten", "Projects")
                empty=("Nog geen projecten.", "No projects yet.")
                all="/projects".to_owned() all_label=("Alle projecten van de stad", "All projects in the city")
                lines=project_lines />
            <Part id="wijk-grants" title=("Subsidies in de wijk dit jaar", "Grants in the wijk this year")
                empty=("Dit jaar nog geen subsidies voor deze wijk.", "No grants for this wijk yet this year.")
                all="/grants".to_owned() all_label=("Alle toegekende subsidies", "All awarded grants")
                lines=award_lines />
            <Part id="wijk-deadlines" title=("Volgende deadlines", "Next deadlines")
                empty=("Geen deadlines gepland.", "No deadlines planned.")
                all="/subsidies".to_owned() all_label=("Welke subsidie past bij je idee?", "Which grant fits your idea?")
                lines=deadline_lines />
        </div>
    }
}
