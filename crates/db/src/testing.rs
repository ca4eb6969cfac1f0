//! A database per test, cloned from a migrated and seeded template database.
//!
//! The template's name carries a fingerprint of the migrations and the seed data, so a change
//! to either builds a new template. Creation is guarded by an advisory lock, so parallel test
//! processes (nextest runs each test in its own process) build it once.

#![expect(
    clippy::expect_used,
    reason = "test support: a broken test database must fail loudly"
)]

use diesel::migration::MigrationSource;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use sha2::{Digest, Sha256};

use crate::pool::MIGRATIONS;

/// Server URL (any database) used to create and drop test databases.
pub fn admin_url() -> String {
    std::env::var("SAMENSTAD_TEST_DATABASE_URL")
        .or_else(|_| std::env::var("DATABASE_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let server = match base.rfind('/') {
        Some(i) if base[..i].contains("//") && i > base.find("//").map_or(0, |j| j + 1) => {
            &base[..i]
        }
        _ => base,
    };
    match query {
        Some(q) => format!("{server}/{database}?{q}"),
        None => format!("{server}/{database}"),
    }
}

fn template_name() -> String {
    let mut hasher = Sha256::new();
    let migrations = MigrationSource::<diesel::pg::Pg>::migrations(&MIGRATIONS).unwrap_or_default();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    for m in migrations {
        let name = m.name().to_string();
        hasher.update(name.as_bytes());
        // The SQL too, so an edited migration builds a new template.
        hasher.update(std::fs::read(dir.join(&name).join("up.sql")).unwrap_or_default());
    }
    hasher.update(crate::seed::data_fingerprint().as_bytes());
    hasher.update(include_str!("schema.rs").as_bytes());
    hasher.update(include_str!("seed_venues.rs").as_bytes());
    hasher.update(include_str!("seed_projects.rs").as_bytes());
    hasher.update(include_str!("seed_subsidies.rs").as_bytes());
    // Subsidy deadlines and budgets are seeded for this year and the next.
    hasher.update(chrono::Datelike::year(&chrono::Utc::now()).to_le_bytes());
    let digest = format!("{:x}", hasher.finalize());
    format!("samenstad_tmpl_{}", &digest[..16])
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = Bool)]
    exists: bool,
}

fn database_exists(conn: &mut PgConnection, name: &str) -> QueryResult<bool> {
    diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
        .bind::<Text, _>(name)
        .get_result::<Exists>(conn)
        .map(|e| e.exists)
}

fn ensure_template(admin: &mut PgConnection, admin_url: &str) -> String {
    let name = template_name();
    let lock_key = i64::from_str_radix(&name[name.len() - 15..], 16).unwrap_or(42);
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<BigInt, _>(lock_key)
        .execute(admin)
        .expect("advisory lock");
    if !database_exists(admin, &name).expect("query pg_database") {
        let building = format!("{name}_building");
        diesel::sql_query(format!(
            "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
        ))
        .execute(admin)
        .expect("drop stale");
        diesel::sql_query(format!("CREATE DATABASE \"{building}\""))
            .execute(admin)
            .expect("create template");
        {
            let mut conn = PgConnection::establish(&with_database(admin_url, &building))
                .expect("connect template");
            crate::run_migrations(&mut conn).expect("migrate template");
            crate::seed::seed_gent(&mut conn).expect("seed template");
            crate::seed_venues::seed_venues(&mut conn).expect("seed venues");
            crate::seed_projects::seed_projects(&mut conn).expect("seed projects");
            crate::seed_subsidies::seed_subsidies(&mut conn).expect("seed subsidies");
        }
        diesel::sql_query(format!(
            "ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
        ))
        .execute(admin)
        .expect("rename template");
    }
    diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<BigInt, _>(lock_key)
        .execute(admin)
        .expect("advisory unlock");
    name
}

/// A fresh database for one test (migrated, with Gent seeded), dropped when this value drops.
#[derive(Debug)]
pub struct TestDb {
    name: String,
    url: String,
    admin_url: String,
}

impl TestDb {
    /// Creates the database. Panics with a clear message when PostgreSQL is unreachable.
    pub fn new() -> Self {
        let admin_url = admin_url();
        let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
            panic!("cannot reach PostgreSQL at {admin_url} ({e}); start it with `just db` or set SAMENSTAD_TEST_DATABASE_URL")
        });
        let template = ensure_template(&mut admin, &admin_url);
        let name = format!("samenstad_test_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
        ))
        .execute(&mut admin)
        .expect("create test database");
        let url = with_database(&admin_url, &name);
        Self {
            name,
            url,
            admin_url,
        }
    }

    /// Connection URL of this test's database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A new connection to this test's database.
    pub fn conn(&self) -> PgConnection {
        PgConnection::establish(&self.url).expect("connect to test database")
    }
}

impl Default for TestDb {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced_in_urls() {
        assert_eq!(
            with_database("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h:5432", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
