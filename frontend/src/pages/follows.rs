//! What I follow (on the account page) and `/unsubscribe`, the page of the link in every
//! notification mail, which works without logging in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use samenstad_types::follows::{Follow, FollowKind, FollowMode, Unsubscription};

use crate::api;
use crate::app::set_title;
use crate::i18n::{Lang, use_lang};
use crate::pages::subsidies::error_text;
use crate::staff::{Done, Problem, act, pick, tx};
use crate::state::use_session;

fn kind_name(lang: Lang, kind: FollowKind) -> &'static str {
    match kind {
        FollowKind::Wijk => pick(lang, "Wijk", "Wijk"),
        FollowKind::Idea => pick(lang, "Idee", "Idea"),
        FollowKind::Signal => pick(lang, "Melding", "Signal"),
        FollowKind::Vote => pick(lang, "Stemming", "Vote"),
        FollowKind::Council => pick(lang, "Adviesraad", "Advisory council"),
    }
}

/// The account page's list of follows: each with its link, how it is mailed, and "stop".
#[component]
pub fn MyFollows() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let follows = RwSignal::new(None::<Vec<Follow>>);
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let reload = move || {
        act(
            session,
            message,
            |c| async move { c.my_follows().await },
            move |l| follows.set(Some(l)),
        );
    };
    reload();
    view! {
        <section class="follows" id="follows" aria-labelledby="follows-title">
            <h2 id="follows-title">{tx("Wat je volgt", "What you follow")}</h2>
            <p class="hint">{tx(
                "Volg een wijk, een idee, een melding, een stemming of een adviesraad op zijn pagina. Kies per onderwerp een mail bij elke verandering of een overzicht elke maandag.",
                "Follow a wijk, an idea, a signal, a vote or an advisory council on its page. Choose per topic a mail at every change or an overview every Monday.",
            )}</p>
            {move || follows.get().map(|list| if list.is_empty() {
                view! { <p class="empty">{tx("Je volgt nog niets.", "You do not follow anything yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="follow-list">{list.into_iter().map(|f| {
                        let (id, id2) = (f.id.clone(), f.id.clone());
                        let select_id = format!("mode-{}", f.id);
                        let (title, title2) = (f.title.clone(), f.title.clone());
                        let label = move || format!("{} {}", pick(lang.get(), "Niet meer volgen:", "Stop following:"), title);
                        let mode = f.mode;
                        view! {
                            <li>
                                <span class="kind">{move || kind_name(lang.get(), f.kind)}</span> " "
                                <A href=f.path.clone()>{f.title.clone()}</A> " "
                                <label for=select_id.clone() class="visually-hidden">{move || format!("{} {}", pick(lang.get(), "Hoe je het hoort:", "How you hear of it:"), title2)}</label>
                                <select id=select_id on:change=move |ev| {
                                    let id = id.clone();
                                    let chosen = FollowMode::parse(&event_target_value(&ev)).unwrap_or(FollowMode::Immediate);
                                    act(session, message, move |c| async move { c.set_follow_mode(&id, chosen).await }, move |_| {
                                        done.set(Some(pick(lang.get_untracked(), "Opgeslagen.", "Saved.").to_owned()));
                                    });
                                }>
                                    <option value="immediate" selected=mode == FollowMode::Immediate>{tx("mail bij elke verandering", "mail at every change")}</option>
                                    <option value="weekly" selected=mode == FollowMode::Weekly>{tx("overzicht elke maandag", "overview every Monday")}</option>
                                </select> " "
                                <button type="button" aria-label=label on:click=move |_| {
                                    let id = id2.clone();
                                    act(session, message, move |c| async move { c.unfollow(&id).await }, move |()| {
                                        done.set(Some(pick(lang.get_untracked(), "Je volgt dit niet meer.", "You no longer follow this.").to_owned()));
                                        reload();
                                    });
                                }>{tx("Niet meer volgen", "Stop following")}</button>
                            </li>
                        }
                    }).collect_view()}</ul>
                }.into_any()
            })}
            <Problem message=message />
            <Done message=done />
        </section>
    }
}

/// `/unsubscribe?token=…`: what the mail's link stops, and a button that stops it.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    Effect::new(move |_| set_title(pick(lang.get(), "Geen mails meer", "No more mails")));
    let token = move || query.read().get("token").unwrap_or_default();
    let state = RwSignal::new(None::<Result<Unsubscription, String>>);
    Effect::new(move |_| {
        let token = token();
        spawn_local(async move {
            let result = match api::client() {
                Ok(c) => c.read_unsubscribe(&token).await.map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            state.set(Some(result));
        });
    });
    let confirm = move |_| {
        let token = token();
        spawn_local(async move {
            let result = match api::client() {
                Ok(c) => c.unsubscribe(&token).await.map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            state.set(Some(result));
        });
    };
    view! {
        <section class="form-page unsubscribe">
            <h1>{tx("Geen mails meer", "No more mails")}</h1>
            {move || match state.get() {
                None => view! { <p>{tx("Even laden…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(u)) if u.following => {
                    let title = u.title.clone();
                    view! {
                        <p>{move || pick(lang.get(), "Je krijgt geen mails meer over", "You will no longer get mails about")}
                            " \u{201c}" {title.clone()} "\u{201d}."</p>
                        <button type="button" class="primary" on:click=confirm>{tx("Uitschrijven", "Unsubscribe")}</button>
                    }.into_any()
                }
                Some(Ok(u)) => view! {
                    <p class="success" role="status">
                        {move || pick(lang.get(), "Uitgeschreven: je krijgt geen mails meer over", "Unsubscribed: you no longer get mails about")}
                        " \u{201c}" {u.title.clone()} "\u{201d}."
                    </p>
                    <p><A href="/account#follows">{tx("Kies wat je volgt op je accountpagina", "Choose what you follow on your account page")}</A></p>
                }.into_any(),
            }}
        </section>
    }
}
