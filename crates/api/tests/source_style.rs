//! House style of the route modules (issue 14): handlers call `samenstad_db::queries` and
//! `samenstad_domain`; no diesel, schema or SQL under `src/routes/`, and no helpers borrowed
//! sideways from another route module (shared pieces go to a common module or down a crate).
//! Also: OpenAPI type names are unique, and migrations only expand the schema (issue 20).

use std::fs;
use std::path::{Path, PathBuf};

/// Text that means a route module talks to the database itself.
const FORBIDDEN: &[&str] = &[
    "diesel::",
    "use diesel",
    "samenstad_db::schema",
    "schema::",
    "sql_query",
];

/// Every `.rs` file under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// A module whose items any route module may use.
fn is_common(module: &str) -> bool {
    module == "common" || module.ends_with("_common")
}

/// The module names a path names after `prefix` on `line`: `prefix name` or `prefix {a, b}`.
fn modules_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        rest = &rest[at + prefix.len()..];
        let ident = |s: &'a str| {
            let end = s
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(s.len());
            &s[..end]
        };
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').map(|s| ident(s.trim())));
        } else {
            names.push(ident(rest));
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// The violations in one route module's source, as `path:line: why`.
fn violations(path: &Path, source: &str, route_modules: &[String]) -> Vec<String> {
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let own = file.trim_end_matches(".rs");
    let mut found = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let at = format!("{}:{}", path.display(), number + 1);
        for pattern in FORBIDDEN {
            if line.contains(pattern) {
                found.push(format!(
                    "{at}: `{pattern}` in a route module; move the query to `crates/db/src/queries`"
                ));
            }
        }
        if file == "mod.rs" {
            continue;
        }
        let borrowed = modules_after(line, "crate::routes::")
            .into_iter()
            .chain(modules_after(line, "super::"))
            .filter(|m| *m != own && !is_common(m) && route_modules.iter().any(|r| r == m));
        for module in borrowed {
            found.push(format!(
                "{at}: imports from route module `{module}`; share it through a common module or a lower crate"
            ));
        }
    }
    found
}

#[test]
fn route_modules_use_no_diesel_and_borrow_from_no_other_route_module() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
    let files = rust_files(&dir);
    assert!(
        !files.is_empty(),
        "no route modules under {}",
        dir.display()
    );
    let route_modules: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
        .filter(|m| m != "mod")
        .collect();
    let mut found = Vec::new();
    for path in &files {
        let source = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        found.extend(violations(path, &source, &route_modules));
    }
    assert!(
        found.is_empty(),
        "route modules must call `samenstad_db::queries` and `samenstad_domain` only \
         (see shared STYLE.md and issue 14):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_names_diesel_and_sideways_imports_with_their_line() {
    let modules = [
        "venues".to_owned(),
        "series".to_owned(),
        "venues_common".to_owned(),
    ];
    let source = "use crate::routes::venues_common::booking_view;\n\
                  use diesel::prelude::*;\n\
                  use crate::routes::{venues, venues_common};\n\
                  use super::venues::parse_time;\n\
                  #[cfg(test)]\nmod tests {\n    use super::*;\n}\n";
    let found = violations(Path::new("routes/series.rs"), source, &modules);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found[0].starts_with("routes/series.rs:2: `diesel::`"),
        "{}",
        found[0]
    );
    assert!(
        found[1].starts_with("routes/series.rs:2: `use diesel`"),
        "{}",
        found[1]
    );
    assert!(
        found[2].starts_with("routes/series.rs:3: imports from route module `venues`"),
        "{}",
        found[2]
    );
    assert!(
        found[3].starts_with("routes/series.rs:4: imports from route module `venues`"),
        "{}",
        found[3]
    );
}

/// The name each type deriving `utoipa::ToSchema` has in the OpenAPI document: its own, or the
/// one given with `schema(as = …)`. Two types with one name would share one schema (the last
/// registered wins), so a client would read one type with the other's fields.
fn schema_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut attributes = String::new();
    for line in source.lines() {
        let line = line.trim_start();
        if line.starts_with("#[") || line.starts_with("///") {
            attributes.push_str(line);
            continue;
        }
        let item = line
            .strip_prefix("pub struct ")
            .or_else(|| line.strip_prefix("pub enum "));
        if let Some(item) = item
            && attributes.contains("ToSchema")
        {
            let own: String = item
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let renamed = attributes.split("schema(as = ").nth(1).map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            });
            names.push(renamed.unwrap_or(own));
        }
        attributes.clear();
    }
    names
}

#[test]
fn no_two_types_share_a_name_in_the_openapi_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seen: std::collections::BTreeMap<String, PathBuf> = Default::default();
    let mut clashes = Vec::new();
    for dir in ["types/src", "api/src"] {
        for path in rust_files(&root.join(dir)) {
            let source = fs::read_to_string(&path).expect("source");
            for name in schema_names(&source) {
                if let Some(first) = seen.insert(name.clone(), path.clone()) {
                    clashes.push(format!(
                        "{name}: {} and {}",
                        first.display(),
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(seen.len() > 100, "found {} schema types", seen.len());
    assert!(clashes.is_empty(), "{clashes:#?}");
    assert_eq!(
        schema_names(
            "#[derive(utoipa::ToSchema)]\npub struct A {}\n#[derive(Debug)]\npub struct B;\n#[cfg_attr(feature = \"openapi\", derive(utoipa::ToSchema))]\n#[cfg_attr(feature = \"openapi\", schema(as = C2))]\npub struct C {}"
        ),
        ["A", "C2"]
    );
}

/// The last migration that shipped before rolling upgrades (issue 20); those are kept as they ran.
const LAST_BEFORE_ROLLING_UPGRADES: u32 = 21;

/// What an instance of the previous release would trip over, in lower-cased SQL with single
/// spaces and without comments: dropping or renaming a table or column, changing a column's
/// type, making a column `NOT NULL`.
fn breaking_statements(sql: &str) -> Vec<&'static str> {
    let text = sql
        .lines()
        .map(|l| l.split("--").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace([',', ';', '(', ')'], " ");
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = |i: usize, expected: &[&str]| words.get(i..i + expected.len()) == Some(expected);
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let what = if at(i, &["drop", "table"]) {
            "drops a table"
        } else if at(i, &["drop", "column"]) {
            "drops a column"
        } else if *word == "rename" {
            "renames"
        } else if at(i, &["alter", "column"])
            && (at(i + 3, &["type"]) || at(i + 3, &["set", "data", "type"]))
        {
            "changes a column's type"
        } else if at(i, &["set", "not", "null"]) {
            "makes a column NOT NULL"
        } else {
            continue;
        };
        found.push(what);
    }
    found
}

/// Rolling upgrades: while instances of the previous release still run against the new schema,
/// a migration only expands it. A step that would break them belongs in a migration whose name
/// ends in `_contract`, applied once no instance of the release before it runs.
#[test]
fn migrations_only_expand_the_schema_unless_named_contract() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut checked = 0;
    let mut breaking = Vec::new();
    for entry in fs::read_dir(&dir).expect("migrations") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let number: u32 = name
            .split('_')
            .next()
            .and_then(|date| date.rsplit('-').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        if number <= LAST_BEFORE_ROLLING_UPGRADES || name.ends_with("_contract") {
            continue;
        }
        checked += 1;
        let sql = fs::read_to_string(path.join("up.sql")).expect("up.sql");
        for what in breaking_statements(&sql) {
            breaking.push(format!("{name}: {what}"));
        }
    }
    assert!(
        checked >= 1,
        "no migration after {LAST_BEFORE_ROLLING_UPGRADES}"
    );
    assert!(breaking.is_empty(), "{breaking:#?}");
    assert_eq!(
        breaking_statements(
            "CREATE TYPE mood AS ENUM ('a'); -- drop table x\nALTER TABLE t ADD COLUMN c text;"
        ),
        Vec::<&str>::new()
    );
    assert_eq!(
        breaking_statements(
            "ALTER TABLE t DROP COLUMN c;\nALTER TABLE t ALTER COLUMN d TYPE bigint,\n  ALTER COLUMN e SET NOT NULL;\nALTER TABLE u RENAME TO v;"
        ),
        [
            "drops a column",
            "changes a column's type",
            "makes a column NOT NULL",
            "renames"
        ]
    );
}

/// The string literal that starts right after `at` (at its opening quote), unescaped as far as
/// the table keys it: as written in the source, between the quotes.
fn literal_at(text: &str, at: usize) -> Option<&str> {
    let rest = text.get(at..)?.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(&rest[..i]),
            _ => escaped = false,
        }
    }
    None
}

/// Every message the API can answer with has its Dutch (issue 18: a Dutch page shows no English
/// error text): the validation messages of the request types, the texts handlers give
/// `AppError`, field errors, and the domain's refusals.
#[test]
fn every_message_of_the_code_has_its_dutch() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["crates/types/src", "crates/api/src", "crates/domain/src"] {
        files.extend(rust_files(&root.join(dir)));
    }
    let openers = [
        "message = ",
        "#[error(",
        "AppError::NotFound(",
        "AppError::BadRequest(",
        "AppError::Unauthorized(",
        "AppError::Forbidden(",
        "AppError::Conflict(",
        "AppError::ConflictWith(",
        "AppError::PreconditionFailed(",
        "AppError::UnsupportedMediaType(",
    ];
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files {
        let text = fs::read_to_string(&file).expect("source");
        let text = text.replace("\n", " ");
        for opener in openers {
            for (at, _) in text.match_indices(opener) {
                let after = text[at + opener.len()..].trim_start();
                let after = after.strip_prefix("format!(").unwrap_or(after);
                let start = text.len() - after.len();
                let Some(literal) = literal_at(&text, start) else {
                    continue;
                };
                checked += 1;
                let literal = literal.replace("\\\"", "\"");
                if !samenstad_api::lang::knows(&literal) {
                    missing.push(format!("{}: {literal}", file.display()));
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(checked > 300, "only {checked} messages found");
    assert!(
        missing.is_empty(),
        "no Dutch for {} messages: {missing:#?}",
        missing.len()
    );
}
