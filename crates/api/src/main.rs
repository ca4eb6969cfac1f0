//! `samenstad`: serve the API and web app, migrate, seed, write the OpenAPI document.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use actix_web::{HttpServer, web};
use clap::{Parser, Subcommand};
use diesel::Connection;
use samenstad_api::app::{AppSettings, build_app, openapi_json};
use samenstad_api::config::{Config, DbConfig, LogConfig};
use samenstad_api::{AppState, telemetry};
use samenstad_db::PgConnection;

/// Samenstad, the neighbourhood platform: API, web app and tools.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(flatten)]
    log: LogConfig,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (/api/v1), its docs (/api/docs) and the web app (/).
    Serve(Box<Config>),
    /// Apply pending database migrations.
    Migrate(DbConfig),
    /// Load the Gent reference data (wijken, library branches, sample venues); running it again changes nothing.
    Seed(DbConfig),
    /// Mail the waiting digest lines now, one mail per follower (the server does this on Monday
    /// from 08:00 Gent time; this is for a cron job, a test or a late week).
    Digest {
        /// Base of the links in the mails.
        #[arg(
            long,
            env = "SAMENSTAD_PUBLIC_URL",
            default_value = "http://localhost:8080"
        )]
        public_url: String,
        #[command(flatten)]
        db: DbConfig,
    },
    /// Import data files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Administration from the command line.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Participatory-budgeting elections in the Pabulib format (pabulib.org).
    #[command(subcommand)]
    Pabulib(PabulibCommand),
    /// Lottery-drawn panels (sortition), reproducible from a published seed.
    #[command(subcommand)]
    Sortition(SortitionCommand),
    /// Print the OpenAPI document, or write it to a file.
    Openapi {
        /// File to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum SortitionCommand {
    /// Draw a panel and print it: `member ID` lines in draw order, then `reserve ID` lines.
    /// Anyone with the same candidate file, seed, size and quotas gets the same panel
    /// (algorithm `samenstad-sortition-v1`, documented in `samenstad_domain::sortition`).
    Draw(DrawArgs),
    /// Re-run a published draw and compare it with the published panel (the output of `draw`);
    /// exits with 1 and names the first difference when they differ.
    Verify {
        #[command(flatten)]
        draw: DrawArgs,
        /// The published panel.
        #[arg(long)]
        expect: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct DrawArgs {
    /// CSV with a header: `id` and one column per stratification attribute (e.g.
    /// `id,gender,age_band`); pseudonymous ids, no names.
    candidates: PathBuf,
    /// The published seed.
    #[arg(long)]
    seed: String,
    /// Panel size.
    #[arg(long)]
    panel: u32,
    /// Ordered reserves.
    #[arg(long, default_value_t = 0)]
    reserves: u32,
    /// A quota `attribute=value:min-max`, e.g. `gender=v:9-11`; repeat for more.
    #[arg(long = "quota")]
    quotas: Vec<String>,
}

/// Reads a `.pb` file: strictly, or as pabutools does (a project repeated in an approval vote
/// counts once), each such line printed as a warning on standard error.
fn read_pb(
    file: &std::path::Path,
    strict: bool,
) -> Result<samenstad_domain::pabulib::Election, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let (election, warnings) = if strict {
        samenstad_domain::pabulib::parse(&text).map(|e| (e, Vec::new()))
    } else {
        samenstad_domain::pabulib::parse_lenient(&text)
    }
    .map_err(|e| format!("{}: {e}", file.display()))?;
    for warning in warnings {
        eprintln!(
            "warning: {}: {warning}; counted once (--strict refuses the file)",
            file.display()
        );
    }
    Ok(election)
}

fn pabulib_import(
    file: &std::path::Path,
    wijk: &str,
    strict: bool,
    db: &DbConfig,
) -> Result<(), String> {
    let election = read_pb(file, strict)?;
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut conn = connect(db)?;
    let done = samenstad_api::pabulib_import::import(&mut conn, &election, wijk, &source)?;
    println!(
        "imported {source} as {}: {} proposals, {} ballots; results at /api/v1/projects/votes/{}/results",
        done.programme, done.proposals, done.ballots, done.vote_id
    );
    Ok(())
}

fn sortition_lines(args: &DrawArgs) -> Result<Vec<String>, String> {
    use samenstad_domain::sortition::{Candidate, DrawRequest, Quota, draw};
    let mut reader = csv::Reader::from_path(&args.candidates)
        .map_err(|e| format!("{}: {e}", args.candidates.display()))?;
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    if headers.get(0) != Some("id") {
        return Err("the first column of the candidate file must be `id`".to_owned());
    }
    let mut candidates = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("line {}: {e}", n + 2))?;
        let mut fields = headers.iter().zip(record.iter());
        let id = fields
            .next()
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default();
        let strata = fields
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.to_owned(), v.trim().to_owned()))
            .collect();
        candidates.push(Candidate { id, strata });
    }
    let quotas = args
        .quotas
        .iter()
        .map(|q| {
            let bad = || format!("quota `{q}`: write attribute=value:min-max");
            let (attribute, rest) = q.split_once('=').ok_or_else(bad)?;
            let (value, range) = rest.rsplit_once(':').ok_or_else(bad)?;
            let (min, max) = range.split_once('-').ok_or_else(bad)?;
            Ok(Quota {
                attribute: attribute.to_owned(),
                value: value.to_owned(),
                min: min.parse().map_err(|_| bad())?,
                max: max.parse().map_err(|_| bad())?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let request = DrawRequest {
        seed: args.seed.clone(),
        panel_size: args.panel,
        reserves: args.reserves,
        quotas,
    };
    let panel = draw(&candidates, &request).map_err(|e| e.to_string())?;
    let mut lines = vec![format!("# {}", panel.algorithm)];
    lines.extend(panel.members.iter().map(|m| format!("member {m}")));
    lines.extend(panel.reserves.iter().map(|r| format!("reserve {r}")));
    Ok(lines)
}

fn sortition(command: &SortitionCommand) -> Result<(), String> {
    match command {
        SortitionCommand::Draw(args) => {
            println!("{}", sortition_lines(args)?.join("\n"));
            Ok(())
        }
        SortitionCommand::Verify { draw, expect } => {
            let ours = sortition_lines(draw)?;
            let published = std::fs::read_to_string(expect)
                .map_err(|e| format!("{}: {e}", expect.display()))?;
            let theirs: Vec<&str> = published
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            match ours.iter().zip(&theirs).position(|(a, b)| a != b) {
                None if ours.len() == theirs.len() => {
                    println!(
                        "the published panel is the draw of this seed ({} lines)",
                        ours.len()
                    );
                    Ok(())
                }
                Some(i) => Err(format!(
                    "line {}: the draw gives `{}`, the published panel says `{}`",
                    i + 1,
                    ours[i],
                    theirs[i]
                )),
                None => Err(format!(
                    "the draw has {} lines, the published panel {}",
                    ours.len(),
                    theirs.len()
                )),
            }
        }
    }
}

#[derive(Debug, Subcommand)]
enum PabulibCommand {
    /// Tally a `.pb` file: prints the ids of the funded projects, one per line, in the order
    /// the rule funds them, and nothing else. Works offline, without a database.
    Tally {
        /// The `.pb` file.
        file: PathBuf,
        /// `greedy` (by votes; pabutools' greedy with Cost_Sat), `greedy-score` (by the file's
        /// `score` column), `mes` (Method of Equal Shares with cost utilities and add1
        /// completion) or `mes-comparison` (Pabulib's `equalshares/add1-comparison`).
        #[arg(long, value_enum, default_value = "greedy")]
        rule: TallyRule,
        /// Refuse a file whose approval vote lists a project twice (by default it counts once,
        /// with a warning, as pabutools reads it).
        #[arg(long)]
        strict: bool,
    },
    /// Import a `.pb` file into a wijk: an archived programme with one round, the projects as
    /// proposals, a closed public vote and the ballots (anonymous), so the platform shows its
    /// results. All or nothing.
    Import {
        /// The `.pb` file.
        file: PathBuf,
        /// The wijk (number or slug) to hold the election.
        #[arg(long)]
        wijk: String,
        /// Refuse a file whose approval vote lists a project twice (by default it counts once,
        /// with a warning, as pabutools reads it).
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        db: DbConfig,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum TallyRule {
    Greedy,
    GreedyScore,
    Mes,
    MesComparison,
}

fn pabulib_tally(file: &std::path::Path, rule: TallyRule, strict: bool) -> Result<(), String> {
    use samenstad_domain::tally::{GreedyScore, greedy, mes_add1, mes_add1_comparison};
    let election = read_pb(file, strict)?;
    let funded = match rule {
        TallyRule::Greedy => greedy(&election, GreedyScore::Votes),
        TallyRule::GreedyScore => greedy(&election, GreedyScore::FileScore),
        TallyRule::Mes => mes_add1(&election),
        TallyRule::MesComparison => mes_add1_comparison(&election),
    };
    let mut out = String::new();
    for i in funded {
        out.push_str(&election.projects[i].id);
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Import venues from a CSV file (header: name,type,operator,operator_name,street,
    /// postal_code,city,lat,lon,drop_in,room_use,target_groups,facilities,accessibility,
    /// description,phone,email,website; lists `|`-separated) or a GeoJSON FeatureCollection of
    /// points with the same properties. All or nothing: any wrong line imports nothing and
    /// every wrong line is reported.
    Venues {
        /// The file.
        file: PathBuf,
        #[command(flatten)]
        db: DbConfig,
    },
    /// Import an address register extract: the Flemish Adressenregister's CSV (`;`- or
    /// `,`-separated; columns by header: STRAATNM, HUISNR, BUSNR, POSTCODE, GEMEENTE, ADRESID,
    /// and X/Y in Lambert 72 or LAT/LON in WGS84; retired addresses are skipped). All or
    /// nothing; known ids are updated.
    Addresses {
        /// The file.
        file: PathBuf,
        #[command(flatten)]
        db: DbConfig,
    },
    /// Import a municipality's areas (wijken or deelgemeenten) from a GeoJSON FeatureCollection
    /// in WGS84: per feature `name` (or `naam`, `NAAM`, `deelgemeente`), optional `nr`, `zone`,
    /// `population`, and a Polygon or MultiPolygon. Creates the municipality when it is new; all
    /// or nothing, every problem reported. Areas are matched by number on a second run.
    Wijken {
        /// The municipality's name (`Dendermonde`).
        #[arg(long)]
        municipality: String,
        /// Its NIS code (`42006`).
        #[arg(long)]
        nis_code: Option<String>,
        /// The attribution shown with its areas (`Bron: Stad Dendermonde`).
        #[arg(long)]
        attribution: Option<String>,
        /// A host name it is served at (repeatable): requests to it see only this municipality.
        #[arg(long = "host")]
        hosts: Vec<String>,
        /// The base URL of its links in mails and feeds; its host is served too.
        #[arg(long)]
        public_url: Option<String>,
        /// The file.
        file: PathBuf,
        #[command(flatten)]
        db: DbConfig,
    },
}

/// Runs an import of `what` from `file`, all or nothing, and prints what happened.
fn import_file(
    file: &std::path::Path,
    db: &DbConfig,
    what: &str,
    import: fn(
        &mut samenstad_db::PgConnection,
        &str,
        &str,
    ) -> Result<samenstad_api::import::ImportReport, String>,
) -> Result<(), String> {
    let content = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut conn = connect(db)?;
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match import(&mut conn, &content, &source)? {
        samenstad_api::import::ImportReport::Imported(n) => {
            println!("imported {n} {what} from {source}");
            Ok(())
        }
        samenstad_api::import::ImportReport::Rejected(lines) => {
            for (line, reason) in &lines {
                println!("rejected line {line}: {reason}");
            }
            Err(format!("{} wrong lines; nothing was imported", lines.len()))
        }
    }
}

fn import_wijken(
    request: &samenstad_api::area_import::AreaImport,
    file: &std::path::Path,
    db: &DbConfig,
) -> Result<(), String> {
    let content = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut conn = connect(db)?;
    match samenstad_api::area_import::import_wijken(&mut conn, request, &content, &source) {
        Ok(report) => {
            println!(
                "{}: areas inserted {}, updated {}, unchanged {}",
                request.municipality,
                report.wijken_inserted,
                report.wijken_updated,
                report.wijken_unchanged
            );
            Ok(())
        }
        Err(problems) => {
            for problem in &problems {
                println!("rejected: {problem}");
            }
            Err(format!("{} problems; nothing was imported", problems.len()))
        }
    }
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create an account (e-mail counted as verified) with a role, e.g. the first admin. The
    /// password is read from standard input. For an existing account only the role is added.
    CreateUser {
        /// E-mail address.
        #[arg(long)]
        email: String,
        /// Role: admin, programme_admin, wijk_staff (with --wijk), jury_member (with --scheme),
        /// venue_manager (with --venue), service_staff (with --service), council_staff (with
        /// --council) or resident (no role).
        #[arg(long, default_value = "admin")]
        role: String,
        /// For wijk_staff: the wijk (number or slug).
        #[arg(long)]
        wijk: Option<String>,
        /// For jury_member: the subsidy scheme (its key, e.g. samen-aan-zet).
        #[arg(long)]
        scheme: Option<String>,
        /// For venue_manager: the venue (its slug or id).
        #[arg(long)]
        venue: Option<String>,
        /// For service_staff: the city service (its key, e.g. ivago).
        #[arg(long)]
        service: Option<String>,
        /// For council_staff: the advisory council (its key, e.g. jeugdraad).
        #[arg(long)]
        council: Option<String>,
        /// The municipality (its slug) the account and role are in; without it, the first one
        /// (Gent). Accounts are a municipality's: the same address elsewhere is another account.
        #[arg(long)]
        municipality: Option<String>,
        /// Display name.
        #[arg(long, default_value = "Beheerder")]
        name: String,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        #[command(flatten)]
        db: DbConfig,
    },
}

async fn create_user(
    email: String,
    role: String,
    municipality: Option<String>,
    scope: [Option<String>; 5],
    name: String,
    db: DbConfig,
) -> Result<(), String> {
    use std::io::Read;
    let [wijk, scheme, venue, service, council] = scope;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    let password = password.trim_end_matches(['\n', '\r']).to_owned();
    if password.chars().count() < 12 {
        return Err("the password must be at least 12 characters".to_owned());
    }
    let auth = samenstad_api::auth::Auth::new(samenstad_api::config::AuthConfig::from_env());
    let hash = auth
        .hash_password(password)
        .await
        .map_err(|e| e.to_string())?;
    let mut conn = connect(&db)?;
    let municipality = samenstad_db::tenancy::municipality_id(&mut conn, municipality.as_deref())
        .map_err(|e| e.to_string())?;
    let (created, id) = samenstad_db::tenancy::as_tenant(&mut conn, municipality, |conn| {
        samenstad_api::admin_cli::create_user_scoped(
            conn,
            &email,
            &name,
            &hash,
            &role,
            samenstad_api::admin_cli::CliScope {
                wijk: wijk.as_deref(),
                scheme: scheme.as_deref(),
                venue: venue.as_deref(),
                service: service.as_deref(),
                council: council.as_deref(),
            },
        )
    })
    .map_err(|e| e.to_string())?;
    println!(
        "{} {} with role {role} (id {id})",
        if created { "created" } else { "updated" },
        email.trim().to_lowercase()
    );
    Ok(())
}

fn connect(db: &DbConfig) -> Result<PgConnection, String> {
    PgConnection::establish(&db.database_url)
        .map_err(|e| format!("cannot connect to the database: {e}"))
}

fn migrate(db: &DbConfig) -> Result<(), String> {
    let mut conn = connect(db)?;
    let applied = samenstad_db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
    tracing::info!(count = applied.len(), "migrations applied");
    println!("migrations applied: {}", applied.len());
    Ok(())
}

fn digest(public_url: &str, db: &DbConfig) -> Result<(), String> {
    let pool = samenstad_db::connect_pool(&db.database_url, 1, db.timeout());
    let sent = samenstad_api::notify::send_digests(&pool, public_url.trim_end_matches('/'))
        .map_err(|e| e.to_string())?;
    println!("digests mailed: {sent}");
    Ok(())
}

fn seed(db: &DbConfig) -> Result<(), String> {
    let mut conn = connect(db)?;
    let report = samenstad_db::seed::seed_gent(&mut conn).map_err(|e| e.to_string())?;
    println!(
        "seed: municipalities changed {}, wijken inserted {}, updated {}, unchanged {}",
        report.municipalities_changed,
        report.wijken_inserted,
        report.wijken_updated,
        report.wijken_unchanged
    );
    let venues = samenstad_db::seed_venues::seed_venues(&mut conn).map_err(|e| e.to_string())?;
    println!("seed: venues inserted {venues}");
    let programmes =
        samenstad_db::seed_projects::seed_projects(&mut conn).map_err(|e| e.to_string())?;
    println!("seed: programmes inserted {programmes}");
    let schemes =
        samenstad_db::seed_subsidies::seed_subsidies(&mut conn).map_err(|e| e.to_string())?;
    println!("seed: subsidy schemes inserted {schemes}");
    Ok(())
}

async fn serve(config: Config) -> Result<(), String> {
    config.auth.validate()?;
    if config.auth.jwt_secret.is_none() {
        tracing::warn!(
            "SAMENSTAD_JWT_SECRET is not set: using a random secret; sessions end when the server restarts"
        );
    }
    let pool = samenstad_db::connect_pool_with(
        &config.db.database_url,
        config.db.db_pool_size,
        config.db.timeout(),
        config.db.db_statement_cache,
    );
    let auth = samenstad_api::auth::Auth::new(config.auth.clone());
    actix_web::rt::spawn(samenstad_api::mail::run_worker(
        pool.clone(),
        samenstad_api::mail::Delivery {
            smtp_url: config.auth.smtp_url.clone(),
            dir: config.auth.mail_dir.clone(),
            from: config.auth.mail_from.clone(),
            links: auth.links.clone(),
        },
    ));
    actix_web::rt::spawn(samenstad_api::notify::run_worker(
        pool.clone(),
        config.auth.public_url.trim_end_matches('/').to_owned(),
    ));
    let mut state = AppState::new(pool, auth);
    if let Some(url) = &config.db.database_replica_url {
        // A replica that does not answer soon is skipped: its reads go to the primary.
        state = state.with_replica(samenstad_db::connect_pool_with(
            url,
            config.db.db_pool_size,
            Duration::from_millis(500),
            config.db.db_statement_cache,
        ));
    }
    let state = web::Data::new(state);
    actix_web::rt::spawn(samenstad_api::cache::watch(state.clone()));
    let settings = AppSettings {
        web_dir: config.web_dir.clone(),
        body_limit_bytes: config.body_limit_bytes,
        cors_origins: config
            .auth
            .cors_origins
            .iter()
            .filter(|o| !o.is_empty())
            .cloned()
            .collect(),
    };
    if !settings.web_dir.join("index.html").is_file() {
        tracing::warn!(dir = %settings.web_dir.display(), "web app not built; run `just web`");
    }
    let mut server = HttpServer::new(move || build_app(state.clone(), settings.clone()))
        .shutdown_timeout(config.shutdown_timeout_s)
        // Without it, Nagle's algorithm and the client's delayed ACK held compressed (chunked)
        // responses back by about 40 ms (`just bench`: p50 43 ms -> under 1 ms).
        .tcp_nodelay(true)
        .bind(&config.bind)
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    if let Some(workers) = config.workers {
        server = server.workers(workers);
    }
    tracing::info!(bind = %config.bind, "Samenstad listening; web app at /, API docs at /api/docs");
    server.run().await.map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

#[actix_web::main]
async fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    telemetry::init(&cli.log);
    let result = match cli.command {
        Command::Serve(config) => serve(*config).await,
        Command::Migrate(db) => migrate(&db),
        Command::Seed(db) => seed(&db),
        Command::Digest { public_url, db } => digest(&public_url, &db),
        Command::Import(ImportCommand::Venues { file, db }) => {
            import_file(&file, &db, "venues", samenstad_api::import::import_venues)
        }
        Command::Import(ImportCommand::Addresses { file, db }) => import_file(
            &file,
            &db,
            "addresses",
            samenstad_api::address_import::import_addresses,
        ),
        Command::Import(ImportCommand::Wijken {
            municipality,
            nis_code,
            attribution,
            hosts,
            public_url,
            file,
            db,
        }) => import_wijken(
            &samenstad_api::area_import::AreaImport {
                municipality,
                nis_code,
                attribution,
                hosts,
                public_url,
            },
            &file,
            &db,
        ),
        Command::Pabulib(PabulibCommand::Tally { file, rule, strict }) => {
            pabulib_tally(&file, rule, strict)
        }
        Command::Pabulib(PabulibCommand::Import {
            file,
            wijk,
            strict,
            db,
        }) => pabulib_import(&file, &wijk, strict, &db),
        Command::Sortition(command) => sortition(&command),
        Command::Admin(AdminCommand::CreateUser {
            email,
            role,
            wijk,
            scheme,
            venue,
            service,
            council,
            municipality,
            name,
            password_stdin: _,
            db,
        }) => {
            create_user(
                email,
                role,
                municipality,
                [wijk, scheme, venue, service, council],
                name,
                db,
            )
            .await
        }
        Command::Openapi { out: None } => {
            print!("{}", openapi_json());
            Ok(())
        }
        Command::Openapi { out: Some(path) } => std::fs::write(&path, openapi_json())
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!(%message, "failed");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
