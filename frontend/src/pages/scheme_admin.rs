//! `/subsidies/schemes`: programme staff keep the subsidy schemes — a scheme's name, purpose and
//! status, its rules as data with the live check of `samenstad_domain::subsidy::check_rules`
//! (the server runs the same check), its yearly budgets (never below what is committed) and its
//! calendar of jury deadlines.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use samenstad_types::subsidies::{Scheme, SchemeInput, SchemeRules, SchemeStatus};

use crate::api;
use crate::app::set_title;
use crate::format::{self, euro_input, parse_euro};
use crate::i18n::use_lang;
use crate::pages::subsidies::{SubsidyNav, is_programme_staff};
use crate::staff::{Access, Closed, Done, Problem, access, act, pick, tx};
use crate::state::use_session;

/// `/subsidies/schemes`: the schemes, each with a link to its editor.
#[component]
pub fn SchemesPage() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(pick(lang.get(), "Subsidieregelingen", "Subsidy schemes")));
    let allowed = access(is_programme_staff);
    let schemes = LocalResource::new(|| async {
        api::client()?
            .list_schemes()
            .await
            .map_err(|e| e.to_string())
    });
    view! {
        <h1>{tx("Subsidieregelingen", "Subsidy schemes")}</h1>
        <SubsidyNav />
        {move || match allowed() {
            Access::Open => view! {
                <ul class="scheme-list">{move || schemes.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| view! {
                    <li><A href=format!("/subsidies/schemes/{}", s.key)>{s.name.clone()}</A> " · " {s.status.as_str()}</li>
                }).collect_view()}</ul>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

/// The rules as pretty JSON for the editor.
fn rules_text(rules: &SchemeRules) -> String {
    serde_json::to_string_pretty(rules).unwrap_or_default()
}

/// What is wrong with the rules as typed: the JSON's own error, or each problem the domain's
/// check finds (the same as the server's).
fn rules_problems(text: &str) -> Result<SchemeRules, Vec<String>> {
    match serde_json::from_str::<SchemeRules>(text) {
        Err(e) => Err(vec![format!(
            "JSON, line {} column {}: {e}",
            e.line(),
            e.column()
        )]),
        Ok(rules) => {
            let problems = samenstad_domain::subsidy::check_rules(&rules);
            if problems.is_empty() {
                Ok(rules)
            } else {
                Err(problems
                    .into_iter()
                    .map(|p| format!("{}: {}", p.field, p.message))
                    .collect())
            }
        }
    }
}

/// `/subsidies/schemes/:key`: the editor of one scheme.
#[component]
pub fn SchemeEditorPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let allowed = access(is_programme_staff);
    let scheme = RwSignal::new(None::<Scheme>);
    let failed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let key = params.read().get("key").unwrap_or_default();
        leptos::task::spawn_local(async move {
            match api::client() {
                Ok(c) => match c.get_scheme(&key).await {
                    Ok(Some(s)) => scheme.set(Some(s)),
                    Ok(None) => failed.set(Some(format!("no scheme `{key}`"))),
                    Err(e) => failed.set(Some(e.to_string())),
                },
                Err(e) => failed.set(Some(e)),
            }
        });
    });
    Effect::new(move |_| {
        let name = scheme
            .with(|s| s.as_ref().map(|s| s.name.clone()))
            .unwrap_or_default();
        set_title(&format!(
            "{}: {name}",
            pick(lang.get(), "Regeling", "Scheme")
        ));
    });
    // Built once the scheme is there, not again after each save.
    let loaded = Memo::new(move |_| scheme.with(Option::is_some));
    view! {
        <h1>{move || scheme.with(|s| s.as_ref().map(|s| s.name.clone()))}</h1>
        <SubsidyNav />
        <p><A href="/subsidies/schemes">{tx("Alle regelingen", "All schemes")}</A></p>
        {move || match allowed() {
            Access::Open => view! {
                {move || failed.get().map(|e| view! { <p role="alert">{e}</p> })}
                <Show when=move || loaded.get()>
                    <SchemeForm scheme=scheme />
                    <Budgets scheme=scheme />
                    <Deadlines scheme=scheme />
                </Show>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

#[component]
fn SchemeForm(scheme: RwSignal<Option<Scheme>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let Some(s) = scheme.get_untracked() else {
        return ().into_any();
    };
    let key = s.key.clone();
    let name = RwSignal::new(s.name.clone());
    let owner = RwSignal::new(s.owner_service.clone());
    let purpose = RwSignal::new(s.purpose.clone());
    let status = RwSignal::new(s.status.as_str().to_owned());
    let replaced_by = s.replaced_by.clone();
    let rules = RwSignal::new(rules_text(&s.rules));
    let checked = Memo::new(move |_| rules.with(|t| rules_problems(t)));
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(parsed) = checked.get_untracked() else {
            message.set(Some(
                pick(
                    lang.get_untracked(),
                    "Verbeter eerst de regels.",
                    "Fix the rules first.",
                )
                .to_owned(),
            ));
            return;
        };
        let body = SchemeInput {
            name: name.get_untracked().trim().to_owned(),
            owner_service: owner.get_untracked().trim().to_owned(),
            purpose: purpose.get_untracked().trim().to_owned(),
            status: status.get_untracked(),
            replaced_by: replaced_by.clone(),
            rules: parsed,
        };
        let key = key.clone();
        done.set(None);
        act(
            session,
            message,
            move |c| async move { c.put_scheme(&key, &body).await },
            move |s| {
                rules.set(rules_text(&s.rules));
                scheme.set(Some(s));
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "De regeling is bewaard.",
                        "The scheme is saved.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    view! {
        <form class="scheme-form" on:submit=submit>
            <h2>{tx("Regeling", "Scheme")}</h2>
            <p class="field"><label for="scheme-name">{tx("Naam", "Name")}</label>
                <input id="scheme-name" required=true minlength="2" maxlength="120" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="scheme-owner">{tx("Dienst", "City service")}</label>
                <input id="scheme-owner" required=true minlength="2" maxlength="200" prop:value=owner on:input=move |ev| owner.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="scheme-purpose">{tx("Doel", "Purpose")}</label>
                <textarea id="scheme-purpose" required=true maxlength="4000" prop:value=purpose on:input=move |ev| purpose.set(event_target_value(&ev))></textarea></p>
            <p class="field"><label for="scheme-status">{tx("Status", "Status")}</label>
                <select id="scheme-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    {SchemeStatus::ALL.iter().map(|st| { let st = *st; view! { <option value=st.as_str() selected=move || status.get() == st.as_str()>{st.as_str()}</option> } }).collect_view()}
                </select></p>
            <p class="field"><label for="scheme-rules">{tx("Regels (JSON: thema's, aanvragers, categorieën, handtekeningen, plafonds, jurycriteria)", "Rules (JSON: themes, applicants, categories, co-signatures, caps, jury criteria)")}</label>
                <textarea id="scheme-rules" class="rules" rows="24" spellcheck="false" aria-describedby="rules-check" prop:value=rules on:input=move |ev| rules.set(event_target_value(&ev))></textarea></p>
            <div id="rules-check" class="rules-check" aria-live="polite">
                {move || match checked.get() {
                    Ok(_) => view! { <p class="success">{tx("De regels kloppen.", "The rules are consistent.")}</p> }.into_any(),
                    Err(problems) => view! {
                        <p class="error">{move || pick(lang.get(), "Wat niet klopt:", "What is wrong:")}</p>
                        <ul class="rule-problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    }.into_any(),
                }}
            </div>
            <Problem message=message />
            <Done message=done />
            <button type="submit">{tx("Regeling bewaren", "Save the scheme")}</button>
        </form>
    }
    .into_any()
}

#[component]
fn Budgets(scheme: RwSignal<Option<Scheme>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let this_year = js_sys::Date::new_0().get_full_year().to_string();
    let year = RwSignal::new(this_year);
    let amount = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let budgets =
        move || scheme.with(|s| s.as_ref().map(|s| s.budgets.clone()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = scheme
            .with_untracked(|s| s.as_ref().map(|s| s.key.clone()))
            .unwrap_or_default();
        let Ok(y) = year.get_untracked().trim().parse::<i32>() else {
            message.set(Some(
                pick(lang.get_untracked(), "Geef een jaar.", "Give a year.").to_owned(),
            ));
            return;
        };
        let Some(cents) = parse_euro(&amount.get_untracked()) else {
            message.set(Some(
                pick(
                    lang.get_untracked(),
                    "Geef een bedrag in euro.",
                    "Give an amount in euro.",
                )
                .to_owned(),
            ));
            return;
        };
        act(
            session,
            message,
            move |c| async move { c.put_scheme_budget(&key, y, cents).await },
            move |s| {
                scheme.set(Some(s));
                amount.set(String::new());
            },
        );
    };
    view! {
        <section class="scheme-budgets">
            <h2>{tx("Budget per jaar", "Budget per year")}</h2>
            <ul>{move || budgets().into_iter().map(|b| {
                let l = lang.get_untracked();
                view! { <li>
                    <strong>{b.year}</strong> ": " {format::euro(b.budget_cents, l)}
                    " · " {pick(l, "toegekend", "committed")} " " {format::euro(b.committed_cents, l)}
                    " · " {pick(l, "uitbetaald", "paid")} " " {format::euro(b.paid_cents, l)}
                    " · " {pick(l, "nog vrij", "left")} " " {format::euro(b.remaining_cents, l)}
                </li> }
            }).collect_view()}</ul>
            <form class="budget-form" on:submit=submit>
                <p class="field"><label for="budget-year">{tx("Jaar", "Year")}</label>
                    <input id="budget-year" type="number" min="2000" max="2100" required=true prop:value=year on:input=move |ev| year.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="budget-amount">{tx("Budget (€; niet lager dan wat al toegekend is)", "Budget (€; not below what is committed)")}</label>
                    <input id="budget-amount" inputmode="decimal" required=true prop:value=amount
                        placeholder=move || scheme.with(|s| s.as_ref().and_then(|s| s.budgets.first()).map(|b| euro_input(b.budget_cents)).unwrap_or_default())
                        on:input=move |ev| amount.set(event_target_value(&ev)) /></p>
                <Problem message=message />
                <button type="submit">{tx("Budget bewaren", "Save the budget")}</button>
            </form>
        </section>
    }
}

#[component]
fn Deadlines(scheme: RwSignal<Option<Scheme>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let day = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let deadlines =
        move || scheme.with(|s| s.as_ref().map(|s| s.deadlines.clone()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = scheme
            .with_untracked(|s| s.as_ref().map(|s| s.key.clone()))
            .unwrap_or_default();
        let closes_on = day.get_untracked();
        act(
            session,
            message,
            move |c| {
                let key2 = key.clone();
                async move {
                    c.add_deadline(&key2, &closes_on).await?;
                    c.get_scheme(&key2).await
                }
            },
            move |s| {
                if let Some(s) = s {
                    scheme.set(Some(s));
                }
                day.set(String::new());
            },
        );
    };
    view! {
        <section class="scheme-deadlines">
            <h2>{tx("Jurydeadlines", "Jury deadlines")}</h2>
            <ul>{move || deadlines().into_iter().map(|d| {
                let l = lang.get_untracked();
                view! { <li>
                    {d.closes_on.clone()} " · " {d.applications} " " {pick(l, "aanvragen", "applications")}
                    {d.closed_at.clone().map(|_| format!(" · {}", pick(l, "naar de jury gestuurd", "sent to the jury")))}
                </li> }
            }).collect_view()}</ul>
            <form class="deadline-form" on:submit=submit>
                <p class="field"><label for="deadline-day">{tx("Nieuwe deadline (laatste dag om in te dienen)", "New deadline (last day to submit)")}</label>
                    <input id="deadline-day" type="date" required=true prop:value=day on:input=move |ev| day.set(event_target_value(&ev)) /></p>
                <Problem message=message />
                <button type="submit">{tx("Deadline toevoegen", "Add the deadline")}</button>
            </form>
        </section>
    }
}
