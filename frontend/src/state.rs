//! The session of the web app: the access token lives in memory only; the refresh token is an
//! HttpOnly cookie the browser keeps, so a reload restores the session through `/auth/refresh`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use samenstad_types::account::{Me, Session};

use crate::api;

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
        self.token.set(Some(session.access_token));
        self.me.set(Some(session.user));
        remember(true);
    }

    /// Forgets the session.
    pub fn clear(&self) {
        self.token.set(None);
        self.me.set(None);
        remember(false);
    }
}

/// A marker (no secret) that this browser has a session, so anonymous visitors do not send a
/// refresh request that can only fail.
const MARKER: &str = "samenstad.session";

fn remember(logged_in: bool) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = if logged_in {
            storage.set_item(MARKER, "1")
        } else {
            storage.remove_item(MARKER)
        };
    }
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
    spawn_local(async move {
        match api::client() {
            Ok(client) => match client.refresh(None).await {
                Ok(session) => state.set(session),
                Err(_) => state.clear(),
            },
            Err(_) => state.clear(),
        }
        state.ready.set(true);
    });
    state
}

/// The session provided by [`provide_session`].
pub fn use_session() -> SessionState {
    use_context::<SessionState>().unwrap_or(SessionState {
        token: RwSignal::new(None),
        me: RwSignal::new(None),
        ready: RwSignal::new(true),
    })
}
