//! `/staff/organisations`: the recognition queue of the caller's wijken.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::recognition::{DecideRecognition, RecognitionQueueQuery};

use super::{
    Access, Closed, Problem, StaffNav, access, act, is_staff, notice, pick, provide_notice, tx,
};
use crate::api;
use crate::app::set_title;
use crate::i18n::use_lang;
use crate::labels;
use crate::state::use_session;

/// The organisations of my wijken that asked for recognition; recognise, or refuse with a reason.
#[component]
pub fn RecognitionQueuePage() -> impl IntoView {
    provide_notice();
    let lang = use_lang();
    Effect::new(move |_| {
        set_title(pick(
            lang.get(),
            "Erkenning van organisaties",
            "Recognition of organisations",
        ))
    });
    let allowed = access(is_staff);
    let session = use_session();
    let version = RwSignal::new(0u32);
    let queue = LocalResource::new(move || {
        version.track();
        let client = api::tracked(&session);
        async move {
            client?
                .recognition_queue(&RecognitionQueueQuery::default())
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <h1>{tx("Erkenning van organisaties", "Recognition of organisations")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                {move || queue.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! {
                        <p>{tx("Geen aanvragen die op een beslissing wachten.", "No requests waiting for a decision.")}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="recognition-queue">{list.into_iter().map(|r| view! {
                            <li><Decide request=r version=version /></li>
                        }).collect_view()}</ul>
                    }.into_any(),
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

/// One request: the organisation, its motivation, and the decision form.
#[component]
fn Decide(
    request: samenstad_types::recognition::RecognitionRequest,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let notice = notice();
    let id = request.id.clone();
    let name = request.organisation_name.clone();
    let decide = move |recognised: bool| {
        let body = DecideRecognition {
            recognised,
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        let id = id.clone();
        let name = name.clone();
        act(
            session,
            message,
            move |c| async move { c.decide_recognition(&id, &body).await },
            move |_| {
                let what = if recognised {
                    pick(lang.get_untracked(), "Erkend", "Recognised")
                } else {
                    pick(lang.get_untracked(), "Geweigerd", "Refused")
                };
                notice.set(Some(format!("{what}: {name}")));
                version.update(|v| *v += 1);
            },
        );
    };
    let decide_no = decide.clone();
    let kind = request.kind;
    let field = format!("reason-{}", request.id);
    view! {
        <article class="recognition-request">
            <h2><A href=format!("/organisations/{}", request.organisation_id)>{request.organisation_name.clone()}</A></h2>
            <p class="meta">
                {move || labels::organisation_kind(lang.get(), kind)}
                {request.wijknr.map(|n| format!(" · wijk {n}"))}
                " · " {request.requested_at.get(..10).unwrap_or_default().to_owned()}
            </p>
            <blockquote>{request.motivation.clone()}</blockquote>
            <p class="field"><label for=field.clone()>{tx("Reden (de organisatie leest dit; nodig bij een weigering)", "Reason (the organisation reads it; needed to refuse)")}</label>
                <textarea id=field maxlength="2000" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
            <Problem message=message />
            <button type="button" class="recognise" on:click=move |_| decide(true)>{tx("Erkennen", "Recognise")}</button>
            " "
            <button type="button" class="refuse" on:click=move |_| decide_no(false)>{tx("Weigeren", "Refuse")}</button>
        </article>
    }
}
