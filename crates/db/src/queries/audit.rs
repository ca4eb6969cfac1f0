//! The append-only audit log.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::audit_log;

/// An entry to write.
#[derive(Debug, Clone, Default, PartialEq, Insertable)]
#[diesel(table_name = audit_log, check_for_backend(diesel::pg::Pg))]
pub struct NewAudit {
    pub actor_user_id: Option<Uuid>,
    pub actor_client_id: Option<Uuid>,
    pub action: String,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub wijk_id: Option<Uuid>,
    pub details: serde_json::Value,
}

impl NewAudit {
    /// An entry by an account (or anonymous when `None`).
    pub fn by(actor: Option<Uuid>, action: &str) -> Self {
        Self {
            actor_user_id: actor,
            action: action.to_owned(),
            details: serde_json::json!({}),
            ..Self::default()
        }
    }

    /// About this object.
    pub fn on(mut self, object_type: &str, object_id: impl ToString) -> Self {
        self.object_type = Some(object_type.to_owned());
        self.object_id = Some(object_id.to_string());
        self
    }

    /// With these details (never secrets or e-mail addresses).
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = audit_log, check_for_backend(diesel::pg::Pg))]
pub struct AuditRow {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<Uuid>,
    pub actor_client_id: Option<Uuid>,
    pub action: String,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub wijk_id: Option<Uuid>,
    pub details: serde_json::Value,
}

/// Writes an entry (call inside the transaction of the change).
pub fn record(conn: &mut PgConnection, entry: NewAudit) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(&entry)
        .execute(conn)
        .map(|_| ())
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: Option<Uuid>,
    pub object_id: Option<String>,
    pub before_id: Option<i64>,
}

/// Entries newest first.
pub fn list(
    conn: &mut PgConnection,
    filter: &AuditFilter,
    limit: i64,
) -> QueryResult<Vec<AuditRow>> {
    let mut query = audit_log::table
        .order(audit_log::id.desc())
        .limit(limit)
        .select(AuditRow::as_select())
        .into_boxed();
    if let Some(action) = &filter.action {
        query = query.filter(audit_log::action.eq(action.clone()));
    }
    if let Some(actor) = filter.actor {
        query = query.filter(audit_log::actor_user_id.eq(actor));
    }
    if let Some(object_id) = &filter.object_id {
        query = query.filter(audit_log::object_id.eq(object_id.clone()));
    }
    if let Some(before) = filter.before_id {
        query = query.filter(audit_log::id.lt(before));
    }
    query.load(conn)
}

/// Entries where the account acted or was the object (privacy export).
pub fn involving(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(
            audit_log::actor_user_id
                .eq(user_id)
                .or(audit_log::object_id.eq(user_id.to_string())),
        )
        .order(audit_log::id.asc())
        .select(AuditRow::as_select())
        .load(conn)
}
