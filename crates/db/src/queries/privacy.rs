//! Everything stored about one person, found through the database's own catalogue: every row
//! of every table with a foreign key to `app_user` that points at them. A table added later is
//! in the export without anyone remembering to add it; secrets (hashes, tokens) are left out.
//! Where the person only acted on a row that is someone else's (a column `…_by` or `actor_id`:
//! a booking they decided, a resident they verified, a ballot or signal they entered), the row
//! shows that they did and when — its id, that column and its times — not the other person's
//! data.

use diesel::prelude::*;
use diesel::sql_types::{Jsonb, Text, Uuid as SqlUuid};
use uuid::Uuid;

/// The rows of one table that refer to the person through one column.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordGroup {
    /// The table.
    pub table: String,
    /// The column that names the person (`requester_id`, `author_id`, …).
    pub column: String,
    /// The rows as JSON objects, without secret columns.
    pub rows: Vec<serde_json::Value>,
}

#[derive(QueryableByName)]
struct Reference {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = diesel::sql_types::Array<Text>)]
    secret_columns: Vec<String>,
}

impl Reference {
    /// Whether the column names who acted on the row rather than whom it is about (asking for
    /// something or accepting it is the person's own).
    fn acted(&self) -> bool {
        (self.column_name.ends_with("_by") || self.column_name == "actor_id")
            && !matches!(self.column_name.as_str(), "requested_by" | "accepted_by")
    }
}

#[derive(QueryableByName)]
struct Rows {
    #[diesel(sql_type = Jsonb)]
    rows: serde_json::Value,
}

/// Every (table, column) with a foreign key to `app_user`, with the table's secret columns
/// (hashes, tokens, secrets), ordered by table and column.
fn references(conn: &mut PgConnection) -> QueryResult<Vec<Reference>> {
    diesel::sql_query(
        "SELECT c.conrelid::regclass::text AS table_name, a.attname::text AS column_name, \
                coalesce((SELECT array_agg(s.attname::text ORDER BY s.attnum) FROM pg_attribute s \
                          WHERE s.attrelid = c.conrelid AND s.attnum > 0 AND NOT s.attisdropped \
                            AND (s.attname ~ '(hash|secret|token)')), '{}') AS secret_columns \
         FROM pg_constraint c \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) \
         WHERE c.contype = 'f' AND c.confrelid = 'app_user'::regclass AND array_length(c.conkey, 1) = 1 \
         ORDER BY 1, 2",
    )
    .load(conn)
}

/// Everything stored about the person outside `app_user` itself, by table and column; groups
/// without rows are left out.
pub fn records_about(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<RecordGroup>> {
    let mut groups = Vec::new();
    for r in references(conn)? {
        // Names come from the catalogue, quoted as identifiers; the person is a bound value.
        let secrets = r
            .secret_columns
            .iter()
            .map(|c| format!("'{}'", c.replace('\'', "''")))
            .collect::<Vec<_>>()
            .join(", ");
        let without = if secrets.is_empty() {
            String::new()
        } else {
            format!(" - ARRAY[{secrets}]::text[]")
        };
        let table = quote(&r.table_name);
        let column = quote(&r.column_name);
        let row = if r.acted() {
            format!(
                "(SELECT coalesce(jsonb_object_agg(e.key, e.value), '{{}}'::jsonb) \
                  FROM jsonb_each(to_jsonb(t)) e \
                  WHERE e.key IN ('id', '{}') OR e.key LIKE '%\\_at')",
                r.column_name.replace('\'', "''")
            )
        } else {
            format!("to_jsonb(t){without}")
        };
        let found: Rows = diesel::sql_query(format!(
            "SELECT coalesce(jsonb_agg({row} ORDER BY t.ctid), '[]'::jsonb) AS rows \
             FROM {table} t WHERE t.{column} = $1"
        ))
        .bind::<SqlUuid, _>(user_id)
        .get_result(conn)?;
        let rows = match found.rows {
            serde_json::Value::Array(rows) => rows,
            _ => Vec::new(),
        };
        if !rows.is_empty() {
            groups.push(RecordGroup {
                table: r.table_name,
                column: r.column_name,
                rows,
            });
        }
    }
    Ok(groups)
}

/// A name as a quoted SQL identifier (a `regclass` text may already be quoted).
fn quote(name: &str) -> String {
    if name.starts_with('"') {
        name.to_owned()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}
