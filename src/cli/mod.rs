//! The command line: parses arguments and calls the pipeline. Kept thin on purpose.

mod analyze;
mod brief;
mod ci;
mod editions;
mod export;
mod history;
mod import;
mod init;
mod log;
mod progress;
mod serve;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build::{self, Format as BuildFormat};
use crate::diagnostic::{self, Format, Severity};
use crate::i18n::cli::{Counted, Line, Words};
use crate::register::vocab::{Date, Language, Vocabulary};
use crate::register::{self, Limits};
use crate::render::pdf::{FontFile, PaperSize, PdfOptions};

/// Stakeholder management kept as text: check, analyse and report on a register of
/// Markdown files with YAML front matter.
#[derive(Debug, Parser)]
#[command(name = "stake", version, propagate_version = true)]
#[command(after_help = "Examples:
  stake init my-register            a starter register to edit
  stake check my-register           every problem of the register, like a compiler
  stake check --format github .     annotations for a GitHub Actions pull request
  stake analyze my-register         what needs attention, grid, conflicts, schedule
  stake build my-register           internal edition in ./internal-edition (do not forward)
  stake build --public my-register  public edition in ./public, safe to publish
  stake brief my-register --tag board   meeting brief: the room, then each attendee
  stake serve my-register           the site at http://127.0.0.1:7825, rebuilt on save
  stake schema > stake.schema.json  JSON Schema for editor completion")]
pub struct Cli {
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Color {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// A language of the human output and of `stake init`'s starter files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    #[value(name = "zh-CN")]
    ZhCn,
}

/// The language of the human output: the `--lang` flag, else the register's
/// `language` (English when `_project.md` does not say).
fn language(flag: Option<Lang>, register: &register::Register) -> Language {
    match flag {
        Some(Lang::En) => Language::En,
        Some(Lang::ZhCn) => Language::ZhCn,
        None => register.project.language,
    }
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a register and report every problem with its file, line and column.
    #[command(
        after_help = "Exit status: 0 clean (warnings allowed), 1 errors found (or warnings \
with --deny-warnings), 2 usage or I/O problem.

Examples:
  stake check samples/erp-rollout
  stake check --deny-warnings --format github register/"
    )]
    Check {
        /// The register folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Language of the closing summary line [default: `language` in _project.md];
        /// the messages of single problems are English.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Largest register file read, in bytes (1 to 1073741824, i.e. 1 GiB).
        #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=Limits::MAX_FILE_BYTES))]
        max_file_size: u64,
    },
    /// Analyse a register: grid, salience, engagement, schedule, conflicts, network and
    /// what needs attention.
    #[command(
        after_help = "Exit status: 0 analysed, 1 the register has errors (printed as by \
`stake check`), 2 usage or I/O problem.

Examples:
  stake analyze samples/erp-rollout
  stake analyze --as-of 2026-12-01 --format json register/ > analysis.json"
    )]
    Analyze(analyze::AnalyzeArgs),
    /// Build the HTML report, the dashboard, one profile per stakeholder, the
    /// communication plan and the analysis JSON into an output folder, as the internal
    /// edition (everything) or with `--public` the public one (nothing confidential).
    #[command(
        after_help = "Two editions, and every page says which: the internal edition (the \
default) has contact details, confidential fields and confidential records, is marked \
\"Internal edition — do not forward\" and goes to `internal-edition/`; the public edition \
(`--public`) leaves them out, is marked \"Public edition\" and goes to `public/`. The \
internal edition is never written into a folder named public, _site, site or docs \
(folders that sites publish by convention) unless `--publish-internal` is given.

The output folder gets a `.stake-output` marker file: a folder with it is cleaned of \
stale files on the next build, a non-empty folder without it is never touched (the build \
stops instead). Templates in the register's `templates/` folder, or in `--templates`, \
replace the built-in ones of the same name; `stake init --templates` writes the \
built-ins out for editing.

A build whose inputs (the register's files, the templates, the options, the date and the \
stake binary) are those of the build that wrote OUT, into an OUT untouched since, is \
skipped: `nothing changed since the last build`. Any change builds every page.

Examples:
  stake build samples/erp-rollout                 internal edition into internal-edition/
  stake build samples/erp-rollout --public        public edition into public/
  stake build register/ --public -o site
  stake build . --as-of 2026-11-20 --format html,json,md"
    )]
    Build {
        /// The register folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The output folder (created if missing) [default: `internal-edition`, with
        /// `--public` `public`].
        #[arg(short, long, value_name = "OUT")]
        out: Option<PathBuf>,
        /// The public edition, safe to publish: leave out confidential fields (the
        /// project's `confidential` list, `contact` and `notes` by default, and each
        /// stakeholder's) and every record with `confidential: true`.
        #[arg(long)]
        public: bool,
        /// Allow the internal edition into a folder named public, _site, site or docs:
        /// only for a site that no one outside the project team can read.
        #[arg(long, conflicts_with = "public")]
        publish_internal: bool,
        /// The date the analysis is made for (default: `as_of` in `_project.md`, else today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        as_of: Option<Date>,
        /// What to write, comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [BuildFormat::Html, BuildFormat::Json, BuildFormat::Pdf, BuildFormat::Ics, BuildFormat::Csv])]
        format: Vec<BuildFormat>,
        /// How many weeks ahead the communication calendar (page and `.ics`) looks.
        #[arg(long, value_name = "WEEKS", default_value_t = crate::analysis::calendar::DEFAULT_HORIZON_WEEKS, value_parser = clap::value_parser!(u16).range(1..=104))]
        horizon_weeks: u16,
        /// Only this owner's touches in `communication-plan.ics` and `.csv`, so each owner
        /// can subscribe to their own calendar (names compare without case).
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Paper size of the PDF files.
        #[arg(long, value_enum, default_value_t = PaperSize::A4)]
        paper: PaperSize,
        /// A font file (.ttf, .otf, .ttc; a regular file of at most 256 MiB) tried before
        /// the bundled Noto Sans CJK SC, e.g. for Traditional Chinese, Japanese or Korean;
        /// repeat for more.
        #[arg(long = "font", value_name = "PATH", value_parser = parse_font)]
        fonts: Vec<PathBuf>,
        /// A folder of templates replacing the built-ins of the same name (default: the
        /// register's `templates/` folder, when it has one).
        #[arg(long, value_name = "PATH")]
        templates: Option<PathBuf>,
        /// Largest register file read, in bytes (1 to 1073741824, i.e. 1 GiB).
        #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=Limits::MAX_FILE_BYTES))]
        max_file_size: u64,
        /// Add a "What changed" section to the report: the register compared with its
        /// state at REV in git (a tag, branch, commit or date YYYY-MM-DD); internal
        /// edition only [default: the most recent tag on a commit that changed the
        /// register, or `history.since` in _project.md].
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// No "What changed" section, even when the register's repository has a tag.
        #[arg(long, conflicts_with = "since")]
        no_since: bool,
        /// Print only warnings and errors: no progress line, no closing summary. (The
        /// progress line and the time taken are shown only on a terminal anyway.)
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write a meeting brief: who stands where in the room, then one page per attendee
    /// with talking points.
    #[command(
        after_help = "Exit status: 0 written, 1 the register has errors, 2 usage problem \
(an unknown id, a tag nobody has, an unknown issue: the closest matches are named).

Examples:
  stake brief samples/erp-rollout --tag steering-committee
  stake brief samples/erp-rollout helen-brandt mark-sullivan --issue \"Go-live date\"
  stake brief . --tag works-council -o briefs/2026-12-10"
    )]
    Brief(brief::BriefArgs),
    /// Export the register as an Excel workbook or CSV file, in either edition.
    #[command(
        after_help = "The workbook has a sheet for the register (one row per stakeholder, \
with the derived quadrant, salience, engagement gap and last contact), the interactions, \
relationships, positions, planned touches, the plan and the findings; each starts with a line \
naming the project and the edition, then frozen, filtered headers. `--public` writes what the \
public edition of `stake build` shows, and nothing else. `stake import` reads it back.

Examples:
  stake export samples/erp-rollout                 register-internal-edition.xlsx
  stake export samples/erp-rollout --public -o public/register.xlsx
  stake export . --format csv -o register.csv"
    )]
    Export(export::ExportArgs),
    /// Import a spreadsheet register (.xlsx, .xls, .ods, .csv): one stakeholder file per
    /// row.
    #[command(
        after_help = "The header row is found below title rows and notes; columns are \
mapped by their headers in English or Chinese (the mapping is printed first; `--map` \
overrides it), values normalised (H/M/L, 高/中/低, 1–5, Very High, supporter/neutral/resistor). \
Unmapped columns are kept in each file's notes as a table. What cannot be read is reported \
with its row and column and left out, never guessed. Existing files are never overwritten.

Exit status: 0 imported, 1 the result has errors (listed), 2 the file cannot be read.

Examples:
  stake import register.xlsx -o register
  stake import 干系人登记册.xlsx --sheet 登记册 --dry-run
  stake import export.csv --map columns.toml -o register"
    )]
    Import(import::ImportArgs),
    /// Log a contact: one id appends an interaction to that stakeholder's file, several
    /// write a meeting record under `meetings/`; the file is checked after the write and
    /// restored on an error.
    #[command(
        after_help = "Only the new lines are added: every other byte of the file (comments, key \
order, quoting, line endings) stays as it was, and the entry follows the style of the entries \
around it.

Exit status: 0 logged, 1 the file has errors or the entry would cause one (nothing is \
changed), 2 usage problem (an unknown id: the closest ones are named).

Examples:
  stake log . helen-brandt --summary \"Agreed the cut-over budget\" --channel call --sentiment positive
  stake log register/ helen-brandt mark-sullivan --title \"Steering committee\" --summary \"Go-live moved to April\"
  stake log . works-council --summary \"Asked for the shift plan\" --follow-up \"Send the shift plan\" --due 2026-12-10"
    )]
    Log(log::LogArgs),
    /// What changed in the register between two revisions of its git repository (by
    /// default from REV to the working tree): who moved on the grid, who became more or
    /// less engaged, new opponents, new conflicts, new and resolved findings.
    #[command(
        after_help = "A REV is a tag, a branch, a commit or a date YYYY-MM-DD (the last \
commit on or before it). Exit status: 0 compared, 2 usage problem (not in a git \
repository, a bare repository, a REV that names no commit: the closest tags are named).

Examples:
  stake diff register/ --since steering-2026-11
  stake diff . --since 2026-11-01 --until HEAD --format md
  stake diff . --since v1 --format json > changes.json"
    )]
    Diff(history::DiffArgs),
    /// The register's figures at every commit that changed it: engagement index,
    /// counts by quadrant and salience, and each stakeholder's assessments over time.
    #[command(after_help = "Exit status: 0 listed, 2 usage problem (not in a git \
repository, a bare or shallow repository).

Examples:
  stake history register/
  stake history . --format json > history.json")]
    History(history::HistoryArgs),
    /// Serve the site on this machine, rebuilt on every save of the register or its
    /// templates, with open pages reloading and the register's errors shown on them.
    #[command(
        after_help = "Listens on 127.0.0.1 (this machine only) unless `--interface` \
says otherwise. Pages are rebuilt in memory and nothing is written: while the register has \
errors, the last pages built without errors stay served, with the errors (file:line:column, \
message, help) shown above them. The HTML pages only; `stake build` writes the PDF, JSON and \
calendar files.

Examples:
  stake serve samples/erp-rollout
  stake serve . --public --open
  stake serve . --port 8080 --as-of 2026-11-20"
    )]
    Serve(serve::ServeArgs),
    /// Create a starter register with `_project.md` and three stakeholders, or with
    /// `--templates` write the built-in report templates out for editing.
    #[command(after_help = "Refuses to overwrite any existing file.

Examples:
  stake init my-register
  stake init 项目登记册 --lang zh-CN
  stake init --templates my-register     writes my-register/templates/*.tera
  stake init --ci github register        .github/workflows/stake.yml: checks and Pages
  stake init --ci gitlab register        .gitlab-ci.yml: checks and GitLab Pages")]
    Init {
        /// Where to create it (created if missing; existing files are never touched).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Language of the starter files.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
        /// Write the built-in templates into DIR/templates/ instead of a starter register.
        #[arg(long)]
        templates: bool,
        /// Write a CI configuration instead of a starter register: checks of pull (merge)
        /// requests, and the public edition published from the default branch. Written
        /// at the top of the git repository holding DIR.
        #[arg(long, value_enum, value_name = "SERVICE", conflicts_with = "templates")]
        ci: Option<ci::Ci>,
    },
    /// Print the JSON Schema (draft 2020-12) of the front matter.
    #[command(after_help = "Examples:
  stake schema > .vscode/stake.schema.json
  stake schema --project > .vscode/stake-project.schema.json
  stake schema --meeting > .vscode/stake-meeting.schema.json")]
    Schema {
        /// The schema of `_project.md` instead of a stakeholder file.
        #[arg(long, conflicts_with = "meeting")]
        project: bool,
        /// The schema of a meeting record (format v2) instead of a stakeholder file.
        #[arg(long)]
        meeting: bool,
    },
    /// Print a shell completion script.
    #[command(after_help = "Example:
  stake completions bash > ~/.local/share/bash-completion/completions/stake")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
    };
    match run(cli.command, color) {
        Ok(code) => code,
        Err(message) => {
            // Messages quote register values and file names: no raw control characters.
            eprintln!("error: {}", diagnostic::printable(&message));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, color: bool) -> Result<ExitCode, String> {
    match command {
        Command::Check {
            dir,
            format,
            deny_warnings,
            lang,
            max_file_size,
        } => {
            let limits = Limits {
                max_file_bytes: max_file_size,
            };
            let loaded = register::load(&dir, &limits).map_err(|e| e.to_string())?;
            let errors = loaded.count(Severity::Error);
            let warnings = loaded.count(Severity::Warning);
            let rendered = diagnostic::render(&loaded.diagnostics, &loaded.sources, format, color);
            match format {
                Format::Human => {
                    let mut err = std::io::stderr().lock();
                    let _ = err.write_all(rendered.as_bytes());
                    let w = Words::new(language(lang, &loaded.register));
                    let dir = dir.display().to_string();
                    let stakeholders =
                        w.count(loaded.register.stakeholders.len(), Counted::Stakeholder);
                    let errors = w.count(errors, Counted::Error);
                    let warnings = w.count(warnings, Counted::Warning);
                    let _ = writeln!(
                        err,
                        "{}",
                        w.say(
                            Line::CheckSummary,
                            &[
                                ("dir", &dir),
                                ("stakeholders", &stakeholders),
                                ("errors", &errors),
                                ("warnings", &warnings),
                            ],
                        )
                    );
                }
                Format::Json | Format::Github => print!("{rendered}"),
            }
            let failed = errors > 0 || (deny_warnings && warnings > 0);
            Ok(ExitCode::from(u8::from(failed)))
        }
        Command::Analyze(args) => analyze::run(args, color),
        Command::Brief(args) => brief::run(args, color),
        Command::Log(args) => log::run(args, color),
        Command::Export(args) => export::run(args, color),
        Command::Import(args) => import::run(args, color),
        Command::Diff(args) => history::run_diff(args, color),
        Command::History(args) => history::run_history(args, color),
        Command::Serve(args) => serve::run(args, color),
        Command::Build {
            dir,
            out,
            public,
            publish_internal,
            as_of,
            format,
            horizon_weeks,
            owner,
            paper,
            fonts,
            templates,
            max_file_size,
            since,
            no_since,
            quiet,
        } => {
            let out = out.unwrap_or_else(|| editions::default_out(public));
            if !public {
                // Before reading the register: nothing is worth building into the wrong place.
                editions::check_internal_out(
                    &out,
                    publish_internal,
                    &format!("stake build -o {}", editions::INTERNAL_OUT),
                )?;
            }
            let limits = Limits {
                max_file_bytes: max_file_size,
            };
            // Without `--since`, the most recent tag (or `history.since`); the public
            // edition has no "What changed" section, so it looks for none.
            let since = match since {
                Some(rev) => Some(rev),
                None if no_since || public => None,
                None => history::default_since(&dir, &history::setting_of(&dir, &limits))?,
            };
            let today = jiff::ZonedDateTime::now().date();
            // The settings as the digest of the inputs sees them, before the register is
            // read: the date is the flag, else today (`_project.md` is part of the
            // digest, so its `as_of` is too). `--since` reads the git history, which the
            // digest does not cover: such a build is never skipped.
            let digested = since.is_none().then(|| build::Options {
                out: out.clone(),
                public,
                as_of: as_of.unwrap_or(today),
                formats: format.iter().copied().collect(),
                templates: templates.clone(),
                horizon_weeks,
                owner: owner.clone(),
                pdf: pdf_options(paper, fonts.clone()),
                changes: None,
                assessments: None,
                index_history: None,
            });
            let inputs = digested
                .as_ref()
                .and_then(|o| build::cache::inputs(&dir, o, today));
            if let Some(files) = inputs.and_then(|i| build::cache::up_to_date(&out, i)) {
                if !quiet {
                    println!(
                        "nothing changed since the last build: {} is up to date ({} {})",
                        out.display(),
                        files,
                        plural(files, "file", "files")
                    );
                }
                return Ok(ExitCode::SUCCESS);
            }
            let mut progress = progress::Progress::start(quiet, Words::new(Language::En));
            let loaded = register::load(&dir, &limits).map_err(|e| e.to_string())?;
            progress.speak(Words::new(loaded.register.project.language));
            if loaded.count(Severity::Error) > 0 {
                drop(progress);
                return Ok(refuse(&dir, &loaded, color, "nothing built"));
            }
            // Warnings are counted only; `stake check` lists them.
            let warnings = loaded.count(Severity::Warning);
            if warnings > 0 {
                progress.suspend(|| {
                    eprintln!(
                        "{}: {warnings} {}; `stake check {}` lists them",
                        dir.display(),
                        plural(warnings, "warning", "warnings"),
                        dir.display()
                    )
                });
            }
            let as_of = as_of_or_default(as_of, &loaded.register);
            let changes = match since.as_deref() {
                Some(_) if public => {
                    eprintln!(
                        "note: the public edition has no \"What changed\" section; `--since` is for the internal edition"
                    );
                    None
                }
                Some(rev) => Some(history::changes_since(
                    &dir, rev, &loaded, as_of, &limits, color,
                )?),
                None => None,
            };
            let (assessments, index_history) = match changes {
                Some(_) => {
                    let (assessments, points) = history::assessments(&dir, &limits)?;
                    (Some(assessments), Some(points))
                }
                None => (None, None),
            };
            let options = build::Options {
                out: out.clone(),
                public,
                changes,
                assessments,
                index_history,
                as_of,
                formats: format.into_iter().collect(),
                templates,
                horizon_weeks,
                owner,
                pdf: pdf_options(paper, fonts),
            };
            // Only the files' names are kept: their text is a large part of a loaded
            // register, and only a rare warning reads it again.
            let sources: Vec<PathBuf> = loaded.sources.keys().cloned().collect();
            drop(loaded.sources);
            let language = loaded.register.project.language;
            let (summary, counted) = build::build_into(loaded.register, &options, |root| {
                Ok(progress.counting(build::output::Output::claim(&options.out, root)?))
            })?;
            let (output, pages) = counted.into_inner();
            // Recorded only when the inputs did not change while they were read: the
            // record must describe what this build read.
            let reread = digested
                .as_ref()
                .and_then(|o| build::cache::inputs(&dir, o, today));
            if let Some(inputs) = inputs.filter(|&i| reread == Some(i)) {
                build::cache::record(&output, inputs);
            }
            output.finish()?;
            progress.finish(pages);
            if !summary.missing_chars.is_empty() {
                eprintln!(
                    "{}",
                    diagnostic::printable(&missing_glyphs_warning(
                        &summary.missing_chars,
                        &sources
                    ))
                );
            }
            if summary.calendar_left_out > 0 {
                eprintln!(
                    "warning: the communication plan keeps its {} nearest occurrences and leaves out the {} after them\n  = help: a shorter `--horizon-weeks`, or fewer daily touches, plans them all",
                    build::plan::MAX_OCCURRENCES,
                    summary.calendar_left_out
                );
            }
            for id in &summary.grid_confidential {
                eprintln!(
                    "note: `{}` keeps its power or interest confidential, so the public edition leaves the whole record out",
                    diagnostic::printable_line(id)
                );
            }
            // The closing line in the register's language, like `check`'s.
            let w = Words::new(language);
            let files = w.count(summary.written, Counted::File);
            let dir = out.display().to_string();
            let line = if public {
                let records = w.count(summary.left_out, Counted::ConfidentialRecord);
                w.say(
                    Line::BuiltPublic,
                    &[("files", &files), ("dir", &dir), ("records", &records)],
                )
            } else {
                w.say(Line::BuiltInternal, &[("files", &files), ("dir", &dir)])
            };
            if !quiet {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Init {
            dir, ci: Some(ci), ..
        } => {
            let written = ci::write(&dir, ci)?;
            println!("created {}", written.path.display());
            let (checks, publishes) = match ci {
                ci::Ci::Github => ("annotates pull requests", "GitHub Pages"),
                ci::Ci::Gitlab => ("checks merge requests", "GitLab Pages"),
            };
            println!(
                "it {checks} with `stake check {register}` and publishes the public edition of `{register}` to {publishes} from the default branch",
                register = written.register
            );
            println!(
                "next: set STAKE_GIT in it to where your organisation keeps stake{}",
                if ci == ci::Ci::Github {
                    "; in the repository's settings, choose GitHub Actions as the source of Pages"
                } else {
                    ""
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Init {
            dir,
            templates: true,
            ..
        } => {
            let templates = dir.join("templates");
            let written = init::write_new(
                &templates,
                build::templates::BUILTIN,
                "templates",
                "move them away first",
            )?;
            for path in written {
                println!("created {}", path.display());
            }
            println!(
                "next: edit them; `stake build {}` uses them in place of the built-ins",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, lang, .. } => {
            let today = jiff::ZonedDateTime::now().date();
            let (written, gitignore) = init::init(&dir, lang, today)?;
            for path in &written {
                println!("created {}", path.display());
            }
            let internal = editions::INTERNAL_OUT;
            match gitignore {
                init::Gitignore::Created(path) => println!(
                    "created {} (keeps the internal edition, `{internal}/`, out of git)",
                    path.display()
                ),
                init::Gitignore::Kept(path) => {
                    println!("kept {} (it already ignores `{internal}/`)", path.display())
                }
                init::Gitignore::KeptWithout(path) => println!(
                    "kept {} unchanged; add the line `/{internal}/` to it, so the internal edition stays out of git",
                    path.display()
                ),
            }
            println!(
                "next: edit the files, then run `stake check {dir}`; in {dir}, `stake build` writes the internal edition to `{internal}/`, `stake build --public` the edition to share to `public/`",
                dir = dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { project, meeting } => {
            let schema = if project {
                crate::schema::project()
            } else if meeting {
                crate::schema::meeting()
            } else {
                crate::schema::stakeholder()
            };
            println!("{schema}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "stake", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(Date::expected)
}

/// A `--font` argument: a regular file no larger than a font can be, checked before
/// anything is built (a device such as `/dev/zero` never ends, a pipe blocks).
fn parse_font(text: &str) -> Result<PathBuf, String> {
    use crate::render::pdf::MAX_FONT_BYTES;
    let path = PathBuf::from(text);
    let meta = std::fs::metadata(&path).map_err(|e| format!("cannot read it: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file; name a .ttf, .otf or .ttc font file".into());
    }
    if meta.len() > MAX_FONT_BYTES {
        return Err(format!(
            "{} bytes is more than a font file has (at most {MAX_FONT_BYTES}); name a .ttf, .otf or .ttc file",
            meta.len()
        ));
    }
    Ok(path)
}

/// Names the characters no PDF font could draw and the files they come from.
/// `sources` are the register's files, read again here: a build does not keep their
/// text for a warning it rarely gives.
fn missing_glyphs_warning(chars: &std::collections::BTreeSet<char>, sources: &[PathBuf]) -> String {
    let shown: String = chars.iter().collect();
    let mut files: Vec<String> = sources
        .iter()
        .filter(|path| {
            std::fs::read_to_string(path).is_ok_and(|text| text.chars().any(|c| chars.contains(&c)))
        })
        .map(|path| path.display().to_string())
        .collect();
    files.sort();
    format!(
        "warning: no font can draw {shown:?} in the PDF files (shown as boxes); they come from {}\n  = help: name a font that has them with `--font PATH`, e.g. a Traditional Chinese, Japanese or Korean Noto font",
        if files.is_empty() {
            "the templates".to_owned()
        } else {
            files.join(", ")
        }
    )
}

/// The date to analyse for: the flag, else `as_of` in `_project.md`, else today.
fn as_of_or_default(flag: Option<Date>, register: &register::Register) -> Date {
    flag.or(register.project.as_of)
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

/// PDF options from the command line: paper and extra fonts (the running header is the
/// project's, set by the build).
fn pdf_options(paper: PaperSize, fonts: Vec<PathBuf>) -> PdfOptions {
    PdfOptions {
        paper,
        running_header: None,
        cover_after_pages: None,
        fonts: fonts
            .into_iter()
            .map(|path| FontFile {
                path,
                index: 0,
                bold: None,
            })
            .collect(),
    }
}

/// Prints the register's errors as `stake check` does, then that `what` was not done
/// because of them; exit status 1.
fn refuse(dir: &std::path::Path, loaded: &register::Loaded, color: bool, what: &str) -> ExitCode {
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    eprint!(
        "{}",
        diagnostic::render(&errors, &loaded.sources, Format::Human, color)
    );
    eprintln!(
        "{}: {} {}; {what} (run `stake check {}` for details)",
        dir.display(),
        errors.len(),
        plural(errors.len(), "error", "errors"),
        dir.display()
    );
    ExitCode::from(1)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
