//! Organisations (bewonersgroepen, verenigingen, vzw's): mine and a new one, an organisation's
//! page with its members and invitations, and accepting a mailed invitation.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use samenstad_types::account::{CreateOrganisation, InviteMember, MemberRole, OrganisationKind};

use crate::api;
use crate::app::set_title;
use crate::i18n::{T, t, use_lang};
use crate::labels;
use crate::staff::{Done, Problem, act, pick, tx};
use crate::state::{SessionState, use_session};

/// Reloads the logged-in person (their organisations changed).
fn reload_me(session: SessionState) {
    leptos::task::spawn_local(async move {
        if let Ok(client) = api::authed(&session)
            && let Ok(me) = client.me().await
        {
            session.me.set(Some(me));
        }
    });
}

/// What to show until the session is known, or to someone logged out.
#[component]
fn LogInFirst() -> impl IntoView {
    let lang = use_lang();
    view! {
        <p>{tx("Log in om je organisaties te zien.", "Log in to see your organisations.")} " "
            <A href="/login">{move || t(lang.get(), T::LogIn)}</A></p>
    }
}

/// `/organisations`: the organisations I belong to, and a new one.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(pick(lang.get(), "Mijn organisaties", "My organisations")));
    view! {
        <section class="organisations">
            <h1>{tx("Mijn organisaties", "My organisations")}</h1>
            <Show when=move || session.ready.get() fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
                <Show when=move || session.me.get().is_some() fallback=LogInFirst>
                    {move || session.me.get().map(|me| if me.organisations.is_empty() {
                        view! { <p>{tx("Je bent nog geen lid van een organisatie.", "You are not a member of an organisation yet.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="organisation-list">{me.organisations.into_iter().map(|m| {
                                let owner = m.role == MemberRole::Owner;
                                let recognised = m.recognised;
                                view! {
                                    <li>
                                        <A href=format!("/organisations/{}", m.organisation_id)>{m.name}</A>
                                        " · " {move || if owner { pick(lang.get(), "eigenaar", "owner") } else { pick(lang.get(), "lid", "member") }}
                                        {move || recognised.then(|| format!(" · {}", pick(lang.get(), "erkend door de stad", "recognised by the city")))}
                                    </li>
                                }
                            }).collect_view()}</ul>
                        }.into_any()
                    })}
                    <NewOrganisation />
                </Show>
            </Show>
        </section>
    }
}

/// The form that creates an organisation; its creator becomes its owner.
#[component]
fn NewOrganisation() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let wijken = LocalResource::new(|| async {
        api::client()?
            .list_wijken(&samenstad_types::ListWijkenQuery::default())
            .await
            .map(|p| p.items)
            .map_err(|e| e.to_string())
    });
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(OrganisationKind::Bewonersgroep.as_str().to_owned());
    let wijk = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let website = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateOrganisation {
            name: name.get_untracked().trim().to_owned(),
            kind: kind.get_untracked(),
            wijknr: wijk.get_untracked().parse().ok(),
            description: Some(description.get_untracked()).filter(|d| !d.trim().is_empty()),
            website: Some(website.get_untracked().trim().to_owned()).filter(|w| !w.is_empty()),
        };
        let navigate = navigate.clone();
        act(
            session,
            message,
            move |c| async move { c.create_organisation(&body).await },
            move |org| {
                reload_me(session);
                navigate(&format!("/organisations/{}", org.id), Default::default());
            },
        );
    };
    view! {
        <form class="new-organisation" on:submit=submit>
            <h2>{tx("Nieuwe organisatie", "New organisation")}</h2>
            <p class="field"><label for="org-name">{tx("Naam", "Name")}</label>
                <input id="org-name" required=true minlength="2" maxlength="200" prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="org-kind">{tx("Soort", "Kind")}</label>
                <select id="org-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {OrganisationKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! { <option value=k.as_str() selected=move || kind.get() == k.as_str()>{move || labels::organisation_kind(lang.get(), k)}</option> }
                    }).collect_view()}
                </select></p>
            <p class="field"><label for="org-wijk">{move || t(lang.get(), T::Wijk)}</label>
                <select id="org-wijk" on:change=move |ev| wijk.set(event_target_value(&ev))>
                    <option value="">{tx("Geen (stadsbreed)", "None (city-wide)")}</option>
                    {move || wijken.get().and_then(Result::ok).map(|l| l.into_iter().map(|w| view! { <option value=w.wijknr.to_string()>{w.name}</option> }).collect_view())}
                </select></p>
            <p class="field"><label for="org-description">{tx("Wat doet de organisatie?", "What does the organisation do?")}</label>
                <textarea id="org-description" maxlength="4000" prop:value=description
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea></p>
            <p class="field"><label for="org-website">{tx("Website (niet verplicht)", "Website (optional)")}</label>
                <input id="org-website" type="url" prop:value=website
                    on:input=move |ev| website.set(event_target_value(&ev)) /></p>
            <Problem message=message />
            <button type="submit">{tx("Organisatie aanmaken", "Create organisation")}</button>
        </form>
    }
}

/// `/organisations/:id`: the organisation; for its members the member list; for its owners
/// invitations and removing members.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").unwrap_or_default());
    let organisation = LocalResource::new(move || {
        let id = id.get();
        async move {
            api::client()?
                .get_organisation(&id)
                .await
                .map_err(|e| e.to_string())
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(Some(org))) = organisation.get() {
            set_title(&org.name);
        }
    });
    let left = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let my_role = Memo::new(move |_| {
        let id = id.get();
        session.me.get().and_then(|me| {
            me.organisations
                .into_iter()
                .find(|m| m.organisation_id == id)
                .map(|m| m.role)
        })
    });
    view! {
        <section class="organisation">
            {move || organisation.get().map(|r| match r {
                Ok(Some(org)) => {
                    let kind = org.kind;
                    let recognised = org.recognised;
                    view! {
                        <h1>{org.name.clone()}</h1>
                        <dl class="facts">
                            <dt>{tx("Soort", "Kind")}</dt>
                            <dd>{move || labels::organisation_kind(lang.get(), kind)}</dd>
                            <dt>{move || t(lang.get(), T::Wijk)}</dt>
                            <dd>{org.wijknr.map_or_else(|| "–".to_owned(), |n| n.to_string())}</dd>
                            <dt>{tx("Erkend door de stad", "Recognised by the city")}</dt>
                            <dd class="recognition">{move || if recognised {
                                pick(lang.get(), "ja: verlaagd tarief voor zalen", "yes: reduced room tariff")
                            } else { pick(lang.get(), "nee", "no") }}</dd>
                            {org.website.clone().map(|w| view! {
                                <dt>{tx("Website", "Website")}</dt>
                                <dd><a href=w.clone() rel="external nofollow">{w.clone()}</a></dd>
                            })}
                        </dl>
                        {(!org.description.is_empty()).then(|| view! { <p class="description">{org.description.clone()}</p> })}
                        <Show when=move || recognised && session.me.with(|m| m.as_ref().is_some_and(|m| m.roles.iter().any(|r| r.role == "admin")))>
                            <button type="button" class="withdraw-recognition" on:click=move |_| {
                                let org = id.get_untracked();
                                act(session, problem, move |c| async move { c.set_recognition(&org, false).await }, move |_| {
                                    left.set(Some(pick(lang.get_untracked(), "De erkenning is ingetrokken.", "The recognition is withdrawn.").to_owned()));
                                    organisation.refetch();
                                });
                            }>{tx("Erkenning intrekken", "Withdraw the recognition")}</button>
                        </Show>
                    }.into_any()
                }
                Ok(None) => view! {
                    <h1>{tx("Organisatie niet gevonden", "Organisation not found")}</h1>
                }.into_any(),
                Err(e) => view! { <h1>{tx("Organisatie", "Organisation")}</h1><p role="alert">{e}</p> }.into_any(),
            })}
            // Outside the member-only part: after leaving, that part goes and this message stays.
            <Done message=left />
            <Problem message=problem />
            {move || my_role.get().map(|role| {
                let recognised = matches!(organisation.get(), Some(Ok(Some(ref org))) if org.recognised);
                let owner = role == MemberRole::Owner;
                view! {
                    <Recognition id=id.get() recognised=recognised owner=owner />
                    <Members id=id.get() owner=owner done=left />
                }
            })}
        </section>
    }
}

/// Members of an organisation (for its members); owners invite and remove, everyone may leave.
#[component]
fn Members(id: String, owner: bool, done: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let org_id = id.clone();
    let members = LocalResource::new(move || {
        version.track();
        let client = api::tracked(&session);
        let id = org_id.clone();
        async move { client?.list_members(&id).await.map_err(|e| e.to_string()) }
    });
    let message = RwSignal::new(None::<String>);
    let me_id = Memo::new(move |_| session.me.get().map(|m| m.id).unwrap_or_default());
    let remove = {
        let id = id.clone();
        move |user_id: String, leaving: bool| {
            let id = id.clone();
            act(
                session,
                message,
                move |c| async move { c.remove_member(&id, &user_id).await },
                move |()| {
                    reload_me(session);
                    done.set(Some(
                        if leaving {
                            pick(
                                lang.get_untracked(),
                                "Je hebt de organisatie verlaten.",
                                "You left the organisation.",
                            )
                        } else {
                            pick(
                                lang.get_untracked(),
                                "Het lid is verwijderd.",
                                "The member was removed.",
                            )
                        }
                        .to_owned(),
                    ));
                    version.update(|v| *v += 1);
                },
            );
        }
    };
    view! {
        <section class="members">
            <h2>{tx("Leden", "Members")}</h2>
            {move || members.get().map(|r| match r {
                Ok(list) => {
                    let remove = remove.clone();
                    view! {
                        <ul class="member-list">{list.into_iter().map(|m| {
                            let is_owner = m.role == MemberRole::Owner;
                            let mine = m.user_id == me_id.get_untracked();
                            let remove = remove.clone();
                            let user_id = m.user_id.clone();
                            let name = m.display_name.clone();
                            view! {
                                <li>
                                    {m.display_name.clone()} " · "
                                    {move || if is_owner { pick(lang.get(), "eigenaar", "owner") } else { pick(lang.get(), "lid", "member") }}
                                    {mine.then(|| {
                                        let (remove, user_id) = (remove.clone(), user_id.clone());
                                        view! {
                                            " " <button type="button" class="leave" on:click=move |_| remove(user_id.clone(), true)>
                                                {tx("Organisatie verlaten", "Leave the organisation")}
                                            </button>
                                        }
                                    })}
                                    {(owner && !mine).then(|| view! {
                                        " " <button type="button" class="remove-member" on:click=move |_| remove(user_id.clone(), false)>
                                            {move || format!("{} {name}", pick(lang.get(), "Verwijder", "Remove"))}
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}</ul>
                    }.into_any()
                }
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
            <Problem message=message />
            {owner.then(|| view! { <Invite id=id.clone() /> })}
        </section>
    }
}

/// Owners invite someone by e-mail; the invitation is mailed with a link to accept it.
#[component]
fn Invite(id: String) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new("member".to_owned());
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = InviteMember {
            email: email.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
        };
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.invite_member(&id, &body).await },
            move |_| {
                done.set(Some(format!(
                    "{} {}",
                    pick(
                        lang.get_untracked(),
                        "Uitnodiging gemaild naar",
                        "Invitation mailed to"
                    ),
                    email.get_untracked().trim()
                )));
                email.set(String::new());
            },
        );
    };
    view! {
        <form class="invite" on:submit=submit>
            <h3>{tx("Iemand uitnodigen", "Invite someone")}</h3>
            <p class="field"><label for="invite-email">{move || t(lang.get(), T::Email)}</label>
                <input id="invite-email" type="email" required=true autocomplete="off" prop:value=email
                    on:input=move |ev| email.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="invite-role">{tx("Als", "As")}</label>
                <select id="invite-role" on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="member">{tx("lid", "member")}</option>
                    <option value="owner">{tx("eigenaar (mag uitnodigen en leden verwijderen)", "owner (may invite and remove members)")}</option>
                </select></p>
            <Problem message=message />
            <Done message=done />
            <button type="submit">{tx("Uitnodiging versturen", "Send invitation")}</button>
        </form>
    }
}

/// `/invitations/accept?token=…`: the link of an invitation mail.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let query = use_query_map();
    let token = Memo::new(move |_| query.get().get("token").unwrap_or_default());
    Effect::new(move |_| set_title(pick(lang.get(), "Uitnodiging", "Invitation")));
    let message = RwSignal::new(None::<String>);
    let joined = RwSignal::new(None::<(String, String)>);
    let accept = move |_| {
        let token = token.get_untracked();
        act(
            session,
            message,
            move |c| async move { c.accept_invitation(&token).await },
            move |org| {
                reload_me(session);
                joined.set(Some((org.id, org.name)));
            },
        );
    };
    view! {
        <section class="invitation">
            <h1>{tx("Uitnodiging voor een organisatie", "Invitation to an organisation")}</h1>
            <Show when=move || session.ready.get() fallback=move || view! { <p class="loading">{move || t(lang.get(), T::Loading)}</p> }>
                <Show when=move || session.me.get().is_some() fallback=move || view! {
                    <p>{tx("Log in met het e-mailadres waarop je de uitnodiging kreeg, en open de link opnieuw.",
                        "Log in with the e-mail address the invitation was sent to, and open the link again.")} " "
                        <A href="/login">{move || t(lang.get(), T::LogIn)}</A></p>
                }>
                    {move || match joined.get() {
                        Some((id, name)) => view! {
                            <p class="success" role="status">{tx("Je bent nu lid van", "You are now a member of")} " "
                                <A href=format!("/organisations/{id}")>{name}</A></p>
                        }.into_any(),
                        None => view! {
                            <p>{tx("Aanvaard de uitnodiging om lid te worden.", "Accept the invitation to become a member.")}</p>
                            <Problem message=message />
                            <button type="button" class="accept" on:click=accept>{tx("Uitnodiging aanvaarden", "Accept the invitation")}</button>
                        }.into_any(),
                    }}
                </Show>
            </Show>
        </section>
    }
}

/// Recognition by the city: owners ask with a motivation and see where their request stands.
#[component]
fn Recognition(id: String, recognised: bool, owner: bool) -> impl IntoView {
    use samenstad_types::recognition::{RecognitionStatus, RequestRecognition};
    let lang = use_lang();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let org_id = id.clone();
    let requests = LocalResource::new(move || {
        version.track();
        let client = api::tracked(&session);
        let id = org_id.clone();
        async move {
            client?
                .organisation_recognition_requests(&id)
                .await
                .map_err(|e| e.to_string())
        }
    });
    let motivation = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RequestRecognition {
            motivation: motivation.get_untracked().trim().to_owned(),
        };
        let id = id.clone();
        act(
            session,
            message,
            move |c| async move { c.request_recognition(&id, &body).await },
            move |_| {
                motivation.set(String::new());
                version.update(|v| *v += 1);
            },
        );
    };
    view! {
        <section class="recognition">
            <h2>{tx("Erkenning door de stad", "Recognition by the city")}</h2>
            {move || requests.get().map(|r| match r {
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
                Ok(list) => {
                    let latest = list.first().cloned();
                    let open = latest.as_ref().is_some_and(|r| r.status == RecognitionStatus::Pending);
                    let history = latest.map(|r| {
                        let status = r.status;
                        let day = r.decided_at.clone().unwrap_or_else(|| r.requested_at.clone());
                        let day = day.get(..10).unwrap_or_default().to_owned();
                        view! {
                            <p class="recognition-status">
                                {move || match status {
                                    RecognitionStatus::Pending => pick(lang.get(), "Aangevraagd op", "Asked on"),
                                    RecognitionStatus::Recognised => pick(lang.get(), "Erkend op", "Recognised on"),
                                    RecognitionStatus::Refused => pick(lang.get(), "Geweigerd op", "Refused on"),
                                }} " " {day}
                                {move || (status == RecognitionStatus::Pending).then(|| pick(lang.get(),
                                    ": een medewerker van de wijk beslist.", ": staff of the wijk will decide."))}
                                {r.reason.clone().map(|why| format!(" · {why}"))}
                            </p>
                        }
                    });
                    view! {
                        {history}
                        {(owner && !recognised && !open).then(|| view! {
                            <form class="ask-recognition" on:submit=submit.clone()>
                                <p>{tx("Een erkende organisatie huurt zalen aan het verlaagde tarief. Vertel kort wat jullie doen en voor wie.",
                                    "A recognised organisation rents rooms at the reduced tariff. Say briefly what you do and for whom.")}</p>
                                <p class="field"><label for="recognition-motivation">{tx("Motivatie", "Motivation")}</label>
                                    <textarea id="recognition-motivation" required=true minlength="10" maxlength="2000" prop:value=motivation
                                        on:input=move |ev| motivation.set(event_target_value(&ev))></textarea></p>
                                <Problem message=message />
                                <button type="submit">{tx("Erkenning aanvragen", "Ask for recognition")}</button>
                            </form>
                        })}
                    }.into_any()
                }
            })}
        </section>
    }
}
