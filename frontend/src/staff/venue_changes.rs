//! `/staff/venue-changes`: residents' proposals to add, change or remove a venue; staff of the
//! venue's wijk accept (the change is applied) or reject with a reason.

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::venue::{VenueChange, VenueChangeKind, VenueChangeStatus};

use super::{
    Access, Closed, Problem, StaffNav, access, act, is_staff, notice, pick, provide_notice, tx,
};
use crate::api;
use crate::app::set_title;
use crate::i18n::use_lang;
use crate::state::use_session;

/// The proposals, pending first.
#[component]
pub fn VenueChangesPage() -> impl IntoView {
    provide_notice();
    let lang = use_lang();
    Effect::new(move |_| {
        set_title(pick(
            lang.get(),
            "Voorstellen voor ontmoetingsplaatsen",
            "Proposals for venues",
        ))
    });
    let allowed = access(is_staff);
    let session = use_session();
    let version = RwSignal::new(0u32);
    let changes = LocalResource::new(move || {
        version.track();
        let client = api::tracked(&session);
        async move {
            client?
                .list_venue_changes()
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <h1>{tx("Voorstellen voor ontmoetingsplaatsen", "Proposals for venues")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                {move || changes.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! {
                        <p>{tx("Geen voorstellen.", "No proposals.")}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="venue-changes">{list.into_iter().map(|c| view! {
                            <li><Proposal change=c version=version /></li>
                        }).collect_view()}</ul>
                    }.into_any(),
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

fn kind_label(lang: crate::i18n::Lang, kind: VenueChangeKind) -> &'static str {
    match kind {
        VenueChangeKind::Add => pick(lang, "Nieuwe plaats", "New venue"),
        VenueChangeKind::Change => pick(lang, "Wijziging", "Change"),
        VenueChangeKind::Remove => pick(lang, "Verwijderen", "Removal"),
    }
}

fn status_label(lang: crate::i18n::Lang, status: VenueChangeStatus) -> &'static str {
    match status {
        VenueChangeStatus::Pending => {
            pick(lang, "wacht op een beslissing", "waiting for a decision")
        }
        VenueChangeStatus::Accepted => pick(lang, "aanvaard", "accepted"),
        VenueChangeStatus::Rejected => pick(lang, "afgewezen", "rejected"),
    }
}

/// One proposal: what it changes, why, and for a pending one the decision.
#[component]
fn Proposal(change: VenueChange, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let notice = notice();
    let p = &change.proposal;
    let title = p.name.clone().unwrap_or_else(|| {
        pick(
            lang.get_untracked(),
            "(naam ongewijzigd)",
            "(name unchanged)",
        )
        .to_owned()
    });
    let address = [p.street.clone(), p.postal_code.clone(), p.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let pending = change.status == VenueChangeStatus::Pending;
    let (kind, status) = (change.kind, change.status);
    let field = format!("reject-{}", change.id);
    let accept_id = change.id.clone();
    let reject_id = change.id.clone();
    let accepted_name = title.clone();
    let rejected_name = title.clone();
    let accept = move |_| {
        let id = accept_id.clone();
        let name = accepted_name.clone();
        act(
            session,
            message,
            move |c| async move { c.accept_venue_change(&id).await },
            move |_| {
                notice.set(Some(format!(
                    "{}: {name}",
                    pick(
                        lang.get_untracked(),
                        "Aanvaard en toegepast",
                        "Accepted and applied"
                    )
                )));
                version.update(|v| *v += 1);
            },
        );
    };
    let reject = move |_| {
        let id = reject_id.clone();
        let name = rejected_name.clone();
        let why = reason.get_untracked();
        act(
            session,
            message,
            move |c| async move { c.reject_venue_change(&id, &why).await },
            move |_| {
                notice.set(Some(format!(
                    "{}: {name}",
                    pick(lang.get_untracked(), "Afgewezen", "Rejected")
                )));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <article class="venue-change">
            <h2>{move || kind_label(lang.get(), kind)} ": " {title.clone()}</h2>
            <p class="meta">{move || status_label(lang.get(), status)} " · " {change.created_at.get(..10).unwrap_or_default().to_owned()}
                {change.venue_id.clone().map(|v| view! { " · " <A href=format!("/venues/{v}")>{tx("de plaats", "the venue")}</A> })}</p>
            {(!address.is_empty()).then(|| view! { <p>{address.clone()}</p> })}
            <blockquote>{change.reason.clone()}</blockquote>
            {change.decision_reason.clone().map(|r| view! { <p>{tx("Reden van de afwijzing:", "Reason of the rejection:")} " " {r}</p> })}
            <Show when=move || pending>
                <p class="field"><label for=field.clone()>{tx("Reden om af te wijzen (de indiener leest dit)", "Reason to reject (the proposer reads it)")}</label>
                    <textarea id=field.clone() maxlength="2000" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
                <Problem message=message />
                <button type="button" class="accept" on:click=accept.clone()>{tx("Aanvaarden", "Accept")}</button>
                " "
                <button type="button" class="reject" on:click=reject.clone()>{tx("Afwijzen", "Reject")}</button>
            </Show>
        </article>
    }
}
