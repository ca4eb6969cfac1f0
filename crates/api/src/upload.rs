//! Files sent as the raw request body (photos, attachments): the declared `Content-Type` must be
//! one the endpoint takes and match the bytes, within a size limit. Images lose their EXIF (and,
//! in a JPEG, XMP) metadata: the position where a photo was taken, the time and the device.

use actix_web::http::header;
use actix_web::{HttpRequest, web};

use crate::error::AppError;

/// An image's bytes, for the OpenAPI document (bodies are read as a raw stream).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ImageBytes(std::marker::PhantomData<Vec<u8>>);

/// The image types photos may have.
pub const IMAGE_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// An attachment's bytes (PDF or image), for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(std::marker::PhantomData<Vec<u8>>);

/// An upload as received: its type and its bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The declared and checked media type, lower case, without parameters.
    pub content_type: String,
    /// The bytes (images without metadata).
    pub bytes: Vec<u8>,
}

impl Upload {
    /// Hex SHA-256 of the bytes (the stored file's ETag).
    pub fn sha256(&self) -> String {
        use sha2::{Digest, Sha256};
        format!("{:x}", Sha256::digest(&self.bytes))
    }

    /// The size in bytes, as stored.
    pub fn size(&self) -> i32 {
        i32::try_from(self.bytes.len()).unwrap_or(i32::MAX)
    }

    /// Keeps the upload in `stored_file` (by `by`); the new file's id.
    pub fn keep(
        &self,
        conn: &mut samenstad_db::PgConnection,
        by: uuid::Uuid,
    ) -> Result<uuid::Uuid, AppError> {
        let id = uuid::Uuid::now_v7();
        samenstad_db::queries::files::insert_file(
            conn,
            &samenstad_db::queries::files::NewFile {
                id,
                sha256: &self.sha256(),
                content_type: &self.content_type,
                size: self.size(),
                bytes: &self.bytes,
                created_by: by,
            },
        )?;
        Ok(id)
    }
}

/// Reads the body: 415 when its declared type is not in `types` (`expected` says what is), 413
/// over `limit` bytes, 400 when empty, 415 when the bytes are not of the declared type or an
/// image cannot be read.
pub async fn read(
    req: &HttpRequest,
    payload: web::Payload,
    types: &[&str],
    limit: usize,
    expected: &str,
) -> Result<Upload, AppError> {
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if !types.contains(&declared.as_str()) {
        return Err(AppError::UnsupportedMediaType(format!("send {expected}")));
    }
    let bytes = payload
        .to_bytes_limited(limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
        .map_err(|e| AppError::BadRequest(format!("cannot read the file: {e}")))?;
    if bytes.is_empty() {
        return Err(AppError::BadRequest("the file is empty".to_owned()));
    }
    if infer::get(&bytes).map(|t| t.mime_type()) != Some(declared.as_str()) {
        return Err(AppError::UnsupportedMediaType(format!(
            "the bytes are not of type {declared}"
        )));
    }
    let bytes = if declared.starts_with("image/") {
        strip_metadata(bytes).ok_or_else(|| {
            AppError::UnsupportedMediaType(format!("the {declared} image is damaged"))
        })?
    } else {
        bytes.to_vec()
    };
    Ok(Upload {
        content_type: declared,
        bytes,
    })
}

/// The image without EXIF and, in a JPEG, without XMP (both in APP1 segments); `None` when the
/// container is unreadable.
fn strip_metadata(bytes: web::Bytes) -> Option<Vec<u8>> {
    use img_parts::{DynImage, ImageEXIF, jpeg::markers};
    let mut image = DynImage::from_bytes(bytes).ok()??;
    if let DynImage::Jpeg(jpeg) = &mut image {
        jpeg.segments_mut().retain(|s| s.marker() != markers::APP1);
    }
    image.set_exif(None);
    let mut out = Vec::new();
    image.encoder().write_to(&mut out).ok()?;
    Some(out)
}
