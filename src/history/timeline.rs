//! `stake history`: one point per commit that changed the register, with the figures
//! of the register at that commit, and per stakeholder the series of their assessments.
//!
//! Each distinct file version (path and blob) is parsed once, however many commits
//! keep it, so a long history costs little more than its changes. A point is computed
//! from each file on its own: the grid, salience, key and engagement of a stakeholder
//! are facts of their own file and the project's threshold, so no checks across files
//! (and no meeting records) are needed for them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use gix::ObjectId;
use rayon::prelude::*;
use serde::Serialize;

use super::repo::{Commit, HistoryError, Repo, TreeMemo};
use crate::analysis::engagement::{self, Engagement};
use crate::analysis::salience::{self, Salience};
use crate::analysis::summary::{QuadrantCounts, SalienceCounts};
use crate::analysis::{derived_key, grid};
use crate::diagnostic::{Diagnostic, Severity, Sources};
use crate::register::vocab::{Date, EngagementLevel, Level, Quadrant};
use crate::register::{self, Limits, ParsedFile, Stakeholder, walk};

/// The register over its history.
#[derive(Debug, Serialize)]
pub struct Timeline {
    /// The register folder, relative to the repository (`.` for its top).
    pub folder: String,
    /// One point per commit that changed the register, oldest first.
    pub points: Vec<Point>,
    /// Per stakeholder id, the assessments as they changed.
    pub stakeholders: BTreeMap<String, Series>,
    /// Files that could not be read at the commit where that version first appeared.
    pub problems: Vec<Problem>,
    /// The history stops early because the clone is shallow.
    pub shallow: bool,
    /// The diagnostics of `problems`, with the sources to show them.
    #[serde(skip)]
    pub diagnostics: Vec<(String, Diagnostic)>,
    /// The text of the files in `diagnostics`.
    #[serde(skip)]
    pub sources: Sources,
}

/// The register at one commit.
#[derive(Debug, Serialize)]
pub struct Point {
    /// The commit, in full.
    pub commit: String,
    /// Its first seven digits.
    pub short: String,
    /// The committer's date.
    pub date: Date,
    /// The author.
    pub author: String,
    /// The first line of the message.
    pub subject: String,
    /// Tags naming the commit.
    pub tags: Vec<String>,
    /// Stakeholders whose file could be read.
    pub stakeholders: usize,
    /// Key stakeholders.
    pub key: usize,
    /// The engagement index, 0–100 (`null` when nobody has both levels).
    pub engagement_index: Option<u8>,
    /// Per quadrant.
    pub quadrants: QuadrantCounts,
    /// Per salience class.
    pub salience: SalienceCounts,
    /// Files with errors at this commit (their stakeholders are not counted).
    pub unreadable: usize,
}

/// One stakeholder's assessments over time.
#[derive(Debug, Serialize)]
pub struct Series {
    /// The name at the last assessment.
    pub name: String,
    /// Each change of assessment, oldest first: the first one when the stakeholder
    /// appears, then one whenever a fact changes, and one with `removed` when the file is
    /// gone (or unreadable).
    pub assessments: Vec<Assessed>,
}

/// An assessment of one stakeholder at one commit.
#[derive(Debug, Clone, Serialize)]
pub struct Assessed {
    /// The commit, in full.
    pub commit: String,
    /// The committer's date.
    pub date: Date,
    /// Who made the commit (its author).
    pub author: String,
    /// The facts; `None` when the stakeholder is not in the register at this commit.
    #[serde(flatten)]
    pub facts: Option<Facts>,
    /// The stakeholder is not in the register at this commit.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// What an assessment says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// Name.
    pub name: String,
    /// Power, 1–5.
    pub power: Level,
    /// Interest, 1–5.
    pub interest: Level,
    /// Quadrant of the grid.
    pub quadrant: Quadrant,
    /// Salience class.
    pub salience: Option<Salience>,
    /// Key (as written, else derived).
    pub key: bool,
    /// Current and desired engagement.
    pub engagement: Levels,
}

/// Current and desired engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Levels {
    /// Current.
    pub current: Option<EngagementLevel>,
    /// Desired.
    pub desired: Option<EngagementLevel>,
}

/// A file version that could not be read.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// The first commit with this version of the file.
    pub commit: String,
    /// That commit's date.
    pub date: Date,
    /// The file, relative to the register.
    pub file: String,
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
    /// Diagnostic code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

impl Facts {
    fn of(s: &Stakeholder, threshold: Level) -> Facts {
        let quadrant = grid::quadrant(s.power, s.interest, threshold);
        let salience = salience::salience(s, threshold);
        Facts {
            name: s.name.clone(),
            power: s.power,
            interest: s.interest,
            quadrant,
            salience,
            key: s.key.unwrap_or(derived_key(quadrant, salience)),
            engagement: Levels {
                current: s.engagement_current,
                desired: s.engagement_desired,
            },
        }
    }
}

/// The file versions of one commit: (path relative to the register, blob).
type Files = Vec<(Arc<Path>, ObjectId)>;

/// Reads the history of the register in `dir` (named `dir` in diagnostics).
pub fn timeline(
    repo: &Repo,
    dir: &std::path::Path,
    limits: &Limits,
) -> Result<Timeline, HistoryError> {
    let commits = repo.register_commits()?;
    let mut tags: HashMap<ObjectId, Vec<String>> = HashMap::new();
    for (name, id) in repo.tags()? {
        tags.entry(id).or_default().push(name);
    }

    // Each commit's register files, as the walk would pick them. Sub-folders the commit
    // did not change are listed from the memo, and the same paths as the commit before
    // are picked as before (the walk's choice depends on the paths alone).
    let mut memo = TreeMemo::new();
    let mut last_pick: Option<(Vec<Arc<Path>>, Vec<usize>)> = None;
    let listings: Vec<(Commit, Files)> = commits
        .into_iter()
        .map(|commit| {
            let files = match commit.register {
                Some(tree) => repo.files(tree, &mut memo)?,
                None => Vec::new(),
            };
            let same_paths = last_pick.as_ref().is_some_and(|(paths, _)| {
                paths.len() == files.len() && paths.iter().zip(&files).all(|(a, (b, _))| a == b)
            });
            if !same_paths {
                let found = walk::select(dir, files.iter().map(|(p, _)| &**p));
                let index: HashMap<&Path, usize> = files
                    .iter()
                    .enumerate()
                    .map(|(i, (p, _))| (&**p, i))
                    .collect();
                let picked = found
                    .project
                    .iter()
                    .chain(&found.files)
                    .map(|p| index[p.as_path()])
                    .collect();
                let paths = files.iter().map(|(p, _)| Arc::clone(p)).collect();
                last_pick = Some((paths, picked));
            }
            let picked = last_pick.as_ref().map_or(&[][..], |(_, picked)| picked);
            Ok((commit, picked.iter().map(|&i| files[i].clone()).collect()))
        })
        .collect::<Result<_, HistoryError>>()?;

    // Every distinct file version, read once and parsed once. The versions of one file
    // are read in the order the commits made them, so that the base of each delta in
    // the pack is the version just read (and cached); files are read and parsed side
    // by side, each thread with its own handle on the repository.
    let mut seen: HashSet<(&Path, ObjectId)> = HashSet::new();
    let mut wanted: Vec<(&Path, ObjectId)> = Vec::new();
    for (_, files) in &listings {
        for (path, id) in files {
            if seen.insert((&**path, *id)) {
                wanted.push((&**path, *id));
            }
        }
    }
    wanted.sort_by(|a, b| a.0.cmp(b.0));
    let shared = repo.thread_safe();
    let groups: Vec<&[(&Path, ObjectId)]> = wanted.chunk_by(|a, b| a.0 == b.0).collect();
    let parsed: Vec<Vec<ParsedFile>> = groups
        .par_iter()
        .map_init(
            || shared.to_thread_local(),
            |local, group| {
                group
                    .iter()
                    .map(|&(path, id)| {
                        let bytes = Repo::blob_of(local, id)?;
                        let is_project = path.as_os_str() == walk::PROJECT_FILE;
                        Ok(register::parse_file(dir, path, is_project, &bytes, limits))
                    })
                    .collect::<Result<Vec<_>, HistoryError>>()
            },
        )
        .collect::<Result<_, HistoryError>>()?;
    let parsed: HashMap<(&Path, ObjectId), ParsedFile> = wanted
        .iter()
        .copied()
        .zip(parsed.into_iter().flatten())
        .collect();

    let mut timeline = Timeline {
        folder: repo.folder(),
        points: Vec::with_capacity(listings.len()),
        stakeholders: BTreeMap::new(),
        problems: Vec::new(),
        shallow: repo.is_shallow(),
        diagnostics: Vec::new(),
        sources: Sources::new(),
    };
    let mut reported: HashSet<(&Path, ObjectId)> = HashSet::new();
    let mut last: HashMap<String, Option<Facts>> = HashMap::new();
    // The file version and threshold each stakeholder's last facts were made from: the
    // same again means the same facts, so most stakeholders of most commits (those the
    // commit did not touch) cost one lookup.
    let mut made_from: HashMap<&str, (&Path, ObjectId, Level)> = HashMap::new();
    for (commit, files) in &listings {
        let mut threshold = Level::new(4).expect("4 is a level");
        let mut present: Vec<(&Stakeholder, &Path, ObjectId)> = Vec::with_capacity(files.len());
        let mut unreadable = 0;
        for (path, id) in files {
            let file = &parsed[&(&**path, *id)];
            if let Some(project) = file.project() {
                threshold = project.threshold;
            }
            if let Some(s) = file.stakeholder() {
                present.push((s, &**path, *id));
            }
            let errors: Vec<&Diagnostic> = file
                .diagnostics()
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            if errors.is_empty() {
                continue;
            }
            unreadable += usize::from(file.stakeholder().is_none());
            if reported.insert((&**path, *id)) {
                if let Some((display, text)) = file.source() {
                    timeline.sources.insert(display.to_path_buf(), text.clone());
                }
                for d in errors {
                    timeline.problems.push(Problem {
                        commit: commit.hex(),
                        date: commit.date,
                        file: crate::analysis::file_name(path),
                        line: d.line,
                        column: d.column,
                        code: d.code,
                        message: d.message.clone(),
                    });
                    timeline.diagnostics.push((commit.short(), d.clone()));
                }
            }
        }
        // Two files claiming one id: the first by path counts, as in a load.
        present.sort_by(|(a, ..), (b, ..)| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));
        present.dedup_by(|(b, ..), (a, ..)| a.id == b.id);

        let mut point = Point {
            commit: commit.hex(),
            short: commit.short(),
            date: commit.date,
            author: commit.author.clone(),
            subject: commit.subject.clone(),
            tags: tags.get(&commit.id).cloned().unwrap_or_default(),
            stakeholders: present.len(),
            key: 0,
            engagement_index: engagement::index(
                present.iter().map(|(s, ..)| (*s, Engagement::of(s))),
            ),
            quadrants: QuadrantCounts::default(),
            salience: SalienceCounts::default(),
            unreadable,
        };
        let mut seen: std::collections::HashSet<&str> = Default::default();
        for &(s, path, id) in &present {
            seen.insert(s.id.as_str());
            let version = (path, id, threshold);
            if made_from.get(s.id.as_str()) == Some(&version)
                && let Some(Some(facts)) = last.get(s.id.as_str())
            {
                point.quadrants.add(facts.quadrant);
                point.salience.add(facts.salience);
                point.key += usize::from(facts.key);
                continue;
            }
            made_from.insert(s.id.as_str(), version);
            let facts = Facts::of(s, threshold);
            point.quadrants.add(facts.quadrant);
            point.salience.add(facts.salience);
            point.key += usize::from(facts.key);
            let before = match last.get_mut(s.id.as_str()) {
                Some(before) => before,
                None => last.entry(s.id.clone()).or_insert(None),
            };
            if before.as_ref() != Some(&facts) {
                let series = timeline
                    .stakeholders
                    .entry(s.id.clone())
                    .or_insert_with(|| Series {
                        name: s.name.clone(),
                        assessments: Vec::new(),
                    });
                series.name = s.name.clone();
                series.assessments.push(Assessed {
                    commit: commit.hex(),
                    date: commit.date,
                    author: commit.author.clone(),
                    facts: Some(facts.clone()),
                    removed: false,
                });
                *before = Some(facts);
            }
        }
        for (id, before) in last.iter_mut() {
            if before.is_some() && !seen.contains(id.as_str()) {
                *before = None;
                if let Some(series) = timeline.stakeholders.get_mut(id) {
                    series.assessments.push(Assessed {
                        commit: commit.hex(),
                        date: commit.date,
                        author: commit.author.clone(),
                        facts: None,
                        removed: true,
                    });
                }
            }
        }
        timeline.points.push(point);
    }
    Ok(timeline)
}
