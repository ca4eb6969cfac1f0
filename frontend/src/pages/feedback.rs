//! `/feedback`: the feedback table (terugkoppeling) of a wijk or the city over a period, grouped
//! by theme, to print for a buurtsalon or download as CSV.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use samenstad_types::councils::AdviceResponse;
use samenstad_types::feedback::{FeedbackItem, FeedbackKind, FeedbackQuery};
use samenstad_types::projects::IdeaStatus;
use samenstad_types::signals::{SignalResolution, SignalStatus};
use samenstad_types::{ListWijkenQuery, Wijk};

use crate::api;
use crate::app::set_title;
use crate::format::date;
use crate::i18n::{Lang, use_lang};
use crate::labels;
use crate::staff::{pick, tx};

/// A line's status (and outcome) in the reader's words.
fn status_words(lang: Lang, item: &FeedbackItem) -> String {
    let status = match item.kind {
        FeedbackKind::Signal => {
            SignalStatus::parse(&item.status).map(|s| labels::signal_status(lang, s).to_owned())
        }
        FeedbackKind::Idea => IdeaStatus::parse(&item.status).map(|s| labels::idea_status(lang, s)),
        FeedbackKind::Advice => Some(
            match item.status.as_str() {
                "published" => pick(lang, "advies gegeven", "advice given"),
                _ => pick(lang, "advies gevraagd", "advice asked"),
            }
            .to_owned(),
        ),
    }
    .unwrap_or_else(|| item.status.clone());
    let outcome = item.outcome.as_deref().and_then(|o| match item.kind {
        FeedbackKind::Signal => {
            SignalResolution::parse(o).map(|r| labels::signal_resolution(lang, r).to_owned())
        }
        FeedbackKind::Advice => {
            AdviceResponse::parse(o).map(|r| labels::advice_response(lang, r).to_owned())
        }
        FeedbackKind::Idea => None,
    });
    match outcome {
        Some(o) => format!("{status}: {o}"),
        None => status,
    }
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let query = use_query_map();
    set_title("Terugkoppeling");
    let asked = move || {
        let q = query.read();
        FeedbackQuery {
            wijk: q.get("wijk").filter(|w| !w.is_empty()),
            from: q.get("from").filter(|d| !d.is_empty()),
            to: q.get("to").filter(|d| !d.is_empty()),
        }
    };
    let wijk = RwSignal::new(asked().wijk.unwrap_or_default());
    let from = RwSignal::new(asked().from.unwrap_or_default());
    let to = RwSignal::new(asked().to.unwrap_or_default());
    let wijken = LocalResource::new(|| async {
        match api::client() {
            Ok(c) => c
                .list_wijken(&ListWijkenQuery::default())
                .await
                .map(|p| p.items)
                .unwrap_or_default(),
            Err(_) => Vec::<Wijk>::new(),
        }
    });
    let table = LocalResource::new(move || {
        let q = asked();
        async move {
            api::client()?
                .feedback(&q)
                .await
                .map_err(|e| crate::pages::subsidies::error_text(&e))
        }
    });
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut params = Vec::new();
        for (name, value) in [
            ("wijk", wijk.get_untracked()),
            ("from", from.get_untracked()),
            ("to", to.get_untracked()),
        ] {
            if !value.is_empty() {
                params.push(format!("{name}={value}"));
            }
        }
        navigate(
            &format!("/feedback?{}", params.join("&")),
            Default::default(),
        );
    };
    let csv = move || {
        let q = asked();
        let mut params = Vec::new();
        for (name, value) in [("wijk", q.wijk), ("from", q.from), ("to", q.to)] {
            if let Some(v) = value {
                params.push(format!("{name}={v}"));
            }
        }
        format!("/api/v1/feedback.csv?{}", params.join("&"))
    };
    view! {
        <h1>{tx("Terugkoppeling", "Feedback")}</h1>
        <p>{tx("Wat werd er van de meldingen, de ideeën en de adviezen? Per thema, met wie verantwoordelijk is en waarom.",
               "What became of the signals, ideas and advice? By theme, with who is responsible and why.")}</p>
        <form class="feedback-filter no-print" on:submit=show>
            <p class="field"><label for="feedback-wijk">{tx("Wijk", "Wijk")}</label>
                <select id="feedback-wijk" on:change=move |ev| wijk.set(event_target_value(&ev))>
                    <option value="">{tx("Alle wijken", "All wijken")}</option>
                    {move || wijken.get().map(|list| list.into_iter().map(|w| {
                        let value = w.wijknr.to_string();
                        let this = value.clone();
                        view! { <option value=value selected=move || wijk.get() == this>{w.name}</option> }
                    }).collect_view())}
                </select></p>
            <p class="field"><label for="feedback-from">{tx("Van", "From")}</label>
                <input id="feedback-from" type="date" prop:value=from on:input=move |ev| from.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="feedback-to">{tx("Tot en met", "Up to and including")}</label>
                <input id="feedback-to" type="date" prop:value=to on:input=move |ev| to.set(event_target_value(&ev)) /></p>
            <button type="submit">{tx("Tonen", "Show")}</button>
        </form>
        <p class="no-print"><a href=csv>{tx("Download als CSV", "Download as CSV")}</a> " · "
            <button type="button" on:click=move |_| { let _ = window().print(); }>{tx("Afdrukken", "Print")}</button></p>
        <Transition fallback=|| ()>
            {move || table.get().map(|r| match r {
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                Ok(t) => {
                    let l = lang.get();
                    let scope = match t.wijknr {
                        Some(nr) => format!("{} {nr}", pick(l, "Wijk", "Wijk")),
                        None => pick(l, "Alle wijken", "All wijken").to_owned(),
                    };
                    view! {
                        <p class="period"><strong>{scope}</strong> " · " {date(&t.from)} " – " {date(&t.to)}</p>
                        {t.themes.is_empty().then(|| view! { <p>{tx("Niets in deze periode.", "Nothing in this period.")}</p> })}
                        {t.themes.into_iter().map(|theme| view! {
                            <section class="feedback-theme">
                                <h2>{theme.theme.clone()}</h2>
                                <table class="feedback">
                                    <thead><tr>
                                        <th scope="col">{tx("Datum", "Date")}</th>
                                        <th scope="col">{tx("Wat", "What")}</th>
                                        <th scope="col">{tx("Stand", "Status")}</th>
                                        <th scope="col">{tx("Antwoord", "Response")}</th>
                                        <th scope="col">{tx("Verantwoordelijk", "Responsible")}</th>
                                    </tr></thead>
                                    <tbody>{theme.items.into_iter().map(|i| {
                                        let words = status_words(l, &i);
                                        view! { <tr>
                                            <td>{date(&i.date)}</td>
                                            <td><a href=i.link.clone()>{i.title.clone()}</a></td>
                                            <td>{words}</td>
                                            <td>{i.response.clone().unwrap_or_default()}</td>
                                            <td>{i.responsible.clone().unwrap_or_default()}</td>
                                        </tr> }
                                    }).collect_view()}</tbody>
                                </table>
                            </section>
                        }).collect_view()}
                    }.into_any()
                }
            })}
        </Transition>
    }
}
