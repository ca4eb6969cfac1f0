//! Files chosen in an `<input type=file>`: read in the browser and sent as the raw body of a
//! request (photos, attachments).

use leptos::prelude::{RwSignal, Set};
use wasm_bindgen::JsCast;

use crate::state::SessionState;

/// The file input an event (`change`) came from.
pub fn file_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
}

/// Reads the file chosen in an `<input type=file>`: name, type and bytes.
pub async fn chosen_file(
    input: Option<web_sys::HtmlInputElement>,
) -> Option<(String, String, Vec<u8>)> {
    let file = input?.files()?.get(0)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some((
        file.name(),
        file.type_(),
        js_sys::Uint8Array::new(&buffer).to_vec(),
    ))
}

/// Sends the photo chosen in the input of `ev` with `send(client, content_type, bytes)` as the
/// logged-in person; the server's reason (or `unreadable` when the file cannot be read) goes to
/// `message`, the answer to `done`.
pub fn send_chosen_photo<T, Fut>(
    ev: &leptos::ev::Event,
    session: SessionState,
    message: RwSignal<Option<String>>,
    unreadable: String,
    send: impl FnOnce(samenstad_client::Client, String, Vec<u8>) -> Fut + 'static,
    done: impl FnOnce(T) + 'static,
) where
    T: 'static,
    Fut: std::future::Future<Output = Result<T, samenstad_client::Error>> + 'static,
{
    let input = file_input(ev);
    leptos::task::spawn_local(async move {
        match chosen_file(input).await {
            Some((_, content_type, bytes)) => crate::staff::act(
                session,
                message,
                move |c| send(c, content_type, bytes),
                done,
            ),
            None => message.set(Some(unreadable)),
        }
    });
}
