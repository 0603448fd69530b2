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
use crate::i18n::cli::{Counted, Line, Words};
use crate::register::vocab::{Date, Quadrant, Stance, Vocabulary};
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
    /// Language of the human summary [default: `language` in _project.md].
    #[arg(long, value_enum)]
    pub lang: Option<super::Lang>,
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
    let w = Words::new(super::language(args.lang, &loaded.register));
    let mut err = std::io::stderr().lock();
    if errors > 0 {
        let rendered = diagnostic::render(
            &loaded.diagnostics,
            &loaded.sources,
            diagnostic::Format::Human,
            color,
        );
        let _ = err.write_all(rendered.as_bytes());
        let dir = args.dir.display().to_string();
        let errors = w.count(errors, Counted::Error);
        let _ = writeln!(
            err,
            "{}",
            w.say(Line::NotAnalysed, &[("dir", &dir), ("errors", &errors)])
        );
        return Ok(ExitCode::FAILURE);
    }
    if warnings > 0 {
        let dir = args.dir.display().to_string();
        let warnings = w.count(warnings, Counted::Warning);
        let _ = writeln!(
            err,
            "{}",
            w.say(
                Line::AnalysedWithWarnings,
                &[("dir", &dir), ("warnings", &warnings)]
            )
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
        Output::Human => diagnostic::printable(&human(&analysis, &args.dir, w)).into_owned(),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(output.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The readable summary: attention list first, then the register in numbers, the grid,
/// conflicts, issues, the schedule and the network, in the words of `w`.
fn human(analysis: &Analysis, root: &Path, w: Words) -> String {
    let mut out = String::new();
    header(&mut out, analysis, w);
    attention(&mut out, analysis, root, w);
    counts(&mut out, analysis, w);
    grid(&mut out, analysis, w);
    conflicts(&mut out, analysis, w);
    issues(&mut out, analysis, w);
    schedule(&mut out, analysis, w);
    relations(&mut out, analysis, w);
    out
}

/// Who a finding or touch is about: a stakeholder's name, or a plan item with the size
/// of its audience, or a meeting's id.
fn whose(
    analysis: &Analysis,
    stakeholder: Option<&str>,
    item: Option<&str>,
    meeting: Option<&str>,
    w: Words,
) -> String {
    match (stakeholder, item, meeting) {
        (Some(id), _, _) => name(analysis, id).to_owned(),
        (None, Some(item), _) => {
            let n = analysis
                .schedule
                .iter()
                .find(|t| t.item.as_deref() == Some(item))
                .map_or(0, |t| t.audience.len());
            w.say(Line::ItemAudience, &[("item", item), ("n", &n.to_string())])
        }
        (None, None, Some(meeting)) => meeting.to_owned(),
        (None, None, None) => String::new(),
    }
}

/// The display name of a stakeholder id.
fn name<'a>(analysis: &'a Analysis, id: &'a str) -> &'a str {
    analysis.get(id).map_or(id, |a| a.name.as_str())
}

fn names(analysis: &Analysis, ids: &[String], w: Words) -> String {
    list(
        ids.iter().map(|id| name(analysis, id).to_owned()).collect(),
        w,
    )
}

/// Items joined by commas, `none` when empty, cut to [`NAMES_SHOWN`] so a register of
/// thousands stays readable.
fn list(items: Vec<String>, w: Words) -> String {
    if items.is_empty() {
        return w.get(Line::None).to_owned();
    }
    let mut joined = items[..items.len().min(NAMES_SHOWN)].join(w.get(Line::Sep));
    if items.len() > NAMES_SHOWN {
        let more = (items.len() - NAMES_SHOWN).to_string();
        joined.push_str(&w.say(Line::AndMoreNames, &[("n", &more)]));
    }
    joined
}

fn header(out: &mut String, analysis: &Analysis, w: Words) {
    let project = &analysis.project;
    let code = project
        .code
        .as_deref()
        .map_or(String::new(), |code| w.say(Line::Code, &[("code", code)]));
    let index = analysis.summary.engagement_index.map_or_else(
        || w.get(Line::NotAssessed).to_owned(),
        |index| w.say(Line::Index, &[("index", &index.to_string())]),
    );
    let name = format!("{}{code}", project.name);
    let as_of = analysis.as_of.to_string();
    let _ = writeln!(
        out,
        "{}",
        w.say(Line::Header, &[("name", &name), ("as_of", &as_of)])
    );
    let stakeholders = w.count(analysis.summary.stakeholders, Counted::Stakeholder);
    let key = analysis.summary.key.key.to_string();
    let _ = writeln!(
        out,
        "{}",
        w.say(
            Line::HeaderCounts,
            &[
                ("stakeholders", &stakeholders),
                ("key", &key),
                ("index", &index)
            ]
        )
    );
}

fn attention(out: &mut String, analysis: &Analysis, root: &Path, w: Words) {
    let findings = &analysis.findings;
    let _ = writeln!(out, "\n{}", w.get(Line::Attention));
    if findings.is_empty() {
        let _ = writeln!(out, "  {}", w.get(Line::NothingNeedsAttention));
        return;
    }
    for (n, finding) in findings.iter().take(ATTENTION_SHOWN).enumerate() {
        finding_line(out, analysis, n + 1, finding, root, w);
    }
    if findings.len() > ATTENTION_SHOWN {
        let counts = &analysis.summary.findings;
        let line = w.say(
            Line::MoreFindings,
            &[
                ("more", &(findings.len() - ATTENTION_SHOWN).to_string()),
                ("all", &findings.len().to_string()),
                ("high", &counts.high.to_string()),
                ("medium", &counts.medium.to_string()),
                ("low", &counts.low.to_string()),
            ],
        );
        let _ = writeln!(out, "  {line}");
    }
}

fn finding_line(
    out: &mut String,
    analysis: &Analysis,
    n: usize,
    finding: &Finding,
    root: &Path,
    w: Words,
) {
    let _ = writeln!(
        out,
        "  {n:>2}. {}{}",
        padded(w.severity(finding.severity), 7),
        w.finding(
            finding,
            &whose(
                analysis,
                finding.stakeholder.as_deref(),
                finding.plan_item.as_deref(),
                finding.meeting.as_deref(),
                w
            )
        )
    );
    let _ = writeln!(
        out,
        "             {}:{}  [{}]",
        root.join(&finding.file).display(),
        finding.line,
        finding.code.as_str(),
    );
}

fn counts(out: &mut String, analysis: &Analysis, w: Words) {
    let s = &analysis.summary;
    let _ = writeln!(out, "\n{}", w.get(Line::Stakeholders));
    let category = w.say(
        Line::Category,
        &[
            ("internal", &s.category.internal.to_string()),
            ("external", &s.category.external.to_string()),
        ],
    );
    let _ = writeln!(
        out,
        "  {category}{}",
        unspecified(s.category.unspecified, w)
    );
    let involvement = w.say(
        Line::Involvement,
        &[
            ("direct", &s.involvement.direct.to_string()),
            ("indirect", &s.involvement.indirect.to_string()),
        ],
    );
    let _ = writeln!(
        out,
        "  {involvement}{}",
        unspecified(s.involvement.unspecified, w)
    );
    let key = w.say(
        Line::Key,
        &[
            ("key", &s.key.key.to_string()),
            ("non_key", &s.key.non_key.to_string()),
        ],
    );
    let _ = writeln!(out, "  {key}");
    let salience = &s.salience;
    let classes = [
        ("definitive", salience.definitive),
        ("dominant", salience.dominant),
        ("dangerous", salience.dangerous),
        ("dependent", salience.dependent),
        ("dormant", salience.dormant),
        ("discretionary", salience.discretionary),
        ("demanding", salience.demanding),
        ("non-stakeholder", salience.non_stakeholder),
        ("unassessed", salience.unassessed),
    ];
    let threshold = analysis.project.threshold.value();
    let classes: Vec<String> = classes
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(class, n)| format!("{} {n}", w.salience(class, threshold)))
        .collect();
    let sep = w.get(Line::Sep);
    let _ = writeln!(
        out,
        "  {}",
        w.say(Line::Salience, &[("classes", &classes.join(sep))])
    );
    let gaps = w.say(
        Line::Gaps,
        &[
            ("gaps", &s.engagement_gaps.to_string()),
            ("silent", &s.silent.to_string()),
            ("overdue", &s.overdue_touches.to_string()),
        ],
    );
    let _ = writeln!(out, "  {gaps}");
}

fn unspecified(n: usize, w: Words) -> String {
    if n == 0 {
        String::new()
    } else {
        w.say(Line::Unspecified, &[("n", &n.to_string())])
    }
}

fn grid(out: &mut String, analysis: &Analysis, w: Words) {
    let threshold = analysis.project.threshold.value().to_string();
    let _ = writeln!(out, "\n{}", w.say(Line::Grid, &[("threshold", &threshold)]));
    for quadrant in Quadrant::ALL {
        let members: Vec<String> = analysis
            .stakeholders
            .iter()
            .filter(|a| a.quadrant == *quadrant)
            .map(|a| a.name.clone())
            .collect();
        let n = members.len().to_string();
        let line = w.say(
            Line::Quadrant,
            &[
                ("quadrant", w.quadrant(*quadrant)),
                ("n", &n),
                ("names", &list(members, w)),
            ],
        );
        let _ = writeln!(out, "  {line}");
    }
}

fn conflicts(out: &mut String, analysis: &Analysis, w: Words) {
    let _ = writeln!(out, "\n{}", w.get(Line::Conflicts));
    if analysis.conflicts.is_empty() {
        let _ = writeln!(out, "  {}", w.get(Line::NoneRecorded));
    }
    let (relationships, on_issues): (Vec<&Conflict>, Vec<&Conflict>) = analysis
        .conflicts
        .iter()
        .partition(|c| matches!(c, Conflict::Relationship { .. }));
    for part in [relationships, on_issues] {
        for conflict in part.iter().take(ROWS_SHOWN) {
            conflict_line(out, analysis, conflict, w);
        }
        more(out, part.len(), w);
    }
}

fn conflict_line(out: &mut String, analysis: &Analysis, conflict: &Conflict, w: Words) {
    match conflict {
        Conflict::Relationship { between, note, .. } => {
            let note = note
                .as_deref()
                .map_or(String::new(), |n| format!("{}{n}", w.get(Line::Colon)));
            let versus = w.say(
                Line::Versus,
                &[
                    ("a", name(analysis, &between[0])),
                    ("b", name(analysis, &between[1])),
                ],
            );
            let _ = writeln!(out, "  {versus}{note}");
        }
        Conflict::Issue {
            issue,
            support,
            oppose,
        } => {
            let _ = writeln!(out, "  {}", w.say(Line::OnBothSides, &[("issue", issue)]));
            for (stance, ids) in [(Stance::Support, support), (Stance::Oppose, oppose)] {
                let _ = writeln!(
                    out,
                    "    {}{}",
                    padded(w.stance(stance), 9),
                    names(analysis, ids, w)
                );
            }
        }
    }
}

/// `word` and spaces after it to `width` columns, a Chinese character taking two, and
/// one space at least.
fn padded(word: &str, width: usize) -> String {
    let columns: usize = word.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{word}{}", " ".repeat(width.saturating_sub(columns).max(1)))
}

fn issues(out: &mut String, analysis: &Analysis, w: Words) {
    if analysis.issues.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", w.get(Line::Issues));
    for map in analysis.issues.iter().take(ROWS_SHOWN) {
        let _ = writeln!(out, "  {}", map.issue);
        for (stance, ids) in [
            (Stance::Support, &map.support),
            (Stance::Oppose, &map.oppose),
            (Stance::Neutral, &map.neutral),
            (Stance::Mixed, &map.mixed),
        ] {
            if !ids.is_empty() {
                let _ = writeln!(
                    out,
                    "    {}{}",
                    padded(w.stance(stance), 9),
                    names(analysis, ids, w)
                );
            }
        }
    }
    more(out, analysis.issues.len(), w);
}

fn schedule(out: &mut String, analysis: &Analysis, w: Words) {
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
    let _ = writeln!(out, "\n{}", w.get(Line::Schedule));
    let _ = writeln!(
        out,
        "  {}",
        w.say(Line::Overdue, &[("n", &overdue.len().to_string())])
    );
    for touch in overdue.iter().take(ROWS_SHOWN) {
        let late = match touch.overdue_days {
            1 => w.get(Line::DayLate).to_owned(),
            days => w.say(Line::DaysLate, &[("days", &days.to_string())]),
        };
        touch_line(out, analysis, touch, late, w);
    }
    more(out, overdue.len(), w);
    let due = w.say(
        Line::DueSoon,
        &[
            ("days", &LOOKAHEAD_DAYS.to_string()),
            ("n", &upcoming.len().to_string()),
        ],
    );
    let _ = writeln!(out, "  {due}");
    for touch in upcoming.iter().take(ROWS_SHOWN) {
        touch_line(out, analysis, touch, String::new(), w);
    }
    more(out, upcoming.len(), w);
    let suggested = analysis.schedule.iter().filter(|t| t.suggested).count();
    if suggested > 0 {
        let stakeholders = w.count(suggested, Counted::Stakeholder);
        let _ = writeln!(
            out,
            "  {}",
            w.say(Line::Suggested, &[("stakeholders", &stakeholders)])
        );
    }
}

/// The line after a list cut to [`ROWS_SHOWN`] of `total` rows.
fn more(out: &mut String, total: usize, w: Words) {
    if total > ROWS_SHOWN {
        let n = (total - ROWS_SHOWN).to_string();
        let _ = writeln!(out, "    {}", w.say(Line::AndMore, &[("n", &n)]));
    }
}

fn touch_line(
    out: &mut String,
    analysis: &Analysis,
    touch: &ScheduledTouch,
    late: String,
    w: Words,
) {
    let date = touch
        .date
        .map_or_else(|| w.get(Line::AdHoc).to_owned(), |d| d.to_string());
    let what = touch.content.as_deref().unwrap_or(w.get(Line::Touch));
    let mut how: Vec<String> = touch.channel.iter().cloned().collect();
    how.extend(touch.owner.iter().cloned());
    let how = if how.is_empty() {
        String::new()
    } else {
        w.say(Line::Aside, &[("aside", &how.join(w.get(Line::Sep)))])
    };
    let late = if late.is_empty() {
        String::new()
    } else {
        format!("{}{late}", w.get(Line::Comma))
    };
    let _ = writeln!(
        out,
        "    {date}{late}  {}{}{what}{how}",
        whose(
            analysis,
            touch.stakeholder.as_deref(),
            touch.item.as_deref(),
            None,
            w
        ),
        w.get(Line::Colon)
    );
}

fn relations(out: &mut String, analysis: &Analysis, w: Words) {
    let as_of = analysis.as_of;
    let silent: Vec<String> = analysis
        .stakeholders
        .iter()
        .filter(|a| a.silent)
        .map(|a| match a.last_contact {
            Some(last) => {
                let silence = analysis::days_between(last, as_of) as usize;
                let days = w.count(silence, Counted::Day);
                w.say(Line::SinceContact, &[("name", &a.name), ("days", &days)])
            }
            None => w.say(Line::NeverContacted, &[("name", &a.name)]),
        })
        .collect();
    let declining: Vec<String> = analysis
        .stakeholders
        .iter()
        .filter(|a| a.sentiment_trend == Some(analysis::sentiment::Trend::Declining))
        .map(|a| a.name.clone())
        .collect();
    let _ = writeln!(out, "\n{}", w.get(Line::Relations));
    let days = analysis.project.silent_after_days.to_string();
    let _ = writeln!(
        out,
        "  {}",
        w.say(
            Line::Silent,
            &[("days", &days), ("names", &list(silent, w))]
        )
    );
    let _ = writeln!(
        out,
        "  {}",
        w.say(Line::Declining, &[("names", &list(declining, w))])
    );
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
        w.get(Line::Betweenness).to_owned()
    } else {
        w.say(
            Line::BetweennessEstimated,
            &[("n", &network.sources.to_string())],
        )
    };
    let _ = writeln!(
        out,
        "  {}",
        w.say(
            Line::MostCentral,
            &[("measure", &measure), ("names", &list(central, w))]
        )
    );
    let groups: Vec<String> = network
        .ally_groups
        .iter()
        .map(|group| format!("[{}]", names(analysis, group, w)))
        .collect();
    let _ = writeln!(
        out,
        "  {}",
        w.say(Line::AllyGroups, &[("groups", &list(groups, w))])
    );
}
