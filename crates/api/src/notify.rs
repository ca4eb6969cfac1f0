//! Notifications: news of a change goes to the followers of what changed, by mail at once or as
//! a line of the weekly digest, in the same transaction as the change. Every mail carries an
//! unsubscribe link signed with the installation's key (HS256), which works without logging in.
//! The texts are in `samenstad_domain::notification`.

use std::collections::HashSet;

use chrono::Utc;
use diesel::Connection;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use samenstad_db::queries::follows::{self as q, NotificationRow, Target};
use samenstad_db::queries::{accounts, outbox};
use samenstad_db::{DbPool, PgConnection};
use samenstad_domain::notification::{self as text, Line};
use samenstad_types::follows::{Follow, FollowKind, FollowMode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

const AUDIENCE: &str = "unsubscribe";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// The account.
    sub: String,
    /// The follow the link stops; absent: every follow of the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fol: Option<String>,
    aud: String,
}

/// What an unsubscribe token names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsubscribe {
    pub user: Uuid,
    /// One follow, or all of them.
    pub follow: Option<Uuid>,
}

fn secret(conn: &mut PgConnection) -> Result<Vec<u8>, AppError> {
    Ok(q::signing_secret(conn, AUDIENCE)?)
}

/// Makes unsubscribe links: the installation's key, read once for all the mails of a change or
/// of a digest run.
pub struct Links {
    key: EncodingKey,
    base: String,
}

impl Links {
    /// Reads the key; links start with `base` (the public URL).
    pub fn load(conn: &mut PgConnection, base: &str) -> Result<Self, AppError> {
        Ok(Self {
            key: EncodingKey::from_secret(&secret(conn)?),
            base: base.to_owned(),
        })
    }

    /// The page that stops `of`, with its signed token.
    pub fn stop(&self, of: Unsubscribe) -> Result<String, AppError> {
        let claims = Claims {
            sub: of.user.to_string(),
            fol: of.follow.map(|f| f.to_string()),
            aud: AUDIENCE.to_owned(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.key)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(format!("{}/unsubscribe?token={token}", self.base))
    }
}

/// Reads a token; `None` when it is not one this installation signed.
pub fn read(conn: &mut PgConnection, token: &str) -> Result<Option<Unsubscribe>, AppError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.algorithms = vec![Algorithm::HS256];
    validation.set_audience(&[AUDIENCE]);
    // An unsubscribe link does not expire.
    validation.set_required_spec_claims(&["sub", "aud"]);
    validation.validate_exp = false;
    let Ok(data) = decode::<Claims>(
        token,
        &DecodingKey::from_secret(&secret(conn)?),
        &validation,
    ) else {
        return Ok(None);
    };
    let user = data.claims.sub.parse::<Uuid>().ok();
    let follow = data.claims.fol.as_deref().map(str::parse::<Uuid>);
    Ok(match (user, follow) {
        (Some(user), None) => Some(Unsubscribe { user, follow: None }),
        (Some(user), Some(Ok(f))) => Some(Unsubscribe {
            user,
            follow: Some(f),
        }),
        _ => None,
    })
}

/// Who hears of a change: the followers of `target`; with `residents_of`, only those whose
/// residence in that wijk is verified.
#[derive(Debug, Clone, Copy)]
pub struct Audience {
    pub target: Target,
    pub residents_of: Option<Uuid>,
}

impl From<Target> for Audience {
    fn from(target: Target) -> Self {
        Self {
            target,
            residents_of: None,
        }
    }
}

/// A change to tell, in Dutch and English.
#[derive(Debug, Clone)]
pub struct News {
    /// Followers of these hear of it, each once (the first audience that has them names the
    /// topic and is the follow their unsubscribe link stops).
    pub audiences: Vec<Audience>,
    /// What each audience follows, by its name in each language: `[(nl, en)]` in the order of
    /// `audiences`.
    pub topics: Vec<(String, String)>,
    /// What happened.
    pub line: (String, String),
    /// Its page in the web app (a path).
    pub path: String,
    /// The mail template (for the outbox).
    pub template: &'static str,
    /// Who made the change: not told of it.
    pub actor: Option<Uuid>,
}

/// Tells the followers; answers how many mails and digest lines it made.
pub fn tell(conn: &mut PgConnection, base: &str, news: &News) -> Result<usize, AppError> {
    let mut told: HashSet<Uuid> = news.actor.into_iter().collect();
    let link = format!("{base}{}", news.path);
    let mut links: Option<Links> = None;
    let mut made = 0;
    for (audience, (topic_nl, topic_en)) in news.audiences.iter().zip(&news.topics) {
        for f in q::followers(conn, audience.target, audience.residents_of)? {
            if !told.insert(f.user_id) {
                continue;
            }
            let en = f.language == "en";
            let topic = if en { topic_en } else { topic_nl };
            let line = if en { &news.line.1 } else { &news.line.0 };
            match f.mode {
                FollowMode::Immediate => {
                    // The key is read once, and only when someone is mailed.
                    let links = match &mut links {
                        Some(l) => &*l,
                        slot @ None => &*slot.insert(Links::load(conn, base)?),
                    };
                    let stop = links.stop(Unsubscribe {
                        user: f.user_id,
                        follow: Some(f.follow_id),
                    })?;
                    let item = Line {
                        topic,
                        line,
                        link: &link,
                    };
                    let mail = text::notice(&f.language, &item, &stop);
                    outbox::queue_with_unsubscribe(
                        conn,
                        Some(f.user_id),
                        &f.email,
                        news.template,
                        &mail.subject,
                        &mail.body,
                        &stop,
                    )?;
                }
                FollowMode::Weekly => q::queue_line(
                    conn,
                    &NotificationRow {
                        id: Uuid::now_v7(),
                        user_id: f.user_id,
                        follow_id: Some(f.follow_id),
                        topic: topic.clone(),
                        line: line.clone(),
                        link: link.clone(),
                        created_at: Utc::now(),
                    },
                )?,
            }
            made += 1;
        }
    }
    Ok(made)
}

/// Mails every account with waiting lines its digest (one mail each, the lines marked sent in
/// the same transaction); answers how many digests went out. Safe on several machines at once:
/// the lines are claimed with `SKIP LOCKED`.
pub fn send_digests(pool: &DbPool, base: &str) -> Result<usize, AppError> {
    let mut conn = pool.get().map_err(|e| AppError::Internal(e.to_string()))?;
    let users = q::users_with_lines(&mut conn)?;
    let links = Links::load(&mut conn, base)?;
    let mut sent = 0;
    for user in users {
        let mailed = conn.transaction::<_, AppError, _>(|conn| {
            // The mail is the account's municipality's.
            samenstad_db::tenancy::follow_row(conn, "app_user", user)?;
            let lines = q::claim_lines(conn, user)?;
            if lines.is_empty() {
                return Ok(false);
            }
            let Some(account) = accounts::user_by_id(conn, user)? else {
                return Ok(false);
            };
            let Some(email) = account.email.clone() else {
                return Ok(false);
            };
            let stop = links.stop(Unsubscribe { user, follow: None })?;
            let items: Vec<Line<'_>> = lines
                .iter()
                .map(|l| Line {
                    topic: &l.topic,
                    line: &l.line,
                    link: &l.link,
                })
                .collect();
            let mail = text::digest(
                &account.preferred_language,
                &account.display_name,
                &items,
                &stop,
            );
            let id = outbox::queue_with_unsubscribe(
                conn,
                Some(user),
                &email,
                "digest",
                &mail.subject,
                &mail.body,
                &stop,
            )?;
            let ids: Vec<Uuid> = lines.iter().map(|l| l.id).collect();
            q::mark_sent(conn, &ids, id)?;
            Ok(true)
        })?;
        sent += usize::from(mailed);
    }
    Ok(sent)
}

/// Announces the votes that opened or closed since the last look (staff opening one now, or its
/// planned time passing): the vote's followers, and for an opening also the verified residents
/// of the wijk who follow it. Each announcement is made once, across machines.
pub fn announce_votes(pool: &DbPool, base: &str) -> Result<usize, AppError> {
    let mut conn = pool.get().map_err(|e| AppError::Internal(e.to_string()))?;
    let now = Utc::now();
    let mut told = 0;
    for closed in [false, true] {
        for vote in q::unannounced_votes(&mut conn, now, closed)? {
            told += conn.transaction::<_, AppError, _>(|conn| {
                let kind = if closed { "vote_closed" } else { "vote_opened" };
                // The announcement, notifications and mails are the vote's municipality's.
                samenstad_db::tenancy::follow_row(conn, "vote", vote.id)?;
                if !q::announce(conn, kind, vote.id)? {
                    return Ok(0);
                }
                tell(conn, base, &vote_news(&vote, closed))
            })?;
        }
    }
    Ok(told)
}

fn vote_news(vote: &q::VoteMoment, closed: bool) -> News {
    let name = &vote.wijk_name;
    let until = crate::local_time::day_of(vote.closes_at).format("%d/%m/%Y");
    let mut audiences = vec![Audience::from(Target::new(FollowKind::Vote, vote.id))];
    let mut topics = vec![(format!("Stemming in {name}"), format!("Vote in {name}"))];
    if !closed {
        audiences.push(Audience {
            target: Target::new(FollowKind::Wijk, vote.wijk_id),
            residents_of: Some(vote.wijk_id),
        });
        topics.push((name.clone(), name.clone()));
    }
    let line = if closed {
        (
            "De stemming is gesloten; de uitslag staat online".to_owned(),
            "The vote has closed; the results are online".to_owned(),
        )
    } else {
        (
            format!("De stemming over het wijkbudget is geopend, tot en met {until}"),
            format!("The wijkbudget vote is open, until {until}"),
        )
    };
    News {
        audiences,
        topics,
        line,
        path: format!("/votes/{}", vote.id),
        template: if closed { "vote_closed" } else { "vote_opened" },
        actor: None,
    }
}

/// Runs until the process ends: every half minute announces votes that opened or closed, and
/// from Monday 08:00 (Gent time) sends the week's digests once (the week is recorded in the
/// database, so of several machines one sends them).
pub async fn run_worker(pool: DbPool, base: String) {
    loop {
        let (p, b) = (pool.clone(), base.clone());
        let result = actix_web::web::block(move || -> Result<(), AppError> {
            announce_votes(&p, &b)?;
            let now = Utc::now().with_timezone(&chrono_tz::Europe::Brussels);
            if let Some(week) = text::digest_week(&now) {
                let mut conn = p.get().map_err(|e| AppError::Internal(e.to_string()))?;
                if q::start_digest_week(&mut conn, week)? {
                    let sent = send_digests(&p, &b)?;
                    q::finish_digest_week(
                        &mut conn,
                        week,
                        i32::try_from(sent).unwrap_or(i32::MAX),
                    )?;
                    tracing::info!(%week, digests = sent, "weekly digest sent");
                }
            }
            Ok(())
        })
        .await;
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "notifications"),
            Err(e) => tracing::warn!(error = %e, "notifications"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
    }
}

/// News of `target` for its followers (and optionally more audiences, each named by its own
/// title), with the change in Dutch and English.
pub fn about(
    conn: &mut PgConnection,
    audiences: &[Audience],
    line: (String, String),
    path: String,
    template: &'static str,
    actor: Option<Uuid>,
) -> Result<News, AppError> {
    let mut topics = Vec::with_capacity(audiences.len());
    for a in audiences {
        topics.push(q::titles(conn, a.target)?);
    }
    Ok(News {
        audiences: audiences.to_vec(),
        topics,
        line,
        path,
        template,
        actor,
    })
}

/// Tells the followers of one thing about a change of it.
pub fn tell_followers(
    conn: &mut PgConnection,
    base: &str,
    target: Target,
    line: (String, String),
    path: String,
    template: &'static str,
    actor: Option<Uuid>,
) -> Result<usize, AppError> {
    let news = about(conn, &[target.into()], line, path, template, actor)?;
    tell(conn, base, &news)
}

/// A new signal, for the followers of its wijk (not its reporter).
pub fn signal_reported(
    conn: &mut PgConnection,
    base: &str,
    signal: &samenstad_db::queries::signals::SignalRow,
    actor: Option<Uuid>,
) -> Result<(), AppError> {
    let Some(wijk) = signal.wijk_id else {
        return Ok(());
    };
    let (nl, en) = samenstad_db::queries::signals::category_names(conn, &signal.category)?;
    tell_followers(
        conn,
        base,
        Target::new(FollowKind::Wijk, wijk),
        (format!("nieuwe melding: {nl}"), format!("new signal: {en}")),
        format!("/signals/{}", signal.id),
        "wijk_news",
        actor,
    )?;
    Ok(())
}

/// Announces due vote openings and closes right away (after a staff member opened or closed a
/// vote); a failure is logged, and the worker's next look tries again.
pub async fn announce_soon(state: &crate::state::AppState) {
    let (pool, base) = (state.pool.clone(), state.public_url().to_owned());
    match actix_web::web::block(move || announce_votes(&pool, &base)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "vote announcement"),
        Err(e) => tracing::warn!(error = %e, "vote announcement"),
    }
}

/// A follow as the API shows it, with its page.
pub fn follow_view(line: q::FollowLine) -> Follow {
    let kind = FollowKind::parse(&line.kind).unwrap_or(FollowKind::Wijk);
    let path = match kind {
        FollowKind::Wijk => format!("/wijken/{}", line.key),
        FollowKind::Idea => format!("/ideas/{}", line.key),
        FollowKind::Signal => format!("/signals/{}", line.key),
        FollowKind::Vote => format!("/votes/{}", line.key),
        FollowKind::Council => format!("/councils/{}", line.key),
    };
    Follow {
        id: line.id.to_string(),
        kind,
        target: line.target.to_string(),
        title: line.title,
        path,
        mode: FollowMode::parse(&line.mode).unwrap_or(FollowMode::Immediate),
        created_at: line.created_at.to_rfc3339(),
    }
}

/// What `user` follows, titles in `lang` (the list and the privacy export).
pub fn follows_of(
    conn: &mut PgConnection,
    user: &Uuid,
    lang: &str,
) -> Result<Vec<Follow>, AppError> {
    Ok(q::of_user(conn, *user, lang)?
        .into_iter()
        .map(follow_view)
        .collect())
}
