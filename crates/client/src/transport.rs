//! Sending a request: `reqwest` natively, the browser's `fetch` in wasm32.
//!
//! The client's methods build a [`Request`] (method, URL, headers, body) the same way on both;
//! only [`Http::execute`] differs. In the browser this keeps `reqwest`, `http`, `url` and `idna`
//! out of the web app's wasm (issue 18: their request building and Unicode tables were a large
//! part of its first download).

use serde::Serialize;

use crate::Error;

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the effect of sending it once (RFC 9110 §9.2.2).
    pub(crate) fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }
}

/// A request being built; a body or query that cannot be serialised is reported when it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: Method,
    url: String,
    has_query: bool,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    invalid: Option<String>,
}

impl Request {
    fn new(method: Method, url: String) -> Self {
        Self {
            method,
            has_query: url.contains('?'),
            url,
            headers: Vec::new(),
            body: None,
            invalid: None,
        }
    }

    /// Appends `query`'s fields as `key=value` pairs (`serde_urlencoded`; `None` fields left out).
    pub(crate) fn query<T: Serialize + ?Sized>(mut self, query: &T) -> Self {
        match serde_urlencoded::to_string(query) {
            Ok(pairs) if pairs.is_empty() => {}
            Ok(pairs) => {
                self.url.push(if self.has_query { '&' } else { '?' });
                self.url.push_str(&pairs);
                self.has_query = true;
            }
            Err(e) => self.invalid = Some(format!("query: {e}")),
        }
        self
    }

    /// `body` as JSON (`Content-Type: application/json`).
    pub(crate) fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Some(bytes);
                self = self.header("Content-Type", "application/json");
            }
            Err(e) => self.invalid = Some(format!("body: {e}")),
        }
        self
    }

    /// `bytes` as the body (set its `Content-Type` with [`Request::header`]).
    pub(crate) fn body(mut self, bytes: Vec<u8>) -> Self {
        self.body = Some(bytes);
        self
    }

    /// Sets header `name` (replacing an earlier value).
    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name, value.into()));
        self
    }

    /// `Authorization: Bearer token`.
    pub(crate) fn bearer_auth(self, token: &str) -> Self {
        self.header("Authorization", format!("Bearer {token}"))
    }

    /// The URL, with the query.
    #[cfg(test)]
    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

/// A response, read whole (the API's answers are small: pages of at most 100 items, files of at
/// most 5 MiB).
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    /// `Retry-After` in seconds, when the server gave one.
    pub(crate) retry_after: Option<u64>,
    body: Vec<u8>,
}

impl Response {
    /// The body as bytes.
    pub(crate) fn bytes(self) -> Vec<u8> {
        self.body
    }

    /// The body as text (UTF-8, invalid sequences replaced).
    pub(crate) fn text(self) -> String {
        String::from_utf8(self.body)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// The body as JSON of type `T`.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| Error::Unexpected(format!("body: {e}")))
    }

    /// The body as JSON of type `T`: parsed by the browser (`JSON.parse`), then read into `T`
    /// (`serde-wasm-bindgen`), which keeps a JSON parser per type out of the web app's wasm.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        let text =
            std::str::from_utf8(&self.body).map_err(|e| Error::Unexpected(format!("body: {e}")))?;
        let value = js_sys::JSON::parse(text)
            .map_err(|_| Error::Unexpected("body: not JSON".to_owned()))?;
        serde_wasm_bindgen::from_value(value).map_err(|e| Error::Unexpected(format!("body: {e}")))
    }
}

/// What sends requests: a `reqwest::Client` natively; the page's `fetch` in the browser.
#[derive(Debug, Clone, Default)]
pub(crate) struct Http {
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) client: reqwest::Client,
}

impl Http {
    pub(crate) fn get(&self, url: String) -> Request {
        Request::new(Method::Get, url)
    }
    pub(crate) fn post(&self, url: String) -> Request {
        Request::new(Method::Post, url)
    }
    pub(crate) fn put(&self, url: String) -> Request {
        Request::new(Method::Put, url)
    }
    pub(crate) fn patch(&self, url: String) -> Request {
        Request::new(Method::Patch, url)
    }
    pub(crate) fn delete(&self, url: String) -> Request {
        Request::new(Method::Delete, url)
    }

    /// Sends `request` and reads its response.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) async fn execute(&self, request: Request) -> Result<Response, Error> {
        if let Some(invalid) = request.invalid {
            return Err(Error::Unexpected(invalid));
        }
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let body = response.bytes().await?.to_vec();
        Ok(Response {
            status,
            retry_after,
            body,
        })
    }

    /// Sends `request` with the browser's `fetch` (same-origin credentials, so the refresh
    /// cookie goes along) and reads its response.
    #[cfg(target_arch = "wasm32")]
    pub(crate) async fn execute(&self, request: Request) -> Result<Response, Error> {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let failed = |e: wasm_bindgen::JsValue| {
            Error::Http(
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| e.as_string())
                    .unwrap_or_else(|| "fetch failed".to_owned()),
            )
        };
        if let Some(invalid) = request.invalid {
            return Err(Error::Unexpected(invalid));
        }
        let init = web_sys::RequestInit::new();
        init.set_method(request.method.as_str());
        let headers = web_sys::Headers::new().map_err(failed)?;
        for (name, value) in &request.headers {
            headers.append(name, value).map_err(failed)?;
        }
        init.set_headers(&headers);
        if let Some(body) = &request.body {
            init.set_body(&js_sys::Uint8Array::from(body.as_slice()));
        }
        let window = web_sys::window().ok_or_else(|| Error::Http("no window".to_owned()))?;
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(&request.url, &init))
                .await
                .map_err(failed)?
                .dyn_into()
                .map_err(failed)?;
        let retry_after = response
            .headers()
            .get("Retry-After")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse().ok());
        let buffer = JsFuture::from(response.array_buffer().map_err(failed)?)
            .await
            .map_err(failed)?;
        Ok(Response {
            status: response.status(),
            retry_after,
            body: js_sys::Uint8Array::new(&buffer).to_vec(),
        })
    }
}

/// Waits `duration` before a retry.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn pause(duration: std::time::Duration) {
    tokio::time::sleep(duration).await;
}

/// Waits `duration` before a retry (the page's `setTimeout`).
#[cfg(target_arch = "wasm32")]
pub(crate) async fn pause(duration: std::time::Duration) {
    let millis = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Characters a path segment keeps as they are (RFC 3986 unreserved); the rest is
/// percent-encoded, `/` included.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `base` (ending in `/`) with `api/v1/` and each of `segments`, percent-encoded.
pub(crate) fn join(base: &str, segments: &[&str]) -> String {
    let mut url = format!("{base}api/v1");
    for segment in segments {
        url.push('/');
        url.extend(percent_encoding::utf8_percent_encode(segment, SEGMENT));
    }
    url
}

/// `base_url` checked to be an absolute `http(s)` URL without query or fragment, ending in `/`.
pub(crate) fn base(base_url: &str) -> Result<String, Error> {
    let invalid = |why: &str| Error::BaseUrl(format!("{base_url}: {why}"));
    let rest = base_url
        .strip_prefix("http://")
        .or_else(|| base_url.strip_prefix("https://"))
        .ok_or_else(|| invalid("not an absolute http or https URL"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '@') {
        return Err(invalid("no host"));
    }
    if base_url.contains(['?', '#']) {
        return Err(invalid("a base URL has no query or fragment"));
    }
    let mut base = base_url.to_owned();
    if !base.ends_with('/') {
        base.push('/');
    }
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_appended_without_its_empty_fields_and_encoded() {
        #[derive(Serialize)]
        struct Query {
            wijk: Option<u8>,
            q: &'static str,
            cursor: Option<String>,
        }
        let http = Http::default();
        let request = http.get(join("http://h/", &["venues"])).query(&Query {
            wijk: Some(7),
            q: "zaal & keuken",
            cursor: None,
        });
        assert_eq!(
            request.url(),
            "http://h/api/v1/venues?wijk=7&q=zaal+%26+keuken"
        );
        let twice = request.query(&[("from", "2026-12-01")]);
        assert!(
            twice.url().ends_with("keuken&from=2026-12-01"),
            "{}",
            twice.url()
        );
        let none = http
            .get("http://h/x".to_owned())
            .query(&[("a", None::<u8>)]);
        assert_eq!(none.url(), "http://h/x");
    }

    #[test]
    fn a_json_body_sets_its_type_and_a_header_set_twice_has_the_last_value() {
        let request = Http::default()
            .post("http://h/x".to_owned())
            .json(&serde_json::json!({"a": 1}))
            .header("content-type", "application/merge-patch+json");
        assert_eq!(request.body.as_deref(), Some(&b"{\"a\":1}"[..]));
        assert_eq!(
            request.headers,
            vec![("content-type", "application/merge-patch+json".to_owned())]
        );
        assert!(!request.method.is_idempotent() && !Method::Patch.is_idempotent());
        assert!(Method::Put.is_idempotent() && Method::Get.is_idempotent());
    }

    #[test]
    fn a_base_url_needs_a_scheme_and_a_host_and_gets_its_slash() {
        assert_eq!(
            base("http://localhost:8080").unwrap(),
            "http://localhost:8080/"
        );
        assert_eq!(base("https://x.be/stad/").unwrap(), "https://x.be/stad/");
        for bad in [
            "/api",
            "localhost:8080",
            "ftp://x",
            "http://",
            "http://x/?a=1",
            "http://u@x",
        ] {
            assert!(matches!(base(bad), Err(Error::BaseUrl(_))), "{bad}");
        }
    }

    #[test]
    fn path_segments_keep_only_unreserved_characters() {
        assert_eq!(
            join("http://h/", &["ideas", "é/ ?#%", "election.pb", "a_b-c~"]),
            "http://h/api/v1/ideas/%C3%A9%2F%20%3F%23%25/election.pb/a_b-c~"
        );
    }
}
