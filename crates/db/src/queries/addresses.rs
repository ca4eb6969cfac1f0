//! The address register: the import of an extract, and finding an address as one types.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use samenstad_domain::address::Term;

use crate::queries::audit::{self, NewAudit};
use crate::schema::address;

/// An address of the register.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = address, check_for_backend(diesel::pg::Pg))]
pub struct AddressRow {
    pub id: String,
    pub street: String,
    pub number: String,
    pub box_: Option<String>,
    pub postcode: String,
    pub municipality: String,
    pub lat: f64,
    pub lon: f64,
}

/// Rows per INSERT statement (8 parameters each, well under PostgreSQL's 65,535).
const BATCH: usize = 2_000;

/// Inserts the addresses, or updates those whose id is known, in one transaction with one
/// audit row; returns how many rows were written.
pub fn import(conn: &mut PgConnection, rows: &[AddressRow], source: &str) -> QueryResult<usize> {
    use diesel::upsert::excluded;
    conn.transaction(|conn| {
        let mut written = 0;
        for chunk in rows.chunks(BATCH) {
            written += diesel::insert_into(address::table)
                .values(chunk)
                .on_conflict(address::id)
                .do_update()
                .set((
                    address::street.eq(excluded(address::street)),
                    address::number.eq(excluded(address::number)),
                    address::box_.eq(excluded(address::box_)),
                    address::postcode.eq(excluded(address::postcode)),
                    address::municipality.eq(excluded(address::municipality)),
                    address::lat.eq(excluded(address::lat)),
                    address::lon.eq(excluded(address::lon)),
                ))
                .execute(conn)?;
        }
        audit::record(
            conn,
            NewAudit::by(None, "address.imported")
                .details(serde_json::json!({"source": source, "addresses": written})),
        )?;
        Ok(written)
    })
}

/// The addresses that match every term (a number as a whole word, another word as the start of
/// a word), by street, house number and box; at most `limit`.
pub fn search(conn: &mut PgConnection, terms: &[Term], limit: i64) -> QueryResult<Vec<AddressRow>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = address::table
        .select(AddressRow::as_select())
        .order((
            address::street.asc(),
            sql::<diesel::sql_types::Nullable<diesel::sql_types::Integer>>(
                "substring(address.number from '^[0-9]+')::int",
            )
            .asc(),
            address::number.asc(),
            address::box_.asc().nulls_first(),
        ))
        .limit(limit)
        .into_boxed();
    for term in terms {
        // The stored search text is folded to [a-z0-9 ], and so are the terms: no wildcard can
        // come from the input.
        let pattern = match term {
            Term::Number(n) => format!("% {n} %"),
            Term::Word(w) => format!("% {w}%"),
        };
        q = q.filter(sql::<Bool>("address.search LIKE ").bind::<Text, _>(pattern));
    }
    q.load(conn)
}

/// The address with this id.
pub fn by_id(conn: &mut PgConnection, id: &str) -> QueryResult<Option<AddressRow>> {
    address::table
        .find(id)
        .select(AddressRow::as_select())
        .first(conn)
        .optional()
}

/// How many addresses the register holds.
pub fn count(conn: &mut PgConnection) -> QueryResult<i64> {
    address::table.count().get_result(conn)
}
