//! The administration console (administrators): accounts and their roles with a picker for
//! each role's scope, API clients (the secret shown once), the mail outbox, and the audit log
//! with filters and a CSV download, and the routing table of signals.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use samenstad_types::account::{
    ApiClient, ApiScope, AuditEntry, AuditExportQuery, CreateApiClient, GrantRole, ListAuditQuery,
    ListOutboxQuery, Me, Role,
};
use samenstad_types::venue::ListVenuesQuery;
use samenstad_types::{ListWijkenQuery, Wijk};

use crate::api;
use crate::app::set_title;
use crate::i18n::{Lang, use_lang};
use crate::staff::{Access, Closed, Done, Problem, access, act, pick, tx};
use crate::state::use_session;

fn is_admin(me: &Me) -> bool {
    me.roles.iter().any(|r| r.role == Role::Admin)
}

/// The console's own menu and the gate: only administrators see its pages.
#[component]
fn Console(title: (&'static str, &'static str), children: ChildrenFn) -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(pick(lang.get(), title.0, title.1)));
    let allowed = access(is_admin);
    view! {
        <h1>{move || pick(lang.get(), title.0, title.1)}</h1>
        <nav class="sub-nav" aria-label=move || pick(lang.get(), "Beheer", "Administration")>
            <A href="/admin" exact=true>{tx("Accounts en rollen", "Accounts and roles")}</A>
            <A href="/admin/clients">{tx("API-clients", "API clients")}</A>
            <A href="/admin/outbox">{tx("Uitgaande mail", "Outgoing mail")}</A>
            <A href="/admin/audit">{tx("Auditlog", "Audit log")}</A>
            <A href="/admin/signal-routes">{tx("Meldingen: wie behandelt wat", "Signals: who handles what")}</A>
        </nav>
        {move || match allowed() {
            Access::Open => children().into_any(),
            Access::Forbidden => view! {
                <p role="alert">{tx("Deze pagina is voor beheerders.", "This page is for administrators.")}</p>
            }.into_any(),
            other => view! { <Closed access=other /> }.into_any(),
        }}
    }
}

fn role_label(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Admin => pick(lang, "beheerder", "administrator"),
        Role::ProgrammeAdmin => pick(lang, "programmabeheerder", "programme administrator"),
        Role::WijkStaff => pick(lang, "medewerker van een wijk", "wijk staff"),
        Role::VenueManager => pick(lang, "beheerder van een plaats", "venue manager"),
        Role::JuryMember => pick(lang, "jurylid", "jury member"),
        Role::PanelMember => pick(lang, "lid van een wijkpanel", "panel member"),
        Role::ServiceStaff => pick(lang, "medewerker van een stadsdienst", "city service staff"),
        Role::CouncilStaff => pick(
            lang,
            "secretaris van een adviesraad",
            "advisory council staff",
        ),
    }
}

/// The names of the scopes a role can have: wijken, venues, schemes, panels and services.
#[derive(Clone, Default)]
struct Scopes {
    wijken: Vec<Wijk>,
    venues: Vec<(String, String)>,
    schemes: Vec<(String, String)>,
    panels: Vec<(String, String)>,
    services: Vec<(String, String)>,
    councils: Vec<(String, String)>,
}

impl Scopes {
    fn name(&self, id: &str) -> String {
        self.venues
            .iter()
            .chain(&self.schemes)
            .chain(&self.panels)
            .chain(&self.services)
            .chain(&self.councils)
            .find(|(i, _)| i == id)
            .map_or_else(|| id.to_owned(), |(_, n)| n.clone())
    }
}

async fn load_scopes() -> Result<Scopes, String> {
    let c = api::client()?;
    let wijken = c
        .list_wijken(&ListWijkenQuery::default())
        .await
        .map_err(|e| e.to_string())?
        .items;
    let mut venues: Vec<(String, String)> = c
        .pages(ListVenuesQuery {
            limit: Some(100),
            ..ListVenuesQuery::default()
        })
        .collect_all()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect();
    venues.sort_by(|a, b| a.1.cmp(&b.1));
    let schemes = c
        .list_schemes()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut panels = Vec::new();
    for w in &wijken {
        for p in c.list_panels(&w.slug).await.unwrap_or_default() {
            panels.push((p.id, format!("{} ({})", w.name, p.wijknr)));
        }
    }
    let services = c
        .list_city_services()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let councils = c
        .list_advisory_councils()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    Ok(Scopes {
        wijken,
        venues,
        schemes,
        panels,
        services,
        councils,
    })
}

/// `/admin`: find an account by e-mail; grant and revoke its roles.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let query = use_query_map();
    let email = RwSignal::new(query.read_untracked().get("email").unwrap_or_default());
    let found = RwSignal::new(None::<Me>);
    let message = RwSignal::new(None::<String>);
    // Kept here: the account below is drawn again after every change of its roles.
    let done = RwSignal::new(None::<String>);
    let scopes = LocalResource::new(load_scopes);
    let find = move || {
        done.set(None);
        let address = email.get_untracked().trim().to_owned();
        if address.is_empty() {
            return;
        }
        let not_found = pick(
            lang.get_untracked(),
            "Geen account met dit adres.",
            "No account has this address.",
        );
        act(
            session,
            message,
            move |c| async move { c.find_user(&address).await },
            move |me| {
                if me.is_none() {
                    message.set(Some(not_found.to_owned()));
                }
                found.set(me);
            },
        );
    };
    if !email.get_untracked().is_empty() {
        find();
    }
    view! {
        <Console title=("Accounts en rollen", "Accounts and roles")>
            <form class="find-user" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); find(); }>
                <p class="field"><label for="find-email">{tx("E-mailadres van het account", "E-mail address of the account")}</label>
                    <input id="find-email" type="email" required=true prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) /></p>
                <button type="submit">{tx("Zoeken", "Find")}</button>
            </form>
            <Problem message=message />
            <Done message=done />
            {move || found.get().map(|me| view! { <Account me=me found=found scopes=scopes done=done /> })}
        </Console>
    }
}

/// An account's roles with a revoke button each, and the form that grants one.
#[component]
fn Account(
    me: Me,
    found: RwSignal<Option<Me>>,
    scopes: LocalResource<Result<Scopes, String>>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let role = RwSignal::new(Role::WijkStaff.as_str().to_owned());
    let wijk = RwSignal::new(String::new());
    let scope = RwSignal::new(String::new());
    let (user_id, address) = (me.id.clone(), me.email.clone());
    let refresh = move || {
        let address = address.clone();
        act(
            session,
            message,
            move |c| async move { c.find_user(&address).await },
            move |me| found.set(me),
        );
    };
    let scope_names = move || scopes.get().and_then(Result::ok).unwrap_or_default();
    let grant = {
        let (user_id, refresh) = (user_id.clone(), refresh.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let r = Role::parse(&role.get_untracked()).unwrap_or(Role::WijkStaff);
            let body = GrantRole {
                role: r.as_str().to_owned(),
                wijknr: (r == Role::WijkStaff)
                    .then(|| wijk.get_untracked().parse().ok())
                    .flatten(),
                scope_id: matches!(
                    r,
                    Role::VenueManager
                        | Role::JuryMember
                        | Role::PanelMember
                        | Role::ServiceStaff
                        | Role::CouncilStaff
                )
                .then(|| scope.get_untracked())
                .filter(|s| !s.is_empty()),
            };
            let (user_id, refresh) = (user_id.clone(), refresh.clone());
            let what = role_label(lang.get_untracked(), r);
            act(
                session,
                message,
                move |c| async move { c.grant_role(&user_id, &body).await },
                move |_| {
                    done.set(Some(format!(
                        "{}: {what}",
                        pick(lang.get_untracked(), "Toegekend", "Granted")
                    )));
                    refresh();
                },
            );
        }
    };
    let needs = move |r: Role| role.get() == r.as_str();
    view! {
        <section class="account-roles">
            <h2>{me.display_name.clone()} " (" {me.email.clone()} ")"</h2>
            {if me.roles.is_empty() {
                view! { <p>{tx("Geen rollen: een bewoner.", "No roles: a resident.")}</p> }.into_any()
            } else {
                view! { <ul class="roles">{me.roles.iter().map(|r| {
                    let (role_id, user_id, refresh) = (r.id.clone(), user_id.clone(), refresh.clone());
                    let kind = r.role;
                    let scope_text = match (r.wijknr, r.scope_id.clone()) {
                        (Some(nr), _) => format!(" · wijk {nr}"),
                        (None, Some(id)) => format!(" · {}", scope_names().name(&id)),
                        _ => String::new(),
                    };
                    let label = format!("{} {}{}", pick(lang.get_untracked(), "Trek in:", "Revoke:"), role_label(lang.get_untracked(), kind), scope_text);
                    view! { <li>
                        {move || role_label(lang.get(), kind)} {scope_text.clone()} " "
                        <button type="button" aria-label=label on:click=move |_| {
                            let (role_id, user_id, refresh) = (role_id.clone(), user_id.clone(), refresh.clone());
                            let what = format!("{}: {}", pick(lang.get_untracked(), "Ingetrokken", "Revoked"), role_label(lang.get_untracked(), kind));
                            act(session, message, move |c| async move { c.revoke_role(&user_id, &role_id).await }, move |()| { done.set(Some(what)); refresh(); });
                        }>{tx("Intrekken", "Revoke")}</button>
                    </li> }
                }).collect_view()}</ul> }.into_any()
            }}
            <form class="grant-role" on:submit=grant>
                <h3>{tx("Een rol toekennen", "Grant a role")}</h3>
                <p class="field"><label for="grant-role">{tx("Rol", "Role")}</label>
                    <select id="grant-role" on:change=move |ev| { role.set(event_target_value(&ev)); scope.set(String::new()); }>
                        {Role::ALL.iter().map(|r| { let r = *r; view! { <option value=r.as_str() selected=move || role.get() == r.as_str()>{move || role_label(lang.get(), r)}</option> } }).collect_view()}
                    </select></p>
                <Show when=move || needs(Role::WijkStaff)>
                    <p class="field"><label for="grant-wijk">{tx("Wijk", "Wijk")}</label>
                        <select id="grant-wijk" required=true on:change=move |ev| wijk.set(event_target_value(&ev))>
                            <option value="">{tx("Kies een wijk", "Choose a wijk")}</option>
                            {move || scope_names().wijken.into_iter().map(|w| view! { <option value=w.wijknr.to_string()>{w.name}</option> }).collect_view()}
                        </select></p>
                </Show>
                <Show when=move || needs(Role::VenueManager) || needs(Role::JuryMember) || needs(Role::PanelMember) || needs(Role::ServiceStaff) || needs(Role::CouncilStaff)>
                    <p class="field"><label for="grant-scope">{move || if needs(Role::VenueManager) { pick(lang.get(), "Plaats", "Venue") } else if needs(Role::JuryMember) { pick(lang.get(), "Subsidieregeling", "Subsidy scheme") } else if needs(Role::ServiceStaff) { pick(lang.get(), "Stadsdienst", "City service") } else if needs(Role::CouncilStaff) { pick(lang.get(), "Adviesraad", "Advisory council") } else { pick(lang.get(), "Wijkpanel", "Panel") }}</label>
                        <select id="grant-scope" required=true on:change=move |ev| scope.set(event_target_value(&ev))>
                            <option value="">{tx("Kies", "Choose")}</option>
                            {move || {
                                let s = scope_names();
                                let list = if needs(Role::VenueManager) { s.venues } else if needs(Role::JuryMember) { s.schemes } else if needs(Role::ServiceStaff) { s.services } else if needs(Role::CouncilStaff) { s.councils } else { s.panels };
                                list.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()
                            }}
                        </select></p>
                </Show>
                <Problem message=message />
                <button type="submit">{tx("Toekennen", "Grant")}</button>
            </form>
        </section>
    }
}

/// `/admin/clients`: API clients, a new one with its secret shown once, revoking.
#[component]
pub fn AdminClientsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let clients = RwSignal::new(Vec::<ApiClient>::new());
    let created = RwSignal::new(None::<ApiClient>);
    let name = RwSignal::new(String::new());
    let residence = RwSignal::new(false);
    let signals = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let reload = move || {
        act(
            session,
            message,
            |c| async move { c.list_api_clients().await },
            move |l| clients.set(l),
        )
    };
    Effect::new(move |_| {
        if session.me.with(|m| m.as_ref().is_some_and(is_admin)) {
            reload();
        }
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateApiClient {
            name: name.get_untracked().trim().to_owned(),
            scopes: [
                (residence, ApiScope::ResidenceWrite),
                (signals, ApiScope::SignalsWrite),
            ]
            .into_iter()
            .filter(|(on, _)| on.get_untracked())
            .map(|(_, scope)| scope.as_str().to_owned())
            .collect(),
        };
        act(
            session,
            message,
            move |c| async move { c.create_api_client(&body).await },
            move |client| {
                created.set(Some(client));
                name.set(String::new());
                reload();
            },
        );
    };
    view! {
        <Console title=("API-clients", "API clients")>
            {move || created.get().map(|c| view! {
                <div class="secret" role="status">
                    <p><strong>{tx("Bewaar dit geheim nu: het wordt niet meer getoond.", "Store this secret now: it is not shown again.")}</strong></p>
                    <dl><dt>"client_id"</dt><dd><code>{c.client_id.clone()}</code></dd>
                        <dt>"client_secret"</dt><dd><code class="client-secret">{c.client_secret.clone().unwrap_or_default()}</code></dd></dl>
                </div>
            })}
            <ul class="api-clients">{move || clients.get().into_iter().map(|c| {
                let id = c.id.clone();
                let scopes = c.scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
                let label = format!("{} {}", pick(lang.get_untracked(), "Trek in:", "Revoke:"), c.name);
                view! { <li>
                    <strong>{c.name.clone()}</strong> " · " <code>{c.client_id.clone()}</code> " · " {scopes}
                    {if c.revoked {
                        view! { " · " {tx("ingetrokken", "revoked")} }.into_any()
                    } else {
                        view! { " " <button type="button" aria-label=label on:click=move |_| {
                            let id = id.clone();
                            act(session, message, move |c| async move { c.revoke_api_client(&id).await }, move |()| reload());
                        }>{tx("Intrekken", "Revoke")}</button> }.into_any()
                    }}
                </li> }
            }).collect_view()}</ul>
            <form class="new-client" on:submit=create>
                <h2>{tx("Nieuwe API-client", "New API client")}</h2>
                <p class="field"><label for="client-name">{tx("Wie gebruikt hem?", "Who uses it?")}</label>
                    <input id="client-name" required=true maxlength="200" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></p>
                <p class="field check"><input id="client-residence" type="checkbox" prop:checked=residence on:change=move |ev| residence.set(event_target_checked(&ev)) />
                    <label for="client-residence">{tx("Mag woonplaatsen registreren (residence:write)", "May record residence (residence:write)")}</label></p>
                <p class="field check"><input id="client-signals" type="checkbox" prop:checked=signals on:change=move |ev| signals.set(event_target_checked(&ev)) />
                    <label for="client-signals">{tx("Mag meldingen posten via Open311 (signals:write)", "May post signals through Open311 (signals:write)")}</label></p>
                <Problem message=message />
                <button type="submit">{tx("Client aanmaken", "Create the client")}</button>
            </form>
        </Console>
    }
}

/// `/admin/outbox`: the newest mails, by address, with their text (one-time links without
/// their token, which only the mail sent holds).
#[component]
pub fn AdminOutboxPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let to = RwSignal::new(query.read_untracked().get("to").unwrap_or_default());
    let shown = RwSignal::new(to.get_untracked());
    let mails = LocalResource::new(move || {
        let client = api::tracked(&session);
        let to = shown.get();
        async move {
            client?
                .list_outbox(&ListOutboxQuery {
                    to: Some(to.trim().to_owned()).filter(|t| !t.is_empty()),
                })
                .await
                .map_err(|e| crate::pages::subsidies::error_text(&e))
        }
    });
    view! {
        <Console title=("Uitgaande mail", "Outgoing mail")>
            <form class="outbox-filter" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); shown.set(to.get_untracked()); }>
                <p class="field"><label for="outbox-to">{tx("Aan (e-mailadres)", "To (e-mail address)")}</label>
                    <input id="outbox-to" type="email" prop:value=to on:input=move |ev| to.set(event_target_value(&ev)) /></p>
                <button type="submit">{tx("Tonen", "Show")}</button>
            </form>
            <p class="hint">{tx(
                "Eenmalige links (e-mailadres bevestigen, nieuw wachtwoord, uitnodiging) staan alleen in de verzonden mail: hier zie je {one-time-token}.",
                "One-time links (confirm an e-mail address, new password, invitation) exist only in the mail sent: here you see {one-time-token}.",
            )}</p>
            <Transition fallback=|| ()>
                {move || mails.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p>{tx("Geen mails.", "No mails.")}</p> }.into_any(),
                    Ok(list) => view! { <ul class="outbox">{list.into_iter().map(|m| view! {
                        <li class=format!("mail template-{}", m.template)>
                            <details>
                                <summary>{crate::format::date_time(&m.created_at)} " · " {m.to.clone()} " · " {m.subject.clone()} " · " {m.status.as_str()}</summary>
                                <pre class="mail-body">{m.body.clone()}</pre>
                            </details>
                        </li>
                    }).collect_view()}</ul> }.into_any(),
                    Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                })}
            </Transition>
        </Console>
    }
}

/// `/admin/audit`: the audit log, newest first, with filters, more pages, and a CSV download.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let action = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    let object = RwSignal::new(String::new());
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let cursor = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let text =
        |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
    let load = move |more: bool| {
        let query = ListAuditQuery {
            action: text(action),
            actor: text(actor),
            object_id: text(object),
            limit: Some(50),
            cursor: if more { cursor.get_untracked() } else { None },
        };
        act(
            session,
            message,
            move |c| async move { c.list_audit(&query).await },
            move |page| {
                cursor.set(page.next_cursor.clone());
                if more {
                    entries.update(|e| e.extend(page.items));
                } else {
                    entries.set(page.items);
                }
            },
        );
    };
    Effect::new(move |_| {
        if session.me.with(|m| m.as_ref().is_some_and(is_admin)) {
            load(false);
        }
    });
    let download = move |_| {
        let query = AuditExportQuery {
            action: text(action),
            actor: text(actor),
            object_id: text(object),
        };
        act(
            session,
            message,
            move |c| async move { c.audit_csv(&query).await },
            move |csv: String| {
                if let Err(e) = crate::download::save("audit.csv", "text/csv", csv.as_bytes()) {
                    message.set(Some(e));
                }
            },
        );
    };
    view! {
        <Console title=("Auditlog", "Audit log")>
            <form class="audit-filter" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); load(false); }>
                <p class="field"><label for="audit-action">{tx("Handeling (bv. role.granted)", "Action (e.g. role.granted)")}</label>
                    <input id="audit-action" prop:value=action on:input=move |ev| action.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="audit-actor">{tx("Door account (id)", "By account (id)")}</label>
                    <input id="audit-actor" prop:value=actor on:input=move |ev| actor.set(event_target_value(&ev)) /></p>
                <p class="field"><label for="audit-object">{tx("Over object (id)", "About object (id)")}</label>
                    <input id="audit-object" prop:value=object on:input=move |ev| object.set(event_target_value(&ev)) /></p>
                <button type="submit">{tx("Filteren", "Filter")}</button>
                " "
                <button type="button" on:click=download>{tx("CSV downloaden", "Download CSV")}</button>
            </form>
            <Problem message=message />
            <ol class="audit-log">{move || entries.get().into_iter().map(|e| view! {
                <li>
                    {crate::format::date_time(&e.occurred_at)} " · " <code>{e.action.clone()}</code>
                    {e.object_type.clone().map(|t| format!(" · {t} {}", e.object_id.clone().unwrap_or_default()))}
                    {e.actor_user_id.clone().map(|a| format!(" · {} {a}", pick(lang.get_untracked(), "door", "by")))}
                </li>
            }).collect_view()}</ol>
            <Show when=move || cursor.with(Option::is_some)>
                <button type="button" on:click=move |_| load(true)>{tx("Meer", "More")}</button>
            </Show>
        </Console>
    }
}

/// `/admin/signal-routes`: which city service answers each category of signals, per wijk (a
/// line without a wijk covers every wijk without a line of its own).
#[component]
pub fn AdminSignalRoutesPage() -> impl IntoView {
    use samenstad_types::signals::{SignalCategory, SignalRoute};
    let lang = use_lang();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        async move {
            let c = api::client()?;
            let err = |e: samenstad_client::Error| e.to_string();
            Ok::<_, String>((
                c.signal_routes().await.map_err(err)?,
                c.signal_categories().await.map_err(err)?,
                c.list_city_services().await.map_err(err)?,
                c.list_wijken(&ListWijkenQuery::default())
                    .await
                    .map_err(err)?
                    .items,
            ))
        }
    });
    let category = RwSignal::new(String::new());
    let wijk = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let name_of = |list: &[SignalCategory], key: &str, lang: Lang| {
        list.iter().find(|c| c.key == key).map_or_else(
            || key.to_owned(),
            |c| {
                if lang == Lang::Nl {
                    c.name_nl.clone()
                } else {
                    c.name_en.clone()
                }
            },
        )
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = SignalRoute {
            category: category.get_untracked(),
            wijknr: wijk.get_untracked().parse().ok(),
            service: service.get_untracked(),
        };
        act(
            session,
            message,
            move |c| async move { c.put_signal_route(&body).await },
            move |_| {
                done.set(Some(
                    pick(
                        lang.get_untracked(),
                        "De lijn is bewaard.",
                        "The line is saved.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <Console title=("Meldingen: wie behandelt wat", "Signals: who handles what")>
            {move || data.get().map(|r| match r {
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                Ok((routes, categories, services, wijken)) => {
                    let service_name = |key: &str| services.iter().find(|s| s.key == key).map_or_else(|| key.to_owned(), |s| s.name.clone());
                    view! {
                        <div class="table-scroll"><table class="signal-routes">
                            <caption>{tx("De dienst die elke soort melding krijgt", "The service that gets each kind of signal")}</caption>
                            <thead><tr><th scope="col">{tx("Soort", "Kind")}</th><th scope="col">{tx("Wijk", "Wijk")}</th><th scope="col">{tx("Dienst", "Service")}</th></tr></thead>
                            <tbody>{routes.iter().map(|r| {
                                let wijk_text = r.wijknr.map_or_else(|| pick(lang.get_untracked(), "alle andere wijken", "every other wijk").to_owned(), |n| n.to_string());
                                view! { <tr><th scope="row">{name_of(&categories, &r.category, lang.get())}</th><td>{wijk_text}</td><td>{service_name(&r.service)}</td></tr> }
                            }).collect_view()}</tbody>
                        </table></div>
                        <form class="signal-route" on:submit=submit>
                            <h2>{tx("Een lijn zetten", "Set a line")}</h2>
                            <p class="field"><label for="route-category">{tx("Soort melding", "Kind of signal")}</label>
                                <select id="route-category" required=true on:change=move |ev| category.set(event_target_value(&ev))>
                                    <option value="">{tx("Kies", "Choose")}</option>
                                    {categories.iter().map(|c| view! { <option value=c.key.clone()>{if lang.get_untracked() == Lang::Nl { c.name_nl.clone() } else { c.name_en.clone() }}</option> }).collect_view()}
                                </select></p>
                            <p class="field"><label for="route-wijk">{tx("Wijk", "Wijk")}</label>
                                <select id="route-wijk" on:change=move |ev| wijk.set(event_target_value(&ev))>
                                    <option value="">{tx("Alle wijken zonder eigen lijn", "Every wijk without a line of its own")}</option>
                                    {wijken.iter().map(|w| view! { <option value=w.wijknr.to_string()>{w.name.clone()}</option> }).collect_view()}
                                </select></p>
                            <p class="field"><label for="route-service">{tx("Dienst", "Service")}</label>
                                <select id="route-service" required=true on:change=move |ev| service.set(event_target_value(&ev))>
                                    <option value="">{tx("Kies", "Choose")}</option>
                                    {services.iter().map(|s| view! { <option value=s.key.clone()>{s.name.clone()}</option> }).collect_view()}
                                </select></p>
                            <Problem message=message />
                            <button type="submit">{tx("Bewaren", "Save")}</button>
                        </form>
                    }.into_any()
                }
            })}
            <Done message=done />
        </Console>
    }
}
