//! The API client of the web app: the typed `samenstad-client` against this page's origin.

use leptos::prelude::{Get, GetUntracked};
use samenstad_client::Client;

/// A client for the server that served this page, asking for its messages in the page's
/// language (`<html lang>`, which the language switch keeps in step).
pub fn client() -> Result<Client, String> {
    let origin = leptos::prelude::window()
        .location()
        .origin()
        .map_err(|_| "no origin".to_owned())?;
    let language = leptos::prelude::document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .filter(|l| l == "en")
        .unwrap_or_else(|| "nl".to_owned());
    Ok(Client::new(&origin)
        .map_err(|e| e.to_string())?
        .with_language(language))
}

/// A client that sends the session's access token.
pub fn authed(session: &crate::state::SessionState) -> Result<Client, String> {
    let token = session
        .token
        .get_untracked()
        .ok_or_else(|| "log in first".to_owned())?;
    Ok(client()?.with_token(token))
}

/// `authed` for resources: reads the token tracked, so a resource loaded before the session was
/// restored (a page opened by its address) loads again once it is.
pub fn tracked(session: &crate::state::SessionState) -> Result<Client, String> {
    let token = session
        .token
        .get()
        .ok_or_else(|| "log in first".to_owned())?;
    Ok(client()?.with_token(token))
}

/// What the maps of all wijken ask `/wijken.geojson` for: outlines simplified for drawing (a
/// quarter of the points: less to download, decode and draw on a phone).
pub const MAP_OUTLINES: samenstad_types::GeoJsonQuery = samenstad_types::GeoJsonQuery {
    simplify: Some(samenstad_types::wijk::MAP_TOLERANCE_M),
};
