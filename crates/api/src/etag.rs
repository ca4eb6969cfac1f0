//! ETags over response bodies and `If-None-Match` handling.

use actix_web::http::header::{self, EntityTag, Header, IfNoneMatch};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

/// A serialized response body with its ETag, ready to serve many times.
#[derive(Debug, Clone)]
pub struct CachedBody {
    /// The body bytes.
    pub bytes: Bytes,
    /// Weak ETag of the bytes (weak because responses may be compressed).
    pub etag: EntityTag,
    /// Content type of the body.
    pub content_type: &'static str,
}

impl CachedBody {
    /// Serializes `value` as JSON and computes its ETag.
    pub fn json<T: serde::Serialize>(
        value: &T,
        content_type: &'static str,
    ) -> Result<Self, serde_json::Error> {
        let bytes = Bytes::from(serde_json::to_vec(value)?);
        let digest = Sha256::digest(&bytes);
        let tag = digest
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        Ok(Self {
            bytes,
            etag: EntityTag::new_weak(tag),
            content_type,
        })
    }

    /// 304 when the request's `If-None-Match` matches, else 200 with the body.
    pub fn respond(&self, req: &HttpRequest) -> HttpResponse {
        let not_modified = match IfNoneMatch::parse(req) {
            Ok(IfNoneMatch::Any) => true,
            Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&self.etag)),
            Err(_) => false,
        };
        let mut builder = if not_modified {
            HttpResponse::NotModified()
        } else {
            HttpResponse::Ok()
        };
        builder
            .insert_header(header::ETag(self.etag.clone()))
            .insert_header((header::CACHE_CONTROL, "public, max-age=60"));
        if not_modified {
            builder.finish()
        } else {
            builder
                .content_type(self.content_type)
                .body(self.bytes.clone())
        }
    }
}
