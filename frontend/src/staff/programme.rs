//! `/staff/programme`: per round, each wijk's selection method and vulnerability index, with
//! the allocation recomputed live by the same `samenstad_domain::allocation::allocate` the
//! server uses, and a reason for each change.

use std::collections::BTreeMap;

use leptos::prelude::*;
use samenstad_domain::allocation::{AllocationInput, AllocationRule, allocate};
use samenstad_types::projects::{Programme, RoundWijk, SelectionMethod, SetRoundWijk};

use super::{Access, Closed, Problem, StaffNav, access, act, is_programme_admin, pick, tx};
use crate::api;
use crate::app::set_title;
use crate::format::euro;
use crate::i18n::use_lang;
use crate::labels;
use crate::state::use_session;

/// The programme's key.
const PROGRAMME: &str = "wijkbudget";

fn milli(index: f64) -> u64 {
    (index * 1000.0).round().max(0.0) as u64
}

/// The allocation of every wijk of the programme (all its rounds: the rule divides the total
/// over them together) with the edited indexes, by wijk number; an error text when the rule
/// cannot be applied.
fn live_allocation(
    programme: &Programme,
    edits: &BTreeMap<i16, u64>,
) -> Result<BTreeMap<i16, i64>, String> {
    let rule = AllocationRule {
        total_cents: programme.allocation.total_cents.max(0) as u64,
        base_cents: programme.allocation.base_cents.max(0) as u64,
        cap_cents: programme.allocation.cap_cents.max(0) as u64,
    };
    let wijken: Vec<&RoundWijk> = programme
        .rounds
        .iter()
        .flat_map(|r| r.wijken.iter())
        .collect();
    let inputs: Vec<AllocationInput> = wijken
        .iter()
        .map(|w| AllocationInput {
            population: w.population.max(0) as u64,
            vulnerability_milli: edits
                .get(&w.wijknr)
                .copied()
                .unwrap_or_else(|| milli(w.vulnerability_index)),
        })
        .collect();
    allocate(rule, &inputs)
        .map(|list| {
            wijken
                .iter()
                .zip(list)
                .map(|(w, a)| (w.wijknr, a.amount_cents as i64))
                .collect()
        })
        .map_err(|e| e.to_string())
}

/// `/staff/programme`.
#[component]
pub fn ProgrammeStaffPage() -> impl IntoView {
    super::provide_notice();
    let lang = use_lang();
    Effect::new(move |_| {
        set_title(pick(
            lang.get(),
            "Programma en wijken",
            "Programme and wijken",
        ))
    });
    let allowed = access(is_programme_admin);
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        async move {
            api::client()?
                .get_programme(PROGRAMME)
                .await
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <h1>{tx("Programma en wijken", "Programme and wijken")}</h1>
        <StaffNav />
        {move || match allowed() {
            Access::Open => view! {
                <p>{tx(
                    "Kies per wijk hoe ze haar projecten kiest en hoe kwetsbaar ze is. De verdeling hieronder rekent meteen mee, met dezelfde regel als de server; pas na ‘Bewaren’ geldt ze.",
                    "Choose per wijk how it selects its projects and how vulnerable it is. The allocation below is recomputed as you type, by the same rule as the server; it applies once saved.",
                )}</p>
                <Transition fallback=move || view! { <p class="loading">{tx("Laden…", "Loading…")}</p> }>
                    {move || data.get().map(|r| match r {
                        Ok(Some(p)) => view! { <Rounds programme=p version=version /> }.into_any(),
                        Ok(None) => view! { <p role="alert">{tx("Geen programma gevonden.", "No programme found.")}</p> }.into_any(),
                        Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                    })}
                </Transition>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

#[component]
fn Rounds(programme: Programme, version: RwSignal<u32>) -> impl IntoView {
    let programme = StoredValue::new(programme);
    let rounds = programme.with_value(|p| p.rounds.clone());
    let edits = RwSignal::new(BTreeMap::<i16, u64>::new());
    let live = Memo::new(move |_| {
        let edits = edits.get();
        programme.with_value(|p| live_allocation(p, &edits))
    });
    let sections = rounds
        .into_iter()
        .rev()
        .map(|round| {
            let rows = round
                .wijken
                .iter()
                .map(|w| {
                    view! { <WijkRow wijk=w.clone() round=round.number live=live edits=edits version=version /> }
                })
                .collect_view();
            view! {
                <section class="round">
                    <h2>{round.name.clone()}</h2>
                    <div class="table-scroll">
                    <table class="allocations staff-allocations">
                        <thead><tr>
                            <th scope="col">{tx("Wijk", "Wijk")}</th>
                            <th scope="col">{tx("Selectiemethode", "Selection method")}</th>
                            <th scope="col">{tx("Kwetsbaarheidsindex", "Vulnerability index")}</th>
                            <th scope="col">{tx("Budget nu", "Budget now")}</th>
                            <th scope="col">{tx("Budget na wijziging", "Budget after the change")}</th>
                            <th scope="col">{tx("Reden van de wijziging", "Reason for the change")}</th>
                            <th scope="col"><span class="visually-hidden">{tx("Bewaren", "Save")}</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                </section>
            }
        })
        .collect_view();
    view! {
        {move || live.get().err().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        {sections}
    }
}

#[component]
fn WijkRow(
    wijk: RoundWijk,
    round: i16,
    live: Memo<Result<BTreeMap<i16, i64>, String>>,
    edits: RwSignal<BTreeMap<i16, u64>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let nr = wijk.wijknr;
    let method = RwSignal::new(wijk.selection_method.as_str().to_owned());
    let index_text = RwSignal::new(crate::format::fixed(wijk.vulnerability_index, 2));
    let reason = super::draft(format!("programme.{round}.{nr}.reason"));
    let message = RwSignal::new(None::<String>);
    let saved = super::notice();
    let on_index = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        index_text.set(text.clone());
        match text.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if v > 0.0 => edits.update(|e| {
                e.insert(nr, milli(v));
            }),
            _ => edits.update(|e| {
                e.remove(&nr);
            }),
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let parsed = index_text
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f64>();
        let Ok(value) = parsed else {
            message.set(Some(
                pick(
                    lang.get_untracked(),
                    "De kwetsbaarheidsindex is een getal, bv. 1,15.",
                    "The vulnerability index is a number, e.g. 1.15.",
                )
                .to_owned(),
            ));
            return;
        };
        let body = SetRoundWijk {
            selection_method: method.get_untracked(),
            vulnerability_milli: milli(value) as i32,
            reason: Some(reason.get_untracked().trim().to_owned()).filter(|r| !r.is_empty()),
        };
        let key = nr.to_string();
        act(
            session,
            message,
            move |c| async move { c.set_round_wijk(PROGRAMME, &key, &body).await },
            move |_| {
                reason.set(String::new());
                saved.set(Some(
                    pick(lang.get_untracked(), "Bewaard.", "Saved.").to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    let form = format!("round-{round}-wijk-{nr}");
    let now = wijk.allocation_cents;
    view! {
        <tr>
            <th scope="row">{wijk.name.clone()}</th>
            <td>
                <label class="visually-hidden" for=format!("{form}-method")>{tx("Selectiemethode", "Selection method")} <span class="row-name">" " {wijk.name.clone()}</span></label>
                <select id=format!("{form}-method") form=form.clone() on:change=move |ev| method.set(event_target_value(&ev))>
                    {SelectionMethod::ALL.iter().map(|&m| view! {
                        <option value=m.as_str() selected=m == wijk.selection_method>{move || labels::selection_method(lang.get(), m)}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                <label class="visually-hidden" for=format!("{form}-index")>{tx("Kwetsbaarheidsindex", "Vulnerability index")} <span class="row-name">" " {wijk.name.clone()}</span></label>
                <input id=format!("{form}-index") form=form.clone() inputmode="decimal" size="5" prop:value=index_text on:input=on_index />
            </td>
            <td class="num" data-label=move || pick(lang.get(), "Budget nu", "Budget now")>{move || euro(now, lang.get())}</td>
            <td class="num live" data-label=move || pick(lang.get(), "Budget na wijziging", "Budget after the change")>{move || live.get().ok().and_then(|l| l.get(&nr).copied()).map(|c| euro(c, lang.get())).unwrap_or_default()}</td>
            <td>
                <label class="visually-hidden" for=format!("{form}-reason")>{tx("Reden van de wijziging", "Reason for the change")} <span class="row-name">" " {wijk.name.clone()}</span></label>
                <input id=format!("{form}-reason") form=form.clone() required=true minlength="3" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) />
            </td>
            <td>
                <form id=form.clone() on:submit=save>
                    <button type="submit">{tx("Bewaren", "Save")}</button>
                </form>
                <Problem message=message />
            </td>
        </tr>
    }
}
