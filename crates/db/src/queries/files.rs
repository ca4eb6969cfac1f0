//! Stored files (an idea's photo) and the ideas that point at them.

use chrono::Utc;
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::{idea, stored_file};

/// A file to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile<'a> {
    pub id: Uuid,
    /// Hex SHA-256 of `bytes`, the file's ETag.
    pub sha256: &'a str,
    pub content_type: &'a str,
    pub size: i32,
    pub bytes: &'a [u8],
    pub created_by: Uuid,
}

/// Stores a file.
pub fn insert_file(conn: &mut PgConnection, file: &NewFile<'_>) -> QueryResult<()> {
    diesel::insert_into(stored_file::table)
        .values((
            stored_file::id.eq(file.id),
            stored_file::sha256.eq(file.sha256),
            stored_file::content_type.eq(file.content_type),
            stored_file::size.eq(file.size),
            stored_file::bytes.eq(file.bytes),
            stored_file::created_by.eq(file.created_by),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Points idea `idea_id` at `file` (or at none) and removes the photo it had, `previous`.
pub fn set_idea_image(
    conn: &mut PgConnection,
    idea_id: Uuid,
    previous: Option<Uuid>,
    file: Option<Uuid>,
) -> QueryResult<()> {
    diesel::update(idea::table.find(idea_id))
        .set((idea::image_id.eq(file), idea::updated_at.eq(Utc::now())))
        .execute(conn)?;
    if let Some(old) = previous {
        diesel::delete(stored_file::table.find(old)).execute(conn)?;
    }
    Ok(())
}

/// Whether a hidden idea shows this file.
pub fn is_image_of_hidden_idea(conn: &mut PgConnection, file: Uuid) -> QueryResult<bool> {
    let hidden: i64 = idea::table
        .filter(idea::image_id.eq(file))
        .filter(idea::hidden_reason.is_not_null())
        .count()
        .get_result(conn)?;
    Ok(hidden > 0)
}

/// A stored file: its content type, hex SHA-256 and bytes.
pub fn file_by_id(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(String, String, Vec<u8>)>> {
    stored_file::table
        .find(id)
        .select((
            stored_file::content_type,
            stored_file::sha256,
            stored_file::bytes,
        ))
        .first(conn)
        .optional()
}
