//! A wijk's lottery panel: how it was drawn (seed, quotas, the published pool, how to check
//! it), its members and reserves, the panel's scores, and for members the scoring form.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_types::projects::{Panel, Proposal, ScoreProposal};

use crate::api;
use crate::app::set_title;
use crate::i18n::{T, t, use_lang};
use crate::state::use_session;

/// `/panels/:id`.
#[component]
pub fn PanelPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    set_title("Wijkpanel");
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        session.me.track();
        let id = id();
        let client = api::authed(&session).or_else(|_| api::client());
        async move {
            let client = client?;
            let panel = client.get_panel(&id).await.map_err(|e| e.to_string())?;
            let Some(panel) = panel else { return Ok(None) };
            let proposals = client
                .list_proposals(&panel.wijknr.to_string())
                .await
                .map_err(|e| e.to_string())?;
            let scores = client.panel_scores(&id).await.map_err(|e| e.to_string())?;
            Ok::<_, String>(Some((panel, proposals, scores)))
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Some((panel, proposals, scores))) => view! {
                    <PanelView panel=panel proposals=proposals version=version />
                    <h2>{move || t(lang.get(), T::PanelScores)}</h2>
                    <table class="results">
                        <thead><tr>
                            <th scope="col">{move || t(lang.get(), T::Proposal)}</th>
                            <th scope="col">{move || t(lang.get(), T::ScoredBy)}</th>
                            <th scope="col">{move || t(lang.get(), T::AverageScore)}</th>
                        </tr></thead>
                        <tbody>{scores.into_iter().map(|s| view! {
                            <tr><th scope="row">{s.title}</th><td class="num">{s.scored_by}</td>
                                <td class="num">{s.average.map(|a| format!("{a:.1}")).unwrap_or_else(|| "–".to_owned())}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any(),
                Ok(None) => view! { <p role="alert">{move || t(lang.get(), T::NotFoundTitle)}</p> }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn PanelView(panel: Panel, proposals: Vec<Proposal>, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let quotas = panel
        .quotas
        .iter()
        .map(|q| format!("{} = {}: {}–{}", q.attribute, q.value, q.min, q.max))
        .collect::<Vec<_>>()
        .join("; ");
    let seated = |list: &[samenstad_types::projects::PanelSeat]| {
        list.iter()
            .map(|s| match (&s.replaced_by, s.withdrawn) {
                (Some(by), true) => format!("{} → {by}", s.pseudonym),
                _ => s.pseudonym.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let members = seated(&panel.members);
    let reserves = seated(&panel.reserve_list);
    let verify = panel.seed.clone().map(|seed| {
        format!(
            "samenstad sortition verify candidates.csv --seed \"{seed}\" --panel {} --reserves {}{} --expect panel.txt",
            panel.size,
            panel.reserves,
            panel
                .quotas
                .iter()
                .map(|q| format!(" --quota {}={}:{}-{}", q.attribute, q.value, q.min, q.max))
                .collect::<String>()
        )
    });
    let id = panel.id.clone();
    let files = format!("/api/v1/projects/panels/{id}");
    view! {
        <article class="panel-page">
            <p><A href=format!("/ideas?wijk={}", panel.wijknr)>{move || t(lang.get(), T::IdeaBoard)}</A></p>
            <h1>{move || t(lang.get(), T::Panel)} " – " {move || t(lang.get(), T::Wijk)} " " {panel.wijknr}</h1>
            <dl class="facts">
                <dt>{move || t(lang.get(), T::PanelSize)}</dt><dd>{panel.size} " + " {panel.reserves}</dd>
                <dt>{move || t(lang.get(), T::Quotas)}</dt><dd>{quotas}</dd>
                <dt>{move || t(lang.get(), T::Pool)}</dt><dd>{panel.candidates.len()}</dd>
                <dt>{move || t(lang.get(), T::Seed)}</dt><dd><code>{panel.seed.clone().unwrap_or_else(|| "–".to_owned())}</code></dd>
                <dt>{move || t(lang.get(), T::Members)}</dt><dd class="members">{members}</dd>
                <dt>{move || t(lang.get(), T::Reserves)}</dt><dd>{reserves}</dd>
            </dl>
            {verify.map(|cmd| view! {
                <p>{move || t(lang.get(), T::VerifyDraw)} " "
                    <a href=format!("{files}/candidates.csv") download="candidates.csv">"candidates.csv"</a> ", "
                    <a href=format!("{files}/panel.txt") download="panel.txt">"panel.txt"</a></p>
                <pre class="verify"><code>{cmd}</code></pre>
            })}
            {panel.i_am_member.then(|| view! { <ScoreForm id=id.clone() proposals=proposals.clone() version=version /> })}
        </article>
    }
}

#[component]
fn ScoreForm(id: String, proposals: Vec<Proposal>, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    view! {
        <section class="score-form">
            <h2>{move || t(lang.get(), T::ScoreProposals)}</h2>
            {proposals.into_iter().map(|p| {
                let score = RwSignal::new("5".to_owned());
                let comment = RwSignal::new(String::new());
                let (panel, proposal) = (id.clone(), p.id.clone());
                let input = format!("score-{}", p.id);
                let submit = move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let body = ScoreProposal {
                        score: score.get_untracked().parse().unwrap_or(-1),
                        comment: comment.get_untracked(),
                    };
                    let (panel, proposal) = (panel.clone(), proposal.clone());
                    spawn_local(async move {
                        let result = match api::authed(&session) {
                            Ok(c) => c.score_proposal(&panel, &proposal, &body).await.map_err(|e| e.to_string()),
                            Err(e) => Err(e),
                        };
                        match result {
                            Ok(_) => version.update(|v| *v += 1),
                            Err(e) => message.set(Some(e)),
                        }
                    });
                };
                view! {
                    <form class="score" on:submit=submit>
                        <h3>{p.title.clone()}</h3>
                        <p class="field"><label for=input.clone()>{move || t(lang.get(), T::ScoreLabel)}</label>
                            <input id=input type="number" min="0" max="10" required=true prop:value=score on:input=move |ev| score.set(event_target_value(&ev)) /></p>
                        <p class="field"><label for=format!("comment-{}", p.id)>{move || t(lang.get(), T::Comment)}</label>
                            <input id=format!("comment-{}", p.id) prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev)) /></p>
                        <button type="submit">{move || t(lang.get(), T::SaveScore)}</button>
                    </form>
                }
            }).collect_view()}
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
    }
}
