//! Wijken of a municipality.

use diesel::prelude::*;

use crate::models::{MunicipalityRow, WijkRow};
use crate::schema::{municipality, municipality_host, reference_version, wijk, wijk_contact};

/// The municipality with this slug, if any.
pub fn municipality_by_slug(
    conn: &mut PgConnection,
    slug: &str,
) -> QueryResult<Option<MunicipalityRow>> {
    municipality::table
        .filter(municipality::slug.eq(slug))
        .select(MunicipalityRow::as_select())
        .first(conn)
        .optional()
}

/// The municipality with this id, if any.
pub fn municipality_by_id(
    conn: &mut PgConnection,
    id: uuid::Uuid,
) -> QueryResult<Option<MunicipalityRow>> {
    municipality::table
        .find(id)
        .select(MunicipalityRow::as_select())
        .first(conn)
        .optional()
}

/// Every municipality with each of its host names (`None` for one without any).
pub fn municipalities_with_hosts(
    conn: &mut PgConnection,
) -> QueryResult<Vec<(MunicipalityRow, Option<String>)>> {
    municipality::table
        .left_join(municipality_host::table)
        .order((municipality::created_at.asc(), municipality::slug.asc()))
        .select((
            MunicipalityRow::as_select(),
            municipality_host::host.nullable(),
        ))
        .load(conn)
}

/// Serves the municipality at `host` too (a host already taken is moved to it), and sets the
/// base URL of its links when `public_url` is given.
pub fn add_host(
    conn: &mut PgConnection,
    municipality_id: uuid::Uuid,
    host: &str,
    public_url: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(municipality_host::table)
        .values((
            municipality_host::host.eq(host),
            municipality_host::municipality_id.eq(municipality_id),
        ))
        .on_conflict(municipality_host::host)
        .do_update()
        .set(municipality_host::municipality_id.eq(municipality_id))
        .execute(conn)?;
    if let Some(url) = public_url {
        diesel::update(municipality::table.find(municipality_id))
            .set(municipality::public_url.eq(url))
            .execute(conn)?;
    }
    Ok(())
}

/// The stamp of the wijken (and their municipalities): a trigger bumps it with every change,
/// so an instance knows its snapshot is old without reading the wijken.
pub fn wijken_version(conn: &mut PgConnection) -> QueryResult<i64> {
    reference_version::table
        .find("wijken")
        .select(reference_version::version)
        .first(conn)
}

/// All wijken of a municipality, ordered by `wijknr`.
pub fn list_for_municipality(
    conn: &mut PgConnection,
    municipality_id: uuid::Uuid,
) -> QueryResult<Vec<WijkRow>> {
    wijk::table
        .filter(wijk::municipality_id.eq(municipality_id))
        .order(wijk::wijknr.asc())
        .select(WijkRow::as_select())
        .load(conn)
}

/// The id of the wijk with this key: its `wijknr` (digits) or its slug.
pub fn wijk_id_by_key(conn: &mut PgConnection, key: &str) -> QueryResult<Option<uuid::Uuid>> {
    Ok(wijk_by_key(conn, key)?.map(|(id, _)| id))
}

/// The id and number of the wijk with this key: its `wijknr` (digits) or its slug.
pub fn wijk_by_key(conn: &mut PgConnection, key: &str) -> QueryResult<Option<(uuid::Uuid, i16)>> {
    let query = wijk::table.select((wijk::id, wijk::wijknr)).into_boxed();
    let query = match key.parse::<i16>() {
        Ok(nr) => query.filter(wijk::wijknr.eq(nr)),
        Err(_) => query.filter(wijk::slug.eq(key.to_owned())),
    };
    query.first(conn).optional()
}

/// A point-in-polygon index of these wijken, keyed by wijk id.
pub fn area_index(
    rows: &[WijkRow],
) -> Result<samenstad_domain::geometry::AreaIndex<uuid::Uuid>, crate::DbError> {
    let mut shapes = Vec::with_capacity(rows.len());
    for w in rows {
        let geometry: samenstad_types::Geometry = serde_json::from_value(w.boundary.clone())
            .map_err(|e| {
                crate::DbError::InvalidData(format!("boundary of wijk {}: {e}", w.wijknr))
            })?;
        shapes.push((w.id, samenstad_domain::geometry::to_multipolygon(&geometry)));
    }
    Ok(samenstad_domain::geometry::AreaIndex::new(shapes))
}

/// A wijk's contact as stored: name, e-mail, phone, office hours.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = wijk_contact)]
#[diesel(treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct WijkContactRow {
    /// The wijk.
    pub wijk_id: uuid::Uuid,
    /// Who to contact (the wijkregisseur).
    pub name: String,
    /// Their e-mail address.
    pub email: Option<String>,
    /// Their phone number.
    pub phone: Option<String>,
    /// When and where to find them.
    pub office_hours: Option<String>,
}

/// The contact of the wijk and when it was last changed, if it has one.
pub fn contact(
    conn: &mut PgConnection,
    wijk_id: uuid::Uuid,
) -> QueryResult<Option<(WijkContactRow, chrono::DateTime<chrono::Utc>)>> {
    wijk_contact::table
        .find(wijk_id)
        .select((WijkContactRow::as_select(), wijk_contact::updated_at))
        .first(conn)
        .optional()
}

/// Sets the wijk's contact (inserts or replaces it): whether it had one before, and the contact
/// as kept with when.
pub fn set_contact(
    conn: &mut PgConnection,
    row: &WijkContactRow,
) -> QueryResult<(bool, WijkContactRow, chrono::DateTime<chrono::Utc>)> {
    let existed = contact(conn, row.wijk_id)?.is_some();
    let (kept, at) = diesel::insert_into(wijk_contact::table)
        .values(row)
        .on_conflict(wijk_contact::wijk_id)
        .do_update()
        .set((row, wijk_contact::updated_at.eq(diesel::dsl::now)))
        .returning((WijkContactRow::as_returning(), wijk_contact::updated_at))
        .get_result(conn)?;
    Ok((existed, kept, at))
}

/// Removes the wijk's contact; whether it had one.
pub fn remove_contact(conn: &mut PgConnection, wijk_id: uuid::Uuid) -> QueryResult<bool> {
    diesel::delete(wijk_contact::table.find(wijk_id))
        .execute(conn)
        .map(|n| n > 0)
}
