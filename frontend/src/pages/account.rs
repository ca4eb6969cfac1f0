//! Log in, register, verify an e-mail address, reset a password, and the account page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use samenstad_client::Error;
use samenstad_types::account::{
    Language, PasswordResetConfirm, PasswordResetRequest, RegisterRequest,
};
use samenstad_types::projects::ResidenceRequestStatus;

use crate::api;
use crate::app::set_title;
use crate::i18n::{Lang, T, t, use_lang};
use crate::labels;
use crate::pages::follows::MyFollows;
use crate::state::use_session;

fn message(lang: Lang, error: &Error) -> String {
    match error {
        Error::Api(problem) if !problem.errors.is_empty() => problem
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; "),
        Error::Api(problem) => problem
            .detail
            .clone()
            .unwrap_or_else(|| problem.title.clone()),
        _ => t(lang, T::LoadFailed).to_owned(),
    }
}

/// A labelled input bound to a signal.
#[component]
fn Field(
    id: &'static str,
    label: T,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="field">
            <label for=id>{move || t(lang.get(), label)}</label>
            <input id=id name=id type=kind autocomplete=autocomplete required=true
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
        </p>
    }
}

/// `/login`
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| set_title(t(lang.get(), T::LogIn)));
    let query = use_query_map();
    let changed = Memo::new(move |_| query.get().get("changed").is_some());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match api::client() {
                Ok(client) => client
                    .login(&email.get_untracked(), &password.get_untracked())
                    .await
                    .map_err(|e| message(lang.get_untracked(), &e)),
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(s) => {
                    session.set(s);
                    navigate("/account", Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="form-page">
            <h1>{move || t(lang.get(), T::LogIn)}</h1>
            {move || changed.get().then(|| view! {
                <p class="success" role="status">{crate::staff::tx(
                    "Je wachtwoord is gewijzigd. Log in met je nieuwe wachtwoord.",
                    "Your password was changed. Log in with your new password.",
                )}</p>
            })}
            <form on:submit=submit>
                <Field id="email" label=T::Email kind="email" autocomplete="username" value=email />
                <Field id="password" label=T::Password kind="password" autocomplete="current-password" value=password />
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                <button type="submit" disabled=move || busy.get()>{move || t(lang.get(), T::LogIn)}</button>
            </form>
            <p><A href="/register">{move || t(lang.get(), T::NoAccountYet)}</A></p>
            <p><A href="/forgot-password">{move || t(lang.get(), T::ForgotPassword)}</A></p>
        </section>
    }
}

/// `/register`
#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| set_title(t(lang.get(), T::Register)));
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RegisterRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
            display_name: name.get_untracked(),
            preferred_language: if lang.get_untracked() == Lang::En {
                Language::En
            } else {
                Language::Nl
            },
        };
        spawn_local(async move {
            let result = match api::client() {
                Ok(client) => client
                    .register(&body)
                    .await
                    .map_err(|e| message(lang.get_untracked(), &e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(_) => done.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="form-page">
            <h1>{move || t(lang.get(), T::Register)}</h1>
            <Show when=move || !done.get() fallback=move || view! {
                <p class="success" role="status">{move || t(lang.get(), T::CheckYourMail)}</p>
            }>
                <form on:submit=submit>
                    <Field id="email" label=T::Email kind="email" autocomplete="email" value=email />
                    <Field id="display_name" label=T::DisplayName kind="text" autocomplete="nickname" value=name />
                    <Field id="password" label=T::NewPassword kind="password" autocomplete="new-password" value=password />
                    <p class="hint">{move || t(lang.get(), T::PasswordHint)}</p>
                    <Show when=move || error.get().is_some()>
                        <p class="error" role="alert">{move || error.get()}</p>
                    </Show>
                    <button type="submit">{move || t(lang.get(), T::Register)}</button>
                </form>
            </Show>
        </section>
    }
}

/// `/verify-email?token=…` (the link in the verification mail).
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let result = LocalResource::new(move || {
        let token = query.read().get("token").unwrap_or_default();
        async move {
            match api::client() {
                Ok(client) => client
                    .verify_email(&token)
                    .await
                    .map_err(|e| message(lang.get_untracked(), &e)),
                Err(e) => Err(e),
            }
        }
    });
    view! {
        <section class="form-page">
            <h1>{move || t(lang.get(), T::VerifyTitle)}</h1>
            <Transition fallback=move || view! { <p>{move || t(lang.get(), T::Loading)}</p> }>
                {move || result.get().map(|r| match r {
                    Ok(()) => view! {
                        <p class="success" role="status">{move || t(lang.get(), T::Verified)}</p>
                        <p><A href="/login">{move || t(lang.get(), T::LogIn)}</A></p>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// `/forgot-password`
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = PasswordResetRequest {
            email: email.get_untracked(),
        };
        spawn_local(async move {
            if let Ok(client) = api::client() {
                let _ = client.request_password_reset(&body).await;
            }
            done.set(true);
        });
    };
    view! {
        <section class="form-page">
            <h1>{move || t(lang.get(), T::ForgotPassword)}</h1>
            <Show when=move || !done.get() fallback=move || view! {
                <p class="success" role="status">{move || t(lang.get(), T::ResetMailSent)}</p>
            }>
                <form on:submit=submit>
                    <Field id="email" label=T::Email kind="email" autocomplete="email" value=email />
                    <button type="submit">{move || t(lang.get(), T::SendLink)}</button>
                </form>
            </Show>
        </section>
    }
}

/// `/reset-password?token=…` (the link in the reset mail).
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = PasswordResetConfirm {
            token: query.read_untracked().get("token").unwrap_or_default(),
            new_password: password.get_untracked(),
        };
        spawn_local(async move {
            let result = match api::client() {
                Ok(client) => client
                    .confirm_password_reset(&body)
                    .await
                    .map_err(|e| message(lang.get_untracked(), &e)),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => done.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="form-page">
            <h1>{move || t(lang.get(), T::NewPassword)}</h1>
            <Show when=move || !done.get() fallback=move || view! {
                <p class="success" role="status">{move || t(lang.get(), T::PasswordChanged)}</p>
                <p><A href="/login">{move || t(lang.get(), T::LogIn)}</A></p>
            }>
                <form on:submit=submit>
                    <Field id="password" label=T::NewPassword kind="password" autocomplete="new-password" value=password />
                    <p class="hint">{move || t(lang.get(), T::PasswordHint)}</p>
                    <Show when=move || error.get().is_some()>
                        <p class="error" role="alert">{move || error.get()}</p>
                    </Show>
                    <button type="submit">{move || t(lang.get(), T::Save)}</button>
                </form>
            </Show>
        </section>
    }
}

/// `/account`
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    Effect::new(move |_| set_title(t(lang.get(), T::Account)));
    let logout = move |_| {
        spawn_local(async move {
            if let Ok(client) = api::client() {
                let _ = client.logout(None).await;
            }
            session.clear();
            let _ = window().location().set_href("/");
        });
    };
    view! {
        <section class="account">
            <h1>{move || t(lang.get(), T::Account)}</h1>
            <Show when=move || session.ready.get() fallback=move || view! { <p>{move || t(lang.get(), T::Loading)}</p> }>
                <Show when=move || session.me.get().is_some() fallback=move || view! {
                    <p><A href="/login">{move || t(lang.get(), T::LogIn)}</A></p>
                }>
                    {move || session.me.get().map(|me| view! {
                        <dl class="facts">
                            <dt>{move || t(lang.get(), T::DisplayName)}</dt>
                            <dd class="display-name">{me.display_name.clone()}</dd>
                            <dt>{move || t(lang.get(), T::Email)}</dt>
                            <dd>{me.email.clone()} " "
                                {move || if me.email_verified { t(lang.get(), T::VerifiedMark) } else { t(lang.get(), T::NotVerifiedMark) }}</dd>
                            <dt>{move || t(lang.get(), T::Roles)}</dt>
                            <dd>{let roles = me.roles.clone(); move || if roles.is_empty() { "–".to_owned() } else { roles.iter().map(|r| {
                                let name = labels::role(lang.get(), r.role);
                                match r.wijknr { Some(n) => format!("{name} (wijk {n})"), None => name }
                            }).collect::<Vec<_>>().join(", ") }}</dd>
                            <dt>{move || t(lang.get(), T::Organisations)}</dt>
                            <dd>{if me.organisations.is_empty() { "–".to_owned() } else { me.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ") }}
                                " " <A href="/organisations">{crate::staff::tx("Mijn organisaties", "My organisations")}</A></dd>
                        </dl>
                    })}
                    {session.me.get_untracked().map(|me| view! { <Profile me=me /> })}
                    <MyIdeas />
                    <MyFollows />
                    <Residence />
                    <PasswordChange />
                    <Sessions />
                    <MyData />
                    <button type="button" class="logout" on:click=logout>{move || t(lang.get(), T::LogOut)}</button>
                </Show>
            </Show>
        </section>
    }
}

/// Where I am logged in, with "sign out everywhere else" and one session at a time.
#[component]
fn Sessions() -> impl IntoView {
    use crate::staff::{Done, Problem, act, pick, tx};
    let lang = use_lang();
    let session = use_session();
    let sessions = RwSignal::new(Vec::<samenstad_types::account::SessionInfo>::new());
    let message = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let reload = move || {
        act(
            session,
            message,
            |c| async move { c.my_sessions().await },
            move |l| sessions.set(l),
        )
    };
    reload();
    let others = move || sessions.with(|l| l.iter().filter(|s| !s.current).count());
    let end_others = move |_| {
        act(
            session,
            message,
            |c| async move { c.end_other_sessions().await },
            move |n| {
                done.set(Some(format!(
                    "{} {}",
                    pick(
                        lang.get_untracked(),
                        "Afgemeld op andere toestellen:",
                        "Signed out on other devices:"
                    ),
                    n.ended
                )));
                reload();
            },
        );
    };
    view! {
        <section class="sessions">
            <h2>{tx("Waar je bent aangemeld", "Where you are logged in")}</h2>
            <ul class="session-list">{move || sessions.get().into_iter().map(|s| {
                let id = s.id.clone();
                let since = crate::format::date_time(&s.started_at);
                let label = format!("{} {since}", pick(lang.get_untracked(), "Afmelden: sessie sinds", "Sign out: session since"));
                view! { <li>
                    {move || pick(lang.get(), "Aangemeld sinds ", "Logged in since ")} {since.clone()}
                    " · " {move || pick(lang.get(), "laatst gebruikt ", "last used ")} {crate::format::date_time(&s.renewed_at)}
                    {if s.current {
                        view! { " · " <strong>{tx("dit toestel", "this device")}</strong> }.into_any()
                    } else {
                        view! { " " <button type="button" aria-label=label on:click=move |_| {
                            let id = id.clone();
                            act(session, message, move |c| async move { c.end_session(&id).await }, move |()| reload());
                        }>{tx("Afmelden", "Sign out")}</button> }.into_any()
                    }}
                </li> }
            }).collect_view()}</ul>
            <Problem message=message />
            <Done message=done />
            <Show when=move || { others() > 0 }>
                <button type="button" class="end-others" on:click=end_others>{tx("Overal elders afmelden", "Sign out everywhere else")}</button>
            </Show>
        </section>
    }
}

/// The ideas I submitted or support, with their current public status.
#[component]
fn MyIdeas() -> impl IntoView {
    use samenstad_types::projects::ListIdeasQuery;
    let lang = use_lang();
    let session = use_session();
    let ideas = LocalResource::new(move || {
        session.token.track();
        let client = api::authed(&session);
        async move {
            let query = ListIdeasQuery {
                mine: Some(true),
                limit: Some(100),
                ..Default::default()
            };
            client?
                .list_ideas(&query)
                .await
                .map(|p| p.items)
                .map_err(|e| e.to_string())
        }
    });
    view! {
        <section class="my-ideas">
            <h2>{crate::staff::tx("Mijn ideeën en steunbetuigingen", "My ideas and ideas I support")}</h2>
            {move || ideas.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p>{crate::staff::tx("Nog geen ideeën.", "No ideas yet.")}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="idea-list">{list.into_iter().map(|i| {
                        let status = i.status;
                        let why = i.status_reason.clone().map(|r| format!(": {r}"));
                        let how = if i.mine { ("ingediend", "submitted") } else { ("gesteund", "supported") };
                        view! {
                            <li class=format!("idea status-{}", i.status)>
                                <A href=format!("/ideas/{}", i.id)>{i.title.clone()}</A>
                                " · " <span class="status">{move || labels::idea_status(lang.get(), status)}</span>{why}
                                " · " <span class="meta">{move || crate::staff::pick(lang.get(), how.0, how.1)}</span>
                            </li>
                        }
                    }).collect_view()}</ul>
                }.into_any(),
                Err(e) => view! { <p role="alert">{e}</p> }.into_any(),
            })}
        </section>
    }
}

/// Ask staff to verify where I live, so I can vote in my wijk; see where that stands.
#[component]
fn Residence() -> impl IntoView {
    use crate::staff::{Done, Problem, act, pick, tx};
    use samenstad_types::projects::RequestResidence;
    let lang = use_lang();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let requests = LocalResource::new(move || {
        version.track();
        session.token.track();
        let client = api::authed(&session);
        async move {
            client?
                .list_residence_requests(None, None)
                .await
                .map_err(|e| e.to_string())
        }
    });
    let wijken = LocalResource::new(|| async {
        api::client()?
            .list_wijken(&samenstad_types::ListWijkenQuery::default())
            .await
            .map(|p| p.items)
            .map_err(|e| e.to_string())
    });
    let wijk = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RequestResidence {
            wijk: wijk.get_untracked(),
            birth_date: birth.get_untracked(),
        };
        act(
            session,
            message,
            move |c| async move { c.request_residence(&body).await },
            move |_| {
                saved.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Gevraagd: een medewerker van de wijk bekijkt het.",
                        "Asked: staff of the wijk will look at it.",
                    )
                    .to_owned(),
                ));
                version.update(|v| *v += 1);
            },
        );
    };
    let state_label = move |s: ResidenceRequestStatus| match s {
        ResidenceRequestStatus::Pending => pick(
            lang.get(),
            "wacht op verificatie",
            "waiting for verification",
        ),
        ResidenceRequestStatus::Verified => pick(
            lang.get(),
            "geverifieerd: je kunt stemmen in je wijk",
            "verified: you can vote in your wijk",
        ),
        ResidenceRequestStatus::Rejected => pick(lang.get(), "geweigerd", "refused"),
    };
    view! {
        <section class="residence">
            <h2>{tx("Waar ik woon", "Where I live")}</h2>
            {move || requests.get().and_then(Result::ok).map(|list| list.into_iter().map(|r| {
                let status = r.status;
                view! { <p class="residence-status">{format!("{} · ", r.wijk)} {move || state_label(status)} {r.reason.clone().map(|x| format!(": {x}"))}</p> }
            }).collect_view())}
            <form class="residence-form" on:submit=submit>
                <p>{tx("Om te stemmen in je wijk bevestigt een medewerker dat je er woont en oud genoeg bent.", "To vote in your wijk, staff confirm that you live there and are old enough.")}</p>
                <p class="field"><label for="residence-wijk">{move || t(lang.get(), T::Wijk)}</label>
                    <select id="residence-wijk" required=true on:change=move |ev| wijk.set(event_target_value(&ev))>
                        <option value="">{move || t(lang.get(), T::ChooseWijk)}</option>
                        {move || wijken.get().and_then(Result::ok).map(|l| l.into_iter().map(|w| view! { <option value=w.wijknr.to_string()>{w.name}</option> }).collect_view())}
                    </select></p>
                <p class="field"><label for="residence-birth">{tx("Geboortedatum", "Date of birth")}</label>
                    <input id="residence-birth" type="date" required=true prop:value=birth on:change=move |ev| birth.set(event_target_value(&ev)) /></p>
                <Problem message=message />
                <Done message=saved />
                <button type="submit">{tx("Verificatie vragen", "Ask for verification")}</button>
            </form>
        </section>
    }
}

/// Name and language: how others see me and the language of the mails I get.
#[component]
fn Profile(me: samenstad_types::account::Me) -> impl IntoView {
    use crate::staff::{Done, Problem, act, pick, tx};
    use samenstad_types::account::UpdateMe;
    let lang = use_lang();
    let session = use_session();
    let name = RwSignal::new(me.display_name.clone());
    let language = RwSignal::new(me.preferred_language);
    let message = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = UpdateMe {
            display_name: Some(name.get_untracked().trim().to_owned()),
            preferred_language: Some(language.get_untracked()),
        };
        act(
            session,
            message,
            move |c| async move { c.update_me(&body).await },
            move |me| {
                session.me.set(Some(me));
                saved.set(Some(
                    pick(
                        lang.get_untracked(),
                        "Je gegevens zijn bewaard.",
                        "Your details are saved.",
                    )
                    .to_owned(),
                ));
            },
        );
    };
    view! {
        <form class="profile" on:submit=submit>
            <h2>{tx("Mijn gegevens", "My details")}</h2>
            <p class="field"><label for="profile-name">{move || t(lang.get(), T::DisplayName)}</label>
                <input id="profile-name" required=true maxlength="100" autocomplete="name" prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="profile-language">{tx("Taal van de e-mails", "Language of the e-mails")}</label>
                <select id="profile-language" on:change=move |ev| {
                    language.set(if event_target_value(&ev) == "en" { Language::En } else { Language::Nl });
                }>
                    <option value="nl" selected=move || language.get() == Language::Nl>"Nederlands"</option>
                    <option value="en" selected=move || language.get() == Language::En>"English"</option>
                </select></p>
            <Problem message=message />
            <Done message=saved />
            <button type="submit">{tx("Gegevens bewaren", "Save details")}</button>
        </form>
    }
}

/// A new password; every session ends, so the person logs in again with it.
#[component]
fn PasswordChange() -> impl IntoView {
    use crate::staff::{Problem, act, tx};
    use samenstad_types::account::ChangePassword;
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ChangePassword {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let navigate = navigate.clone();
        act(
            session,
            message,
            move |c| async move { c.change_password(&body).await },
            move |()| {
                session.clear();
                navigate("/login?changed=1", Default::default());
            },
        );
    };
    view! {
        <form class="password-change" on:submit=submit>
            <h2>{tx("Wachtwoord wijzigen", "Change password")}</h2>
            <p>{tx("Daarna log je overal opnieuw in, ook hier.", "You then log in again everywhere, here too.")}</p>
            <p class="field"><label for="pw-current">{tx("Huidig wachtwoord", "Current password")}</label>
                <input id="pw-current" type="password" required=true autocomplete="current-password" prop:value=current
                    on:input=move |ev| current.set(event_target_value(&ev)) /></p>
            <p class="field"><label for="pw-new">{move || t(lang.get(), T::NewPassword)}</label>
                <input id="pw-new" type="password" required=true minlength="12" maxlength="128" autocomplete="new-password" prop:value=new
                    on:input=move |ev| new.set(event_target_value(&ev)) /></p>
            <Problem message=message />
            <button type="submit">{tx("Wachtwoord wijzigen", "Change password")}</button>
        </form>
    }
}

/// Download everything Samenstad keeps about me; erase my account.
#[component]
fn MyData() -> impl IntoView {
    use crate::staff::{Problem, act, pick, tx};
    let lang = use_lang();
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let download = move |_| {
        act(
            session,
            message,
            |c| async move { c.export_me().await },
            move |export| {
                let saved = serde_json::to_vec_pretty(&export)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        crate::download::save("samenstad-export.json", "application/json", &bytes)
                    });
                if let Err(e) = saved {
                    message.set(Some(e));
                }
            },
        );
    };
    let password = RwSignal::new(String::new());
    let erase_message = RwSignal::new(None::<String>);
    let erase = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let password = password.get_untracked();
        act(
            session,
            erase_message,
            move |c| async move { c.delete_me(&password).await },
            move |()| {
                session.clear();
                let _ = window().location().set_href("/?erased=1");
            },
        );
    };
    view! {
        <section class="my-data">
            <h2>{tx("Mijn gegevens bij Samenstad", "My data at Samenstad")}</h2>
            <p>{tx("Alles wat Samenstad over jou bewaart, als één JSON-bestand: je account, sessies (zonder sleutels), mails, uitnodigingen en het logboek van je handelingen.",
                "Everything Samenstad keeps about you, as one JSON file: your account, sessions (without keys), mails, invitations and the log of your actions.")}</p>
            <Problem message=message />
            <button type="button" class="export" on:click=download>{tx("Mijn gegevens downloaden", "Download my data")}</button>
            <form class="erase" on:submit=erase>
                <h3>{tx("Account verwijderen", "Erase my account")}</h3>
                <p>{tx("Gewist worden: je naam, e-mailadres, wachtwoord, sessies, rollen, lidmaatschappen van organisaties, uitnodigingen en mails. Dat kan niet ongedaan worden.",
                    "Erased: your name, e-mail address, password, sessions, roles, memberships of organisations, invitations and mails. This cannot be undone.")}</p>
                <p>{tx("Blijven, zonder je naam: wat je publiek bijdroeg (ideeën, steunbetuigingen, stemmen, aanvragen van een organisatie, reservaties) en het logboek; ze verwijzen voortaan naar \"Verwijderd account\". Organisaties die je oprichtte blijven bestaan.",
                    "Kept, without your name: what you contributed publicly (ideas, support, votes, applications of an organisation, bookings) and the log; they now refer to \"Erased account\". Organisations you founded stay.")}</p>
                <p class="field"><label for="erase-password">{tx("Je wachtwoord, ter bevestiging", "Your password, to confirm")}</label>
                    <input id="erase-password" type="password" required=true autocomplete="current-password" prop:value=password
                        on:input=move |ev| password.set(event_target_value(&ev)) /></p>
                <Problem message=erase_message />
                <button type="submit" class="danger">{move || pick(lang.get(), "Account definitief verwijderen", "Erase my account for good")}</button>
            </form>
        </section>
    }
}
