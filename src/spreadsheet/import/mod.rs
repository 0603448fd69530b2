//! `stake import`: a spreadsheet register (PMBOK template, 干系人登记册, a SaaS tool's
//! CSV, a `stake export`) to one stakeholder file per row.
//!
//! The header row is found below title rows and notes; columns are mapped by their
//! headers (English and Chinese), values normalised to the format's spellings; what
//! cannot be read is reported with its row and column and left out, never guessed;
//! unmapped columns are kept in the notes as a table. Nothing existing is overwritten.

mod ods;
pub mod read;
mod update;
pub mod values;
mod write;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::columns::{self, Field};
use super::export::SHEETS;
use crate::i18n::data::{Line, say};
use crate::register::id;
use crate::register::vocab::{
    Attribute, Category, Date, EngagementLevel, Involvement, Kind, Language, Level,
};
use read::Grid;

pub use update::merge;
pub use write::{Written, files, write};

/// How many rows from the top the header row is looked for in.
const HEADER_SEARCH_ROWS: usize = 30;

/// What to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The spreadsheet.
    pub file: PathBuf,
    /// The sheet to read (by name); default: the register sheet of a stake export,
    /// else the first sheet with a header row.
    pub sheet: Option<String>,
    /// A TOML or YAML file of `header = field` overrides.
    pub map: Option<PathBuf>,
    /// The language of a new `_project.md`; default: Chinese when the headers are.
    pub language: Option<Language>,
}

/// What a column is used for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Use {
    /// A field of the format.
    Field(Field),
    /// Kept in the notes, as a table.
    Notes,
    /// Not read: a fact stake derives itself, or a column the map ignores.
    Ignored,
}

/// One column of the sheet and its use.
#[derive(Debug, Clone)]
pub struct Mapped {
    /// 0-based column.
    pub col: usize,
    /// Its header, as written.
    pub header: String,
    /// What it is used for.
    pub used: Use,
    /// Whether `--map` chose it.
    pub by_map: bool,
}

/// One stakeholder as read from a row.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The sheet row (1-based, as the spreadsheet numbers it).
    pub row: usize,
    /// The file's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The field values, normalised.
    pub short: Option<String>,
    /// `type`.
    pub kind: Option<Kind>,
    /// `role`.
    pub role: Option<String>,
    /// `organization`.
    pub organization: Option<String>,
    /// `category`.
    pub category: Option<Category>,
    /// `involvement`.
    pub involvement: Option<Involvement>,
    /// `key`.
    pub key: Option<bool>,
    /// `power`.
    pub power: Option<Level>,
    /// `interest`.
    pub interest: Option<Level>,
    /// `influence`.
    pub influence: Option<Level>,
    /// `impact`.
    pub impact: Option<Level>,
    /// `legitimacy`.
    pub legitimacy: Option<Attribute>,
    /// `urgency`.
    pub urgency: Option<Attribute>,
    /// `engagement.current`.
    pub current: Option<EngagementLevel>,
    /// `engagement.desired`.
    pub desired: Option<EngagementLevel>,
    /// `owner`.
    pub owner: Option<String>,
    /// `needs`.
    pub needs: Vec<String>,
    /// `expectations`.
    pub expectations: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `contact`, key → value.
    pub contact: BTreeMap<String, String>,
    /// `next_review`.
    pub next_review: Option<Date>,
    /// The notes column.
    pub notes: Option<String>,
    /// `confidential`: `true`, or the fields.
    pub confidential: Option<Result<bool, Vec<String>>>,
    /// Values that could not be read: field, the text, where ("row 7, column H").
    pub unreadable: Vec<(Field, String, String)>,
    /// Unmapped columns: header → value.
    pub extra: Vec<(String, String)>,
    /// The lists of a stake export's other sheets, as YAML list items.
    pub lists: BTreeMap<&'static str, Vec<Vec<(&'static str, String)>>>,
}

/// Everything the import would write, and what it found on the way.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The sheet read.
    pub sheet: String,
    /// The sheets of the file.
    pub sheets: Vec<String>,
    /// How the file was read.
    pub kind: read::Kind,
    /// The header row, 1-based.
    pub header_row: usize,
    /// A title above the headers, if any (the project's name for a new `_project.md`).
    pub title: Option<String>,
    /// The columns and their uses.
    pub columns: Vec<Mapped>,
    /// The stakeholders.
    pub records: Vec<Record>,
    /// Problems, each naming its row and column, and what was done.
    pub problems: Vec<String>,
    /// Other sheets of a stake export that were read too.
    pub also_read: Vec<String>,
    /// The language of the headers (or the one asked for): the messages', and a new
    /// `_project.md`'s.
    pub language: Language,
    /// Whether the sheet is a `stake export`'s register sheet (its derived columns are
    /// the analysis's).
    pub from_export: bool,
}

/// Reads the spreadsheet and works out what to write.
pub fn plan(options: &Options) -> Result<Plan, String> {
    // Until the headers say otherwise, the messages are in the language asked for.
    let early = options.language.unwrap_or(Language::En);
    let (grids, kind) = read::read(&options.file, early)?;
    let sheets: Vec<String> = grids.iter().map(|g| g.name.clone()).collect();
    let overrides = match &options.map {
        Some(path) => load_map(path)?,
        None => Vec::new(),
    };
    let (grid, header_row) = choose_sheet(&grids, options.sheet.as_deref(), &overrides, early)?;
    let columns = map_columns(grid, header_row, &overrides)?;
    let language = options.language.unwrap_or_else(|| {
        let chinese = grid.rows[header_row]
            .iter()
            .any(|h| h.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        if chinese {
            Language::ZhCn
        } else {
            Language::En
        }
    });
    let title = (0..header_row).find_map(|r| {
        let cells: Vec<&String> = grid.rows[r].iter().filter(|c| !c.is_empty()).collect();
        // A merged title spreads its text over the cells it covers.
        let first = cells.first()?;
        cells.iter().all(|c| c == first).then(|| (*first).clone())
    });
    let mut problems = Vec::new();
    let mut records = rows(grid, header_row, &columns, &mut problems, language);
    assign_ids(&mut records, &mut problems, language);
    let mut also_read = Vec::new();
    let from_export = is_stake_export(grid);
    if from_export {
        also_read = other_sheets(&grids, &mut records, &mut problems, language);
    }
    Ok(Plan {
        sheet: grid.name.clone(),
        sheets,
        kind,
        header_row: header_row + 1,
        title,
        columns,
        records,
        problems,
        also_read,
        language,
        from_export,
    })
}

/// The column letter of a 0-based column: A, …, Z, AA, …
pub fn letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One `--map` entry: a header (or column letter) and what it is.
type Override = (String, Use);

/// Reads a `--map` file: TOML (`"Header" = "field"`) or YAML (`Header: field`).
fn load_map(path: &Path) -> Result<Vec<Override>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the map {}: {e}", path.display()))?;
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('[') || line == "---" {
            continue;
        }
        let split = if toml {
            line.split_once('=')
        } else {
            line.rsplit_once(':')
        };
        let Some((key, value)) = split else {
            return Err(format!(
                "{}:{}: write one `{}` per line",
                path.display(),
                n + 1,
                if toml {
                    "\"Header\" = \"field\""
                } else {
                    "Header: field"
                }
            ));
        };
        let unquote = |s: &str| {
            let s = s.split(" #").next().unwrap_or(s).trim();
            s.trim_matches(|c| c == '"' || c == '\'').to_owned()
        };
        let (key, value) = (unquote(key), unquote(value));
        let used = field_named(&value).ok_or_else(|| {
            format!(
                "{}:{}: `{value}` is not a field; write one of {}",
                path.display(),
                n + 1,
                FIELD_NAMES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        pairs.push((key, used));
    }
    Ok(pairs)
}

/// The names `--map` accepts, with what they are.
const FIELD_NAMES: &[(&str, Option<Field>)] = &[
    ("id", Some(Field::Id)),
    ("name", Some(Field::Name)),
    ("short", Some(Field::Short)),
    ("type", Some(Field::Kind)),
    ("role", Some(Field::Role)),
    ("organization", Some(Field::Organization)),
    ("category", Some(Field::Category)),
    ("involvement", Some(Field::Involvement)),
    ("key", Some(Field::Key)),
    ("power", Some(Field::Power)),
    ("interest", Some(Field::Interest)),
    ("power/interest", Some(Field::PowerInterest)),
    ("influence", Some(Field::Influence)),
    ("impact", Some(Field::Impact)),
    ("legitimacy", Some(Field::Legitimacy)),
    ("urgency", Some(Field::Urgency)),
    ("engagement.current", Some(Field::Current)),
    ("engagement.desired", Some(Field::Desired)),
    ("owner", Some(Field::Owner)),
    ("needs", Some(Field::Needs)),
    ("expectations", Some(Field::Expectations)),
    ("tags", Some(Field::Tags)),
    ("contact", Some(Field::Contact)),
    ("contact.email", Some(Field::Email)),
    ("contact.phone", Some(Field::Phone)),
    ("next_review", Some(Field::NextReview)),
    ("notes", Some(Field::Notes)),
    ("confidential", Some(Field::Confidential)),
    ("table", None),
    ("ignore", None),
];

fn field_named(name: &str) -> Option<Use> {
    let wanted = name.trim().to_lowercase().replace(['_', ' '], "");
    FIELD_NAMES
        .iter()
        .find(|(n, _)| n.replace('_', "") == wanted)
        .map(|(n, field)| match (n, field) {
            (_, Some(field)) => Use::Field(*field),
            (&"table", None) => Use::Notes,
            _ => Use::Ignored,
        })
}

fn override_for<'a>(overrides: &'a [Override], header: &str, col: usize) -> Option<&'a Use> {
    let normal = columns::normalise(header);
    overrides
        .iter()
        .find(|(key, _)| {
            key.eq_ignore_ascii_case(&letter(col))
                || (!normal.is_empty() && columns::normalise(key) == normal)
        })
        .map(|(_, used)| used)
}

/// The sheet to read and its header row (0-based).
fn choose_sheet<'g>(
    grids: &'g [Grid],
    wanted: Option<&str>,
    overrides: &[Override],
    language: Language,
) -> Result<(&'g Grid, usize), String> {
    let names = || {
        grids
            .iter()
            .map(|g| format!("`{}`", g.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(wanted) = wanted {
        let grid = grids
            .iter()
            .find(|g| g.name == wanted)
            .or_else(|| {
                grids
                    .iter()
                    .find(|g| g.name.eq_ignore_ascii_case(wanted.trim()))
            })
            .ok_or_else(|| {
                say(
                    language,
                    Line::NoSheet,
                    &[("wanted", wanted), ("sheets", &names())],
                )
            })?;
        return header_row(grid, overrides)
            .map(|r| (grid, r))
            .ok_or_else(|| no_header(grid, language));
    }
    // A stake export's register sheet first, then the first sheet with headers.
    let register = grids
        .iter()
        .find(|g| SHEETS[0].0 == g.name || SHEETS[0].1 == g.name);
    for grid in register.into_iter().chain(grids) {
        if let Some(row) = header_row(grid, overrides) {
            return Ok((grid, row));
        }
    }
    match grids {
        [one] => Err(no_header(one, language)),
        _ => Err(say(
            language,
            Line::NoHeaderAnywhere,
            &[
                ("sheets", &names()),
                ("looked", &say(language, Line::LookedFor, &[])),
            ],
        )),
    }
}

fn no_header(grid: &Grid, language: Language) -> String {
    say(
        language,
        Line::NoHeader,
        &[
            ("sheet", &grid.name),
            ("looked", &say(language, Line::LookedFor, &[])),
        ],
    )
}

/// The field a header cell names, `--map` first.
fn use_of(header: &str, col: usize, overrides: &[Override]) -> Option<Use> {
    if let Some(used) = override_for(overrides, header, col) {
        return Some(used.clone());
    }
    columns::recognise(header).map(|c| match c.field {
        Field::Derived(_) | Field::RowNumber => Use::Ignored,
        field => Use::Field(field),
    })
}

/// The header row: the row of the first 30 that names the most known columns, one of
/// them the name (or the combined power/interest with a name mapped by `--map`).
fn header_row(grid: &Grid, overrides: &[Override]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (r, row) in grid.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut fields = HashSet::new();
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            if let Some(Use::Field(field)) = use_of(cell, c, overrides) {
                fields.insert(field);
            }
        }
        if fields.contains(&Field::Name)
            && fields.len() >= 2
            && best.is_none_or(|(_, n)| fields.len() > n)
        {
            best = Some((r, fields.len()));
        }
    }
    best.map(|(r, _)| r)
}

/// Each column of the header row with its use; a field named twice is read from its
/// first column, the others kept in the notes.
fn map_columns(
    grid: &Grid,
    header_row: usize,
    overrides: &[Override],
) -> Result<Vec<Mapped>, String> {
    let width = grid
        .rows
        .iter()
        .skip(header_row)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for col in 0..width {
        let header = grid.cell(header_row, col).to_owned();
        let has_data = grid
            .rows
            .iter()
            .skip(header_row + 1)
            .any(|r| r.get(col).is_some_and(|c| !c.is_empty()));
        if header.is_empty() && !has_data {
            continue;
        }
        let by_map = override_for(overrides, &header, col).is_some();
        let used = match use_of(&header, col, overrides) {
            Some(Use::Field(field)) if !seen.insert(field) => Use::Notes,
            Some(used) => used,
            None => Use::Notes,
        };
        out.push(Mapped {
            col,
            header: if header.is_empty() {
                format!("column {}", letter(col))
            } else {
                header
            },
            used,
            by_map,
        });
    }
    Ok(out)
}

/// Whether a cell row is a note below or between the data: one cell filled, not the
/// name, or a name cell starting like a footnote.
fn is_note(row: &[String], name_col: Option<usize>) -> bool {
    let filled: Vec<(usize, &String)> = row
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let footnote = |text: &str| {
        let lower = text.to_lowercase();
        [
            "*",
            "†",
            "※",
            "注",
            "备注：",
            "说明",
            "note",
            "source",
            "notes:",
            "资料来源",
            "来源",
            "制表",
            "填表",
        ]
        .iter()
        .any(|m| lower.starts_with(m))
    };
    match filled.as_slice() {
        [] => false,
        [(c, text)] => Some(*c) != name_col || footnote(text),
        _ => false,
    }
}

/// The stakeholders of the data rows below the header.
fn rows(
    grid: &Grid,
    header_row: usize,
    columns: &[Mapped],
    problems: &mut Vec<String>,
    language: Language,
) -> Vec<Record> {
    let row_of = |number: usize| say(language, Line::Row, &[("row", &number.to_string())]);
    let place_of = |number: usize, col: usize| {
        say(
            language,
            Line::Place,
            &[("row", &number.to_string()), ("col", &letter(col))],
        )
    };
    let name_col = columns
        .iter()
        .find(|c| c.used == Use::Field(Field::Name))
        .map(|c| c.col);
    let mut records = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(header_row + 1) {
        let number = r + 1;
        if row.iter().all(String::is_empty) {
            continue;
        }
        if is_note(row, name_col) {
            let text: String = row
                .iter()
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default();
            problems.push(say(
                language,
                Line::NoteRow,
                &[("row", &row_of(number)), ("text", &shorten(&text))],
            ));
            continue;
        }
        let name = name_col
            .map(|c| grid.cell(r, c).trim().to_owned())
            .unwrap_or_default();
        if name.is_empty() {
            problems.push(say(
                language,
                Line::NoName,
                &[
                    ("row", &row_of(number)),
                    ("col", &name_col.map(letter).unwrap_or_default()),
                ],
            ));
            continue;
        }
        // A repeated header row (a printout's page break): skipped.
        if columns
            .iter()
            .all(|c| grid.cell(r, c.col) == c.header || grid.cell(r, c.col).is_empty())
        {
            continue;
        }
        let mut record = Record {
            row: number,
            name,
            ..Record::default()
        };
        for column in columns {
            let value = grid.cell(r, column.col).trim();
            if value.is_empty() {
                if let Some(formula) = grid.uncalculated.get(&(r, column.col)) {
                    problems.push(say(
                        language,
                        Line::Uncalculated,
                        &[
                            ("place", &place_of(number, column.col)),
                            ("header", &column.header),
                            ("formula", &shorten(formula)),
                        ],
                    ));
                }
                continue;
            }
            match &column.used {
                Use::Field(field) => {
                    if let Err(expected) = set(&mut record, *field, value) {
                        let place = place_of(number, column.col);
                        record
                            .unreadable
                            .push((*field, value.to_owned(), place.clone()));
                        // Kept in the notes, so nothing of the sheet is lost.
                        record.extra.push((column.header.clone(), value.to_owned()));
                        problems.push(say(
                            language,
                            Line::Unreadable,
                            &[
                                ("place", &place),
                                ("header", &column.header),
                                ("value", &shorten(value)),
                                ("expected", expected),
                            ],
                        ));
                    }
                }
                Use::Notes => record.extra.push((column.header.clone(), value.to_owned())),
                Use::Ignored => {}
            }
        }
        records.push(record);
    }
    records
}

fn shorten(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() > 60 {
        format!("{}…", one_line.chars().take(60).collect::<String>())
    } else {
        one_line
    }
}

/// Sets one field of `record` from a cell.
fn set(record: &mut Record, field: Field, value: &str) -> Result<(), values::Expected> {
    let text = || Some(value.to_owned());
    match field {
        Field::Id => record.id = value.to_owned(),
        Field::Name | Field::RowNumber => {}
        Field::Short => record.short = text(),
        Field::Kind => record.kind = Some(values::kind(value)?),
        Field::Role => record.role = text(),
        Field::Organization => record.organization = text(),
        Field::Category => record.category = Some(values::category(value)?),
        Field::Involvement => record.involvement = Some(values::involvement(value)?),
        Field::Key => record.key = Some(values::yes_no(value)?),
        Field::Power => record.power = Some(values::level(value)?),
        Field::Interest => record.interest = Some(values::level(value)?),
        Field::PowerInterest => {
            let (power, interest) = values::power_interest(value)?;
            record.power.get_or_insert(power);
            record.interest.get_or_insert(interest);
        }
        Field::Influence => record.influence = Some(values::level(value)?),
        Field::Impact => record.impact = Some(values::level(value)?),
        Field::Legitimacy => record.legitimacy = Some(values::attribute(value)?),
        Field::Urgency => record.urgency = Some(values::attribute(value)?),
        Field::Current => record.current = Some(values::engagement(value)?),
        Field::Desired => record.desired = Some(values::engagement(value)?),
        Field::Owner => record.owner = text(),
        Field::Needs => record.needs = values::items(value, false),
        Field::Expectations => record.expectations = values::items(value, false),
        Field::Tags => record.tags = values::items(value, true),
        Field::Contact => contact(record, value),
        Field::Email => {
            record.contact.insert("email".into(), value.to_owned());
        }
        Field::Phone => {
            record.contact.insert("phone".into(), value.to_owned());
        }
        Field::NextReview => record.next_review = Some(values::date(value)?),
        Field::Notes => record.notes = text(),
        Field::Confidential => {
            // Strict yes/no: a field list such as `key` is not a "yes".
            use crate::register::vocab::Vocabulary;
            record.confidential = Some(match bool::parse(value) {
                Some(whole) => Ok(whole),
                None => Err(values::items(value, true)),
            })
        }
        Field::Derived(_) => {}
    }
    Ok(())
}

/// A contact cell: `email: …` lines (as `stake export` writes them), else an e-mail
/// address or a phone number, else the text as `other`.
fn contact(record: &mut Record, value: &str) {
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let labelled = line.split_once([':', '：']).filter(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        });
        let (key, text) = match labelled {
            Some((k, v)) if !v.trim().starts_with("//") => (k.trim().to_lowercase(), v.trim()),
            _ if line.contains('@') => ("email".to_owned(), line),
            _ if line.chars().filter(char::is_ascii_digit).count() >= 6
                && line
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-()./".contains(c)) =>
            {
                ("phone".to_owned(), line)
            }
            _ => ("other".to_owned(), line),
        };
        let mut key = key;
        let mut n = 2;
        while record.contact.contains_key(&key) {
            key = format!(
                "{}-{n}",
                key.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-')
            );
            n += 1;
        }
        record.contact.insert(key, text.to_owned());
    }
}

/// Gives every record a unique, usable id: its `ID` column when that is one, else one
/// made from the name; a taken id gets `-2`, `-3`, … (reported).
fn assign_ids(records: &mut [Record], problems: &mut Vec<String>, language: Language) {
    let row_of = |number: usize| say(language, Line::Row, &[("row", &number.to_string())]);
    let mut taken: HashSet<String> = HashSet::new();
    for record in records.iter_mut() {
        let written = std::mem::take(&mut record.id);
        let mut base = if !written.is_empty() && id::problem(&written).is_none() {
            written.clone()
        } else {
            if !written.is_empty() {
                problems.push(say(
                    language,
                    Line::BadId,
                    &[("row", &row_of(record.row)), ("id", &shorten(&written))],
                ));
            }
            id::suggest(&record.name)
        };
        if base.is_empty() {
            base = format!("row-{}", record.row);
        }
        let mut candidate = base.clone();
        let mut n = 2;
        while !taken.insert(candidate.to_lowercase()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        if candidate != base {
            problems.push(say(
                language,
                Line::DuplicateId,
                &[
                    ("row", &row_of(record.row)),
                    ("name", &record.name),
                    ("id", &candidate),
                ],
            ));
        }
        record.id = candidate;
    }
}

/// Whether a sheet is the register sheet of a `stake export` (its title line above
/// the headers, `ID` first).
fn is_stake_export(grid: &Grid) -> bool {
    let first = grid.cell(1, 0);
    (first == "ID" || first == "编号") && (grid.cell(1, 1) == "Name" || grid.cell(1, 1) == "姓名")
}

/// Reads the interactions, relationships, positions and touches sheets of a stake
/// export into the records they belong to (by id).
fn other_sheets(
    grids: &[Grid],
    records: &mut [Record],
    problems: &mut Vec<String>,
    language: Language,
) -> Vec<String> {
    // The sheets' columns after `ID` and `Name`, in the export's order, as the format's
    // field names.
    let layouts: [(usize, &'static str, &[&'static str]); 4] = [
        (
            1,
            "interactions",
            &[
                "date",
                "channel",
                "summary",
                "sentiment",
                "by",
                "follow_up.action",
                "follow_up.due",
                "follow_up.done",
                "",
                "fulfils[]",
            ],
        ),
        (2, "relationships", &["with", "type", "strength", "note"]),
        (3, "positions", &["issue", "stance", "note"]),
        (
            4,
            "communication",
            &[
                "content",
                "channel",
                "frequency",
                "owner",
                "starts",
                "id",
                "sent[]",
            ],
        ),
    ];
    let index: BTreeMap<String, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut read = Vec::new();
    for (sheet, field, names) in layouts {
        let Some(grid) = grids
            .iter()
            .find(|g| g.name == SHEETS[sheet].0 || g.name == SHEETS[sheet].1)
        else {
            continue;
        };
        read.push(grid.name.clone());
        for (r, row) in grid.rows.iter().enumerate().skip(2) {
            let id = row.first().map(String::as_str).unwrap_or("");
            if id.is_empty() {
                continue;
            }
            let Some(&i) = index.get(id) else {
                problems.push(say(
                    language,
                    Line::NoSuchId,
                    &[
                        ("sheet", &grid.name),
                        (
                            "row",
                            &say(language, Line::Row, &[("row", &(r + 1).to_string())]),
                        ),
                        ("id", id),
                    ],
                ));
                continue;
            };
            let item: Vec<(&'static str, String)> = names
                .iter()
                .zip(row.iter().skip(2))
                .filter(|(n, v)| !n.is_empty() && !v.is_empty())
                .map(|(n, v)| (*n, v.clone()))
                .collect();
            records[i].lists.entry(field).or_default().push(item);
        }
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            name: "Sheet1".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            uncalculated: Default::default(),
        }
    }

    #[test]
    fn the_header_row_is_found_below_a_title_and_notes() {
        let g = grid(&[
            &["项目干系人登记册", "", ""],
            &["编制：PMO", "", ""],
            &[],
            &["序号", "姓名", "职务", "权力", "利益"],
            &["1", "王伟", "局长", "高", "中"],
            &["注：权力和利益按高/中/低填写", "", ""],
        ]);
        assert_eq!(header_row(&g, &[]), Some(3));
        let columns = map_columns(&g, 3, &[]).unwrap();
        let mut problems = Vec::new();
        let records = rows(&g, 3, &columns, &mut problems, Language::En);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].power.map(Level::value), Some(4));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("row 6: `注：权力和利益"),
            "{problems:?}"
        );
    }

    #[test]
    fn bad_levels_and_missing_names_are_reported_with_row_and_column() {
        let g = grid(&[
            &["Name", "Power", "Interest", "Favourite colour"],
            &["Ann", "Very Hgh", "H", "blue"],
            &["", "H", "H", ""],
            &["Ann", "L", "L", ""],
        ]);
        let columns = map_columns(&g, 0, &[]).unwrap();
        let mut problems = Vec::new();
        let mut records = rows(&g, 0, &columns, &mut problems, Language::En);
        assign_ids(&mut records, &mut problems, Language::En);
        assert_eq!(records.len(), 2);
        assert!(records[0].power.is_none());
        // The unreadable value is kept in the notes too.
        assert_eq!(
            records[0].extra,
            [
                ("Power".to_owned(), "Very Hgh".to_owned()),
                ("Favourite colour".to_owned(), "blue".to_owned())
            ]
        );
        assert_eq!(records[1].id, "ann-2");
        let all = problems.join("\n");
        assert!(
            all.contains("row 2, column B (Power): `Very Hgh` cannot be read; write 1–5"),
            "{all}"
        );
        assert!(all.contains("row 3: no name (column A): skipped"), "{all}");
        assert!(
            all.contains("row 4: `Ann` has the id of an earlier row: its id is `ann-2`"),
            "{all}"
        );
    }

    #[test]
    fn the_map_overrides_and_column_letters_work() {
        let g = grid(&[&["Client", "Clout", "Care"], &["Ann", "H", "L"]]);
        assert_eq!(header_row(&g, &[]), None);
        let overrides = vec![
            ("Client".to_owned(), Use::Field(Field::Name)),
            ("B".to_owned(), Use::Field(Field::Power)),
            ("care".to_owned(), Use::Field(Field::Interest)),
        ];
        assert_eq!(header_row(&g, &overrides), Some(0));
        let columns = map_columns(&g, 0, &overrides).unwrap();
        assert!(columns.iter().all(|c| c.by_map));
        assert_eq!(letter(0), "A");
        assert_eq!(letter(27), "AB");
    }
}
