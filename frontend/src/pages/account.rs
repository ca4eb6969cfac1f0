//! Log in, register, verify an e-mail address, reset a password, and the account page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use samenstad_client::Error;
use samenstad_types::account::{
    Language, PasswordResetConfirm, PasswordResetRequest, RegisterRequest,
};

use crate::api;
use crate::app::set_title;
use crate::i18n::{Lang, T, t, use_lang};
use crate::labels;
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
                                let name = labels::role(lang.get(), &r.role);
                                match r.wijknr { Some(n) => format!("{name} (wijk {n})"), None => name }
                            }).collect::<Vec<_>>().join(", ") }}</dd>
                            <dt>{move || t(lang.get(), T::Organisations)}</dt>
                            <dd>{if me.organisations.is_empty() { "–".to_owned() } else { me.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ") }}</dd>
                        </dl>
                    })}
                    <button type="button" class="logout" on:click=logout>{move || t(lang.get(), T::LogOut)}</button>
                </Show>
            </Show>
        </section>
    }
}
