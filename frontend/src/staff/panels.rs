//! `/staff/panels?wijk=N`: a wijk's lottery panels. Create one (size, reserves, quorum,
//! quotas), add the pool of volunteers, publish the seed (the draw is refused until it has been
//! public for the notice period), draw, and replace members who withdraw.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use samenstad_types::projects::{AddCandidates, CreatePanel, NewCandidate, Panel, PanelQuota};

use super::{
    Access, Closed, Problem, StaffNav, WijkPicker, access, act, chosen_wijk, draft, draft_or,
    is_staff, my_wijken, pick, tx,
};
use crate::api;
use crate::app::set_title;
use crate::format::date_time;
use crate::i18n::use_lang;
use crate::state::use_session;

/// A pool line: pseudonym, the account's e-mail, strata.
type PoolLine = (String, Option<String>, BTreeMap<String, String>);

/// One line of the pool as staff type it: `pseudonym; key=value; …`, where the key `account`
/// names the volunteer's e-mail address (so the member can score and decide when logged in).
/// Returns the pseudonym, the account's e-mail and the strata; an error text for a bad line.
fn parse_pool_line(line: &str) -> Result<PoolLine, String> {
    let mut parts = line.split(';').map(str::trim);
    let pseudonym = parts.next().unwrap_or_default().to_owned();
    if pseudonym.is_empty() {
        return Err(format!("«{line}»"));
    }
    let mut account = None;
    let mut strata = BTreeMap::new();
    for part in parts.filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').ok_or_else(|| format!("«{part}»"))?;
        let (k, v) = (k.trim(), v.trim());
        if k == "account" {
            account = Some(v.to_owned());
        } else {
            strata.insert(k.to_owned(), v.to_owned());
        }
    }
    Ok((pseudonym, account, strata))
}

/// `/staff/panels`.
#[component]
pub fn PanelsStaffPage() -> impl IntoView {
    super::provide_notice();
    let lang = use_lang();
    Effect::new(move |_| set_title(pick(lang.get(), "Wijkpanels", "Lottery panels")));
    let allowed = access(is_staff);
    let wijken = my_wijken();
    let wijk = chosen_wijk(wijken);
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        let wijk = wijk.get();
        async move {
            if wijk.is_empty() {
                return Ok(Vec::new());
            }
            let client = api::client()?;
            let list = client.list_panels(&wijk).await.map_err(|e| e.to_string())?;
            // The list is a summary; each panel's page has the pool and the seats.
            let mut full = Vec::new();
            for p in list {
                if let Some(panel) = client.get_panel(&p.id).await.map_err(|e| e.to_string())? {
                    full.push(panel);
                }
            }
            Ok::<_, String>(full)
        }
    });
    view! {
        <h1>{tx("Wijkpanels", "Lottery panels")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <WijkPicker path="/staff/panels" wijken=wijken wijk=wijk />
                <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(_) if wijk.get().is_empty() => view! { <p>{tx("Kies eerst een wijk.", "Choose a wijk first.")}</p> }.into_any(),
                        Ok(panels) => view! {
                            <section class="new-panel">
                                <h2>{tx("Nieuw wijkpanel", "New lottery panel")}</h2>
                                <NewPanel wijk=wijk.get_untracked() version=version />
                            </section>
                            {panels.into_iter().map(|p| view! { <PanelItem panel=p version=version /> }).collect_view()}
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    })}
                </Transition>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

#[component]
fn NewPanel(wijk: String, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let key = format!("panel.new.{wijk}");
    let size = draft_or(format!("{key}.size"), "12".to_owned());
    let reserves = draft_or(format!("{key}.reserves"), "4".to_owned());
    let quorum = draft(format!("{key}.quorum"));
    let quotas = draft(format!("{key}.quotas"));
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = lang.get_untracked();
        let mut list = Vec::new();
        for line in quotas
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            // gender=v: 2-3
            let parsed = line.split_once(':').and_then(|(left, range)| {
                let (attribute, value) = left.split_once('=')?;
                let (min, max) = range.split_once('-')?;
                Some(PanelQuota {
                    attribute: attribute.trim().to_owned(),
                    value: value.trim().to_owned(),
                    min: min.trim().parse().ok()?,
                    max: max.trim().parse().ok()?,
                })
            });
            match parsed {
                Some(q) => list.push(q),
                None => {
                    message.set(Some(format!(
                        "{} «{line}»",
                        pick(
                            lang,
                            "Schrijf een quotum als geslacht=v: 2-3, niet",
                            "Write a quota as gender=f: 2-3, not"
                        )
                    )));
                    return;
                }
            }
        }
        let body = CreatePanel {
            wijk: wijk.clone(),
            size: size.get_untracked().trim().parse().unwrap_or(0),
            reserves: reserves.get_untracked().trim().parse().unwrap_or(0),
            quotas: list,
            quorum: quorum.get_untracked().trim().parse().ok(),
        };
        act(
            session,
            message,
            move |c| async move { c.create_panel(&body).await },
            move |_| {
                for s in [size, reserves, quorum, quotas] {
                    s.set(String::new());
                }
                saved.set(Some(
                    pick(lang, "Wijkpanel aangemaakt.", "Panel created.").to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <form class="staff-form panel-form" on:submit=submit>
            <p class="field"><label for="panel-size">{tx("Aantal leden", "Members")}</label>
                <input id="panel-size" type="number" min="1" required=true prop:value=size on:input=move |ev| size.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="panel-reserves">{tx("Reserves", "Reserves")}</label>
                <input id="panel-reserves" type="number" min="0" required=true prop:value=reserves on:input=move |ev| reserves.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="panel-quorum">{tx("Quorum (leden die zich moeten uitspreken; leeg = meerderheid)", "Quorum (members who must take part; empty = a majority)")}</label>
                <input id="panel-quorum" type="number" min="1" prop:value=quorum on:input=move |ev| quorum.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="panel-quotas">{tx("Quota, één per regel (bv. geslacht=v: 2-3)", "Quotas, one per line (e.g. gender=f: 2-3)")}</label>
                <textarea id="panel-quotas" rows="3" prop:value=quotas on:input=move |ev| quotas.set(event_target_value(&ev))></textarea></p>
            <Problem message=message />
            <button type="submit">{tx("Wijkpanel aanmaken", "Create panel")}</button>
        </form>
    }
}

#[component]
fn PanelItem(panel: Panel, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = StoredValue::new(panel.id.clone());
    let pool = draft(format!("panel.{}.pool", panel.id));
    let seed = draft(format!("panel.{}.seed", panel.id));
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let drawn = panel.drawn_at.is_some();
    let published = panel.seed_published_at.is_some();
    let add_pool = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut lines = Vec::new();
        for line in pool
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match parse_pool_line(line) {
                Ok(l) => lines.push(l),
                Err(bad) => {
                    message.set(Some(format!("{} {bad}", pick(lang.get_untracked(), "Schrijf een regel als «P-1; geslacht=v; account=naam@voorbeeld.be», niet", "Write a line as «P-1; gender=f; account=name@example.org», not"))));
                    return;
                }
            }
        }
        let id = id.get_value();
        act(
            session,
            message,
            move |c| async move {
                let mut candidates = Vec::new();
                for (pseudonym, account, strata) in lines {
                    let user_id = match account {
                        Some(email) => c.find_user(&email).await?.map(|u| u.id),
                        None => None,
                    };
                    candidates.push(NewCandidate {
                        pseudonym,
                        user_id,
                        strata,
                    });
                }
                c.add_panel_candidates(&id, &AddCandidates { candidates })
                    .await
            },
            move |_| {
                pool.set(String::new());
                saved.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Kandidaten toegevoegd.",
                        "Candidates added.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, s) = (id.get_value(), seed.get_untracked().trim().to_owned());
        act(
            session,
            message,
            move |c| async move { c.publish_panel_seed(&id, &s).await },
            move |_| {
                seed.set(String::new());
                saved.set(Some(
                    pick(
                        lang.get_untracked(),
                        "De seed staat nu publiek op de pagina van het wijkpanel.",
                        "The seed is now public on the panel's page.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    let published_seed = panel.seed.clone().unwrap_or_default();
    let draw = move |_| {
        let (id, s) = (id.get_value(), published_seed.clone());
        act(
            session,
            message,
            move |c| async move { c.draw_panel(&id, &s).await },
            move |_| {
                saved.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Het wijkpanel is geloot.",
                        "The panel has been drawn.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    let members = panel.members.clone();
    let pid = panel.id.clone();
    view! {
        <article class="staff-panel">
            <h2><A href=format!("/panels/{}", panel.id)>{move || format!("{} · {} + {} · quorum {}", pick(lang.get(), "Wijkpanel", "Panel"), panel.size, panel.reserves, panel.quorum)}</A></h2>
            <p class="meta">
                {move || format!("{}: {}", pick(lang.get(), "Kandidaten", "Candidates"), panel.candidates.len())}
                {panel.seed.clone().map(|s| format!(" · seed «{s}»"))}
                {panel.seed_published_at.clone().map(|at| format!(" · {} {}", pick(lang.get_untracked(), "publiek sinds", "public since"), date_time(&at)))}
                {panel.draw_not_before.clone().map(|at| format!(" · {} {}", pick(lang.get_untracked(), "loting vanaf", "draw from"), date_time(&at)))}
                {panel.drawn_at.clone().map(|at| format!(" · {} {}", pick(lang.get_untracked(), "geloot op", "drawn on"), date_time(&at)))}
            </p>
            {(!drawn && !published).then(|| view! {
                <form class="staff-form" on:submit=add_pool>
                    <p class="field"><label for=format!("pool-{pid}")>{tx("Vrijwilligers voor de pool, één per regel: pseudoniem; kenmerk=waarde; account=e-mail (optioneel)", "Volunteers for the pool, one per line: pseudonym; attribute=value; account=e-mail (optional)")}</label>
                        <textarea id=format!("pool-{pid}") rows="4" required=true prop:value=pool on:input=move |ev| pool.set(event_target_value(&ev))></textarea></p>
                    <button type="submit">{tx("Aan de pool toevoegen", "Add to the pool")}</button>
                </form>
            })}
            {(!drawn && !published).then(|| view! {
                <form class="staff-form" on:submit=publish>
                    <p class="field"><label for=format!("seed-{}", id.get_value())>{tx("Seed van de loting (wordt eerst publiek gemaakt)", "Seed of the draw (made public first)")}</label>
                        <input id=format!("seed-{}", id.get_value()) required=true minlength="4" prop:value=seed on:input=move |ev| seed.set(event_target_value(&ev)) /></p>
                    <button type="submit">{tx("Seed publiceren", "Publish seed")}</button>
                </form>
            })}
            {(!drawn && published).then(|| view! {
                <p><button type="button" on:click=draw>{tx("Loten", "Draw")}</button></p>
            })}
            {drawn.then(|| view! {
                <h3>{tx("Leden", "Members")}</h3>
                <ul class="seats">{members.into_iter().map(|s| view! { <Seat panel=id.get_value() seat=s version=version message=message /> }).collect_view()}</ul>
            })}
            <Problem message=message />
        </article>
    }
}

#[component]
fn Seat(
    panel: String,
    seat: samenstad_types::projects::PanelSeat,
    version: RwSignal<u32>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let pseudonym = seat.pseudonym.clone();
    let withdraw = move |_| {
        let (panel, who) = (panel.clone(), pseudonym.clone());
        act(
            session,
            message,
            move |c| async move { c.withdraw_panel_member(&panel, &who).await },
            move |_| version.update(|v| *v += 1),
        );
    };
    view! {
        <li>
            {seat.pseudonym.clone()}
            {match (seat.withdrawn, seat.replaced_by.clone()) {
                (true, Some(by)) => view! { <span>{format!(" → {by}")}</span> }.into_any(),
                (true, None) => view! { <span>" ×"</span> }.into_any(),
                _ => view! { " " <button type="button" on:click=withdraw>{tx("Trekt zich terug", "Withdraws")}<span class="visually-hidden">{format!(": {}", seat.pseudonym)}</span></button> }.into_any(),
            }}
        </li>
    }
}
