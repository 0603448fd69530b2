//! `stake analyze`: the analysis of a register, as a readable summary or as JSON.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::analysis::findings::Finding;
use crate::analysis::issues::Conflict;
use crate::analysis::schedule::ScheduledTouch;
use crate::analysis::{self, Analysis};
use crate::diagnostic::{self, Severity};
use crate::document::labels;
use crate::register::vocab::{Date, Language, Quadrant, Vocabulary};
use crate::register::{self, Limits};

/// How many findings the human summary shows before pointing at the JSON.
const ATTENTION_SHOWN: usize = 10;

/// How far ahead the human summary lists upcoming touches, in days.
const LOOKAHEAD_DAYS: i64 = 14;

/// How many of the most central stakeholders the human summary names.
const CENTRAL_SHOWN: usize = 5;

/// How many rows each list of the human summary shows (touches, conflicts, issues).
const ROWS_SHOWN: usize = 20;

/// How many names a list of the human summary shows before `… and N more`.
const NAMES_SHOWN: usize = 12;

/// Arguments of `stake analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The register folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The date to analyse for [default: `as_of` in _project.md, else today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Output::Human)]
    pub format: Output,
    /// Largest register file read, in bytes (1 to 1073741824, i.e. 1 GiB).
    #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=Limits::MAX_FILE_BYTES))]
    pub max_file_size: u64,
}

/// Output format of `stake analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// A readable summary, most urgent findings first.
    Human,
    /// The whole analysis as pretty-printed JSON (shape in docs/analysis.md).
    Json,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("write {}", Date::expected()))
}

/// Runs `stake analyze`. A register with errors is not analysed: its diagnostics are
/// printed as `stake check` prints them, and the exit status is 1.
pub(super) fn run(args: AnalyzeArgs, color: bool) -> Result<ExitCode, String> {
    let limits = Limits {
        max_file_bytes: args.max_file_size,
    };
    let loaded = register::load(&args.dir, &limits).map_err(|e| e.to_string())?;
    let errors = loaded.count(Severity::Error);
    let warnings = loaded.count(Severity::Warning);
    let mut err = std::io::stderr().lock();
    if errors > 0 {
        let rendered = diagnostic::render(
            &loaded.diagnostics,
            &loaded.sources,
            diagnostic::Format::Human,
            color,
        );
        let _ = err.write_all(rendered.as_bytes());
        let _ = writeln!(
            err,
            "{}: {errors} {}; fix the register before analysing it",
            args.dir.display(),
            if errors == 1 { "error" } else { "errors" },
        );
        return Ok(ExitCode::FAILURE);
    }
    if warnings > 0 {
        let _ = writeln!(
            err,
            "note: {} has {warnings} {}; `stake check {}` shows them",
            args.dir.display(),
            if warnings == 1 { "warning" } else { "warnings" },
            args.dir.display(),
        );
    }
    let as_of = super::as_of_or_default(args.as_of, &loaded.register);
    let analysis = analysis::analyze(&loaded.register, as_of);
    let output = match args.format {
        Output::Json => {
            let mut json = serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string())?;
            json.push('\n');
            json
        }
        // Names, issues and notes come from the register: no raw control characters.
        Output::Human => diagnostic::printable(&human(&analysis, &args.dir)).into_owned(),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(output.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The readable summary: attention list first, then the register in numbers, the grid,
/// conflicts, issues, the schedule and the network.
fn human(analysis: &Analysis, root: &Path) -> String {
    let mut out = String::new();
    header(&mut out, analysis);
    attention(&mut out, analysis, root);
    counts(&mut out, analysis);
    grid(&mut out, analysis);
    conflicts(&mut out, analysis);
    issues(&mut out, analysis);
    schedule(&mut out, analysis);
    relations(&mut out, analysis);
    out
}

/// The display name of a stakeholder id.
fn name<'a>(analysis: &'a Analysis, id: &'a str) -> &'a str {
    analysis.get(id).map_or(id, |a| a.name.as_str())
}

fn names(analysis: &Analysis, ids: &[String]) -> String {
    list(ids.iter().map(|id| name(analysis, id).to_owned()).collect())
}

/// Items joined by commas, `none` when empty, cut to [`NAMES_SHOWN`] so a register of
/// thousands stays readable.
fn list(items: Vec<String>) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    let mut joined = items[..items.len().min(NAMES_SHOWN)].join(", ");
    if items.len() > NAMES_SHOWN {
        let _ = write!(joined, " … and {} more", items.len() - NAMES_SHOWN);
    }
    joined
}

fn header(out: &mut String, analysis: &Analysis) {
    let project = &analysis.project;
    let code = project
        .code
        .as_deref()
        .map_or(String::new(), |code| format!(" ({code})"));
    let index = analysis
        .summary
        .engagement_index
        .map_or("not assessed".to_owned(), |index| format!("{index}/100"));
    let _ = writeln!(
        out,
        "{}{code}: analysis as of {}",
        project.name, analysis.as_of
    );
    let _ = writeln!(
        out,
        "{}, {} key; engagement index {index}",
        count(analysis.summary.stakeholders, "stakeholder", "stakeholders"),
        analysis.summary.key.key,
    );
}

fn attention(out: &mut String, analysis: &Analysis, root: &Path) {
    let findings = &analysis.findings;
    let _ = writeln!(out, "\nAttention");
    if findings.is_empty() {
        let _ = writeln!(out, "  nothing needs attention");
        return;
    }
    for (n, finding) in findings.iter().take(ATTENTION_SHOWN).enumerate() {
        finding_line(out, n + 1, finding, root);
    }
    if findings.len() > ATTENTION_SHOWN {
        let counts = &analysis.summary.findings;
        let _ = writeln!(
            out,
            "  … {} more ({} findings in all: {} high, {} medium, {} low; `--format json` lists every one)",
            findings.len() - ATTENTION_SHOWN,
            findings.len(),
            counts.high,
            counts.medium,
            counts.low,
        );
    }
}

fn finding_line(out: &mut String, n: usize, finding: &Finding, root: &Path) {
    let _ = writeln!(
        out,
        "  {n:>2}. {:<6} {}",
        finding.severity.as_str(),
        finding.message
    );
    let _ = writeln!(
        out,
        "             {}:{}  [{}]",
        root.join(&finding.file).display(),
        finding.line,
        finding.code.as_str(),
    );
}

fn counts(out: &mut String, analysis: &Analysis) {
    let s = &analysis.summary;
    let _ = writeln!(out, "\nStakeholders");
    let _ = writeln!(
        out,
        "  internal {}, external {}{}",
        s.category.internal,
        s.category.external,
        unspecified(s.category.unspecified),
    );
    let _ = writeln!(
        out,
        "  direct {}, indirect {}{}",
        s.involvement.direct,
        s.involvement.indirect,
        unspecified(s.involvement.unspecified),
    );
    let _ = writeln!(out, "  key {}, non-key {}", s.key.key, s.key.non_key);
    let salience = &s.salience;
    let no_attribute = format!(
        "no attribute reaching {}",
        labels::level(Language::En, analysis.project.threshold.value())
    );
    let classes = [
        ("definitive", salience.definitive),
        ("dominant", salience.dominant),
        ("dangerous", salience.dangerous),
        ("dependent", salience.dependent),
        ("dormant", salience.dormant),
        ("discretionary", salience.discretionary),
        ("demanding", salience.demanding),
        // Not "non-stakeholder": everyone in the register is one.
        (no_attribute.as_str(), salience.non_stakeholder),
        ("not assessed", salience.unassessed),
    ];
    let classes: Vec<String> = classes
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(class, n)| format!("{class} {n}"))
        .collect();
    let _ = writeln!(out, "  salience: {}", classes.join(", "));
    let _ = writeln!(
        out,
        "  below desired engagement {}, silent {}, overdue touches {}",
        s.engagement_gaps, s.silent, s.overdue_touches,
    );
}

fn unspecified(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(", unspecified {n}")
    }
}

fn grid(out: &mut String, analysis: &Analysis) {
    let _ = writeln!(
        out,
        "\nPower/interest grid (high: {} or more on the 1–5 scale)",
        analysis.project.threshold.value()
    );
    for quadrant in Quadrant::ALL {
        let members: Vec<String> = analysis
            .stakeholders
            .iter()
            .filter(|a| a.quadrant == *quadrant)
            .map(|a| a.name.clone())
            .collect();
        let label = match quadrant {
            Quadrant::ManageClosely => "manage closely",
            Quadrant::KeepSatisfied => "keep satisfied",
            Quadrant::KeepInformed => "keep informed",
            Quadrant::Monitor => "monitor",
        };
        let _ = writeln!(out, "  {label} ({}): {}", members.len(), list(members));
    }
}

fn conflicts(out: &mut String, analysis: &Analysis) {
    let _ = writeln!(out, "\nConflicts");
    if analysis.conflicts.is_empty() {
        let _ = writeln!(out, "  none recorded");
    }
    let (relationships, on_issues): (Vec<&Conflict>, Vec<&Conflict>) = analysis
        .conflicts
        .iter()
        .partition(|c| matches!(c, Conflict::Relationship { .. }));
    for part in [relationships, on_issues] {
        for conflict in part.iter().take(ROWS_SHOWN) {
            conflict_line(out, analysis, conflict);
        }
        more(out, part.len());
    }
}

fn conflict_line(out: &mut String, analysis: &Analysis, conflict: &Conflict) {
    match conflict {
        Conflict::Relationship { between, note, .. } => {
            let note = note.as_deref().map_or(String::new(), |n| format!(": {n}"));
            let _ = writeln!(
                out,
                "  {} vs {}{note}",
                name(analysis, &between[0]),
                name(analysis, &between[1]),
            );
        }
        Conflict::Issue {
            issue,
            support,
            oppose,
        } => {
            let _ = writeln!(
                out,
                "  {issue}: key stakeholders on both sides\n    support  {}\n    oppose   {}",
                names(analysis, support),
                names(analysis, oppose),
            );
        }
    }
}

fn issues(out: &mut String, analysis: &Analysis) {
    if analysis.issues.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nIssues");
    for map in analysis.issues.iter().take(ROWS_SHOWN) {
        let _ = writeln!(out, "  {}", map.issue);
        for (stance, ids) in [
            ("support", &map.support),
            ("oppose", &map.oppose),
            ("neutral", &map.neutral),
            ("mixed", &map.mixed),
        ] {
            if !ids.is_empty() {
                let _ = writeln!(out, "    {stance:<8} {}", names(analysis, ids));
            }
        }
    }
    more(out, analysis.issues.len());
}

fn schedule(out: &mut String, analysis: &Analysis) {
    let as_of = analysis.as_of;
    let planned = |t: &&ScheduledTouch| !t.suggested;
    let overdue: Vec<&ScheduledTouch> = analysis
        .schedule
        .iter()
        .filter(planned)
        .filter(|t| t.overdue)
        .collect();
    let upcoming: Vec<&ScheduledTouch> = analysis
        .schedule
        .iter()
        .filter(planned)
        .filter(|t| {
            t.date
                .is_some_and(|d| d >= as_of && analysis::days_between(as_of, d) <= LOOKAHEAD_DAYS)
        })
        .collect();
    let _ = writeln!(out, "\nSchedule");
    let _ = writeln!(out, "  overdue ({}):", overdue.len());
    for touch in overdue.iter().take(ROWS_SHOWN) {
        touch_line(out, analysis, touch, days(touch.overdue_days, "late"));
    }
    more(out, overdue.len());
    let _ = writeln!(
        out,
        "  due in the next {LOOKAHEAD_DAYS} days ({}):",
        upcoming.len()
    );
    for touch in upcoming.iter().take(ROWS_SHOWN) {
        touch_line(out, analysis, touch, String::new());
    }
    more(out, upcoming.len());
    let suggested = analysis.schedule.iter().filter(|t| t.suggested).count();
    if suggested > 0 {
        let _ = writeln!(
            out,
            "  {} without a plan: the quadrant's default cadence is suggested (`suggested` in the JSON)",
            count(suggested, "stakeholder", "stakeholders"),
        );
    }
}

/// The line after a list cut to [`ROWS_SHOWN`] of `total` rows.
fn more(out: &mut String, total: usize) {
    if total > ROWS_SHOWN {
        let _ = writeln!(out, "    … and {} more", total - ROWS_SHOWN);
    }
}

fn touch_line(out: &mut String, analysis: &Analysis, touch: &ScheduledTouch, late: String) {
    let date = touch.date.map_or("ad hoc".to_owned(), |d| d.to_string());
    let what = touch.content.as_deref().unwrap_or("touch");
    let mut how: Vec<String> = touch.channel.iter().cloned().collect();
    how.extend(touch.owner.iter().cloned());
    let how = if how.is_empty() {
        String::new()
    } else {
        format!(" ({})", how.join(", "))
    };
    let late = if late.is_empty() {
        String::new()
    } else {
        format!(", {late}")
    };
    let _ = writeln!(
        out,
        "    {date}{late}  {}: {what}{how}",
        name(analysis, &touch.stakeholder)
    );
}

fn relations(out: &mut String, analysis: &Analysis) {
    let as_of = analysis.as_of;
    let silent: Vec<String> = analysis
        .stakeholders
        .iter()
        .filter(|a| a.silent)
        .map(|a| match a.last_contact {
            Some(last) => {
                let silence = analysis::days_between(last, as_of) as u32;
                format!("{} ({})", a.name, days(silence, "since last contact"))
            }
            None => format!("{} (never contacted)", a.name),
        })
        .collect();
    let declining: Vec<String> = analysis
        .stakeholders
        .iter()
        .filter(|a| a.sentiment_trend == Some(analysis::sentiment::Trend::Declining))
        .map(|a| a.name.clone())
        .collect();
    let _ = writeln!(out, "\nRelations");
    let _ = writeln!(
        out,
        "  silent for {}+ days: {}",
        analysis.project.silent_after_days,
        list(silent)
    );
    let _ = writeln!(out, "  sentiment declining: {}", list(declining));
    let mut central: Vec<_> = analysis
        .stakeholders
        .iter()
        .filter(|a| a.centrality > 0.0)
        .collect();
    // Stable sort: equal scores stay in id order.
    central.sort_by(|a, b| b.centrality.total_cmp(&a.centrality));
    let central: Vec<String> = central
        .iter()
        .take(CENTRAL_SHOWN)
        .map(|a| format!("{} {}", a.name, a.centrality))
        .collect();
    let network = &analysis.network;
    let measure = if network.exact {
        "betweenness".to_owned()
    } else {
        format!(
            "betweenness estimated from {} stakeholders",
            network.sources
        )
    };
    let _ = writeln!(out, "  most central ({measure}): {}", list(central));
    let groups: Vec<String> = network
        .ally_groups
        .iter()
        .map(|group| format!("[{}]", names(analysis, group)))
        .collect();
    let _ = writeln!(out, "  ally groups: {}", list(groups));
}

/// `1 day late`, `3 days late`.
fn days(n: u32, what: &str) -> String {
    format!("{} {what}", count(n as usize, "day", "days"))
}

/// `1 stakeholder`, `2 stakeholders`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
