//! `/subsidies/applications/:id`: one application. Its owner edits a draft in five steps,
//! saved as they type, with the scheme's rules checked live by the same function the server
//! runs (`samenstad_domain::subsidy::check`). Once submitted everyone who may see it reads it
//! with its timeline and decision; the owner can withdraw it and, once paid, report; jury
//! members score it; programme staff decide (the same panel as on the programme page).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use samenstad_domain::subsidy::{Context, category, check, earliest_start, parse_date};
use samenstad_types::subsidies::{
    Application, ApplicationDraft, ApplicationScope, ApplicationsQuery, BudgetLine,
    CosignatureLink, Criterion, CriterionScore, DecisionInput, LineKind, ReportInput, ReportReview,
    Scheme, SchemeRules, ScoresInput, TargetGroup,
};
use samenstad_types::{FieldError, ListWijkenQuery, Wijk};
use wasm_bindgen::JsCast;

use crate::api;
use crate::app::set_title;
use crate::format::{self, euro};
use crate::i18n::{Lang, T, t, tr, use_lang};
use crate::labels;
use crate::pages::subsidies::{
    SubsidyNav, error_text, is_jury, is_programme_staff, problem_text, today,
};
use crate::state::use_session;

#[derive(Debug, Clone)]
struct Loaded {
    app: Application,
    scheme: Scheme,
    wijken: Vec<Wijk>,
    /// The caller applied (or is a member of the applying organisation).
    mine: bool,
}

#[derive(Debug, Clone)]
enum Page {
    Waiting,
    NeedLogin,
    NotFound,
    Ready(Box<Loaded>),
}

/// `/subsidies/applications/:id`.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let version = RwSignal::new(0u32);
    Effect::new(move |_| set_title(t(lang.get(), T::Application)));
    let data = LocalResource::new(move || {
        version.track();
        let id = id();
        let token = session.token.get();
        let ready = session.ready.get();
        async move {
            if token.is_none() {
                return Ok(if ready {
                    Page::NeedLogin
                } else {
                    Page::Waiting
                });
            }
            let client = api::authed(&session)?;
            let Some(app) = client
                .get_application(&id)
                .await
                .map_err(|e| error_text(&e))?
            else {
                return Ok(Page::NotFound);
            };
            let scheme = client
                .get_scheme(&app.scheme)
                .await
                .map_err(|e| error_text(&e))?
                .ok_or_else(|| t(Lang::En, T::NotFoundTitle).to_owned())?;
            let wijken = client
                .list_wijken(&ListWijkenQuery::default())
                .await
                .map(|p| p.items)
                .unwrap_or_default();
            let mine = app.editable
                || client
                    .list_applications(&ApplicationsQuery {
                        view: Some(samenstad_types::subsidies::ApplicationView::Mine.to_string()),
                        ..Default::default()
                    })
                    .await
                    .is_ok_and(|list| list.iter().any(|a| a.id == id));
            Ok::<_, String>(Page::Ready(Box::new(Loaded {
                app,
                scheme,
                wijken,
                mine,
            })))
        }
    });
    view! {
        <SubsidyNav />
        <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
            {move || data.get().map(|r| match r {
                Ok(Page::Waiting) => view! { <p class="loading">{tr(T::Loading)}</p> }.into_any(),
                Ok(Page::NeedLogin) => view! { <p><A href="/login">{tr(T::LogIn)}</A></p> }.into_any(),
                Ok(Page::NotFound) => view! { <p role="alert">{tr(T::NotFoundTitle)}</p> }.into_any(),
                Ok(Page::Ready(l)) => {
                    let Loaded { app, scheme, wijken, mine } = *l;
                    if app.editable {
                        view! { <Editor app=app scheme=scheme wijken=wijken version=version /> }.into_any()
                    } else {
                        view! { <ApplicationView app=app scheme=scheme wijken=wijken mine=mine version=version /> }.into_any()
                    }
                }
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </Transition>
    }
}

/// A problem as shown: the field it belongs to and its text in the reader's language.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    field: String,
    text: String,
}

/// Runs the scheme's rules the way the server does, with the browser's today.
#[derive(Debug, Clone)]
struct Checker {
    rules: SchemeRules,
    status: String,
    today: String,
    next_deadline: Option<String>,
}

impl Checker {
    fn new(scheme: &Scheme) -> Self {
        let today = today();
        Self {
            rules: scheme.rules.clone(),
            status: scheme.status.as_str().to_owned(),
            next_deadline: scheme.next_deadline(&today).map(|d| d.closes_on.clone()),
            today,
        }
    }

    /// The problems of `draft` (or the given ones, from the server), in `lang`.
    fn shown(
        &self,
        lang: Lang,
        draft: &ApplicationDraft,
        applicant_kind: &str,
        cosignatures: i32,
        given: Option<&[FieldError]>,
    ) -> Vec<Shown> {
        let ctx = Context {
            scheme_status: &self.status,
            applicant_kind,
            cosignatures,
            today: parse_date(&self.today).unwrap_or_default(),
            next_deadline: self.next_deadline.as_deref().and_then(parse_date),
        };
        let found;
        let list = match given {
            Some(list) => list,
            None => {
                found = check(&self.rules, draft, &ctx);
                &found
            }
        };
        list.iter()
            .map(|p| Shown {
                field: p.field.clone(),
                text: problem_text(lang, p, &self.rules, draft, &ctx),
            })
            .collect()
    }

    /// The earliest start of a category if submitted today.
    fn earliest(&self, category_key: &str) -> Option<String> {
        let cat = category(&self.rules, category_key)?;
        earliest_start(
            cat,
            parse_date(&self.today)?,
            self.next_deadline.as_deref().and_then(parse_date),
        )
        .map(|d| d.to_string())
    }
}

/// The id of the element that holds a field's problems.
fn problems_id(field: &str) -> String {
    format!(
        "problems-{}",
        field
            .replace(['[', ']', '.', '_'], "-")
            .trim_end_matches('-')
    )
}

/// Which step of the form a problem's field is in, for the summary.
fn field_label(field: &str) -> T {
    match field {
        "organisation_id" => T::Applicant,
        "category" => T::Category,
        "title" => T::TitleLabel,
        "description" => T::Description,
        "themes" => T::Themes,
        "target_groups" => T::TargetGroups,
        "scope" => T::Where,
        "wijken" => T::Wijken,
        "starts_on" => T::FirstDay,
        "ends_on" => T::LastDay,
        "requested_cents" => T::RequestedAmount,
        "cosignatures" => T::Cosignatures,
        "scheme" => T::Scheme,
        _ => T::BudgetLines,
    }
}

/// The problems of one field, next to it (the field points here with `aria-describedby`).
#[component]
fn FieldProblems(#[prop(into)] field: String, problems: Memo<Vec<Shown>>) -> impl IntoView {
    let id = problems_id(&field);
    view! {
        <div id=id class="field-problems" aria-live="polite">
            {move || problems.with(|list| list.iter().filter(|p| p.field == field).map(|p| view! {
                <p class="error">{p.text.clone()}</p>
            }).collect_view())}
        </div>
    }
}

/// One budget line in the form.
#[derive(Debug, Clone, Copy)]
struct Line {
    key: u32,
    kind: RwSignal<String>,
    description: RwSignal<String>,
    amount: RwSignal<String>,
}

impl Line {
    fn new(key: u32, line: &BudgetLine) -> Self {
        Self {
            key,
            kind: RwSignal::new(line.kind.clone()),
            description: RwSignal::new(line.description.clone()),
            amount: RwSignal::new(if line.amount_cents > 0 {
                format::euro_input(line.amount_cents)
            } else {
                String::new()
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    Saved,
    Pending,
    Saving,
    Failed(String),
}

fn toggle(list: RwSignal<Vec<String>>, value: &str, on: bool) {
    list.update(|l| {
        l.retain(|x| x != value);
        if on {
            l.push(value.to_owned());
        }
    });
}

/// The owner's form for a draft.
#[component]
fn Editor(
    app: Application,
    scheme: Scheme,
    wijken: Vec<Wijk>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let id = app.id.clone();
    let d = app.draft.clone();
    let checker = Checker::new(&scheme);
    // The form, one signal per field.
    let organisation = RwSignal::new(d.organisation_id.clone().unwrap_or_default());
    let category_key = RwSignal::new(d.category.clone());
    let title = RwSignal::new(d.title.clone());
    let description = RwSignal::new(d.description.clone());
    let themes = RwSignal::new(d.themes.clone());
    let target_groups = RwSignal::new(d.target_groups.clone());
    let coaching = RwSignal::new(d.coaching);
    let scope = RwSignal::new(if d.scope.is_empty() {
        "wijk".to_owned()
    } else {
        d.scope.clone()
    });
    let chosen_wijken = RwSignal::new(d.wijken.clone());
    let starts_on = RwSignal::new(d.starts_on.clone().unwrap_or_default());
    let ends_on = RwSignal::new(d.ends_on.clone().unwrap_or_default());
    let location = RwSignal::new(d.location.clone());
    let requested = RwSignal::new(if d.requested_cents > 0 {
        format::euro_input(d.requested_cents)
    } else {
        String::new()
    });
    let next_key = StoredValue::new(u32::try_from(d.budget_lines.len()).unwrap_or(0));
    let lines = RwSignal::new(
        d.budget_lines
            .iter()
            .enumerate()
            .map(|(i, l)| Line::new(u32::try_from(i).unwrap_or(0), l))
            .collect::<Vec<_>>(),
    );
    let venue_id = d.venue_id.clone();
    let draft = Memo::new(move |_| ApplicationDraft {
        category: category_key.get(),
        organisation_id: Some(organisation.get()).filter(|o| !o.is_empty()),
        title: title.get(),
        description: description.get(),
        themes: themes.get(),
        scope: scope.get(),
        wijken: chosen_wijken.get(),
        target_groups: target_groups.get(),
        starts_on: Some(starts_on.get()).filter(|s| !s.is_empty()),
        ends_on: Some(ends_on.get()).filter(|s| !s.is_empty()),
        venue_id: venue_id.clone(),
        location: location.get(),
        requested_cents: format::parse_euro(&requested.get()).unwrap_or(0),
        coaching: coaching.get(),
        budget_lines: lines
            .get()
            .iter()
            .map(|l| BudgetLine {
                kind: l.kind.get(),
                description: l.description.get(),
                amount_cents: format::parse_euro(&l.amount.get()).unwrap_or(0),
                actual_cents: None,
            })
            .collect(),
    });
    // What the server last said: applicant kind, co-signatures, attachments.
    let server = RwSignal::new(app.clone());
    let live_checker = checker.clone();
    let live = Memo::new(move |_| {
        let lang = lang.get();
        let d = draft.get();
        server
            .with(|s| live_checker.shown(lang, &d, s.applicant_kind.as_str(), s.cosignatures, None))
    });
    let has = move |field: &'static str| {
        move || {
            live.with(|l| l.iter().any(|p| p.field == field))
                .to_string()
        }
    };
    // Autosave: 800 ms after the last change.
    let save_state = RwSignal::new(SaveState::Saved);
    let generation = StoredValue::new(0u64);
    {
        let id = id.clone();
        Effect::new(move |previous: Option<()>| {
            let d = draft.get();
            if previous.is_none() {
                return;
            }
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            save_state.set(SaveState::Pending);
            let id = id.clone();
            set_timeout(
                move || {
                    // The editor may be gone (submitted) or the text changed since.
                    if generation.try_get_value() != Some(mine) {
                        return;
                    }
                    save_state.set(SaveState::Saving);
                    spawn_local(async move {
                        let result = match api::authed(&session) {
                            Ok(c) => c
                                .save_application(&id, &d)
                                .await
                                .map_err(|e| error_text(&e)),
                            Err(e) => Err(e),
                        };
                        if generation.try_get_value() != Some(mine) {
                            return;
                        }
                        match result {
                            Ok(app) => {
                                server.set(app);
                                save_state.set(SaveState::Saved);
                            }
                            Err(e) => save_state.set(SaveState::Failed(e)),
                        }
                    });
                },
                Duration::from_millis(800),
            );
        });
    }
    // Submit: save what is on screen, then submit.
    let server_problems = RwSignal::new(None::<Vec<FieldError>>);
    let message = RwSignal::new(None::<String>);
    let submitting = RwSignal::new(false);
    let submit = {
        let id = id.clone();
        move |_| {
            generation.update_value(|g| *g += 1);
            let d = draft.get_untracked();
            let id = id.clone();
            submitting.set(true);
            server_problems.set(None);
            message.set(None);
            save_state.set(SaveState::Saving);
            spawn_local(async move {
                let client = match api::authed(&session) {
                    Ok(c) => c,
                    Err(e) => {
                        message.set(Some(e));
                        submitting.set(false);
                        return;
                    }
                };
                match client.save_application(&id, &d).await {
                    Ok(app) => {
                        server.set(app);
                        save_state.set(SaveState::Saved);
                    }
                    Err(e) => {
                        save_state.set(SaveState::Failed(error_text(&e)));
                        message.set(Some(error_text(&e)));
                        submitting.set(false);
                        return;
                    }
                }
                match client.submit_application(&id).await {
                    Ok(_) => version.update(|v| *v += 1),
                    Err(samenstad_client::Error::Api(p)) if !p.errors.is_empty() => {
                        server_problems.set(Some(p.errors.clone()));
                    }
                    Err(e) => message.set(Some(error_text(&e))),
                }
                submitting.set(false);
            });
        }
    };
    let server_checker = checker.clone();
    let server_shown = move || {
        let list = server_problems.get()?;
        let d = draft.get();
        Some(server.with(|s| {
            server_checker.shown(
                lang.get(),
                &d,
                s.applicant_kind.as_str(),
                s.cosignatures,
                Some(&list),
            )
        }))
    };
    // Co-signatures.
    let link = RwSignal::new(None::<CosignatureLink>);
    let cosign_message = RwSignal::new(None::<String>);
    let make_link = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            spawn_local(async move {
                let result = match api::authed(&session) {
                    Ok(c) => c
                        .create_cosignature_link(&id)
                        .await
                        .map_err(|e| error_text(&e)),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(l) => link.set(Some(l)),
                    Err(e) => cosign_message.set(Some(e)),
                }
            });
        }
    };
    let refresh = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            spawn_local(async move {
                if let Ok(c) = api::authed(&session)
                    && let Ok(Some(app)) = c.get_application(&id).await
                {
                    server.set(app);
                }
            });
        }
    };
    // Attachments.
    let file_message = RwSignal::new(None::<String>);
    let upload = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let input = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let id = id.clone();
            spawn_local(async move {
                let reset = input.clone();
                let Some((name, content_type, bytes)) = crate::upload::chosen_file(input).await
                else {
                    file_message.set(Some(t(lang.get_untracked(), T::LoadFailed).to_owned()));
                    return;
                };
                let result = match api::authed(&session) {
                    Ok(c) => c
                        .add_attachment(&id, &name, &content_type, bytes)
                        .await
                        .map_err(|e| error_text(&e)),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(app) => {
                        server.set(app);
                        file_message.set(None);
                        if let Some(input) = reset {
                            input.set_value("");
                        }
                    }
                    Err(e) => file_message.set(Some(e)),
                }
            });
        }
    };
    let rules = scheme.rules.clone();
    let cat_rules = rules.clone();
    let flat_amounts = move || {
        category(&cat_rules, &category_key.get())
            .map(|c| c.flat_amounts_cents.clone())
            .unwrap_or_default()
    };
    let range_rules = rules.clone();
    let range = move || {
        category(&range_rules, &category_key.get())
            .and_then(|c| c.max_cents.map(|max| (c.min_cents.unwrap_or(0), max)))
    };
    let earliest_checker = checker.clone();
    let earliest = move || earliest_checker.earliest(&category_key.get());
    let total = move || {
        draft.with(|d| {
            d.budget_lines
                .iter()
                .map(|l| l.amount_cents.max(0))
                .sum::<i64>()
        })
    };
    let categories = rules.categories.clone();
    let scheme_themes = rules.themes.clone();
    let caps = rules.spending_caps.clone();
    let max_months = rules.max_duration_months;
    let wijk_options = wijken.clone();
    view! {
        <article class="application-editor">
            <h1>{move || { let t0 = title.get(); if t0.trim().is_empty() { t(lang.get(), T::NewApplication).to_owned() } else { t0 } }}</h1>
            <p class="meta">{scheme.name.clone()} " · " {tr(T::DraftNotSubmitted)}</p>
            <p class="save-state" role="status" aria-live="polite">{move || match save_state.get() {
                SaveState::Saved => t(lang.get(), T::Saved).to_owned(),
                SaveState::Pending | SaveState::Saving => t(lang.get(), T::Saving).to_owned(),
                SaveState::Failed(e) => format!("{} {e}", t(lang.get(), T::NotSaved)),
            }}</p>
            <form class="application-form" on:submit=|ev| ev.prevent_default()>
            <section aria-labelledby="step-about" class="step">
                <h2 id="step-about">{tr(T::StepAbout)}</h2>
                <p class="field">
                    <label for="app-applicant">{tr(T::Applicant)}</label>
                    <select id="app-applicant" aria-describedby=problems_id("organisation_id")
                        on:change=move |ev| organisation.set(event_target_value(&ev))>
                        {move || session.me.get().map(|me| me.organisations.into_iter().map(|o| {
                            let oid = o.organisation_id.clone();
                            view! { <option value=o.organisation_id.clone() selected=move || organisation.get() == oid>
                                {move || t(lang.get(), T::AsOrganisation)} " " {o.name.clone()}</option> }
                        }).collect_view())}
                        <option value="" selected=move || organisation.get().is_empty()>{tr(T::AsPerson)}</option>
                    </select>
                    <span class="hint">{move || server.with(|s| format!("{}: {}", t(lang.get(), T::ApplicantKind), labels::applicant_kind(lang.get(), s.applicant_kind)))}</span>
                    <FieldProblems field="organisation_id" problems=live />
                </p>
                <p class="field">
                    <label for="app-category">{tr(T::Category)}</label>
                    <select id="app-category" aria-describedby=problems_id("category")
                        on:change=move |ev| category_key.set(event_target_value(&ev))>
                        <option value="" selected=move || category_key.get().is_empty()>{tr(T::ChooseCategory)}</option>
                        {categories.clone().into_iter().map(|c| {
                            let key = c.key.clone();
                            view! { <option value=c.key.clone() selected=move || category_key.get() == key>{c.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldProblems field="category" problems=live />
                </p>
                <p class="field">
                    <label for="app-title">{tr(T::TitleLabel)}</label>
                    <input id="app-title" maxlength="200" aria-describedby=problems_id("title") aria-invalid=has("title")
                        prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) />
                    <FieldProblems field="title" problems=live />
                </p>
                <p class="field">
                    <label for="app-description">{tr(T::Description)}</label>
                    <textarea id="app-description" rows="6" maxlength="10000" aria-describedby=problems_id("description") aria-invalid=has("description")
                        prop:value=description on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    <FieldProblems field="description" problems=live />
                </p>
                <fieldset class="checks" aria-describedby=problems_id("themes")>
                    <legend>{tr(T::Themes)}</legend>
                    {scheme_themes.into_iter().map(|th| {
                        let (check_key, set_key, name) = (th.clone(), th.clone(), th.clone());
                        let input = format!("app-theme-{th}");
                        view! { <p class="field checkbox">
                            <input id=input.clone() type="checkbox" prop:checked=move || themes.with(|l| l.contains(&check_key))
                                on:change=move |ev| toggle(themes, &set_key, event_target_checked(&ev)) />
                            <label for=input>{move || labels::theme(lang.get(), &name)}</label>
                        </p> }
                    }).collect_view()}
                    <FieldProblems field="themes" problems=live />
                </fieldset>
                <fieldset class="checks">
                    <legend>{tr(T::TargetGroups)}</legend>
                    {TargetGroup::ALL.iter().map(|&group| {
                        let g = group.as_str();
                        let input = format!("app-tg-{g}");
                        view! { <p class="field checkbox">
                            <input id=input.clone() type="checkbox" prop:checked=move || target_groups.with(|l| l.iter().any(|x| x == g))
                                on:change=move |ev| toggle(target_groups, g, event_target_checked(&ev)) />
                            <label for=input>{move || labels::target_group(lang.get(), group)}</label>
                        </p> }
                    }).collect_view()}
                    <FieldProblems field="target_groups" problems=live />
                </fieldset>
                <p class="field checkbox">
                    <input id="app-coaching" type="checkbox" prop:checked=coaching on:change=move |ev| coaching.set(event_target_checked(&ev)) />
                    <label for="app-coaching">{tr(T::WantCoaching)}</label>
                </p>
            </section>
            <section aria-labelledby="step-where" class="step">
                <h2 id="step-where">{tr(T::StepWhere)}</h2>
                <p class="field">
                    <label for="app-scope">{tr(T::Where)}</label>
                    <select id="app-scope" aria-describedby=problems_id("scope") on:change=move |ev| {
                        let value = event_target_value(&ev);
                        chosen_wijken.update(|w| match value.as_str() {
                            "city" => w.clear(),
                            "wijk" => w.truncate(1),
                            _ => {}
                        });
                        scope.set(value);
                    }>
                        {ApplicationScope::ALL.iter().map(|&s| view! {
                            <option value=s.as_str() selected=move || scope.get() == s.as_str()>{move || labels::scope(lang.get(), s)}</option>
                        }).collect_view()}
                    </select>
                    <FieldProblems field="scope" problems=live />
                </p>
                {
                    let options = wijk_options.clone();
                    move || match scope.get().as_str() {
                        "wijk" => {
                            let options = options.clone();
                            view! {
                                <p class="field">
                                    <label for="app-wijk">{tr(T::Wijk)}</label>
                                    <select id="app-wijk" aria-describedby=problems_id("wijken") on:change=move |ev| {
                                        let nr: Option<i16> = event_target_value(&ev).parse().ok();
                                        chosen_wijken.set(nr.into_iter().collect());
                                    }>
                                        <option value="">{tr(T::ChooseWijk)}</option>
                                        {options.into_iter().map(|w| {
                                            let nr = w.wijknr;
                                            view! { <option value=nr.to_string() selected=move || chosen_wijken.with(|c| c.first() == Some(&nr))>{w.name.clone()}</option> }
                                        }).collect_view()}
                                    </select>
                                    <FieldProblems field="wijken" problems=live />
                                </p>
                            }.into_any()
                        }
                        "wijken" => {
                            let options = options.clone();
                            view! {
                                <fieldset class="checks wijk-checks" aria-describedby=problems_id("wijken")>
                                    <legend>{tr(T::Wijken)}</legend>
                                    {options.into_iter().map(|w| {
                                        let nr = w.wijknr;
                                        let input = format!("app-wijk-{nr}");
                                        view! { <p class="field checkbox">
                                            <input id=input.clone() type="checkbox" prop:checked=move || chosen_wijken.with(|c| c.contains(&nr))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen_wijken.update(|c| { c.retain(|x| *x != nr); if on { c.push(nr); c.sort_unstable(); } });
                                                } />
                                            <label for=input>{w.name.clone()}</label>
                                        </p> }
                                    }).collect_view()}
                                    <FieldProblems field="wijken" problems=live />
                                </fieldset>
                            }.into_any()
                        }
                        _ => view! { <FieldProblems field="wijken" problems=live /> }.into_any(),
                    }
                }
                <p class="field">
                    <label for="app-starts">{tr(T::FirstDay)}</label>
                    <input id="app-starts" type="date" aria-describedby=format!("{} app-starts-hint", problems_id("starts_on")) aria-invalid=has("starts_on")
                        prop:value=starts_on on:input=move |ev| starts_on.set(event_target_value(&ev)) on:change=move |ev| starts_on.set(event_target_value(&ev)) />
                    <span id="app-starts-hint" class="hint">{move || earliest().map(|d| format!("{} {d}", t(lang.get(), T::EarliestStartIs)))}</span>
                    <FieldProblems field="starts_on" problems=live />
                </p>
                <p class="field">
                    <label for="app-ends">{tr(T::LastDay)}</label>
                    <input id="app-ends" type="date" aria-describedby=format!("{} app-ends-hint", problems_id("ends_on")) aria-invalid=has("ends_on")
                        prop:value=ends_on on:input=move |ev| ends_on.set(event_target_value(&ev)) on:change=move |ev| ends_on.set(event_target_value(&ev)) />
                    <span id="app-ends-hint" class="hint">{move || format!("{} {max_months} {}", t(lang.get(), T::AtMost), t(lang.get(), T::Months))}</span>
                    <FieldProblems field="ends_on" problems=live />
                </p>
                <p class="field">
                    <label for="app-location">{tr(T::LocationLabel)}</label>
                    <input id="app-location" maxlength="300" prop:value=location on:input=move |ev| location.set(event_target_value(&ev)) />
                </p>
            </section>
            <section aria-labelledby="step-budget" class="step">
                <h2 id="step-budget">{tr(T::StepBudget)}</h2>
                <p class="hint">{move || caps.iter().map(|c| format!("{} {}% {}", t(lang.get(), T::AtMost), c.max_percent, labels::named(lang.get(), &c.kind, labels::line_kind).to_lowercase())).collect::<Vec<_>>().join(" · ")}</p>
                <For each=move || lines.get() key=|l| l.key children=move |line: Line| {
                    let index = move || lines.with(|ls| ls.iter().position(|x| x.key == line.key).unwrap_or(0));
                    let base = format!("line-{}", line.key);
                    let (kind_id, desc_id, amount_id, err_id) = (format!("{base}-kind"), format!("{base}-desc"), format!("{base}-amount"), format!("{base}-problems"));
                    let describe = err_id.clone();
                    let line_problems = move || {
                        let prefix = format!("budget_lines[{}]", index());
                        live.with(|l| l.iter().filter(|p| p.field.starts_with(&prefix)).map(|p| p.text.clone()).collect::<Vec<_>>())
                    };
                    let not_amount = move || { let a = line.amount.get(); !a.trim().is_empty() && format::parse_euro(&a).is_none() };
                    view! {
                        <fieldset class="budget-line" aria-describedby=describe>
                            <legend>{move || format!("{} {}", t(lang.get(), T::BudgetLine), index() + 1)}</legend>
                            <p class="field">
                                <label for=kind_id.clone()>{tr(T::KindOfCost)}</label>
                                <select id=kind_id on:change=move |ev| line.kind.set(event_target_value(&ev))>
                                    {LineKind::ALL.iter().map(|&k| view! {
                                        <option value=k.as_str() selected=move || line.kind.get() == k.as_str()>{move || labels::line_kind(lang.get(), k)}</option>
                                    }).collect_view()}
                                </select>
                            </p>
                            <p class="field">
                                <label for=desc_id.clone()>{tr(T::WhatForLine)}</label>
                                <input id=desc_id maxlength="300" prop:value=line.description on:input=move |ev| line.description.set(event_target_value(&ev)) />
                            </p>
                            <p class="field">
                                <label for=amount_id.clone()>{tr(T::AmountEuro)}</label>
                                <input id=amount_id inputmode="decimal" autocomplete="off" prop:value=line.amount
                                    aria-invalid=move || not_amount().to_string()
                                    on:input=move |ev| line.amount.set(event_target_value(&ev)) />
                            </p>
                            <div id=err_id class="field-problems" aria-live="polite">
                                {move || not_amount().then(|| view! { <p class="error">{tr(T::NotAnAmount)}</p> })}
                                {move || line_problems().into_iter().map(|p| view! { <p class="error">{p}</p> }).collect_view()}
                            </div>
                            <button type="button" class="secondary" on:click=move |_| lines.update(|ls| ls.retain(|x| x.key != line.key))>
                                {move || format!("{} {}", t(lang.get(), T::RemoveLine), index() + 1)}
                            </button>
                        </fieldset>
                    }
                } />
                <p>
                    <button type="button" class="secondary" on:click=move |_| {
                        let key = next_key.get_value();
                        next_key.set_value(key + 1);
                        let blank = BudgetLine { kind: "materials".to_owned(), description: String::new(), amount_cents: 0, actual_cents: None };
                        lines.update(|ls| ls.push(Line::new(key, &blank)));
                    }>{tr(T::AddLine)}</button>
                </p>
                <FieldProblems field="budget_lines" problems=live />
                <p class="total" aria-live="polite">{tr(T::TotalCosts)} ": " {move || euro(total(), lang.get())}</p>
                <p class="field">
                    <label for="app-requested">{tr(T::RequestedAmount)}</label>
                    {move || {
                        let flat = flat_amounts();
                        if flat.is_empty() {
                            view! {
                                <input id="app-requested" inputmode="decimal" autocomplete="off"
                                    aria-describedby=format!("{} app-requested-hint", problems_id("requested_cents")) aria-invalid=has("requested_cents")
                                    prop:value=requested on:input=move |ev| requested.set(event_target_value(&ev)) />
                            }.into_any()
                        } else {
                            view! {
                                <select id="app-requested" aria-describedby=format!("{} app-requested-hint", problems_id("requested_cents"))
                                    on:change=move |ev| requested.set(event_target_value(&ev))>
                                    <option value="" selected=move || format::parse_euro(&requested.get()).is_none()>{tr(T::ChooseAmount)}</option>
                                    {flat.into_iter().map(|c| view! {
                                        <option value=format::euro_input(c) selected=move || format::parse_euro(&requested.get()) == Some(c)>{move || euro(c, lang.get())}</option>
                                    }).collect_view()}
                                </select>
                            }.into_any()
                        }
                    }}
                    <span id="app-requested-hint" class="hint">{move || range().map(|(min, max)| format!("{} {} – {}", t(lang.get(), T::Between), euro(min, lang.get()), euro(max, lang.get())))}</span>
                    <span class="error">{move || { let r = requested.get(); (!r.trim().is_empty() && format::parse_euro(&r).is_none()).then(|| t(lang.get(), T::NotAnAmount)) }}</span>
                    <FieldProblems field="requested_cents" problems=live />
                </p>
            </section>
            <section aria-labelledby="step-cosign" class="step">
                <h2 id="step-cosign">{tr(T::StepCosign)}</h2>
                {move || server.with(|s| if s.cosignatures_required == 0 {
                    view! { <p>{tr(T::NoCosignaturesNeeded)}</p> }.into_any()
                } else {
                    let (have, need) = (s.cosignatures, s.cosignatures_required);
                    view! {
                        <p class="cosign-count">{move || format!("{have} {} {need} {}", t(lang.get(), T::Of), t(lang.get(), T::CosignaturesLower))}</p>
                        <p class="hint">{tr(T::CosignHow)}</p>
                    }.into_any()
                })}
                <FieldProblems field="cosignatures" problems=live />
                <Show when=move || server.with(|s| s.cosignatures_required > 0)>
                    <p>
                        <button type="button" class="secondary" on:click=make_link.clone()>{tr(T::MakeCosignLink)}</button> " "
                        <button type="button" class="secondary" on:click=refresh.clone()>{tr(T::RefreshCount)}</button>
                    </p>
                </Show>
                {move || link.get().map(|l| view! {
                    <p class="field">
                        <label for="app-cosign-link">{tr(T::ShareThisLink)}</label>
                        <input id="app-cosign-link" readonly=true prop:value=l.url.clone() aria-describedby="app-cosign-expiry" />
                        <span id="app-cosign-expiry" class="hint">{tr(T::LinkValidUntil)} " " {format::date(&l.expires_at)}</span>
                    </p>
                })}
                {move || cosign_message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            </section>
            <section aria-labelledby="step-files" class="step">
                <h2 id="step-files">{tr(T::StepFiles)}</h2>
                <AttachmentList app=server editable=true />
                <p class="field">
                    <label for="app-attachment">{tr(T::AddAttachment)}</label>
                    <input id="app-attachment" type="file" accept="application/pdf,image/jpeg,image/png,image/webp" on:change=upload />
                    {move || file_message.get().map(|m| view! { <span class="error" role="alert">{m}</span> })}
                </p>
            </section>
            <section aria-labelledby="step-check" class="step">
                <h2 id="step-check">{tr(T::StepCheck)}</h2>
                {move || live.with(|list| if list.is_empty() {
                    view! { <p class="success">{tr(T::AllInOrder)}</p> }.into_any()
                } else {
                    view! {
                        <p>{tr(T::StillToDo)}</p>
                        <ul class="problem-list">{list.iter().map(|p| {
                            let label = field_label(&p.field);
                            view! { <li><strong>{move || t(lang.get(), label)}</strong> ": " {p.text.clone()}</li> }
                        }).collect_view()}</ul>
                    }.into_any()
                })}
                {move || server_shown().map(|list| view! {
                    <div class="server-problems" role="alert">
                        <p class="error">{tr(T::NotAccepted)}</p>
                        <ul class="problem-list">{list.into_iter().map(|p| {
                            let label = field_label(&p.field);
                            view! { <li><strong>{move || t(lang.get(), label)}</strong> ": " {p.text}</li> }
                        }).collect_view()}</ul>
                    </div>
                })}
                {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="button" class="primary" disabled=move || submitting.get() on:click=submit>{tr(T::SubmitApplication)}</button>
            </section>
            </form>
        </article>
    }
}

/// The files of an application; the owner of a draft can remove them.
#[component]
fn AttachmentList(app: RwSignal<Application>, editable: bool) -> impl IntoView {
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    view! {
        {move || app.with(|a| if a.attachments.is_empty() {
            view! { <p>{tr(T::NoAttachments)}</p> }.into_any()
        } else {
            let app_id = a.id.clone();
            view! {
                <ul class="attachments">{a.attachments.iter().map(|f| {
                    let (file_id, remove_id, app_id) = (f.id.clone(), f.id.clone(), app_id.clone());
                    let (name, content_type) = (f.name.clone(), f.content_type.clone());
                    let download = move |_| {
                        let (id, name, content_type) = (file_id.clone(), name.clone(), content_type.clone());
                        spawn_local(async move {
                            let result = match api::authed(&session) {
                                Ok(c) => c.attachment(&id).await.map_err(|e| error_text(&e)),
                                Err(e) => Err(e),
                            };
                            match result.and_then(|bytes| crate::download::save(&name, &content_type, &bytes)) {
                                Ok(()) => {}
                                Err(e) => message.set(Some(e)),
                            }
                        });
                    };
                    let remove = move |_| {
                        let (id, app_id) = (remove_id.clone(), app_id.clone());
                        spawn_local(async move {
                            let result = match api::authed(&session) {
                                Ok(c) => c.remove_attachment(&app_id, &id).await.map_err(|e| error_text(&e)),
                                Err(e) => Err(e),
                            };
                            match result {
                                Ok(updated) => app.set(updated),
                                Err(e) => message.set(Some(e)),
                            }
                        });
                    };
                    let size = f.size;
                    view! {
                        <li>
                            {f.name.clone()} " "
                            <span class="meta">{format!("{} · {} kB", f.content_type, (size + 1023) / 1024)}</span> " "
                            <button type="button" class="secondary" on:click=download>{tr(T::Download)}
                                <span class="visually-hidden">{format!(" {}", f.name)}</span></button>
                            {editable.then(|| view! { " " <button type="button" class="secondary" on:click=remove.clone()>{tr(T::Remove)}
                                <span class="visually-hidden">{format!(" {}", f.name)}</span></button> })}
                        </li>
                    }
                }).collect_view()}</ul>
            }.into_any()
        })}
        {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
    }
}

/// A submitted application, read-only, with what the caller may do with it.
#[component]
fn ApplicationView(
    app: Application,
    scheme: Scheme,
    wijken: Vec<Wijk>,
    mine: bool,
    version: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let d = app.draft.clone();
    let status = app.status;
    let category_name = category(&scheme.rules, &d.category)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| d.category.clone());
    let wijk_names = d
        .wijken
        .iter()
        .map(|nr| {
            wijken
                .iter()
                .find(|w| w.wijknr == *nr)
                .map(|w| w.name.clone())
                .unwrap_or_else(|| nr.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let scope = d.scope.clone();
    let kind = app.applicant_kind;
    let themes = d.themes.clone();
    let groups = d.target_groups.clone();
    let lines = d.budget_lines.clone();
    let requested = d.requested_cents;
    let decided = app.decided_cents;
    let partial = app.partial;
    let rejected = app.status == "rejected";
    let reason = app.decision_reason.clone();
    let withdrawable =
        mine && matches!(app.status.as_str(), "submitted" | "in_review" | "approved");
    let reportable = mine && app.status == "paid";
    let in_review = app.status == "in_review";
    let scheme_id = scheme.id.clone();
    let criteria = scheme.rules.criteria.clone();
    let files = RwSignal::new(app.clone());
    let id = app.id.clone();
    let staff = move || session.me.get().is_some_and(|m| is_programme_staff(&m));
    let jury = move || {
        session
            .me
            .get()
            .is_some_and(|m| is_jury(&m, Some(&scheme_id)))
    };
    set_title(if d.title.is_empty() {
        t(lang.get_untracked(), T::Application)
    } else {
        &d.title
    });
    let status_class = format!("status status-{}", app.status);
    view! {
        <article class="application-page">
            <h1>{if d.title.is_empty() { t(lang.get_untracked(), T::Untitled).to_owned() } else { d.title.clone() }}</h1>
            <p class="meta">
                {app.scheme_name.clone()} " · " {category_name}
                " · " {app.organisation_name.clone().unwrap_or_default()}
                " (" {move || labels::applicant_kind(lang.get(), kind)} ")"
            </p>
            <p class=status_class>{tr(T::Status)} ": " <strong>{move || labels::application_status(lang.get(), status)}</strong>
                {app.deadline.clone().map(|dl| view! { " · " {tr(T::JuryDeadline)} " " {dl} })}</p>
            {(decided.is_some() || reason.is_some()).then(|| view! {
                <section class="decision" aria-labelledby="decision-title">
                    <h2 id="decision-title">{tr(T::Decision)}</h2>
                    <dl class="facts">
                        {decided.map(|c| view! {
                            <dt>{tr(T::GrantedAmount)}</dt>
                            <dd class="granted">{move || if partial {
                                format!("{} ({} {} {})", euro(c, lang.get()), t(lang.get(), T::PartialOf), euro(requested, lang.get()), t(lang.get(), T::Requested).to_lowercase())
                            } else {
                                euro(c, lang.get())
                            }}</dd>
                        })}
                        {rejected.then(|| view! { <dt>{tr(T::Outcome)}</dt><dd>{tr(T::Rejected)}</dd> })}
                        {reason.clone().map(|r| view! { <dt>{tr(T::Reason)}</dt><dd class="decision-reason">{r}</dd> })}
                        {app.paid_cents.map(|c| view! { <dt>{tr(T::Paid)}</dt><dd>{move || euro(c, lang.get())}</dd> })}
                    </dl>
                </section>
            })}
            <section aria-labelledby="details-title">
                <h2 id="details-title">{tr(T::AboutInitiative)}</h2>
                <p class="idea-body">{d.description.clone()}</p>
                <dl class="facts">
                    <dt>{tr(T::Themes)}</dt><dd>{move || themes.iter().map(|x| labels::theme(lang.get(), x)).collect::<Vec<_>>().join(", ")}</dd>
                    <dt>{tr(T::TargetGroups)}</dt><dd>{move || groups.iter().map(|x| labels::named(lang.get(), x, labels::target_group)).collect::<Vec<_>>().join(", ")}</dd>
                    <dt>{tr(T::Where)}</dt><dd>{move || labels::named(lang.get(), &scope, labels::scope)} {(!wijk_names.is_empty()).then(|| format!(": {wijk_names}"))}</dd>
                    <dt>{tr(T::When)}</dt><dd>{d.starts_on.clone().unwrap_or_default()} " – " {d.ends_on.clone().unwrap_or_default()}</dd>
                    {(!d.location.is_empty()).then(|| view! { <dt>{tr(T::LocationLabel)}</dt><dd>{d.location.clone()}</dd> })}
                    <dt>{tr(T::RequestedAmount)}</dt><dd>{move || euro(requested, lang.get())}</dd>
                    {(app.cosignatures_required > 0).then(|| view! { <dt>{tr(T::Cosignatures)}</dt><dd>{app.cosignatures} " / " {app.cosignatures_required}</dd> })}
                </dl>
                <table class="results budget">
                    <caption>{tr(T::BudgetLines)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::KindOfCost)}</th>
                        <th scope="col">{tr(T::WhatForLine)}</th>
                        <th scope="col">{tr(T::Planned)}</th>
                        <th scope="col">{tr(T::Actual)}</th>
                    </tr></thead>
                    <tbody>{lines.clone().into_iter().map(|l| view! {
                        <tr>
                            <td>{let k = l.kind.clone(); move || labels::named(lang.get(), &k, labels::line_kind)}</td>
                            <td>{l.description.clone()}</td>
                            <td class="num">{move || euro(l.amount_cents, lang.get())}</td>
                            <td class="num">{move || l.actual_cents.map(|c| euro(c, lang.get())).unwrap_or_else(|| "–".to_owned())}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
                <h3>{tr(T::Attachments)}</h3>
                <AttachmentList app=files editable=false />
            </section>
            {app.report.clone().map(|r| view! {
                <section aria-labelledby="report-title">
                    <h2 id="report-title">{tr(T::FinalReport)}</h2>
                    <p class="idea-body">{r.narrative.clone()}</p>
                    <p>{tr(T::ActualTotal)} ": " {move || euro(r.actual_total_cents, lang.get())} " · " {format::date(&r.submitted_at)}</p>
                    {r.review.clone().map(|v| view! { <p class="notice">{tr(T::ReviewOfReport)} ": " {v}</p> })}
                </section>
            })}
            <section aria-labelledby="timeline-title">
                <h2 id="timeline-title">{tr(T::Timeline)}</h2>
                <ol class="history timeline">{app.timeline.iter().map(|e| {
                    let (status, by) = (e.status, e.by.clone());
                    view! {
                        <li><time datetime=e.at.clone()>{format::date(&e.at)}</time> " "
                            <strong>{move || labels::application_status(lang.get(), status)}</strong>
                            " (" {move || labels::event_by(lang.get(), &by)} ")"
                            {e.reason.clone().map(|r| format!(": {r}"))}</li>
                    }
                }).collect_view()}</ol>
            </section>
            {reportable.then(|| view! { <ReportForm id=id.clone() lines=lines.clone() version=version /> })}
            {withdrawable.then(|| view! { <WithdrawForm id=id.clone() version=version /> })}
            {
                let id = id.clone();
                move || (in_review && jury()).then(|| view! { <JuryScoreForm id=id.clone() criteria=criteria.clone() /> })
            }
            {
                let id = id.clone();
                move || staff().then(|| view! {
                    <section class="staff" aria-labelledby="staff-title">
                        <h2 id="staff-title">{tr(T::ForProgrammeStaff)}</h2>
                        <StaffPanel id=id.clone() on_change=Callback::new(move |_| version.update(|v| *v += 1)) />
                    </section>
                })
            }
        </article>
    }
}

/// The owner withdraws, with a reason.
#[component]
fn WithdrawForm(id: String, version: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, why) = (id.clone(), reason.get_untracked());
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .withdraw_application(&id, why.trim())
                    .await
                    .map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <form class="decision-form withdraw" on:submit=submit>
            <h2>{tr(T::Withdraw)}</h2>
            <p class="field"><label for="withdraw-reason">{tr(T::WhyWithdraw)}</label>
                <textarea id="withdraw-reason" rows="2" required=true maxlength="2000" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <button type="submit">{tr(T::Withdraw)}</button>
        </form>
    }
}

/// The final report of a paid grant: how it went and what each budget line really cost.
#[component]
fn ReportForm(id: String, lines: Vec<BudgetLine>, version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let narrative = RwSignal::new(String::new());
    let actual: Vec<RwSignal<String>> = lines
        .iter()
        .map(|l| RwSignal::new(format::euro_input(l.actual_cents.unwrap_or(l.amount_cents))))
        .collect();
    let message = RwSignal::new(None::<String>);
    let values = actual.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut cents = Vec::new();
        for v in &values {
            match format::parse_euro(&v.get_untracked()) {
                Some(c) => cents.push(c),
                None => {
                    message.set(Some(t(lang.get_untracked(), T::NotAnAmount).to_owned()));
                    return;
                }
            }
        }
        let body = ReportInput {
            narrative: narrative.get_untracked().trim().to_owned(),
            actual_cents: cents,
        };
        let id = id.clone();
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .submit_report(&id, &body)
                    .await
                    .map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <form class="decision-form report-form" on:submit=submit>
            <h2>{tr(T::FinalReport)}</h2>
            <p class="field"><label for="report-narrative">{tr(T::HowDidItGo)}</label>
                <textarea id="report-narrative" rows="5" required=true maxlength="10000" prop:value=narrative on:input=move |ev| narrative.set(event_target_value(&ev))></textarea></p>
            <fieldset>
                <legend>{tr(T::ActualCosts)}</legend>
                {lines.into_iter().zip(actual).enumerate().map(|(i, (l, value))| {
                    let input = format!("report-line-{i}");
                    let kind = l.kind.clone();
                    view! {
                        <p class="field"><label for=input.clone()>{move || format!("{} – {}", labels::named(lang.get(), &kind, labels::line_kind), l.description)}</label>
                            <input id=input inputmode="decimal" required=true prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) /></p>
                    }
                }).collect_view()}
            </fieldset>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <button type="submit">{tr(T::SubmitReport)}</button>
        </form>
    }
}

/// A jury member scores every criterion (0–10, with a comment), or steps aside.
#[component]
fn JuryScoreForm(id: String, criteria: Vec<Criterion>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let fields: Vec<(Criterion, RwSignal<String>, RwSignal<String>)> = criteria
        .into_iter()
        .map(|c| {
            (
                c,
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
            )
        })
        .collect();
    let message = RwSignal::new(None::<(bool, String)>);
    let values = fields.clone();
    let score_id = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut scores = Vec::new();
        for (c, score, comment) in &values {
            match score.get_untracked().trim().parse::<i32>() {
                Ok(s) if (0..=10).contains(&s) => scores.push(CriterionScore {
                    criterion: c.key.clone(),
                    score: s,
                    comment: comment.get_untracked().trim().to_owned(),
                }),
                _ => {
                    message.set(Some((
                        false,
                        format!("{}: {}", c.name, t(lang.get_untracked(), T::ScoreRange)),
                    )));
                    return;
                }
            }
        }
        let id = score_id.clone();
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .score_application(&id, &ScoresInput { scores })
                    .await
                    .map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            message.set(Some(match result {
                Ok(_) => (true, t(lang.get_untracked(), T::ScoresSaved).to_owned()),
                Err(e) => (false, e),
            }));
        });
    };
    let conflict = move |_| {
        let id = id.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c.declare_conflict(&id).await.map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => navigate("/subsidies/jury", Default::default()),
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    view! {
        <section class="jury-scores" aria-labelledby="jury-title">
            <h2 id="jury-title">{tr(T::JuryScoring)}</h2>
            <form class="score-form" on:submit=submit>
                {fields.into_iter().map(|(c, score, comment)| {
                    let (score_id, comment_id) = (format!("score-{}", c.key), format!("comment-{}", c.key));
                    view! {
                        <fieldset class="criterion">
                            <legend>{c.name.clone()} " " {move || format!("({} {})", t(lang.get(), T::Weight), c.weight)}</legend>
                            <p class="field"><label for=score_id.clone()>{tr(T::ScoreLabel)}</label>
                                <input id=score_id type="number" min="0" max="10" step="1" required=true prop:value=score on:input=move |ev| score.set(event_target_value(&ev)) /></p>
                            <p class="field"><label for=comment_id.clone()>{tr(T::Comment)}</label>
                                <textarea id=comment_id rows="2" maxlength="2000" prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev))></textarea></p>
                        </fieldset>
                    }
                }).collect_view()}
                {move || message.get().map(|(ok, m)| view! { <p class=if ok { "success" } else { "error" } role="status">{m}</p> })}
                <button type="submit">{tr(T::SaveScores)}</button>
            </form>
            <p class="hint">{tr(T::ConflictHelp)}</p>
            <button type="button" class="secondary" on:click=conflict>{tr(T::DeclareConflict)}</button>
        </section>
    }
}

/// What programme staff do with an application: read the jury's advice, decide, register the
/// payment, review the final report. Loads the application itself; `on_change` after an action.
#[component]
pub(crate) fn StaffPanel(id: String, on_change: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let load_id = id.clone();
    let data = LocalResource::new(move || {
        version.track();
        let id = load_id.clone();
        async move {
            let client = api::authed(&session)?;
            let app = client
                .get_application(&id)
                .await
                .map_err(|e| error_text(&e))?
                .ok_or_else(|| t(lang.get_untracked(), T::NotFoundTitle).to_owned())?;
            let advice = if app.deadline.is_some() {
                client.application_advice(&id).await.ok()
            } else {
                None
            };
            Ok::<_, String>((app, advice))
        }
    });
    let changed = move || {
        version.update(|v| *v += 1);
        on_change.run(());
    };
    view! {
        <div class="staff-panel">
            <Transition fallback=move || view! { <p class="loading">{tr(T::Loading)}</p> }>
                {move || data.get().map(|r| match r {
                    Ok((app, advice)) => {
                        let status = app.status;
                        let waiting = app.status == "submitted" && app.deadline.is_some();
                        let decidable = !waiting && matches!(app.status.as_str(), "submitted" | "in_review");
                        view! {
                            <p class="meta">{app.draft.title.clone()} " · " {tr(T::Status)} ": "
                                <strong>{move || labels::application_status(lang.get(), status)}</strong></p>
                            {advice.map(|a| view! { <AdviceView advice=a /> })}
                            {waiting.then(|| view! { <p class="notice">{tr(T::WaitsForJury)} " " {app.deadline.clone().unwrap_or_default()}</p> })}
                            {decidable.then(|| view! { <DecisionForm id=app.id.clone() requested=app.draft.requested_cents changed=Callback::new(move |_| changed()) /> })}
                            {(app.status == "approved").then(|| view! { <PaymentForm id=app.id.clone() changed=Callback::new(move |_| changed()) /> })}
                            {(app.status == "report_submitted").then(|| view! { <ReviewReportForm app=app.clone() changed=Callback::new(move |_| changed()) /> })}
                        }.into_any()
                    }
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn AdviceView(advice: samenstad_types::subsidies::Advice) -> impl IntoView {
    let lang = use_lang();
    let fmt = |x: f64, lang: Lang| {
        let s = crate::format::fixed(x, 1);
        if lang == Lang::Nl {
            s.replace('.', ",")
        } else {
            s
        }
    };
    let (reviewers, conflicts) = (advice.reviewers, advice.conflicts);
    let weighted = advice.weighted_average;
    view! {
        <section class="advice">
            <h3>{tr(T::JuryAdvice)}</h3>
            <p>{move || format!("{}: {reviewers} · {}: {conflicts}", t(lang.get(), T::ReviewersScored), t(lang.get(), T::ConflictsDeclared))}</p>
            {(!advice.criteria.is_empty()).then(|| view! {
                <table class="results advice-table">
                    <thead><tr>
                        <th scope="col">{tr(T::Criterion)}</th>
                        <th scope="col">{tr(T::Weight)}</th>
                        <th scope="col">{tr(T::AverageScore)}</th>
                    </tr></thead>
                    <tbody>{advice.criteria.clone().into_iter().map(|c| view! {
                        <tr><th scope="row">{c.name.clone()}</th><td class="num">{c.weight}</td>
                            <td class="num">{move || fmt(c.average, lang.get())}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
            <p class="weighted">{tr(T::WeightedAverage)} ": "
                <strong>{move || weighted.map(|w| format!("{} / 10", fmt(w, lang.get()))).unwrap_or_else(|| "–".to_owned())}</strong></p>
            {(!advice.scores.is_empty()).then(|| view! {
                <details>
                    <summary>{tr(T::AllScores)}</summary>
                    <ul>{advice.scores.clone().into_iter().map(|r| {
                        let names = advice.criteria.clone();
                        let name = move |key: &str| names.iter().find(|c| c.criterion == key).map_or_else(|| key.to_owned(), |c| c.name.clone());
                        view! {
                        <li>{move || format!("{} {}", t(lang.get(), T::Reviewer), r.reviewer)}
                            <ul>{r.scores.iter().map(|s| view! {
                                <li>{format!("{}: {}", name(&s.criterion), s.score)} {(!s.comment.is_empty()).then(|| format!(" – {}", s.comment))}</li>
                            }).collect_view()}</ul>
                        </li>
                    }}).collect_view()}</ul>
                </details>
            })}
        </section>
    }
}

#[component]
fn DecisionForm(id: String, requested: i64, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let outcome = RwSignal::new("full".to_owned());
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let lang_now = lang.get_untracked();
            let why = reason.get_untracked().trim().to_owned();
            if why.is_empty() {
                message.set(Some(t(lang_now, T::ReasonRequired).to_owned()));
                return;
            }
            let body = match outcome.get_untracked().as_str() {
                "reject" => DecisionInput {
                    outcome: "reject".to_owned(),
                    amount_cents: None,
                    reason: why,
                },
                "partial" => match format::parse_euro(&amount.get_untracked()) {
                    Some(c) if c > 0 && c < requested => DecisionInput {
                        outcome: "approve".to_owned(),
                        amount_cents: Some(c),
                        reason: why,
                    },
                    _ => {
                        message.set(Some(format!(
                            "{} {}",
                            t(lang_now, T::PartialAmountHelp),
                            euro(requested, lang_now)
                        )));
                        return;
                    }
                },
                _ => DecisionInput {
                    outcome: "approve".to_owned(),
                    amount_cents: Some(requested),
                    reason: why,
                },
            };
            let id = id.clone();
            spawn_local(async move {
                let result = match api::authed(&session) {
                    Ok(c) => c
                        .decide_application(&id, &body)
                        .await
                        .map_err(|e| error_text(&e)),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(_) => changed.run(()),
                    Err(e) => message.set(Some(e)),
                }
            });
        }
    };
    let radio = move |value: &'static str, label: T| {
        let input = format!("outcome-{value}-{id}");
        let name = format!("outcome-{id}");
        view! {
            <p class="field checkbox">
                <input id=input.clone() type="radio" name=name value=value prop:checked=move || outcome.get() == value
                    on:change=move |_| outcome.set(value.to_owned()) />
                <label for=input>{tr(label)}</label>
            </p>
        }
    };
    view! {
        <form class="decision-form" on:submit=submit>
            <fieldset>
                <legend>{move || format!("{} ({} {})", t(lang.get(), T::Decision), t(lang.get(), T::Requested).to_lowercase(), euro(requested, lang.get()))}</legend>
                {radio("full", T::ApproveFull)}
                {radio("partial", T::ApprovePartial)}
                {radio("reject", T::RejectApplication)}
            </fieldset>
            <Show when=move || outcome.get() == "partial">
                <p class="field"><label for="decision-amount">{tr(T::GrantedAmountEuro)}</label>
                    <input id="decision-amount" inputmode="decimal" autocomplete="off" required=true prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev)) /></p>
            </Show>
            <p class="field"><label for="decision-reason">{tr(T::ReasonForApplicant)}</label>
                <textarea id="decision-reason" rows="3" required=true maxlength="4000" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <button type="submit">{tr(T::SaveDecision)}</button>
        </form>
    }
}

#[component]
fn PaymentForm(id: String, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let reference = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, r) = (id.clone(), reference.get_untracked().trim().to_owned());
        spawn_local(async move {
            let result = match api::authed(&session) {
                Ok(c) => c
                    .register_payment(&id, &r)
                    .await
                    .map_err(|e| error_text(&e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(_) => changed.run(()),
                Err(e) => message.set(Some(e)),
            }
        });
    };
    view! {
        <form class="decision-form payment-form" on:submit=submit>
            <p class="field"><label for="payment-reference">{tr(T::PaymentReference)}</label>
                <input id="payment-reference" required=true maxlength="100" prop:value=reference on:input=move |ev| reference.set(event_target_value(&ev)) /></p>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <button type="submit">{tr(T::RegisterPayment)}</button>
        </form>
    }
}

#[component]
fn ReviewReportForm(app: Application, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let id = app.id.clone();
    let review = move |accepted: bool| {
        let id = id.clone();
        move |_| {
            let why = reason.get_untracked().trim().to_owned();
            if why.is_empty() {
                message.set(Some(t(lang.get_untracked(), T::ReasonRequired).to_owned()));
                return;
            }
            let id = id.clone();
            spawn_local(async move {
                let body = ReportReview {
                    accepted,
                    reason: why,
                };
                let result = match api::authed(&session) {
                    Ok(c) => c
                        .review_report(&id, &body)
                        .await
                        .map_err(|e| error_text(&e)),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(_) => changed.run(()),
                    Err(e) => message.set(Some(e)),
                }
            });
        }
    };
    view! {
        <section class="review-report">
            <h3>{tr(T::FinalReport)}</h3>
            {app.report.clone().map(|r| view! {
                <p class="idea-body">{r.narrative.clone()}</p>
                <p>{tr(T::ActualTotal)} ": " {move || euro(r.actual_total_cents, lang.get())} " · " {tr(T::Granted)} ": "
                    {move || app.decided_cents.map(|c| euro(c, lang.get())).unwrap_or_default()}</p>
            })}
            <ul>{app.draft.budget_lines.clone().into_iter().map(|l| view! {
                <li>{l.description.clone()} ": " {move || euro(l.amount_cents, lang.get())} " → "
                    {move || l.actual_cents.map(|c| euro(c, lang.get())).unwrap_or_else(|| "–".to_owned())}</li>
            }).collect_view()}</ul>
            <p class="field"><label for="review-reason">{tr(T::Reason)}</label>
                <textarea id="review-reason" rows="2" required=true maxlength="4000" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea></p>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <p>
                <button type="button" on:click=review(true)>{tr(T::AcceptReport)}</button> " "
                <button type="button" class="secondary" on:click=review(false)>{tr(T::SendBackReport)}</button>
            </p>
        </section>
    }
}
