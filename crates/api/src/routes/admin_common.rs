//! Views of the audit log and the mail outbox, shared by the administrators' lists (`admin`)
//! and an account's own export (`me`).

use samenstad_db::queries::audit::AuditRow;
use samenstad_db::queries::outbox::MailRow;
use samenstad_types::account::{AuditEntry, OutboxMail};

/// The API view of an audit row.
pub fn audit_view(row: &AuditRow) -> AuditEntry {
    AuditEntry {
        id: row.id,
        occurred_at: row.occurred_at.to_rfc3339(),
        actor_user_id: row.actor_user_id.map(|u| u.to_string()),
        actor_client_id: row.actor_client_id.map(|u| u.to_string()),
        action: row.action.clone(),
        object_type: row.object_type.clone(),
        object_id: row.object_id.clone(),
        details: row.details.clone(),
    }
}

/// The API view of an outbox row.
pub fn mail_view(row: &MailRow) -> OutboxMail {
    OutboxMail {
        id: row.id.to_string(),
        to: row.to_address.clone(),
        template: row.template.clone(),
        subject: row.subject.clone(),
        body: row.body.clone(),
        status: row.status,
        created_at: row.created_at.to_rfc3339(),
    }
}
