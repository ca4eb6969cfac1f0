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
        let client = api::tracked(&session).or_else(|_| api::client());
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
                                <td class="num">{s.average.map(|a| crate::format::fixed(a, 1)).unwrap_or_else(|| "–".to_owned())}</td></tr>
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
                <dt>{move || t(lang.get(), T::Seed)}</dt><dd class="seed"><code>{panel.seed.clone().unwrap_or_else(|| "–".to_owned())}</code>
                    {panel.seed_published_at.clone().map(|at| format!(" ({} {})", crate::staff::pick(lang.get_untracked(), "publiek sinds", "public since"), crate::format::date_time(&at)))}
                    {(panel.drawn_at.is_none()).then(|| panel.draw_not_before.clone()).flatten().map(|at| format!(" · {} {}", crate::staff::pick(lang.get_untracked(), "de loting kan vanaf", "the draw can take place from"), crate::format::date_time(&at)))}
                </dd>
                <dt>{crate::staff::tx("Quorum", "Quorum")}</dt><dd>{panel.quorum}</dd>
                <dt>{move || t(lang.get(), T::Members)}</dt><dd class="members">{members}</dd>
                <dt>{move || t(lang.get(), T::Reserves)}</dt><dd>{reserves}</dd>
            </dl>
            {verify.map(|cmd| view! {
                <p>{move || t(lang.get(), T::VerifyDraw)} " "
                    <a href=format!("{files}/candidates.csv") download="candidates.csv">"candidates.csv"</a> ", "
                    <a href=format!("{files}/panel.txt") download="panel.txt">"panel.txt"</a></p>
                <pre class="verify"><code>{cmd}</code></pre>
            })}
            {crate::app::signed_in(|| panel.i_am_member.then(|| view! {
                <ScoreForm id=id.clone() proposals=proposals.clone() version=version />
                <DecideForm proposals=proposals.clone() version=version />
            }))}
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

/// A member's vote on each open proposal: the panel decides by a majority of its seated
/// members once the quorum has spoken (the server counts; a member alone cannot decide).
#[component]
fn DecideForm(proposals: Vec<Proposal>, version: RwSignal<u32>) -> impl IntoView {
    use crate::staff::{Problem, act, pick, tx};
    use samenstad_types::projects::DecideProposal;
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let open: Vec<Proposal> = proposals
        .into_iter()
        .filter(|p| p.status == "proposed" || p.panel_tally.is_some())
        .collect();
    view! {
        <section class="panel-decide">
            <h2>{tx("Beslissen over de voorstellen", "Deciding on the proposals")}</h2>
            <p>{tx(
                "Elk lid spreekt zich uit. Een voorstel is gekozen of afgewezen zodra een meerderheid van de zittende leden hetzelfde zegt en het quorum gehaald is.",
                "Every member takes a stand. A proposal is selected or rejected once a majority of the seated members agree and the quorum is reached.",
            )}</p>
            {open.into_iter().map(|p| {
                // Kept in the tab's session storage: a reload of the page (after a score) keeps it.
                let reason = crate::staff::draft(format!("panel-decide.{}.reason", p.id));
                let id = p.id.clone();
                let decide = move |selected: bool| {
                    let id = id.clone();
                    move |_| {
                        let body = DecideProposal {
                            selected,
                            reason: reason.get_untracked().trim().to_owned(),
                            kind: Some("panel".to_owned()),
                            college_date: None,
                            college_reference: None,
                        };
                        let id = id.clone();
                        act(session, message, move |c| async move { c.decide_proposal(&id, &body).await }, move |_| {
                            reason.set(String::new());
                            version.update(|v| *v += 1);
                        });
                    }
                };
                let status = p.status;
                let tally = p.panel_tally.clone();
                let decided = p.status != "proposed";
                view! {
                    <article class="panel-proposal">
                        <h3>{p.title.clone()}</h3>
                        <p class="tally" role="status">
                            {move || crate::labels::proposal_status(lang.get(), status)}
                            {tally.map(|t| move || format!(" · {} {} · {} {} · {} {} · quorum {}",
                                t.votes_for, pick(lang.get(), "voor", "for"), t.votes_against, pick(lang.get(), "tegen", "against"),
                                t.seated, pick(lang.get(), "zittende leden", "seated members"), t.quorum))}
                        </p>
                        {(!decided).then(|| view! {
                            <p class="field"><label for=format!("panel-reason-{}", p.id)>{tx("Waarom (publiek)", "Why (public)")}</label>
                                <input id=format!("panel-reason-{}", p.id) prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) /></p>
                            <p>
                                <button type="button" on:click=decide(true)>{tx("Voor", "For")}<span class="visually-hidden">{format!(": {}", p.title)}</span></button>
                                " "
                                <button type="button" on:click=decide(false)>{tx("Tegen", "Against")}<span class="visually-hidden">{format!(": {}", p.title)}</span></button>
                            </p>
                        })}
                    </article>
                }
            }).collect_view()}
            <Problem message=message />
        </section>
    }
}
