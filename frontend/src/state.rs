//! The session of the web app: the access token lives in memory only; the refresh token is an
//! HttpOnly cookie the browser keeps, so a reload restores the session through `/auth/refresh`.

use leptos::prelude::*;
use samenstad_types::account::{Me, Session};
use wasm_bindgen::JsCast;

/// Who is logged in.
#[derive(Debug, Clone, Copy)]
pub struct SessionState {
    /// The access token.
    pub token: RwSignal<Option<String>>,
    /// The account.
    pub me: RwSignal<Option<Me>>,
    /// False until the first refresh attempt has answered.
    pub ready: RwSignal<bool>,
}

impl SessionState {
    /// Stores a fresh session.
    pub fn set(&self, session: Session) {
        remember(Some(&session.user));
        self.token.set(Some(session.access_token));
        self.me.set(Some(session.user));
    }

    /// Forgets the session.
    pub fn clear(&self) {
        self.token.set(None);
        self.me.set(None);
        remember(None);
    }
}

/// A marker (no secret) that this browser has a session, so anonymous visitors do not send a
/// refresh request that can only fail.
const MARKER: &str = "samenstad.session";

fn remember(me: Option<&Me>) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = if me.is_some() {
            storage.set_item(MARKER, "1")
        } else {
            storage.remove_item(MARKER)
        };
    }
    // Which build the server answers this browser's pages with (`WebApp::for_signed_in`):
    // the resident build, or the full one for someone with a role; none once logged out.
    let build = me.map(|me| {
        if me.roles.is_empty() {
            "resident"
        } else {
            "full"
        }
    });
    if let Some(document) = document().dyn_ref::<web_sys::HtmlDocument>() {
        let _ = document.set_cookie(&app_cookie(build));
    }
}

/// The cookie that names the build for this browser's pages (`None`: removes it).
fn app_cookie(build: Option<&str>) -> String {
    let secure = window().location().protocol().is_ok_and(|p| p == "https:");
    format!(
        "{}={}; Max-Age={}; Path=/; SameSite=Lax{}",
        samenstad_types::web::WebApp::COOKIE,
        build.unwrap_or_default(),
        if build.is_some() { 31_536_000 } else { 0 },
        if secure { "; Secure" } else { "" }
    )
}

fn has_marker() -> bool {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(MARKER).ok().flatten())
        .is_some()
}

/// Provides the session and restores it from the refresh cookie.
pub fn provide_session() -> SessionState {
    let state = SessionState {
        token: RwSignal::new(None),
        me: RwSignal::new(None),
        ready: RwSignal::new(false),
    };
    provide_context(state);
    if !has_marker() {
        state.ready.set(true);
        return state;
    }
    restore(state);
    state
}

/// Restores the session from the refresh cookie.
#[cfg(feature = "signed-in")]
fn restore(state: SessionState) {
    leptos::task::spawn_local(async move {
        match crate::api::client() {
            Ok(client) => match client.refresh(None).await {
                Ok(session) => state.set(session),
                Err(_) => state.clear(),
            },
            Err(_) => state.clear(),
        }
        state.ready.set(true);
    });
}

/// A public build has no forms of signed-in people and is not served to them: with a session
/// in this browser but no cookie naming its build (cleared), it names the resident build and
/// loads the page again, once; that build restores the session (and names the full build for
/// someone with a role, or none when the session has ended). Not when it did so a moment ago:
/// a server that ignores the cookie would answer with this build again.
#[cfg(not(feature = "signed-in"))]
fn restore(state: SessionState) {
    use samenstad_types::web::WebApp;
    state.ready.set(true);
    let Some(document) = document().dyn_into::<web_sys::HtmlDocument>().ok() else {
        return;
    };
    let named = document.cookie().unwrap_or_default().split(';').any(|c| {
        c.trim()
            .strip_prefix(WebApp::COOKIE)
            .and_then(|rest| rest.strip_prefix('='))
            .is_some_and(|value| !value.is_empty())
    });
    if named {
        return;
    }
    let _ = document.set_cookie(&app_cookie(Some("resident")));
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    if !crate::app::served_here_already(&path) {
        let _ = location.reload();
    }
}

/// The session provided by [`provide_session`].
pub fn use_session() -> SessionState {
    use_context::<SessionState>().unwrap_or(SessionState {
        token: RwSignal::new(None),
        me: RwSignal::new(None),
        ready: RwSignal::new(true),
    })
}
