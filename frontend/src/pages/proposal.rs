//! A proposal: what it does, who carries it out, its costed budget, the ideas it came from,
//! the decision with its reason and, once selected, the project.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_types::projects::Proposal;

use crate::api;
use crate::app::set_title;
use crate::format::euro;
use crate::i18n::{T, t, use_lang};
use crate::labels;

/// `/proposals/:id`.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            api::client()?
                .get_proposal(&id)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Some(p)) => view! { <ProposalView proposal=p /> }.into_any(),
                Ok(None) => view! { <p role="alert">{move || t(lang.get(), T::NotFoundTitle)}</p> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ProposalView(proposal: Proposal) -> impl IntoView {
    let lang = use_lang();
    set_title(&proposal.title);
    let status = proposal.status;
    let cost = proposal.cost_cents;
    view! {
        <article class="proposal-page">
            <p><A href=format!("/ideas?wijk={}", proposal.wijknr)>{move || t(lang.get(), T::IdeaBoard)}</A></p>
            <h1>{proposal.title.clone()}</h1>
            <p class="status"><strong>{move || labels::proposal_status(lang.get(), status)}</strong>
                {proposal.decision_reason.clone().map(|r| format!(": {r}"))}</p>
            {proposal.project_id.clone().map(|id| view! {
                <p><A href=format!("/projects/{id}")>{move || t(lang.get(), T::ToTheProject)}</A></p>
            })}
            <p class="idea-body">{proposal.summary.clone()}</p>
            <p>{move || t(lang.get(), T::CarriedOutBy)} " " {proposal.owners.clone()}</p>
            <table class="results">
                <caption>{move || t(lang.get(), T::Budget)}</caption>
                <tbody>
                    {proposal.budget_lines.iter().map(|l| {
                        let amount = l.amount_cents;
                        view! { <tr><th scope="row">{l.description.clone()}</th><td class="num">{move || euro(amount, lang.get())}</td></tr> }
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">{move || t(lang.get(), T::Total)}</th><td class="num">{move || euro(cost, lang.get())}</td></tr></tfoot>
            </table>
            <Show when={let n = proposal.idea_ids.len(); move || n > 0}>
                <h2>{move || t(lang.get(), T::FromIdeas)}</h2>
            </Show>
            <ul>{proposal.idea_ids.iter().enumerate().map(|(i, id)| view! {
                <li><A href=format!("/ideas/{id}")>{move || format!("{} {}", t(lang.get(), T::IdeaNumber), i + 1)}</A></li>
            }).collect_view()}</ul>
        </article>
    }
}
