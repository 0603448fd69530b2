//! `stake import`: a spreadsheet register to one stakeholder file per row.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::Lang;
use crate::diagnostic::{self, Format, Severity};
use crate::i18n::data::{Line, say};
use crate::register::vocab::Language;
use crate::register::{self, Limits, Stakeholder};
use crate::spreadsheet::columns::Field;
use crate::spreadsheet::import::{self, Options, Use, read};

/// Arguments of `stake import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: .xlsx, .xlsm, .xls, .ods or .csv (UTF-8, UTF-16 or GBK).
    pub file: PathBuf,
    /// The register folder to write into (created if missing) [default: a folder named
    /// after FILE].
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The sheet to read [default: the first with a header row].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A TOML or YAML file naming columns the import does not recognise, one `"Header" =
    /// "field"` (or `Header: field`) per line; a column letter works as the header; the
    /// field `ignore` leaves a column out, `table` keeps it in the notes.
    #[arg(long, value_name = "MAP")]
    pub map: Option<PathBuf>,
    /// Show the mapping and the files it would write, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The language of the messages and of a new `_project.md` [default: the register's
    /// in DIR, else Chinese when the headers are].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Merge the sheet into the stakeholders already in DIR, by id: changed single
    /// values (levels, role, owner, engagement, …) replaced, tags, needs, expectations
    /// and interactions the file lacks appended, the notes table of unmapped columns
    /// updated; every other byte of the file stays.
    #[arg(long)]
    pub update: bool,
}

fn field_name(field: Field) -> &'static str {
    use crate::spreadsheet::columns::Derived;
    match field {
        Field::Id => "id",
        Field::RowNumber => "row number",
        Field::Name => "name",
        Field::Short => "short",
        Field::Kind => "type",
        Field::Role => "role",
        Field::Organization => "organization",
        Field::Category => "category",
        Field::Involvement => "involvement",
        Field::Key => "key",
        Field::Power => "power",
        Field::Interest => "interest",
        Field::PowerInterest => "power and interest",
        Field::Influence => "influence",
        Field::Impact => "impact",
        Field::Legitimacy => "legitimacy",
        Field::Urgency => "urgency",
        Field::Current => "engagement.current",
        Field::Desired => "engagement.desired",
        Field::Owner => "owner",
        Field::Needs => "needs",
        Field::Expectations => "expectations",
        Field::Tags => "tags",
        Field::Contact => "contact",
        Field::Email => "contact.email",
        Field::Phone => "contact.phone",
        Field::NextReview => "next_review",
        Field::Notes => "notes (the file's body)",
        Field::Confidential => "confidential",
        Field::Derived(Derived::Quadrant) => "quadrant",
        Field::Derived(_) => "derived",
    }
}

/// Runs `stake import`: exit 0 imported (the report lists what needs a hand), 1 the
/// result has errors `stake check` reports, 2 the file cannot be read.
pub(super) fn run(args: ImportArgs, color: bool) -> Result<ExitCode, String> {
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "register".into());
    let out = args.out.unwrap_or_else(|| PathBuf::from(&stem));
    // Stakeholders already in the folder's register (in any sub-folder), by id: never
    // written over; with `--update`, merged. Its language is the messages' unless
    // `--lang` says otherwise.
    let before = out
        .is_dir()
        .then(|| register::load(&out, &Limits::default()).ok())
        .flatten();
    let register_language = before
        .as_ref()
        .filter(|l| l.register.project.file.is_some())
        .map(|l| l.register.project.language);
    let options = Options {
        file: args.file.clone(),
        sheet: args.sheet,
        map: args.map,
        language: args
            .lang
            .map(|l| match l {
                Lang::En => Language::En,
                Lang::ZhCn => Language::ZhCn,
            })
            .or(register_language),
    };
    let plan = import::plan(&options)?;
    let lang = plan.language;
    let say = |line: Line, values: &[(&str, &str)]| say(lang, line, values);
    let how = match plan.kind {
        read::Kind::Workbook => String::new(),
        read::Kind::Text(encoding) => say(Line::TextEncoding, &[("encoding", encoding)]),
    };
    println!(
        "{}",
        say(
            Line::Reading,
            &[
                ("sheet", &plan.sheet),
                ("file", &args.file.display().to_string()),
                ("how", &how),
                ("row", &plan.header_row.to_string()),
                ("n", &plan.records.len().to_string()),
            ],
        )
    );
    // Columns of a terminal: a CJK character takes two.
    let cells = |text: &str| -> usize {
        text.chars()
            .map(|c| {
                if (c as u32) >= 0x1100 && !c.is_ascii() {
                    2
                } else {
                    1
                }
            })
            .sum()
    };
    let width = plan
        .columns
        .iter()
        .map(|c| cells(&c.header))
        .max()
        .unwrap_or(0)
        .min(30);
    for column in &plan.columns {
        let used = match &column.used {
            Use::Field(field) => field_name(*field).to_owned(),
            Use::Notes => say(Line::ToNotes, &[]),
            Use::Ignored => match crate::spreadsheet::columns::recognise(&column.header) {
                Some(c) if matches!(c.field, Field::Derived(_)) && !column.by_map => {
                    say(Line::Derived, &[])
                }
                Some(c) if c.field == Field::RowNumber && !column.by_map => {
                    say(Line::RowNumber, &[])
                }
                _ => say(Line::NotRead, &[]),
            },
        };
        let header: String = column.header.replace('\n', " ");
        let pad = width.saturating_sub(cells(&header));
        println!(
            "  {:<3} {header}{} → {used}{}",
            import::letter(column.col),
            " ".repeat(pad),
            if column.by_map {
                say(Line::ByMap, &[])
            } else {
                String::new()
            }
        );
    }
    if !plan.also_read.is_empty() {
        println!(
            "{}",
            say(Line::AlsoReading, &[("sheets", &plan.also_read.join(", "))])
        );
    }
    for problem in &plan.problems {
        println!(
            "{}",
            say(Line::Note, &[("text", &diagnostic::printable(problem))])
        );
    }
    let lacking: Vec<&import::Record> = plan
        .records
        .iter()
        .filter(|r| r.power.is_none() || r.interest.is_none())
        .collect();
    let mut files = import::files(&plan, &out, &stem);
    let existing: std::collections::HashMap<&str, (PathBuf, &Stakeholder)> = before
        .as_ref()
        .map(|l| {
            l.register
                .stakeholders
                .iter()
                .map(|s| (s.id.as_str(), (out.join(&s.file), s)))
                .collect()
        })
        .unwrap_or_default();
    let mut merges: Vec<(&import::Record, PathBuf, &Stakeholder)> = Vec::new();
    for record in &plan.records {
        if let Some((path, stakeholder)) = existing.get(record.id.as_str()) {
            let name = PathBuf::from(format!("{}.md", record.id));
            files.retain(|(n, _)| *n != name);
            merges.push((record, path.clone(), stakeholder));
        }
    }
    let mut updated: Vec<(PathBuf, Vec<u8>, Vec<&str>)> = Vec::new();
    for (record, path, stakeholder) in &merges {
        let shown = path.display().to_string();
        if !args.update {
            println!(
                "{}",
                say(
                    Line::KeptInRegister,
                    &[("path", &shown), ("id", &record.id)]
                )
            );
            continue;
        }
        let original =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&original).into_owned();
        match import::merge(&text, record, stakeholder, lang, plan.from_export) {
            Ok((_, changed)) if changed.is_empty() => {
                println!("{}", say(Line::Unchanged, &[("path", &shown)]))
            }
            Ok((new, changed)) => {
                if args.dry_run {
                    println!(
                        "{}",
                        say(
                            Line::WouldUpdate,
                            &[("path", &shown), ("fields", &changed.join(", "))]
                        )
                    );
                } else {
                    crate::atomic::replace(path, new.as_bytes())
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    updated.push((path.clone(), original, changed));
                }
            }
            Err(why) => println!(
                "{}",
                say(Line::KeptBecause, &[("path", &shown), ("why", &why)])
            ),
        }
    }
    if args.dry_run {
        for (name, _) in &files {
            let path = out.join(name);
            let line = if path.exists() {
                Line::WouldWriteExists
            } else {
                Line::WouldWrite
            };
            println!("{}", say(line, &[("path", &path.display().to_string())]));
        }
        println!("{}", say(Line::DryRun, &[]));
        return Ok(ExitCode::SUCCESS);
    }
    let written = import::write(&files, &out)?;
    for path in &written.kept {
        println!(
            "{}",
            say(Line::KeptExists, &[("path", &path.display().to_string())])
        );
    }
    println!(
        "{}",
        say(
            Line::Wrote,
            &[
                ("n", &written.created.len().to_string()),
                ("dir", &out.display().to_string()),
            ],
        )
    );
    if !updated.is_empty() {
        // An update that brings an error is undone, as `stake log` undoes an entry.
        let after = register::load(&out, &Limits::default()).map_err(|e| e.to_string())?;
        for (path, original, changed) in &updated {
            let broken = after
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.file == *path);
            let shown = path.display().to_string();
            if broken {
                crate::atomic::replace(path, original)
                    .map_err(|e| format!("cannot restore {}: {e}", path.display()))?;
                println!("{}", say(Line::Restored, &[("path", &shown)]));
            } else {
                println!(
                    "{}",
                    say(
                        Line::Updated,
                        &[("path", &shown), ("fields", &changed.join(", "))]
                    )
                );
            }
        }
    }
    let loaded = register::load(&out, &Limits::default()).map_err(|e| e.to_string())?;
    let errors = loaded.count(Severity::Error);
    let warnings = loaded.count(Severity::Warning);
    if errors + warnings > 0 {
        eprint!(
            "{}",
            diagnostic::render(&loaded.diagnostics, &loaded.sources, Format::Human, color)
        );
    }
    if !lacking.is_empty() {
        println!(
            "{}",
            say(Line::Lacking, &[("n", &lacking.len().to_string())])
        );
    }
    println!(
        "{}",
        say(
            Line::Checked,
            &[
                ("dir", &out.display().to_string()),
                ("errors", &errors.to_string()),
                ("warnings", &warnings.to_string()),
            ],
        )
    );
    Ok(ExitCode::from(u8::from(errors > 0)))
}
