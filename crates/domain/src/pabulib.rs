//! The Pabulib `.pb` format of participatory-budgeting elections (<https://pabulib.org/format>).
//!
//! A file has three sections, in this order, each a title line (`META`, `PROJECTS`, `VOTES`), a
//! header row and `;`-separated data rows; a field that holds `;`, `"` or a line break is quoted
//! with `"` (a quote inside doubled). [`parse`] reads such text into an [`Election`] and [`write`]
//! writes one back, so that `parse(&write(&e)) == Ok(e)`.
//!
//! Conventions of this parser:
//! - fields are trimmed; empty lines are skipped; a leading byte-order mark is ignored;
//! - an optional cell (`votes`, `score`, `selected`, `category`, extra columns, a ballot's
//!   `points`) that is empty or `none` (any case, as pabutools writes it) counts as absent;
//! - money (`budget`, `cost`) is kept exactly in hundredths ([`Amount`]); `,` is accepted as the
//!   decimal separator, as pabutools does;
//! - `points` must be whole non-negative numbers; approval and ordinal ballots get 1 point per
//!   listed project, and an ordinal ballot keeps the voter's order (most preferred first).

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// An amount of money, exact, in hundredths of the currency unit (cents, grosze).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(u64);

impl Amount {
    /// The amount of `cents` hundredths.
    pub const fn from_cents(cents: u64) -> Self {
        Self(cents)
    }

    /// The amount in hundredths of the currency unit.
    pub const fn cents(self) -> u64 {
        self.0
    }

    /// Reads `1538904.42`, `250000` or `0,5`: a non-negative number with at most two decimals
    /// (further decimals must be zeros). `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let (hundredths, rest) = fraction.split_at(fraction.len().min(2));
        if rest.bytes().any(|b| b != b'0') {
            return None;
        }
        let hundredths = format!("{hundredths:0<2}").parse::<u64>().ok()?;
        whole
            .parse::<u64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(hundredths)
            .map(Self)
    }
}

/// Writes the whole units, and two decimals unless they are zero: `1538904.42`, `250000`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, hundredths) = (self.0 / 100, self.0 % 100);
        if hundredths == 0 {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{hundredths:02}")
        }
    }
}

/// A decimal number kept exactly as written in the file (a project's `score`), compared by value
/// with [`Decimal::cmp_value`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// Accepts an optional sign, digits and an optional `.`/`,` fraction (`1036`, `-2.5`).
    pub fn parse(text: &str) -> Option<Self> {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        (!(whole.is_empty() && fraction.is_empty()) && digits(whole) && digits(fraction))
            .then(|| Self(text.to_owned()))
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compares the values exactly (`2.50` equals `2.5`, `-0` equals `0`).
    pub fn cmp_value(&self, other: &Self) -> Ordering {
        let (a, b) = (self.parts(), other.parts());
        match (a.negative, b.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => a.cmp_magnitude(&b),
            (true, true) => b.cmp_magnitude(&a),
        }
    }

    fn parts(&self) -> DecimalParts<'_> {
        let unsigned = self.0.strip_prefix(['-', '+']).unwrap_or(&self.0);
        let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, ""));
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.trim_end_matches('0');
        let is_zero = whole.is_empty() && fraction.is_empty();
        DecimalParts {
            negative: self.0.starts_with('-') && !is_zero,
            whole,
            fraction,
        }
    }
}

/// A decimal's sign and its digits without leading or trailing zeros.
struct DecimalParts<'a> {
    negative: bool,
    whole: &'a str,
    fraction: &'a str,
}

impl DecimalParts<'_> {
    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        self.whole
            .len()
            .cmp(&other.whole.len())
            .then_with(|| self.whole.cmp(other.whole))
            .then_with(|| self.fraction.cmp(other.fraction))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How voters filled in their ballots (META `vote_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VoteType {
    /// A set of approved projects.
    Approval,
    /// Points spread over projects (the `points` column), up to a maximum sum.
    Cumulative,
    /// A ranking of projects, most preferred first.
    Ordinal,
    /// A score per listed project (the `points` column).
    Scoring,
}

impl VoteType {
    /// The name used in the file.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Approval => "approval",
            Self::Cumulative => "cumulative",
            Self::Ordinal => "ordinal",
            Self::Scoring => "scoring",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [
            Self::Approval,
            Self::Cumulative,
            Self::Ordinal,
            Self::Scoring,
        ]
        .into_iter()
        .find(|vote_type| vote_type.as_str() == name)
    }

    const fn has_points(self) -> bool {
        matches!(self, Self::Cumulative | Self::Scoring)
    }
}

/// One project on the ballot (a row of PROJECTS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// `project_id`: unique in the election, without commas.
    pub id: String,
    /// `cost`.
    pub cost: Amount,
    /// `name` (empty if the file has none).
    pub name: String,
    /// `category`, as written (several are separated by commas).
    pub category: Option<String>,
    /// `votes`: the number of voters who listed the project, as the file states it.
    pub votes: Option<u64>,
    /// `score`: for cumulative and scoring ballots the points the project received, for ordinal
    /// ones the file's own rank-based score; as written.
    pub score: Option<Decimal>,
    /// `selected`: whether the official rule funded the project.
    pub selected: Option<bool>,
    /// The other columns (e.g. `latitude`), in file order.
    pub extra: Vec<(String, String)>,
}

/// One voter (a row of VOTES).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voter {
    /// `voter_id`.
    pub id: String,
    /// `(index into Election::projects, points)` per listed project, in the order of the `vote`
    /// column; the points are 1 for approval and ordinal ballots, whose order is the ranking.
    pub ballot: Vec<(usize, u64)>,
    /// The other columns (e.g. `age`, `sex`), in file order.
    pub extra: Vec<(String, String)>,
}

/// A participatory-budgeting election as stored in a `.pb` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    /// The META entries other than `budget` and `vote_type`, in file order.
    pub meta: Vec<(String, String)>,
    /// META `budget`.
    pub budget: Amount,
    /// META `vote_type`.
    pub vote_type: VoteType,
    /// The projects, in file order.
    pub projects: Vec<Project>,
    /// The voters, in file order.
    pub voters: Vec<Voter>,
}

/// Why a `.pb` text could not be read, and on which line (1-based; one past the last line for
/// something missing at the end).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct ParseError {
    /// The line the problem is on.
    pub line: u64,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// What is wrong in a `.pb` text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// The `;`-separated structure itself is broken (e.g. an unterminated quote).
    #[error("malformed line: {0}")]
    Malformed(String),
    /// Data before the first section title.
    #[error("expected the section title META")]
    OutsideSection,
    /// A section title out of order or repeated.
    #[error("section {found} cannot come here: expected {expected}")]
    UnexpectedSection {
        /// The title found.
        found: &'static str,
        /// The title expected at this point.
        expected: &'static str,
    },
    /// The text ends before a required section.
    #[error("missing the {0} section")]
    MissingSection(&'static str),
    /// A section title not followed by its header row.
    #[error("the {0} section has no header row")]
    MissingHeader(&'static str),
    /// A header row without a required column.
    #[error("the {section} header lacks the column `{column}`")]
    MissingColumn {
        /// The section.
        section: &'static str,
        /// The required column.
        column: &'static str,
    },
    /// A header row naming a column twice.
    #[error("the column `{0}` appears twice in the header")]
    DuplicateColumn(String),
    /// A data row with another number of fields than its header.
    #[error("expected {expected} fields, found {found}")]
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// META without a required key.
    #[error("META lacks `{0}`")]
    MissingMeta(&'static str),
    /// `budget` or `vote_type` given twice.
    #[error("META gives `{0}` twice")]
    DuplicateMeta(&'static str),
    /// A `vote_type` this parser does not read.
    #[error("unsupported vote_type `{0}` (expected approval, cumulative, ordinal or scoring)")]
    UnsupportedVoteType(String),
    /// A required field is empty.
    #[error("`{0}` is empty")]
    EmptyField(&'static str),
    /// Money that is not a non-negative number with at most two decimals.
    #[error("`{field}` is not an amount with at most two decimals: `{value}`")]
    BadAmount {
        /// The column or META key.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A count or points that are not a whole non-negative number.
    #[error("`{field}` is not a whole non-negative number: `{value}`")]
    BadNumber {
        /// The column.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A `score` that is not a decimal number.
    #[error("`score` is not a decimal number: `{0}`")]
    BadScore(String),
    /// A `selected` other than 0 or 1.
    #[error("`selected` must be 0 or 1, found `{0}`")]
    BadSelected(String),
    /// A project id with a comma, which the `vote` column could not tell apart.
    #[error("project id `{0}` contains a comma")]
    CommaInProjectId(String),
    /// Two projects with one id.
    #[error("duplicate project id `{0}`")]
    DuplicateProject(String),
    /// A vote for a project that PROJECTS does not list.
    #[error("vote for unknown project `{0}`")]
    UnknownProject(String),
    /// A ballot listing a project twice.
    #[error("project `{0}` appears twice in one vote")]
    RepeatedProject(String),
    /// A ballot with another number of points than projects.
    #[error("the vote lists {projects} projects but {points} points")]
    PointsMismatch {
        /// Projects in `vote`.
        projects: usize,
        /// Numbers in `points`.
        points: usize,
    },
}

const META: &str = "META";
const PROJECTS: &str = "PROJECTS";
const VOTES: &str = "VOTES";

/// Reads a `.pb` text strictly: every departure from the format is an error.
///
/// # Errors
/// The first problem found, with its line: a missing or misplaced section, a missing column,
/// a bad number, a duplicate project id, a vote for an unknown project, a project listed twice
/// in one vote, …
pub fn parse(text: &str) -> Result<Election, ParseError> {
    read(text, false).map(|(election, _)| election)
}

/// Reads a `.pb` text as the format's users do (pabutools): an approval vote that lists a
/// project twice counts it once, and each such line comes back as a warning (published files
/// have them, e.g. a 2022 Warsaw district's). Everything else is as strict as [`parse`].
///
/// # Errors
/// As [`parse`], except for projects repeated in an approval vote.
pub fn parse_lenient(text: &str) -> Result<(Election, Vec<ParseError>), ParseError> {
    read(text, true)
}

fn read(text: &str, lenient: bool) -> Result<(Election, Vec<ParseError>), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut parser = Parser {
        lenient,
        ..Parser::default()
    };
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(parser.last_line, csv::Position::line);
                parser.last_line = line;
                let fields: Vec<&str> = record.iter().collect();
                parser
                    .row(&fields)
                    .map_err(|kind| ParseError { line, kind })?;
            }
            Err(error) => {
                let line = error
                    .position()
                    .map_or(parser.last_line + 1, csv::Position::line);
                return Err(ParseError {
                    line,
                    kind: ParseErrorKind::Malformed(error.to_string()),
                });
            }
        }
    }
    let end = parser.last_line + 1;
    let warnings = std::mem::take(&mut parser.warnings);
    parser
        .finish()
        .map(|election| (election, warnings))
        .map_err(|kind| ParseError { line: end, kind })
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Section {
    #[default]
    None,
    Meta,
    Projects,
    Votes,
}

impl Section {
    const fn title(self) -> &'static str {
        match self {
            Self::None => "(none)",
            Self::Meta => META,
            Self::Projects => PROJECTS,
            Self::Votes => VOTES,
        }
    }
}

/// Where each known column of PROJECTS is, and which columns are extra.
#[derive(Debug)]
struct ProjectColumns {
    id: usize,
    cost: usize,
    name: Option<usize>,
    category: Option<usize>,
    votes: Option<usize>,
    score: Option<usize>,
    selected: Option<usize>,
    extra: Vec<(usize, String)>,
}

/// Where each known column of VOTES is, and which columns are extra.
#[derive(Debug)]
struct VoteColumns {
    id: usize,
    vote: usize,
    points: Option<usize>,
    extra: Vec<(usize, String)>,
}

#[derive(Debug, Default)]
struct Parser {
    last_line: u64,
    section: Section,
    /// The current section's header row has not been read yet.
    awaiting_header: bool,
    meta: Vec<(String, String)>,
    budget: Option<Amount>,
    vote_type: Option<VoteType>,
    project_columns: Option<ProjectColumns>,
    vote_columns: Option<VoteColumns>,
    width: usize,
    projects: Vec<Project>,
    project_index: HashMap<String, usize>,
    voters: Vec<Voter>,
    /// Count a project repeated in an approval vote once (with a warning) instead of refusing.
    lenient: bool,
    /// What the lenient reading let pass, with its line.
    warnings: Vec<ParseError>,
}

impl Parser {
    fn row(&mut self, fields: &[&str]) -> Result<(), ParseErrorKind> {
        if let [single] = fields {
            if single.is_empty() {
                return Ok(());
            }
            if let Some(title) = [META, PROJECTS, VOTES]
                .into_iter()
                .find(|title| single.eq_ignore_ascii_case(title))
            {
                return self.start_section(title);
            }
        }
        if self.awaiting_header {
            self.awaiting_header = false;
            return self.header(fields);
        }
        match self.section {
            Section::None => Err(ParseErrorKind::OutsideSection),
            Section::Meta => self.meta_row(fields),
            Section::Projects => self.project_row(fields),
            Section::Votes => self.vote_row(fields),
        }
    }

    fn start_section(&mut self, title: &'static str) -> Result<(), ParseErrorKind> {
        let (expected, next) = match self.section {
            Section::None => (META, Section::Meta),
            Section::Meta => (PROJECTS, Section::Projects),
            Section::Projects => (VOTES, Section::Votes),
            Section::Votes => ("no further section", Section::Votes),
        };
        if self.awaiting_header {
            return Err(ParseErrorKind::MissingHeader(self.section.title()));
        }
        if title != expected {
            return Err(ParseErrorKind::UnexpectedSection {
                found: title,
                expected,
            });
        }
        if next == Section::Projects {
            if self.budget.is_none() {
                return Err(ParseErrorKind::MissingMeta("budget"));
            }
            if self.vote_type.is_none() {
                return Err(ParseErrorKind::MissingMeta("vote_type"));
            }
        }
        self.section = next;
        self.awaiting_header = true;
        Ok(())
    }

    fn header(&mut self, fields: &[&str]) -> Result<(), ParseErrorKind> {
        let mut seen = HashSet::new();
        if let Some(twice) = fields.iter().find(|field| !seen.insert(**field)) {
            return Err(ParseErrorKind::DuplicateColumn((*twice).to_owned()));
        }
        self.width = fields.len();
        let position = |name: &str| fields.iter().position(|field| *field == name);
        let extra = |known: &[&str]| -> Vec<(usize, String)> {
            fields
                .iter()
                .enumerate()
                .filter(|(_, field)| !known.contains(field))
                .map(|(i, field)| (i, (*field).to_owned()))
                .collect()
        };
        let required = |section: &'static str, column: &'static str| {
            position(column).ok_or(ParseErrorKind::MissingColumn { section, column })
        };
        match self.section {
            Section::Meta => {
                if fields != ["key", "value"] {
                    return Err(ParseErrorKind::MissingColumn {
                        section: META,
                        column: "key;value",
                    });
                }
            }
            Section::Projects => {
                self.project_columns = Some(ProjectColumns {
                    id: required(PROJECTS, "project_id")?,
                    cost: required(PROJECTS, "cost")?,
                    name: position("name"),
                    category: position("category"),
                    votes: position("votes"),
                    score: position("score"),
                    selected: position("selected"),
                    extra: extra(&PROJECT_COLUMNS),
                });
            }
            Section::Votes => {
                self.vote_columns = Some(VoteColumns {
                    id: required(VOTES, "voter_id")?,
                    vote: required(VOTES, "vote")?,
                    points: position("points"),
                    extra: extra(&VOTE_COLUMNS),
                });
            }
            Section::None => return Err(ParseErrorKind::OutsideSection),
        }
        Ok(())
    }

    fn check_width(&self, fields: &[&str]) -> Result<(), ParseErrorKind> {
        if fields.len() == self.width {
            Ok(())
        } else {
            Err(ParseErrorKind::FieldCount {
                expected: self.width,
                found: fields.len(),
            })
        }
    }

    fn meta_row(&mut self, fields: &[&str]) -> Result<(), ParseErrorKind> {
        self.check_width(fields)?;
        let [key, value] = fields else {
            return Err(ParseErrorKind::FieldCount {
                expected: 2,
                found: fields.len(),
            });
        };
        match *key {
            "budget" => {
                let budget = Amount::parse(value).ok_or_else(|| ParseErrorKind::BadAmount {
                    field: "budget",
                    value: (*value).to_owned(),
                })?;
                if self.budget.replace(budget).is_some() {
                    return Err(ParseErrorKind::DuplicateMeta("budget"));
                }
            }
            "vote_type" => {
                let vote_type = VoteType::from_name(value)
                    .ok_or_else(|| ParseErrorKind::UnsupportedVoteType((*value).to_owned()))?;
                if self.vote_type.replace(vote_type).is_some() {
                    return Err(ParseErrorKind::DuplicateMeta("vote_type"));
                }
            }
            _ => self.meta.push(((*key).to_owned(), (*value).to_owned())),
        }
        Ok(())
    }

    fn project_row(&mut self, fields: &[&str]) -> Result<(), ParseErrorKind> {
        self.check_width(fields)?;
        let Some(columns) = &self.project_columns else {
            return Err(ParseErrorKind::MissingSection(PROJECTS));
        };
        let cell = |column: usize| fields.get(column).copied().unwrap_or_default();
        let optional = |column: Option<usize>| column.map(cell).filter(|value| !is_absent(value));
        let id = cell(columns.id);
        if id.is_empty() {
            return Err(ParseErrorKind::EmptyField("project_id"));
        }
        if id.contains(',') {
            return Err(ParseErrorKind::CommaInProjectId(id.to_owned()));
        }
        let cost = cell(columns.cost);
        let project = Project {
            id: id.to_owned(),
            cost: Amount::parse(cost).ok_or_else(|| ParseErrorKind::BadAmount {
                field: "cost",
                value: cost.to_owned(),
            })?,
            name: columns.name.map(cell).unwrap_or_default().to_owned(),
            category: optional(columns.category).map(str::to_owned),
            votes: optional(columns.votes)
                .map(|votes| parse_number("votes", votes))
                .transpose()?,
            score: optional(columns.score)
                .map(|score| {
                    Decimal::parse(score).ok_or_else(|| ParseErrorKind::BadScore(score.to_owned()))
                })
                .transpose()?,
            selected: optional(columns.selected)
                .map(|selected| match selected {
                    "1" => Ok(true),
                    "0" => Ok(false),
                    other => Err(ParseErrorKind::BadSelected(other.to_owned())),
                })
                .transpose()?,
            extra: extra_cells(&columns.extra, fields),
        };
        if self
            .project_index
            .insert(project.id.clone(), self.projects.len())
            .is_some()
        {
            return Err(ParseErrorKind::DuplicateProject(project.id));
        }
        self.projects.push(project);
        Ok(())
    }

    fn vote_row(&mut self, fields: &[&str]) -> Result<(), ParseErrorKind> {
        self.check_width(fields)?;
        let (Some(columns), Some(vote_type)) = (&self.vote_columns, self.vote_type) else {
            return Err(ParseErrorKind::MissingSection(VOTES));
        };
        let cell = |column: usize| fields.get(column).copied().unwrap_or_default();
        let id = cell(columns.id);
        if id.is_empty() {
            return Err(ParseErrorKind::EmptyField("voter_id"));
        }
        let listed: Vec<&str> = split_list(cell(columns.vote));
        let points: Option<Vec<u64>> = columns
            .points
            .map(cell)
            .filter(|points| !is_absent(points))
            .map(|points| {
                split_list(points)
                    .into_iter()
                    .map(|value| parse_number("points", value))
                    .collect()
            })
            .transpose()?;
        let points = match points {
            Some(points) if points.len() == listed.len() => points,
            None if !vote_type.has_points() || listed.is_empty() => vec![1; listed.len()],
            other => {
                return Err(ParseErrorKind::PointsMismatch {
                    projects: listed.len(),
                    points: other.map_or(0, |points| points.len()),
                });
            }
        };
        let mut seen = HashSet::new();
        let mut ballot = Vec::with_capacity(listed.len());
        for (project, points) in listed.into_iter().zip(points) {
            let index = *self
                .project_index
                .get(project)
                .ok_or_else(|| ParseErrorKind::UnknownProject(project.to_owned()))?;
            if seen.insert(index) {
                ballot.push((index, points));
            } else if self.lenient && !vote_type.has_points() {
                self.warnings.push(ParseError {
                    line: self.last_line,
                    kind: ParseErrorKind::RepeatedProject(project.to_owned()),
                });
            } else {
                return Err(ParseErrorKind::RepeatedProject(project.to_owned()));
            }
        }
        self.voters.push(Voter {
            id: id.to_owned(),
            ballot,
            extra: extra_cells(&columns.extra, fields),
        });
        Ok(())
    }

    fn finish(self) -> Result<Election, ParseErrorKind> {
        if self.awaiting_header {
            return Err(ParseErrorKind::MissingHeader(self.section.title()));
        }
        match self.section {
            Section::None => return Err(ParseErrorKind::MissingSection(META)),
            Section::Meta => return Err(ParseErrorKind::MissingSection(PROJECTS)),
            Section::Projects => return Err(ParseErrorKind::MissingSection(VOTES)),
            Section::Votes => {}
        }
        Ok(Election {
            meta: self.meta,
            budget: self.budget.ok_or(ParseErrorKind::MissingMeta("budget"))?,
            vote_type: self
                .vote_type
                .ok_or(ParseErrorKind::MissingMeta("vote_type"))?,
            projects: self.projects,
            voters: self.voters,
        })
    }
}

const PROJECT_COLUMNS: [&str; 7] = [
    "project_id",
    "cost",
    "votes",
    "score",
    "name",
    "category",
    "selected",
];
const VOTE_COLUMNS: [&str; 3] = ["voter_id", "vote", "points"];

fn is_absent(value: &str) -> bool {
    value.is_empty() || value.eq_ignore_ascii_case("none")
}

fn split_list(value: &str) -> Vec<&str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect()
}

fn parse_number(field: &'static str, value: &str) -> Result<u64, ParseErrorKind> {
    value.parse().map_err(|_| ParseErrorKind::BadNumber {
        field,
        value: value.to_owned(),
    })
}

fn extra_cells(columns: &[(usize, String)], fields: &[&str]) -> Vec<(String, String)> {
    columns
        .iter()
        .filter_map(|(column, name)| {
            let value = fields.get(*column).copied().unwrap_or_default();
            (!is_absent(value)).then(|| (name.clone(), value.to_owned()))
        })
        .collect()
}

/// Writes an election as a `.pb` text that [`parse`] reads back into an equal [`Election`].
///
/// META starts with `budget` and `vote_type`, then the other entries in order. PROJECTS has the
/// columns `project_id;cost` followed by `votes`, `score`, `name`, `category` and `selected` when
/// some project has them, then the extra columns. VOTES has
/// `voter_id;vote`, then `points` for cumulative and scoring ballots (or any ballot with points
/// other than 1), then the extra columns. The round trip holds for every election [`parse`]
/// returns, and for built ones whose text cells are trimmed, whose optional cells are neither
/// empty nor `none`, and whose rows list their extra columns in one consistent order.
pub fn write(election: &Election) -> String {
    let mut out = String::new();
    out.push_str("META\nkey;value\n");
    let budget = election.budget.to_string();
    write_row(&mut out, ["budget", budget.as_str()]);
    write_row(&mut out, ["vote_type", election.vote_type.as_str()]);
    for (key, value) in &election.meta {
        write_row(&mut out, [key, value]);
    }

    let projects = &election.projects;
    let has = |present: fn(&Project) -> bool| projects.iter().any(present);
    let (votes, score, name) = (
        has(|p| p.votes.is_some()),
        has(|p| p.score.is_some()),
        has(|p| !p.name.is_empty()),
    );
    let (category, selected) = (has(|p| p.category.is_some()), has(|p| p.selected.is_some()));
    let extra_keys = column_names(projects.iter().map(|p| &p.extra));
    out.push_str("PROJECTS\n");
    let mut header = vec!["project_id", "cost"];
    for (present, column) in [
        (votes, "votes"),
        (score, "score"),
        (name, "name"),
        (category, "category"),
        (selected, "selected"),
    ] {
        if present {
            header.push(column);
        }
    }
    header.extend(extra_keys.iter().map(String::as_str));
    write_row(&mut out, header);
    for project in projects {
        let mut row = vec![project.id.clone(), project.cost.to_string()];
        if votes {
            row.push(project.votes.map(|v| v.to_string()).unwrap_or_default());
        }
        if score {
            row.push(
                project
                    .score
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            );
        }
        if name {
            row.push(project.name.clone());
        }
        if category {
            row.push(project.category.clone().unwrap_or_default());
        }
        if selected {
            row.push(match project.selected {
                Some(true) => "1".to_owned(),
                Some(false) => "0".to_owned(),
                None => String::new(),
            });
        }
        row.extend(extra_values(&extra_keys, &project.extra));
        write_row(&mut out, &row);
    }

    let voters = &election.voters;
    let points = election.vote_type.has_points()
        || voters
            .iter()
            .any(|voter| voter.ballot.iter().any(|&(_, points)| points != 1));
    let extra_keys = column_names(voters.iter().map(|v| &v.extra));
    out.push_str("VOTES\n");
    let mut header = vec!["voter_id", "vote"];
    if points {
        header.push("points");
    }
    header.extend(extra_keys.iter().map(String::as_str));
    write_row(&mut out, header);
    for voter in voters {
        let listed = voter
            .ballot
            .iter()
            .filter_map(|&(index, _)| projects.get(index).map(|p| p.id.as_str()))
            .collect::<Vec<_>>()
            .join(",");
        let mut row = vec![voter.id.clone(), listed];
        if points {
            let points = voter
                .ballot
                .iter()
                .filter(|&&(index, _)| index < projects.len())
                .map(|(_, points)| points.to_string())
                .collect::<Vec<_>>()
                .join(",");
            row.push(points);
        }
        row.extend(extra_values(&extra_keys, &voter.extra));
        write_row(&mut out, &row);
    }
    out
}

/// The extra column names of all rows, in an order that keeps every row's order when the rows
/// agree on one (otherwise by first appearance where they disagree).
fn column_names<'a>(rows: impl Iterator<Item = &'a Vec<(String, String)>>) -> Vec<String> {
    let mut names: Vec<&str> = Vec::new();
    let mut before: Vec<(usize, usize)> = Vec::new();
    for row in rows {
        let mut previous = None;
        for (key, _) in row {
            let at = names
                .iter()
                .position(|name| name == key)
                .unwrap_or_else(|| {
                    names.push(key);
                    names.len() - 1
                });
            if let Some(previous) = previous {
                before.push((previous, at));
            }
            previous = Some(at);
        }
    }
    let mut placed = vec![false; names.len()];
    let mut order = Vec::with_capacity(names.len());
    while let Some(next) = (0..names.len())
        .find(|&i| !placed[i] && before.iter().all(|&(from, to)| to != i || placed[from]))
        .or_else(|| placed.iter().position(|&done| !done))
    {
        placed[next] = true;
        order.push(names[next].to_owned());
    }
    order
}

fn extra_values(keys: &[String], extra: &[(String, String)]) -> Vec<String> {
    keys.iter()
        .map(|key| {
            extra
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, value)| value.clone())
                .unwrap_or_default()
        })
        .collect()
}

fn write_row<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        let field = field.as_ref();
        if field.contains([';', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_hundredths() {
        assert_eq!(
            Amount::parse("1538904.42"),
            Some(Amount::from_cents(153_890_442))
        );
        assert_eq!(Amount::parse("0,5"), Some(Amount::from_cents(50)));
        assert_eq!(Amount::parse("12.300"), Some(Amount::from_cents(1230)));
        assert_eq!(Amount::parse("1.005"), None);
        assert_eq!(Amount::parse("-1"), None);
        assert_eq!(Amount::parse(""), None);
        assert_eq!(Amount::from_cents(153_890_442).to_string(), "1538904.42");
        assert_eq!(Amount::from_cents(25_000_000).to_string(), "250000");
        assert_eq!(Amount::from_cents(5).to_string(), "0.05");
    }

    #[test]
    fn decimals_compare_by_value() {
        let d = |s| Decimal::parse(s).unwrap_or_else(|| Decimal(String::new()));
        assert_eq!(d("2.50").cmp_value(&d("2.5")), Ordering::Equal);
        assert_eq!(d("-0").cmp_value(&d("0.0")), Ordering::Equal);
        assert_eq!(d("10").cmp_value(&d("9.99")), Ordering::Greater);
        assert_eq!(d("-10").cmp_value(&d("-9")), Ordering::Less);
        assert_eq!(d("007.1").cmp_value(&d("7.01")), Ordering::Greater);
        assert!(Decimal::parse("1e5").is_none());
        assert!(Decimal::parse("-").is_none());
    }
}
