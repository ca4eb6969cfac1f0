//! "Follow" on the page of a wijk, an idea, a vote or an advisory council: the resident chooses
//! a mail at every change or a line in the weekly digest, and can stop following.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::follows::{Follow, FollowKind, FollowMode, NewFollow};

use crate::i18n::use_lang;
use crate::staff::{Done, Problem, act, pick, tx};
use crate::state::use_session;

/// The follow control for one thing (`target` is its id); in a public build, which no
/// signed-in person is served, the invitation to log in.
#[component]
pub fn FollowControl(kind: FollowKind, #[prop(into)] target: String) -> impl IntoView {
    view! {
        <section class="follow" aria-labelledby="follow-title">
            <h2 id="follow-title">{tx("Volgen", "Follow")}</h2>
            {crate::app::signed_in_or(|| view! { <FollowForm kind=kind target=target.clone() /> }, log_in_to_follow)}
        </section>
    }
}

fn log_in_to_follow() -> impl IntoView {
    view! {
        // One text node after the link, as in the server's first HTML (its largest paint on a
        // wijk's page: the app's must not be a pixel larger).
        <p><A href="/login">{tx("Meld je aan", "Log in")}</A>
            {tx(" om dit te volgen en mails te krijgen als er iets verandert.", " to follow this and get mails when something changes.")}</p>
    }
}

/// Following, for a signed-in person: the mode, or stop.
#[component]
fn FollowForm(kind: FollowKind, target: String) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let current = RwSignal::new(None::<Follow>);
    let mode = RwSignal::new(FollowMode::Immediate);
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let wanted = target.clone();
    Effect::new(move |_| {
        if session.me.get().is_none() {
            return;
        }
        let wanted = wanted.clone();
        act(
            session,
            message,
            |c| async move { c.my_follows().await },
            move |all: Vec<Follow>| {
                let by_key = format!("/{wanted}");
                let found = all
                    .into_iter()
                    .find(|f| f.kind == kind && (f.target == wanted || f.path.ends_with(&by_key)));
                if let Some(f) = &found {
                    mode.set(f.mode);
                }
                current.set(found);
            },
        );
    });
    let follow = {
        let target = target.clone();
        move |_| {
            let body = NewFollow {
                kind: kind.as_str().to_owned(),
                target: target.clone(),
                mode: Some(mode.get_untracked().as_str().to_owned()),
            };
            act(
                session,
                message,
                move |c| async move { c.follow(&body).await },
                move |f: Follow| {
                    done.set(Some(
                        match f.mode {
                            FollowMode::Immediate => pick(
                                lang.get_untracked(),
                                "Je volgt dit nu: je krijgt een mail bij elke verandering.",
                                "You now follow this: you get a mail at every change.",
                            ),
                            FollowMode::Weekly => pick(
                                lang.get_untracked(),
                                "Je volgt dit nu: je krijgt elke maandag een overzicht.",
                                "You now follow this: you get an overview every Monday.",
                            ),
                        }
                        .to_owned(),
                    ));
                    current.set(Some(f));
                },
            );
        }
    };
    let stop = move |_| {
        let Some(id) = current.get_untracked().map(|f| f.id) else {
            return;
        };
        act(
            session,
            message,
            move |c| async move { c.unfollow(&id).await },
            move |()| {
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Je volgt dit niet meer.",
                        "You no longer follow this.",
                    )
                    .to_owned(),
                ));
                current.set(None);
            },
        );
    };
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        mode.set(FollowMode::parse(&value).unwrap_or(FollowMode::Immediate));
    };
    view! {
            <Show when=move || session.me.get().is_some() fallback=log_in_to_follow>
                {
                    let follow = follow.clone();
                    move || match current.get() {
                        Some(f) => view! {
                            <p class="following">
                                {move || pick(lang.get(), "Je volgt dit", "You follow this")} " ("
                                {let m = f.mode; move || match m {
                                    FollowMode::Immediate => pick(lang.get(), "een mail bij elke verandering", "a mail at every change"),
                                    FollowMode::Weekly => pick(lang.get(), "wekelijks overzicht", "weekly overview"),
                                }}
                                "). " <A href="/account#follows">{tx("Wijzig op je accountpagina", "Change it on your account page")}</A>
                            </p>
                            <button type="button" on:click=stop>{tx("Niet meer volgen", "Stop following")}</button>
                        }.into_any(),
                        None => {
                            let follow = follow.clone();
                            view! {
                                <label for="follow-mode">{tx("Hoe wil je het horen?", "How do you want to hear of it?")}</label>
                                <select id="follow-mode" on:change=choose>
                                    <option value="immediate" selected=move || mode.get() == FollowMode::Immediate>{tx("Een mail bij elke verandering", "A mail at every change")}</option>
                                    <option value="weekly" selected=move || mode.get() == FollowMode::Weekly>{tx("Een overzicht elke maandag", "An overview every Monday")}</option>
                                </select>
                                " "
                                <button type="button" on:click=follow>{tx("Volgen", "Follow")}</button>
                            }.into_any()
                        }
                    }
                }
            </Show>
            <Problem message=message />
            <Done message=done />
    }
}
