//! Mail: texts of the mails (Dutch and English), and the worker that sends the outbox by SMTP
//! when configured, writes it to a directory as `.eml` files when that is configured instead
//! (development, tests), or marks mails `not_sent` (visible to admins) when neither is. Logs
//! never carry addresses, links or tokens.
//!
//! A one-time link (e-mail verification, password reset, invitation) is queued with
//! [`TOKEN_SLOT`] where its token goes; the worker fills the token in from the mail's id
//! ([`LinkKey`]) as it hands the mail over, so the outbox never holds a live link.

use std::path::PathBuf;
use std::time::Duration;

use diesel::{Connection, PgConnection, QueryResult};
use lettre::message::Mailbox;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use samenstad_db::DbPool;
use samenstad_db::queries::outbox;
use samenstad_types::account::{Language, MailStatus};

use crate::auth::{LinkKey, token_hash};

/// Where the token of a one-time link stands in a queued mail (see the module's text).
pub const TOKEN_SLOT: &str = "{one-time-token}";

/// The templates whose link is one-time: only their [`TOKEN_SLOT`] is filled in.
const ONE_TIME_TEMPLATES: [&str; 3] = ["verify_email", "reset_password", "organisation_invitation"];

/// Queues `mail`, whose link holds [`TOKEN_SLOT`]; the hash of the token it will carry, for
/// the table of the link.
pub fn queue_one_time(
    conn: &mut PgConnection,
    links: &LinkKey,
    user_id: Option<uuid::Uuid>,
    to: &str,
    mail: &Mail,
) -> QueryResult<String> {
    debug_assert!(ONE_TIME_TEMPLATES.contains(&mail.template) && mail.body.contains(TOKEN_SLOT));
    let id = outbox::queue(conn, user_id, to, mail.template, &mail.subject, &mail.body)?;
    Ok(token_hash(&links.token(id)))
}

/// The body of an outbox row as its recipient gets it: a one-time link with its token.
pub fn sent_body(mail: &outbox::MailRow, links: &LinkKey) -> String {
    if ONE_TIME_TEMPLATES.contains(&mail.template.as_str()) {
        mail.body.replace(TOKEN_SLOT, &links.token(mail.id))
    } else {
        mail.body.clone()
    }
}

/// How the worker hands mails over.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// `SAMENSTAD_SMTP_URL`.
    pub smtp_url: Option<String>,
    /// `SAMENSTAD_MAIL_DIR`: without SMTP, mails are written here as `.eml` files.
    pub dir: Option<PathBuf>,
    /// `SAMENSTAD_MAIL_FROM`.
    pub from: String,
    /// Fills in one-time links.
    pub links: LinkKey,
}

/// A mail to queue.
#[derive(Debug, Clone)]
pub struct Mail {
    /// Template name.
    pub template: &'static str,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// The e-mail verification mail.
pub fn verify_email(lang: Language, name: &str, link: &str) -> Mail {
    let (subject, body) = match lang {
        Language::Nl => (
            "Bevestig je e-mailadres voor Samenstad",
            format!(
                "Dag {name},\n\nBevestig je e-mailadres met deze link (48 uur geldig):\n{link}\n\nHeb je geen account aangemaakt? Dan mag je deze mail negeren.\n\nSamenstad"
            ),
        ),
        Language::En => (
            "Confirm your e-mail address for Samenstad",
            format!(
                "Hello {name},\n\nConfirm your e-mail address with this link (valid for 48 hours):\n{link}\n\nDid not create an account? Then ignore this mail.\n\nSamenstad"
            ),
        ),
    };
    Mail {
        template: "verify_email",
        subject: subject.to_owned(),
        body,
    }
}

/// Someone registered with an address that has an account (maybe its owner, who forgot).
pub fn account_exists(lang: Language, login: &str, reset: &str) -> Mail {
    let (subject, body) = match lang {
        Language::Nl => (
            "Je hebt al een account bij Samenstad",
            format!(
                "Dag,\n\nIemand wilde een account aanmaken met dit e-mailadres, maar je hebt er al een.\n\nMeld je aan: {login}\nWachtwoord vergeten? Kies een nieuw: {reset}\n\nDeed je dit niet? Dan mag je deze mail negeren: er is niets veranderd.\n\nSamenstad"
            ),
        ),
        Language::En => (
            "You already have a Samenstad account",
            format!(
                "Hello,\n\nSomeone tried to create an account with this e-mail address, but you have one already.\n\nLog in: {login}\nForgot your password? Choose a new one: {reset}\n\nWas it not you? Then ignore this mail: nothing changed.\n\nSamenstad"
            ),
        ),
    };
    Mail {
        template: "account_exists",
        subject: subject.to_owned(),
        body,
    }
}

/// The password reset mail.
pub fn reset_password(lang: Language, name: &str, link: &str) -> Mail {
    let (subject, body) = match lang {
        Language::Nl => (
            "Nieuw wachtwoord voor Samenstad",
            format!(
                "Dag {name},\n\nKies een nieuw wachtwoord met deze link (1 uur geldig):\n{link}\n\nVroeg je dit niet aan? Dan blijft je wachtwoord ongewijzigd.\n\nSamenstad"
            ),
        ),
        Language::En => (
            "New password for Samenstad",
            format!(
                "Hello {name},\n\nChoose a new password with this link (valid for 1 hour):\n{link}\n\nDid not ask for this? Then your password stays as it is.\n\nSamenstad"
            ),
        ),
    };
    Mail {
        template: "reset_password",
        subject: subject.to_owned(),
        body,
    }
}

/// The invitation to join an organisation.
pub fn organisation_invitation(organisation: &str, inviter: &str, link: &str) -> Mail {
    Mail {
        template: "organisation_invitation",
        subject: format!("Uitnodiging: {organisation} op Samenstad / Invitation to {organisation}"),
        body: format!(
            "{inviter} nodigt je uit om lid te worden van {organisation} op Samenstad (7 dagen geldig):\n{link}\n\n\
             {inviter} invites you to join {organisation} on Samenstad (valid for 7 days):\n{link}\n"
        ),
    }
}

/// A change of a subsidy application's status, for its applicant.
pub fn application_status(
    lang: Language,
    name: &str,
    title: &str,
    status: &str,
    reason: Option<&str>,
    link: &str,
) -> Mail {
    let reason = reason.map(|r| format!("\n\n{r}")).unwrap_or_default();
    let (subject, body) = match lang {
        Language::Nl => {
            let what = match status {
                "submitted" => "is ingediend",
                "in_review" => "ligt nu bij de jury",
                "approved" => "is goedgekeurd",
                "rejected" => "is niet goedgekeurd",
                "paid" => "is uitbetaald",
                "closed" => "is afgesloten",
                "withdrawn" => "is ingetrokken",
                _ => "is gewijzigd",
            };
            (
                format!("Je aanvraag \u{201c}{title}\u{201d} {what}"),
                format!(
                    "Dag {name},\n\nJe subsidieaanvraag \u{201c}{title}\u{201d} {what}.{reason}\n\nBekijk ze hier: {link}\n\nSamenstad"
                ),
            )
        }
        Language::En => {
            let what = match status {
                "submitted" => "was submitted",
                "in_review" => "is now with the jury",
                "approved" => "was approved",
                "rejected" => "was not approved",
                "paid" => "was paid",
                "closed" => "is closed",
                "withdrawn" => "was withdrawn",
                _ => "changed",
            };
            (
                format!("Your application \u{201c}{title}\u{201d} {what}"),
                format!(
                    "Hello {name},\n\nYour grant application \u{201c}{title}\u{201d} {what}.{reason}\n\nSee it here: {link}\n\nSamenstad"
                ),
            )
        }
    };
    Mail {
        template: "application_status",
        subject,
        body,
    }
}

/// Where mails go.
enum Outlet {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Dir(AsyncFileTransport<Tokio1Executor>),
}

impl Outlet {
    fn of(delivery: &Delivery) -> Option<Self> {
        if let Some(url) = delivery.smtp_url.as_deref() {
            return match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
                Ok(builder) => Some(Self::Smtp(
                    builder.timeout(Some(Duration::from_secs(20))).build(),
                )),
                Err(e) => {
                    tracing::error!(error = %e, "SAMENSTAD_SMTP_URL is invalid; mails are not sent");
                    None
                }
            };
        }
        let dir = delivery.dir.as_ref()?;
        match std::fs::create_dir_all(dir) {
            Ok(()) => Some(Self::Dir(AsyncFileTransport::new(dir))),
            Err(e) => {
                tracing::error!(error = %e, "SAMENSTAD_MAIL_DIR cannot be made; mails are not sent");
                None
            }
        }
    }

    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Self::Smtp(t) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
            Self::Dir(t) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
        }
    }
}

/// Sends pending mails every few seconds until the process ends.
pub async fn run_worker(pool: DbPool, delivery: Delivery) {
    let outlet = Outlet::of(&delivery);
    let from: Option<Mailbox> = delivery.from.parse().ok();
    loop {
        if let Err(e) = send_batch(&pool, outlet.as_ref(), from.as_ref(), &delivery.links).await {
            tracing::warn!(error = %e, "mail outbox");
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

async fn send_batch(
    pool: &DbPool,
    outlet: Option<&Outlet>,
    from: Option<&Mailbox>,
    links: &LinkKey,
) -> Result<(), String> {
    let pool = pool.clone();
    let batch = actix_web::web::block(move || {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        match conn.transaction::<_, diesel::result::Error, _>(|c| outbox::claim_pending(c, 20)) {
            Ok(mails) => Ok((mails, conn)),
            Err(e) => {
                if samenstad_db::is_disconnect(&e) {
                    samenstad_db::discard(&mut conn);
                }
                Err(e.to_string())
            }
        }
    })
    .await
    .map_err(|e| e.to_string())??;
    let (mails, mut conn) = batch;
    for mail in mails {
        let (status, error) = match (outlet, from) {
            (Some(outlet), Some(from)) => match build(&mail, from, links) {
                Ok(message) => match outlet.send(message).await {
                    Ok(()) => (MailStatus::Sent, None),
                    Err(e) => (MailStatus::Failed, Some(e)),
                },
                Err(e) => (MailStatus::Failed, Some(e)),
            },
            _ => (MailStatus::NotSent, None),
        };
        if status == MailStatus::NotSent {
            tracing::info!(mail_id = %mail.id, template = %mail.template, "mail not sent: no SMTP configured (visible to admins in the outbox)");
        } else {
            tracing::info!(mail_id = %mail.id, template = %mail.template, status = status.as_str(), "mail");
        }
        outbox::mark(&mut conn, mail.id, status, error.as_deref()).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn build(mail: &outbox::MailRow, from: &Mailbox, links: &LinkKey) -> Result<Message, String> {
    let to: Mailbox = mail
        .to_address
        .parse()
        .map_err(|e: lettre::address::AddressError| e.to_string())?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        // Which mail this is, for mail filters (and the tests that read the mail directory).
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Samenstad-Template"),
            mail.template.clone(),
        ));
    if let Some(url) = &mail.unsubscribe_url {
        // RFC 2369: mail programs show an unsubscribe button that opens this page.
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{url}>"),
        ));
    }
    builder
        .body(sent_body(mail, links))
        .map_err(|e| e.to_string())
}

/// The city's decision on a request for recognition, for the organisation's owners.
pub fn organisation_recognition(
    organisation: &str,
    recognised: bool,
    reason: Option<&str>,
    link: &str,
) -> Mail {
    let why = reason.map(|r| format!("\n\n{r}")).unwrap_or_default();
    let (template, subject, body) = if recognised {
        (
            "organisation_recognised",
            format!("{organisation} is erkend / {organisation} is recognised"),
            format!(
                "De stad heeft {organisation} erkend: je boekt zalen nu aan het verlaagde tarief.{why}\n{link}\n\n\
                 The city recognised {organisation}: rooms are now booked at the reduced tariff.{why}\n{link}\n"
            ),
        )
    } else {
        (
            "organisation_recognition_refused",
            format!("Erkenning van {organisation} / Recognition of {organisation}"),
            format!(
                "De stad heeft {organisation} (nog) niet erkend. De reden:{why}\n\nJe kan later opnieuw een aanvraag doen:\n{link}\n\n\
                 The city did not recognise {organisation} (yet). The reason:{why}\n\nYou can ask again later:\n{link}\n"
            ),
        )
    };
    Mail {
        template,
        subject,
        body,
    }
}

/// A signal changed (a step of the service, or a reopening), for its reporter and followers.
pub fn signal_changed(status_nl: &str, status_en: &str, reason: Option<&str>, link: &str) -> Mail {
    let why = reason.map(|r| format!("\n\n{r}")).unwrap_or_default();
    Mail {
        template: "signal_changed",
        subject: format!("Je melding: {status_nl} / Your signal: {status_en}"),
        body: format!(
            "Een melding die je volgt is nu: {status_nl}.{why}\n\n{link}\n\n\
             A signal you follow is now: {status_en}.{why}\n\n{link}\n"
        ),
    }
}

/// A signal's status (and resolution) in Dutch and English, as its mails say it.
pub fn signal_status_words(
    status: samenstad_types::signals::SignalStatus,
    resolution: Option<samenstad_types::signals::SignalResolution>,
) -> (&'static str, &'static str) {
    use samenstad_types::signals::{SignalResolution as R, SignalStatus as S};
    match (status, resolution) {
        (S::Submitted, _) => ("opnieuw geopend", "reopened"),
        (S::Acknowledged, _) => ("bekeken door de dienst", "seen by the service"),
        (S::Planned, _) => ("ingepland", "planned"),
        (S::Closed, Some(R::Fixed)) => ("opgelost", "fixed"),
        (S::Closed, Some(R::NotResponsible)) => (
            "afgesloten: niet de verantwoordelijkheid van de stad",
            "closed: not the city's responsibility",
        ),
        (S::Closed, Some(R::Duplicate)) => {
            ("afgesloten: al eerder gemeld", "closed: reported before")
        }
        (S::Closed, Some(R::Referred)) => ("doorgestuurd", "referred"),
        (S::Closed, Some(R::NotFixed) | None) => ("afgesloten, niet opgelost", "closed, not fixed"),
    }
}

/// An idea's status in Dutch and English, as its mails say it.
pub fn idea_status_words(
    status: samenstad_types::projects::IdeaStatus,
) -> (&'static str, &'static str) {
    use samenstad_types::projects::IdeaStatus as S;
    match status {
        S::Submitted => ("ingediend", "submitted"),
        S::InDialogue => ("in dialoog", "in dialogue"),
        S::Proposal => ("uitgewerkt tot een voorstel", "worked into a proposal"),
        S::Merged => (
            "samengevoegd met een ander idee",
            "merged with another idea",
        ),
        S::Referred => (
            "doorverwezen naar het beleid van de stad",
            "referred to city policy",
        ),
        S::NotRetained => ("niet weerhouden", "not retained"),
    }
}

/// An advice request was published for a council (to its support contact).
pub fn advice_requested(council: &str, subject: &str, deadline: &str, link: &str) -> Mail {
    Mail {
        template: "advice_requested",
        subject: format!("Adviesvraag voor {council}: {subject}"),
        body: format!(
            "De stad vraagt {council} om advies over «{subject}», ten laatste op {deadline}.\n\n{link}\n\n\
             The city asks {council} for advice on «{subject}», by {deadline}.\n\n{link}\n"
        ),
    }
}

/// A council published its advice (to whoever asked it).
pub fn advice_published(council: &str, subject: &str, link: &str) -> Mail {
    Mail {
        template: "advice_published",
        subject: format!("Advies van {council}: {subject}"),
        body: format!(
            "{council} heeft zijn advies over «{subject}» gepubliceerd. Laat weten wat de stad ermee doet.\n\n{link}\n\n\
             {council} published its advice on «{subject}». Record what the city does with it.\n\n{link}\n"
        ),
    }
}

/// The city responded to a council's advice (to the council's support contact).
pub fn advice_answered(council: &str, subject: &str, link: &str) -> Mail {
    Mail {
        template: "advice_answered",
        subject: format!("Antwoord van de stad op het advies van {council}"),
        body: format!(
            "De stad heeft laten weten wat ze doet met het advies van {council} over «{subject}».\n\n{link}\n\n\
             The city recorded what it does with the advice of {council} on «{subject}».\n\n{link}\n"
        ),
    }
}
