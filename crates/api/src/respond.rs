//! JSON answers of the busy public lists, compressed where they are made.
//!
//! The `Compress` middleware encodes every body of 1 KiB or more on the blocking thread pool
//! (one more thread hop per answer) with a brotli window of 4 MiB whatever the body's size.
//! For the lists a phone asks for most (venue finder, projects, ideas), [`json`] serialises
//! and compresses in place with a window fitted to the body; the middleware leaves an answer
//! that already has a `Content-Encoding` alone. Bodies under 1 KiB are sent as they are.

use std::io::Write as _;

use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::error::AppError;
use crate::etag::accepts_encoding;
use crate::state::AppState;

/// Smaller bodies are not worth compressing.
const MIN_SIZE: usize = 1024;

/// Brotli quality for answers made per request: 4 compresses JSON within a few percent of 9
/// at a fraction of its time.
const BROTLI_QUALITY: u32 = 4;

/// `200 OK` with `value` as JSON, compressed with brotli or gzip when the client accepts it.
pub fn json<T: Serialize>(req: &HttpRequest, value: &T) -> Result<HttpResponse, AppError> {
    Ok(encode(preferred(req), value)?.respond())
}

/// [`json`] for an answer that is the same for every caller, kept for a short time in the
/// [public cache](crate::public_cache): `make` runs only when no fresh answer is kept.
pub async fn public_json<T, F>(
    state: &AppState,
    req: &HttpRequest,
    make: F,
) -> Result<HttpResponse, AppError>
where
    T: Serialize,
    F: Future<Output = Result<T, AppError>>,
{
    let cache = &state.public_cache;
    let coding = preferred(req);
    // Each municipality has its own answers.
    let uri = format!(
        "{}{}",
        crate::tenant::current().map(|t| t.id).unwrap_or_default(),
        req.uri().path_and_query().map_or("", |p| p.as_str())
    );
    let uri = uri.as_str();
    if let Some(hit) = cache.get(uri, coding) {
        return Ok(hit.respond());
    }
    let generation = cache.generation();
    let encoded = encode(coding, &make.await?)?;
    let response = encoded.respond();
    cache.put(uri, coding, generation, encoded);
    Ok(response)
}

/// A JSON body as it is sent.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// Its `Content-Encoding`, if any.
    coding: Option<&'static str>,
    /// Whether it depends on `Accept-Encoding` (bodies of 1 KiB or more).
    vary: bool,
    body: Bytes,
}

impl Encoded {
    /// `200 OK` with this body.
    pub fn respond(&self) -> HttpResponse {
        let mut response = HttpResponse::Ok();
        response.content_type(ContentType::json());
        if self.vary {
            response.insert_header((header::VARY, "Accept-Encoding"));
        }
        if let Some(coding) = self.coding {
            response.insert_header((header::CONTENT_ENCODING, coding));
        }
        response.body(self.body.clone())
    }

    /// Bytes of the body.
    pub fn size(&self) -> usize {
        self.body.len()
    }

    /// The body as sent.
    pub fn body_bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// A body without coding (e.g. a part of a page, kept in the public cache).
    pub fn uncoded(body: Bytes) -> Self {
        Self {
            coding: None,
            vary: false,
            body,
        }
    }

    /// A small body without coding.
    #[cfg(test)]
    pub fn plain(body: &'static str) -> Self {
        Self::uncoded(Bytes::from_static(body.as_bytes()))
    }
}

/// The coding [`json`] uses for this request: `"br"`, `"gzip"`, or `""` (none; another coding
/// the client may accept, deflate or zstd, is left to the middleware).
fn preferred(req: &HttpRequest) -> &'static str {
    if accepts_encoding(req, "br") {
        "br"
    } else if accepts_encoding(req, "gzip") {
        "gzip"
    } else {
        ""
    }
}

/// `value` as JSON in `coding` (bodies under 1 KiB as they are).
fn encode<T: Serialize>(coding: &'static str, value: &T) -> Result<Encoded, AppError> {
    let body = serde_json::to_vec(value).map_err(|e| AppError::Internal(e.to_string()))?;
    if body.len() < MIN_SIZE {
        return Ok(Encoded {
            coding: None,
            vary: false,
            body: body.into(),
        });
    }
    let encoded = match coding {
        "br" => brotli(&body),
        "gzip" => gzip(&body),
        _ => None,
    };
    Ok(match encoded {
        Some(bytes) => Encoded {
            coding: Some(coding),
            vary: true,
            body: bytes.into(),
        },
        None => Encoded {
            coding: None,
            vary: true,
            body: body.into(),
        },
    })
}

/// Brotli with a window just large enough for the body (at least 1 KiB, at most 4 MiB).
fn brotli(body: &[u8]) -> Option<Vec<u8>> {
    let window_bits = (usize::BITS - body.len().leading_zeros()).clamp(10, 22);
    let mut writer = brotli::CompressorWriter::new(
        Vec::with_capacity(body.len() / 4),
        4096,
        BROTLI_QUALITY,
        window_bits,
    );
    writer.write_all(body).ok()?;
    writer.flush().ok()?;
    Some(writer.into_inner())
}

fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut writer = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::fast(),
    );
    writer.write_all(body).ok()?;
    writer.finish().ok()
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use actix_web::body::MessageBody as _;
    use actix_web::test::TestRequest;

    use super::*;

    fn answer(accept: &str, value: &serde_json::Value) -> (Option<String>, Vec<u8>) {
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_ENCODING, accept))
            .to_http_request();
        let response = json(&req, value).expect("an answer");
        let coding = response
            .headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().expect("ASCII").to_owned());
        let bytes = response.into_body().try_into_bytes().expect("a full body");
        (coding, bytes.to_vec())
    }

    #[test]
    fn a_large_answer_is_compressed_as_the_client_accepts_and_decodes_to_the_same_json() {
        let value = serde_json::json!({
            "items": (0..200).map(|i| serde_json::json!({"id": i, "name": format!("Buurthuis {i}")}))
                .collect::<Vec<_>>(),
            "next_cursor": null,
        });
        let plain = serde_json::to_vec(&value).expect("JSON");

        let (coding, br) = answer("gzip, deflate, br", &value);
        assert_eq!(coding.as_deref(), Some("br"));
        let mut decoded = Vec::new();
        brotli::Decompressor::new(br.as_slice(), 4096)
            .read_to_end(&mut decoded)
            .expect("brotli");
        assert_eq!(decoded, plain);
        assert!(
            br.len() * 4 < plain.len(),
            "{} of {}",
            br.len(),
            plain.len()
        );

        let (coding, gz) = answer("gzip", &value);
        assert_eq!(coding.as_deref(), Some("gzip"));
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_end(&mut decoded)
            .expect("gzip");
        assert_eq!(decoded, plain);

        assert_eq!(answer("br;q=0, identity", &value), (None, plain));
    }

    #[test]
    fn a_small_answer_goes_as_it_is() {
        let value = serde_json::json!({"items": [], "next_cursor": null});
        let (coding, body) = answer("br", &value);
        assert_eq!(
            (coding, body),
            (None, br#"{"items":[],"next_cursor":null}"#.to_vec())
        );
    }
}
