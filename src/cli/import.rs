//! `stake import`: a spreadsheet register to one stakeholder file per row.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::Lang;
use crate::diagnostic::{self, Format, Severity};
use crate::register::vocab::Language;
use crate::register::{self, Limits};
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
    /// The language of a new `_project.md` [default: Chinese when the headers are].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Merge the sheet's changed single values (levels, role, owner, engagement, …) into
    /// the stakeholders already in DIR, by id, editing only those values: their notes,
    /// comments, lists and formatting stay.
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
    let options = Options {
        file: args.file.clone(),
        sheet: args.sheet,
        map: args.map,
        language: args.lang.map(|l| match l {
            Lang::En => Language::En,
            Lang::ZhCn => Language::ZhCn,
        }),
    };
    let plan = import::plan(&options)?;
    let how = match plan.kind {
        read::Kind::Workbook => String::new(),
        read::Kind::Text(encoding) => format!(", {encoding} text"),
    };
    println!(
        "reading sheet `{}` of {}{how}: headers in row {}, {} stakeholders",
        plan.sheet,
        args.file.display(),
        plan.header_row,
        plan.records.len()
    );
    let width = plan
        .columns
        .iter()
        .map(|c| c.header.chars().count())
        .max()
        .unwrap_or(0)
        .min(30);
    for column in &plan.columns {
        let used = match &column.used {
            Use::Field(field) => field_name(*field).to_owned(),
            Use::Notes => "kept in the notes, as a table".to_owned(),
            Use::Ignored => match crate::spreadsheet::columns::recognise(&column.header) {
                Some(c) if matches!(c.field, Field::Derived(_)) && !column.by_map => {
                    "not read: stake derives it".to_owned()
                }
                Some(c) if c.field == Field::RowNumber && !column.by_map => {
                    "not read: a row number".to_owned()
                }
                _ => "not read".to_owned(),
            },
        };
        let header: String = column.header.replace('\n', " ");
        let pad = width.saturating_sub(header.chars().count());
        println!(
            "  {:<3} {header}{} → {used}{}",
            import::letter(column.col),
            " ".repeat(pad),
            if column.by_map { " (--map)" } else { "" }
        );
    }
    if !plan.also_read.is_empty() {
        println!("also reading the sheets {}", plan.also_read.join(", "));
    }
    for problem in &plan.problems {
        println!("note: {}", diagnostic::printable(problem));
    }
    let lacking: Vec<&import::Record> = plan
        .records
        .iter()
        .filter(|r| r.power.is_none() || r.interest.is_none())
        .collect();
    let mut files = import::files(&plan, &out, &stem);
    // Stakeholders already in the folder's register (in any sub-folder), by id: never
    // written over; with `--update`, merged.
    let existing: std::collections::HashMap<String, PathBuf> = if out.is_dir() {
        register::load(&out, &Limits::default())
            .map(|l| {
                l.register
                    .stakeholders
                    .iter()
                    .map(|s| (s.id.clone(), out.join(&s.file)))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Default::default()
    };
    let mut merges: Vec<(&import::Record, PathBuf)> = Vec::new();
    for record in &plan.records {
        if let Some(path) = existing.get(&record.id) {
            let name = PathBuf::from(format!("{}.md", record.id));
            files.retain(|(n, _)| *n != name);
            merges.push((record, path.clone()));
        }
    }
    let mut updated: Vec<(PathBuf, Vec<u8>, Vec<&str>)> = Vec::new();
    for (record, path) in &merges {
        if !args.update {
            println!(
                "kept {} as it is (`{}` is in the register; `--update` merges the sheet's changes)",
                path.display(),
                record.id
            );
            continue;
        }
        let original =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&original).into_owned();
        match import::merge(&text, record) {
            Ok((_, changed)) if changed.is_empty() => println!("{}: unchanged", path.display()),
            Ok((new, changed)) => {
                if args.dry_run {
                    println!("would update {}: {}", path.display(), changed.join(", "));
                } else {
                    crate::atomic::replace(path, new.as_bytes())
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    updated.push((path.clone(), original, changed));
                }
            }
            Err(why) => println!("kept {} as it is: {why}", path.display()),
        }
    }
    if args.dry_run {
        for (name, _) in &files {
            let path = out.join(name);
            let state = if path.exists() {
                " (exists: would be left as it is)"
            } else {
                ""
            };
            println!("would write {}{state}", path.display());
        }
        println!("dry run: nothing written");
        return Ok(ExitCode::SUCCESS);
    }
    let written = import::write(&files, &out)?;
    for path in &written.kept {
        println!("kept {} as it is (it exists)", path.display());
    }
    println!(
        "wrote {} files into {}",
        written.created.len(),
        out.display()
    );
    if !updated.is_empty() {
        // An update that brings an error is undone, as `stake log` undoes an entry.
        let after = register::load(&out, &Limits::default()).map_err(|e| e.to_string())?;
        for (path, original, changed) in &updated {
            let broken = after
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.file == *path);
            if broken {
                crate::atomic::replace(path, original)
                    .map_err(|e| format!("cannot restore {}: {e}", path.display()))?;
                println!(
                    "{}: the merged values caused errors; restored as it was",
                    path.display()
                );
            } else {
                println!("updated {}: {}", path.display(), changed.join(", "));
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
            "{} of them lack power or interest (required; not guessed): each file says where; `missing-field` errors until they are written",
            lacking.len()
        );
    }
    println!(
        "stake check {}: {errors} errors, {warnings} warnings",
        out.display()
    );
    Ok(ExitCode::from(u8::from(errors > 0)))
}
