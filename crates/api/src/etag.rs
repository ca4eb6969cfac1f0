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
    /// The same bytes compressed with brotli and gzip, for bodies served very often
    /// ([`CachedBody::precompressed`]); else compressed per response by the middleware.
    compressed: Option<(Bytes, Bytes)>,
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
        Ok(Self::of_bytes(
            Bytes::from(serde_json::to_vec(value)?),
            content_type,
        ))
    }

    /// `bytes` with their ETag.
    pub fn of_bytes(bytes: Bytes, content_type: &'static str) -> Self {
        let digest = Sha256::digest(&bytes);
        let tag = digest
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        Self {
            bytes,
            compressed: None,
            etag: EntityTag::new_weak(tag),
            content_type,
        }
    }

    /// [`CachedBody::precompressed`], but takes the compressed bytes of `previous` when it has
    /// the same ETag: reloading unchanged data compresses nothing.
    #[must_use]
    pub fn precompressed_reusing(self, previous: Option<&CachedBody>) -> Self {
        match previous {
            Some(p) if p.compressed.is_some() && p.etag.tag() == self.etag.tag() => Self {
                compressed: p.compressed.clone(),
                ..self
            },
            _ => self.precompressed(),
        }
    }

    /// Compresses the body once (brotli quality 9, gzip level 9), so serving it costs no
    /// compression and no per-response buffers.
    #[must_use]
    pub fn precompressed(mut self) -> Self {
        use std::io::Write as _;
        let mut br = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 9, 22);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let ok = br.write_all(&self.bytes).is_ok() && gz.write_all(&self.bytes).is_ok();
        let br = br.into_inner();
        if let (true, Ok(gz)) = (ok, gz.finish()) {
            self.compressed = Some((Bytes::from(br), Bytes::from(gz)));
        }
        self
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
            return builder.finish();
        }
        builder.content_type(self.content_type);
        let Some((br, gz)) = &self.compressed else {
            return builder.body(self.bytes.clone());
        };
        builder.insert_header((header::VARY, "Accept-Encoding"));
        if accepts_encoding(req, "br") {
            builder
                .insert_header((header::CONTENT_ENCODING, "br"))
                .body(br.clone())
        } else if accepts_encoding(req, "gzip") {
            builder
                .insert_header((header::CONTENT_ENCODING, "gzip"))
                .body(gz.clone())
        } else {
            builder.body(self.bytes.clone())
        }
    }
}

/// Whether the request's `Accept-Encoding` lists `coding` (and not with `q=0`).
pub fn accepts_encoding(req: &HttpRequest, coding: &str) -> bool {
    let Some(value) = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    value.split(',').any(|part| {
        let mut params = part.split(';');
        params
            .next()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case(coding))
            && !params.any(|p| {
                let p = p.trim().replace(' ', "");
                p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            })
    })
}

/// The strong ETag of a version of an object that changes as a whole (its `updated_at`).
pub fn version_tag(updated_at: chrono::DateTime<chrono::Utc>) -> EntityTag {
    EntityTag::new_strong(format!("{:x}", updated_at.timestamp_micros()))
}

/// A request's `If-Match`, read before the change is made (RFC 9110 §13.1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    /// No `If-Match`: the change is refused with 428.
    Missing,
    /// `If-Match: *`.
    Any,
    /// The versions the client accepts.
    Tags(Vec<EntityTag>),
}

impl Precondition {
    /// The request's `If-Match` (an unparseable one counts as matching nothing).
    pub fn of(req: &HttpRequest) -> Self {
        use actix_web::http::header::IfMatch;
        if !req.headers().contains_key(header::IF_MATCH) {
            return Self::Missing;
        }
        match IfMatch::parse(req) {
            Ok(IfMatch::Any) => Self::Any,
            Ok(IfMatch::Items(tags)) => Self::Tags(tags),
            Err(_) => Self::Tags(Vec::new()),
        }
    }

    /// 428 without `If-Match`, 412 when it does not name `current` (strong comparison).
    pub fn check(&self, current: &EntityTag, what: &str) -> Result<(), crate::error::AppError> {
        use crate::error::AppError;
        match self {
            Self::Missing => Err(AppError::PreconditionRequired),
            Self::Any => Ok(()),
            Self::Tags(tags) if tags.iter().any(|t| t.strong_eq(current)) => Ok(()),
            Self::Tags(_) => Err(AppError::PreconditionFailed(format!(
                "someone changed {what} meanwhile; reload it and make your change again"
            ))),
        }
    }
}
