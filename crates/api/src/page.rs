//! One cursor codec and one page rule for every list (`{items, next_cursor}`).
//!
//! A list fetches one row more than the page size: that row only tells whether a next page
//! exists. The cursor is opaque to clients: URL-safe base64 (no padding) of the JSON of the
//! position after which the next page starts, a keyset (such as `(name, id)`) or an offset.
//! Page sizes are 1–100, 20 by default; the query types validate the range.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use samenstad_types::Page;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Page size when the query gives none.
pub const DEFAULT_LIMIT: i64 = 20;

/// The page size asked for (validated 1–100 by the query type), or [`DEFAULT_LIMIT`].
pub fn limit(asked: Option<i64>) -> i64 {
    asked.unwrap_or(DEFAULT_LIMIT)
}

/// The position a `cursor` parameter carries; `None` for the first page. A cursor that is not
/// one of this list's is a 400 on the field `cursor`.
pub fn position<P: DeserializeOwned>(cursor: Option<&str>) -> Result<Option<P>, AppError> {
    let Some(cursor) = cursor else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .map(Some)
        .ok_or_else(|| AppError::field("cursor", "unknown", "is not a cursor of this list"))
}

/// The cursor of a position.
pub fn cursor<P: Serialize>(position: &P) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).unwrap_or_default())
}

/// Cuts `rows`, fetched with `limit + 1`, to the page and makes the next page's cursor from
/// the last row kept (`next`), or none on the last page.
pub fn cut<R, P: Serialize>(mut rows: Vec<R>, limit: i64, next: impl FnOnce(&R) -> P) -> Page<R> {
    let limit = usize::try_from(limit).unwrap_or(0);
    if rows.len() <= limit {
        return Page::new(rows, None);
    }
    rows.truncate(limit);
    let next_cursor = rows.last().map(|last| cursor(&next(last)));
    Page::new(rows, next_cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_gives_back_its_position_and_a_foreign_one_is_a_field_error() {
        let c = cursor(&("Buurthuis", 7));
        assert_eq!(
            position::<(String, i32)>(Some(&c)).expect("decodes"),
            Some(("Buurthuis".to_owned(), 7))
        );
        assert_eq!(position::<u64>(None).expect("no cursor"), None);
        for bad in ["x", "20", &cursor(&"text")] {
            match position::<u64>(Some(bad)) {
                Err(AppError::Unknown(errors)) => assert_eq!(errors[0].field, "cursor"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_page_keeps_limit_rows_and_points_after_the_last_only_when_more_exist() {
        let page = cut(vec![1, 2, 3], 2, |last| *last);
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(
            position::<i32>(page.next_cursor.as_deref()).expect("decodes"),
            Some(2)
        );
        assert_eq!(
            cut(vec![1, 2], 2, |last| *last),
            Page::new(vec![1, 2], None)
        );
    }
}
