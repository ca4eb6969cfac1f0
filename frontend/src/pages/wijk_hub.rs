//! The wijk page as the wijk's front door: its contact, its meeting places, its current ideas,
//! its open signals, its vote and lottery panel, its projects, the grants awarded there this
//! year and the next subsidy deadlines, each a short list with a link to the whole of it.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::wijk::WijkFrontDoor;

use crate::api;
use crate::format::{self, euro};
use crate::i18n::{Lang, use_lang};
use crate::labels;
use crate::staff::{pick, tx};

/// One part of the front door: a heading, its lines (at most five), a link to all of them.
#[component]
fn Part(
    id: &'static str,
    title: (&'static str, &'static str),
    empty: (&'static str, &'static str),
    all: String,
    all_label: (&'static str, &'static str),
    lines: Signal<Option<Vec<Line>>>,
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

/// One line of the front door: where it links, its text, a note after it.
type Line = (String, String, String);

/// The front door of wijk `wijknr`: one request (`GET /wijken/{nr}/front-door`) for all its parts.
#[component]
pub fn WijkHub(wijknr: i16) -> impl IntoView {
    let lang = use_lang();
    let wijk = wijknr.to_string();
    let door = {
        let wijk = wijk.clone();
        LocalResource::new(move || {
            let wijk = wijk.clone();
            async move {
                api::client()
                    .ok()?
                    .wijk_front_door(&wijk)
                    .await
                    .ok()
                    .flatten()
            }
        })
    };
    // Loading: `None`; a front door that could not be had shows every part empty.
    // Each part reads its lines from the one answer (no copy of the whole of it per part).
    let part = move |lines: fn(&WijkFrontDoor, Lang) -> Vec<Line>| {
        Signal::derive(move || {
            door.with(|d| {
                d.as_ref()
                    .map(|d| d.as_ref().map(|d| lines(d, lang.get())).unwrap_or_default())
            })
        })
    };
    let contact = move || {
        door.with(|d| {
            d.as_ref()
                .map(|d| d.as_ref().and_then(|d| d.contact.clone()))
        })
    };
    let venue_lines = part(|d, lang| {
        d.venues
            .iter()
            .map(|v| {
                (
                    format!("/venues/{}", v.slug),
                    v.name.clone(),
                    labels::venue_type(lang, v.venue_type),
                )
            })
            .collect()
    });
    let idea_lines = part(|d, lang| {
        d.ideas
            .iter()
            .map(|i| {
                (
                    format!("/ideas/{}", i.id),
                    i.title.clone(),
                    labels::idea_status(lang, i.status),
                )
            })
            .collect()
    });
    let signal_lines = part(|d, lang| {
        d.signals
            .iter()
            .map(|s| {
                let status = labels::signal_status(lang, s.status).to_owned();
                (format!("/signals/{}", s.id), s.summary.clone(), status)
            })
            .collect()
    });
    let choosing_lines = part(|d, lang| {
        let vote = d.vote.as_ref().map(|v| {
            let when = format!(
                "{} – {}",
                format::date(&v.opens_at),
                format::date(&v.closes_at)
            );
            let title = pick(lang, "Stemming", "Vote").to_owned();
            (
                format!("/votes/{}", v.id),
                title,
                format!("{}, {when}", labels::vote_state(lang, v.state)),
            )
        });
        let panel = d.panel.as_ref().map(|p| {
            let title = pick(lang, "Burgerpanel", "Lottery panel").to_owned();
            let note = if p.drawn {
                pick(lang, "geloot", "drawn")
            } else {
                pick(lang, "nog te loten", "to be drawn")
            };
            (format!("/panels/{}", p.id), title, note.to_owned())
        });
        vote.into_iter().chain(panel).collect()
    });
    let project_lines = part(|d, lang| {
        d.projects
            .iter()
            .map(|p| {
                (
                    format!("/projects/{}", p.id),
                    p.title.clone(),
                    labels::project_status(lang, p.status),
                )
            })
            .collect()
    });
    let award_lines = part(|d, lang| {
        d.grants
            .iter()
            .map(|g| {
                (
                    "/grants".to_owned(),
                    g.title.clone(),
                    euro(g.amount_cents, lang),
                )
            })
            .collect()
    });
    let deadline_lines = part(|d, _| {
        d.deadlines
            .iter()
            .map(|d| {
                (
                    format!("/subsidies/apply/{}", d.scheme_key),
                    d.scheme_name.clone(),
                    d.closes_on.clone(),
                )
            })
            .collect()
    });
    view! {
        <div class="wijk-hub">
            <section class="wijk-part wijk-contact" aria-labelledby="wijk-contact">
                <h2 id="wijk-contact">{tx("Contact in de wijk", "Contact in the wijk")}</h2>
                {move || match contact() {
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
            <Part id="wijk-choosing" title=("Stemming en burgerpanel", "Vote and lottery panel")
                empty=("Nog geen stemming of burgerpanel in deze wijk.", "No vote or lottery panel in this wijk yet.")
                all="/wijkbudget".to_owned() all_label=("Over het wijkbudget", "About the wijkbudget")
                lines=choosing_lines />
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
