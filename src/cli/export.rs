//! `stake export`: the register as an Excel workbook or a CSV file, in either edition.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::editions;
use crate::build::public::Shown;
use crate::diagnostic::Severity;
use crate::register::vocab::Date;
use crate::register::{self, Limits};
use crate::spreadsheet;

/// What `stake export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// An Excel workbook: register, interactions, relationships, positions,
    /// communication, plan and findings sheets.
    Xlsx,
    /// The register sheet alone, as UTF-8 CSV with a byte order mark.
    Csv,
}

/// Arguments of `stake export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The register folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// What to write.
    #[arg(long, value_enum, default_value_t = SheetFormat::Xlsx)]
    pub format: SheetFormat,
    /// The file to write (replaced if it exists) [default:
    /// `register-internal-edition.xlsx`, with `--public` `register-public.xlsx`; `.csv`
    /// for CSV].
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The public edition, as `stake build --public`: nothing confidential, nothing
    /// derived from it.
    #[arg(long)]
    pub public: bool,
    /// Allow the internal edition into a folder named public, _site, site or docs.
    #[arg(long, conflicts_with = "public")]
    pub publish_internal: bool,
    /// The date the analysis is made for (default: `as_of` in `_project.md`, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub as_of: Option<Date>,
}

/// Runs `stake export`: exit 0 written, 1 the register has errors, 2 usage or I/O.
pub(super) fn run(args: ExportArgs, color: bool) -> Result<ExitCode, String> {
    let extension = match args.format {
        SheetFormat::Xlsx => "xlsx",
        SheetFormat::Csv => "csv",
    };
    let out = args.out.unwrap_or_else(|| {
        let edition = if args.public {
            "public"
        } else {
            "internal-edition"
        };
        PathBuf::from(format!("register-{edition}.{extension}"))
    });
    if out.is_dir() {
        return Err(format!(
            "`{}` is a folder; name the file to write, e.g. `-o {}`",
            out.display(),
            out.join(format!("register.{extension}")).display()
        ));
    }
    if !args.public {
        let folder = out.parent().unwrap_or(Path::new("."));
        editions::check_internal_out(
            if folder.as_os_str().is_empty() {
                Path::new(".")
            } else {
                folder
            },
            args.publish_internal,
            &format!("stake export -o register-internal-edition.{extension}"),
        )?;
    }
    let loaded = register::load(&args.dir, &Limits::default()).map_err(|e| e.to_string())?;
    if loaded.count(Severity::Error) > 0 {
        return Ok(super::refuse(&args.dir, &loaded, color, "nothing exported"));
    }
    let as_of = super::as_of_or_default(args.as_of, &loaded.register);
    let stakeholders = loaded.register.stakeholders.len();
    let shown = Shown::of(loaded.register, as_of, args.public);
    let workbook = spreadsheet::export::workbook(&shown);
    let bytes = match args.format {
        SheetFormat::Xlsx => {
            let folder = match out.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            spreadsheet::xlsx::write(&workbook, folder)?
        }
        SheetFormat::Csv => spreadsheet::register_csv(&workbook)?,
    };
    crate::atomic::replace(&out, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let rows = workbook.sheets[0].rows.len();
    let left_out = stakeholders - rows;
    let mut line = format!(
        "wrote {} ({}): {rows} {}",
        out.display(),
        workbook.edition,
        if rows == 1 {
            "stakeholder"
        } else {
            "stakeholders"
        }
    );
    if args.public {
        line.push_str(&format!(
            ", {left_out} confidential {} left out",
            if left_out == 1 { "record" } else { "records" }
        ));
    }
    println!("{line}");
    Ok(ExitCode::SUCCESS)
}
