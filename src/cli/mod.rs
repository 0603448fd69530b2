//! The command line: parses arguments and calls the pipeline. Kept thin on purpose.

mod init;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::diagnostic::{self, Format, Severity};
use crate::register::{self, Limits};

/// Stakeholder management kept as text: check, analyse and report on a register of
/// Markdown files with YAML front matter.
#[derive(Debug, Parser)]
#[command(name = "stake", version, propagate_version = true)]
#[command(after_help = "Examples:
  stake init my-register            a starter register to edit
  stake check my-register           every problem of the register, like a compiler
  stake check --format github .     annotations for a GitHub Actions pull request
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
        /// Largest register file read, in bytes.
        #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES")]
        max_file_size: u64,
    },
    /// Create a starter register with `_project.md` and three stakeholders.
    #[command(after_help = "Refuses to overwrite any existing file.

Examples:
  stake init my-register
  stake init 项目登记册 --lang zh-CN")]
    Init {
        /// Where to create it (created if missing; existing files are never touched).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Language of the starter files.
        #[arg(long, value_enum, default_value_t = init::Lang::En)]
        lang: init::Lang,
    },
    /// Print the JSON Schema (draft 2020-12) of the front matter.
    #[command(after_help = "Examples:
  stake schema > .vscode/stake.schema.json
  stake schema --project > .vscode/stake-project.schema.json")]
    Schema {
        /// The schema of `_project.md` instead of a stakeholder file.
        #[arg(long)]
        project: bool,
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
            eprintln!("error: {message}");
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
                    let _ = writeln!(
                        err,
                        "{}: {} {}, {} {}, {} {}",
                        dir.display(),
                        loaded.register.stakeholders.len(),
                        plural(
                            loaded.register.stakeholders.len(),
                            "stakeholder",
                            "stakeholders"
                        ),
                        errors,
                        plural(errors, "error", "errors"),
                        warnings,
                        plural(warnings, "warning", "warnings"),
                    );
                }
                Format::Json | Format::Github => print!("{rendered}"),
            }
            let failed = errors > 0 || (deny_warnings && warnings > 0);
            Ok(ExitCode::from(u8::from(failed)))
        }
        Command::Init { dir, lang } => {
            let written = init::init(&dir, lang)?;
            for path in &written {
                println!("created {}", path.display());
            }
            println!(
                "next: edit the files, then run `stake check {}`",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { project } => {
            let schema = if project {
                crate::schema::project()
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

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
