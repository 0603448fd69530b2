//! Turns front-matter documents into the checked model, reporting every bad value with
//! its place in the whole file and what to write instead.

use std::collections::BTreeMap;
use std::path::Path;

use super::day_rule;
use super::doc::{
    CalendarDoc, ConfidentialDoc, Field, FollowUpDoc, HistoryDoc, HolidayDoc, InteractionDoc,
    Lenient, MeetingDoc, MeetingSentimentDoc, Node, PlanItemDoc, Pos, PositionDoc, ProjectDoc,
    RelationshipDoc, Sentiment, StakeholderDoc, TouchDoc,
};
use super::front_matter::Split;
use super::model::{
    Audience, Cadence, DefaultSince, FieldLines, FollowUp, Holiday, Interaction, Meeting,
    MeetingFollowUp, PlanItem, Position, Project, Relationship, Stakeholder, Touch, WorkCalendar,
    default_cadence,
};
use super::vocab::{Date, Frequency, Kind, Vocabulary, normalise};
use crate::diagnostic::{Diagnostic, Loc};

/// Field names a `confidential` list may name: the stakeholder fields plus `notes`.
pub const CONFIDENTIAL_FIELDS: &[&str] = &[
    "role",
    "organization",
    "category",
    "involvement",
    "key",
    "power",
    "interest",
    "influence",
    "impact",
    "legitimacy",
    "urgency",
    "engagement",
    "owner",
    "needs",
    "expectations",
    "positions",
    "communication",
    "relationships",
    "interactions",
    "tags",
    "contact",
    "next_review",
    "notes",
];

/// Locates values of one file's front matter in the whole file and collects diagnostics.
pub struct FileCx<'a> {
    /// The file as displayed.
    pub file: &'a Path,
    yaml: &'a str,
    yaml_line: usize,
    yaml_offset: usize,
    fence: usize,
    /// Everything found wrong so far.
    pub diagnostics: Vec<Diagnostic>,
    /// Unknown keys already reported with a "did you mean": the field each was meant to
    /// be, and its column.
    misspellings: Vec<(&'static str, usize)>,
}

impl<'a> FileCx<'a> {
    /// A context for `file`, whose front matter is `split`.
    pub fn new(file: &'a Path, split: &Split<'a>) -> Self {
        FileCx {
            file,
            yaml: split.yaml,
            yaml_line: split.yaml_line,
            yaml_offset: split.yaml_offset,
            fence: split.start,
            diagnostics: Vec::new(),
            misspellings: Vec::new(),
        }
    }

    /// The opening `---`: where a diagnostic about the whole front matter points, e.g.
    /// a missing required field.
    pub fn front_matter(&self) -> Loc {
        Loc {
            line: 1,
            column: 1,
            span: Some(self.fence..self.fence + 3),
        }
    }

    /// The place of a front-matter position in the whole file.
    pub fn loc(&self, pos: Pos) -> Loc {
        if pos.line == 0 {
            // serde-saphyr knows no place (e.g. a value that came through an alias merge).
            return Loc::line(self.yaml_line);
        }
        // Parser errors know only line and column: find the byte they point at.
        let bytes = pos.bytes.or_else(|| {
            let offset = self.offset_of(pos.line as usize, pos.column as usize)?;
            let len = self.yaml[offset..].chars().next().map_or(0, char::len_utf8);
            Some((offset, len))
        });
        Loc {
            line: self.yaml_line + pos.line as usize - 1,
            column: pos.column as usize,
            span: bytes
                .map(|(offset, len)| self.yaml_offset + offset..self.yaml_offset + offset + len),
        }
    }

    /// Byte offset in the front matter of a 1-based line and character column.
    fn offset_of(&self, line: usize, column: usize) -> Option<usize> {
        let start = if line == 1 {
            0
        } else {
            self.yaml.match_indices('\n').nth(line - 2)?.0 + 1
        };
        let text = &self.yaml[start..];
        let in_line = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        Some(start + in_line)
    }

    /// The text of a 1-based line of the front matter.
    pub fn source_line(&self, line: usize) -> Option<&'a str> {
        self.yaml.lines().nth(line.checked_sub(1)?)
    }

    /// The value of an optional field, reporting an invalid one.
    pub fn value<T: Vocabulary>(&mut self, field: Option<Field<T>>, name: &str) -> Option<T> {
        let field = field?;
        match field.value {
            Lenient::Valid(value) => Some(value),
            Lenient::Invalid(raw) => {
                self.invalid::<T>(field.at, name, &raw);
                None
            }
        }
    }

    /// Text, with blank text treated as absent.
    pub fn text(&mut self, field: Option<Field<String>>) -> Option<String> {
        match field?.value {
            Lenient::Valid(text) | Lenient::Invalid(text) => {
                let text = text.trim();
                (!text.is_empty()).then(|| text.to_owned())
            }
        }
    }

    /// A list of texts, blanks dropped.
    pub fn texts(&mut self, fields: Vec<Field<String>>) -> Vec<String> {
        fields
            .into_iter()
            .filter_map(|field| self.text(Some(field)))
            .collect()
    }

    fn invalid<T: Vocabulary>(&mut self, at: Pos, name: &str, raw: &str) {
        let suggestion = closest(raw, T::spellings());
        let help = match suggestion {
            Some(word) => format!("did you mean `{word}`? Write {}", T::expected()),
            None => format!("write {}", T::expected()),
        };
        let shown = if raw.is_empty() {
            "an empty value"
        } else {
            raw
        };
        let message = if raw.is_empty() {
            format!("`{name}` has {shown}")
        } else {
            format!("`{shown}` is not a valid `{name}`")
        };
        let diagnostic = Diagnostic::error("invalid-value", self.file, self.loc(at), message)
            .label(format!("not a valid `{name}`"))
            .help(help);
        self.diagnostics.push(diagnostic);
    }

    /// Reports a required field that is missing from `what`, which starts at `loc`.
    pub fn missing(&mut self, loc: Loc, what: &str, field: &str, example: &str) {
        self.missing_with(loc, what, field, format!("add `{field}: {example}`"));
    }

    /// Notes that an unknown key at `column` was reported as a misspelling of `meant`.
    pub fn misspelt(&mut self, meant: &'static str, column: usize) {
        self.misspellings.push((meant, column));
    }

    fn missing_with(&mut self, loc: Loc, what: &str, field: &str, help: String) {
        // `intrest:` was reported with "did you mean `interest`?": a missing `interest`
        // in a map at that column is the same mistake. (Maps of one kind share a column.)
        if self
            .misspellings
            .iter()
            .any(|&(meant, column)| meant == field && column == loc.column)
        {
            return;
        }
        let diagnostic = Diagnostic::error(
            "missing-field",
            self.file,
            loc,
            format!("{what} has no `{field}`"),
        )
        .label(format!("`{field}` is required here"))
        .help(help);
        self.diagnostics.push(diagnostic);
    }

    fn required<T: Vocabulary>(
        &mut self,
        field: Option<Field<T>>,
        owner: (&str, &Loc),
        name: &str,
        example: &str,
    ) -> Option<T> {
        if field.is_none() {
            let help = format!("add `{name}: {example}`; `{name}` is {}", T::expected());
            self.missing_with(owner.1.clone(), owner.0, name, help);
        }
        self.value(field, name)
    }
}

/// The closest accepted spelling to a misspelt word, if any is close.
pub fn closest<'w>(word: &str, candidates: &[&'w str]) -> Option<&'w str> {
    let word = super::vocab::normalise(word);
    if word.is_empty() {
        return None;
    }
    candidates
        .iter()
        .map(|&candidate| {
            (
                strsim::damerau_levenshtein(&word, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|&(distance, candidate)| {
            distance <= 2.min(candidate.chars().count().saturating_sub(1))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Whether a stakeholder id is usable: it becomes part of file names and links (the
/// policy is in [`super::id`]).
pub fn valid_id(id: &str) -> bool {
    super::id::problem(id).is_none()
}

/// The most items one list of a stakeholder may hold: the report templates walk lists
/// with Tera's `range`, which refuses more than 100,000, so `check` reports what
/// `build` and `brief` would fail on.
pub const MAX_LIST_ITEMS: usize = 100_000;

/// Reports every list longer than [`MAX_LIST_ITEMS`], at its first item too many.
fn long_lists(cx: &mut FileCx<'_>, doc: &StakeholderDoc) {
    fn past_limit<T>(list: &[Node<T>]) -> Option<(usize, Pos)> {
        list.get(MAX_LIST_ITEMS).map(|item| (list.len(), item.at))
    }
    let lists = [
        ("needs", past_limit(&doc.needs)),
        ("expectations", past_limit(&doc.expectations)),
        ("tags", past_limit(&doc.tags)),
        ("positions", past_limit(&doc.positions)),
        ("communication", past_limit(&doc.communication)),
        ("relationships", past_limit(&doc.relationships)),
        ("interactions", past_limit(&doc.interactions)),
    ];
    for (name, (count, at)) in lists
        .into_iter()
        .filter_map(|(name, past)| Some((name, past?)))
    {
        let loc = cx.loc(at);
        cx.diagnostics.push(
            Diagnostic::error(
                "list-too-long",
                cx.file,
                loc,
                format!("`{name}` has {count} items; the reports take at most {MAX_LIST_ITEMS}"),
            )
            .label("one too many from here")
            .help(format!(
                "keep `{name}` to what a reader can use: merge or drop items, or move the rest into the notes"
            )),
        );
    }
}

/// What a stakeholder file yields.
#[derive(Debug)]
pub enum Typed {
    /// Every required field is there and valid.
    Valid(Box<Stakeholder>),
    /// The file has errors (they are in the file's diagnostics). What other files may
    /// refer to is still known, so that cross-file checks neither invent errors (a `with:`
    /// naming this file) nor miss them (a second file with the same id).
    Broken {
        /// The id and where it is written, when it is a usable id.
        id: Option<(String, Loc)>,
        /// The relationships that could be read.
        relationships: Vec<Relationship>,
    },
}

/// A stakeholder from its document, reporting every mistake in `cx.diagnostics`.
pub fn stakeholder(
    cx: &mut FileCx<'_>,
    doc: StakeholderDoc,
    relative: &Path,
    body: &str,
    body_line: usize,
) -> Typed {
    let front = cx.front_matter();
    long_lists(cx, &doc);
    let name_at = doc.name.as_ref().map_or(front.clone(), |f| cx.loc(f.at));
    let stem = relative
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc_has_id = doc.id.is_some();
    let (id, id_at) = match doc.id {
        Some(field) => {
            let at = cx.loc(field.at);
            (cx.text(Some(field)).unwrap_or_default(), at)
        }
        None => (stem.clone(), front.clone()),
    };
    let problem = super::id::problem(&id);
    let id_ok = problem.is_none();
    if let Some(problem) = problem {
        let suggestion = super::id::suggest(if id.is_empty() { &stem } else { &id });
        let rule = format!(
            "an id has lowercase letters, digits, `-`, `_` and `.`, at most {} bytes",
            super::id::MAX_ID_BYTES
        );
        let help = if doc_has_id {
            format!("{rule}; e.g. `id: {suggestion}`")
        } else {
            format!("{rule}; rename the file to `{suggestion}.md`, or set `id: {suggestion}`")
        };
        let shown: String = id.chars().take(40).collect();
        let shown = if shown.len() < id.len() {
            format!("{shown}…")
        } else {
            shown
        };
        cx.diagnostics.push(
            Diagnostic::error(
                "invalid-id",
                cx.file,
                id_at.clone(),
                format!(
                    "{} `{shown}` {}",
                    if doc_has_id {
                        "the id"
                    } else {
                        "the file name's id"
                    },
                    problem.describe()
                ),
            )
            .label("ids become file names and link targets")
            .help(help),
        );
    }

    let me = ("this stakeholder", &front);
    let name = cx.text(doc.name);
    let short = cx.text(doc.short);
    if name.is_none() {
        cx.missing(front.clone(), "this stakeholder", "name", "Full Name");
    }
    let power = cx.required(doc.power, me, "power", "H");
    let interest = cx.required(doc.interest, me, "interest", "M");
    let kind = cx.value(doc.kind, "type").unwrap_or(Kind::Person);
    if doc.category.is_none() {
        // Only a hint: the seed's classifications need it, nothing breaks without it.
        cx.diagnostics.push(
            Diagnostic::warning(
                "missing-category",
                cx.file,
                front.clone(),
                "no `category`: the report cannot tell whether this stakeholder is internal or external",
            )
            .label("`category` is recommended here")
            .help("add `category: internal` or `category: external` (内部 / 外部)"),
        );
    }
    let category = cx.value(doc.category, "category");

    let (engagement_current, engagement_desired, engagement_line) = match doc.engagement {
        Some(node) => {
            let at = cx.loc(node.at);
            let desired_at = node.value.desired.as_ref().map(|f| cx.loc(f.at));
            let current = cx.value(node.value.current, "engagement.current");
            let desired = cx.value(node.value.desired, "engagement.desired");
            if let (Some(current), Some(desired), Some(desired_at)) = (current, desired, desired_at)
                && desired < current
            {
                cx.diagnostics.push(
                    Diagnostic::warning(
                        "engagement-regression",
                        cx.file,
                        desired_at,
                        format!("desired engagement `{desired}` is below current `{current}`"),
                    )
                    .label("the project would be planning to disengage this stakeholder")
                    .help(format!(
                        "if this is intended, keep it; otherwise write `desired: {current}` or higher"
                    )),
                );
            }
            (current, desired, Some(at.line))
        }
        None => (None, None, None),
    };

    let owner_line = doc.owner.as_ref().map(|f| cx.loc(f.at).line);
    let next_review_line = doc.next_review.as_ref().map(|f| cx.loc(f.at).line);
    let positions = doc
        .positions
        .into_iter()
        .filter_map(|node| position(cx, node))
        .collect();
    let communication = doc
        .communication
        .into_iter()
        .filter_map(|node| touch(cx, node))
        .collect();
    let relationships: Vec<Relationship> = doc
        .relationships
        .into_iter()
        .filter_map(|node| relationship(cx, node))
        .collect();
    let mut interactions: Vec<Interaction> = doc
        .interactions
        .into_iter()
        .filter_map(|node| interaction(cx, node))
        .collect();
    interactions.sort_by_key(|i| i.date);
    let (confidential, confidential_record) = confidentiality(cx, doc.confidential);
    let contact = doc
        .contact
        .map(|entries| {
            entries
                .0
                .into_iter()
                .filter_map(|(key, value)| Some((key, cx.text(Some(value))?)))
                .collect()
        })
        .unwrap_or_default();

    // Every value is read (and every mistake reported) before any missing one stops us.
    let role = cx.text(doc.role);
    let organization = cx.text(doc.organization);
    let involvement = cx.value(doc.involvement, "involvement");
    let key = cx.value(doc.key, "key");
    let influence = cx.value(doc.influence, "influence");
    let impact = cx.value(doc.impact, "impact");
    let legitimacy = cx.value(doc.legitimacy, "legitimacy");
    let urgency = cx.value(doc.urgency, "urgency");
    let next_review = cx.value(doc.next_review, "next_review");
    let (Some(name), Some(power), Some(interest), true) = (name, power, interest, id_ok) else {
        return Typed::Broken {
            id: id_ok.then_some((id, id_at)),
            relationships,
        };
    };
    Typed::Valid(Box::new(Stakeholder {
        id,
        name,
        short,
        kind,
        role,
        organization,
        category,
        involvement,
        key,
        power,
        interest,
        influence,
        impact,
        legitimacy,
        urgency,
        engagement_current,
        engagement_desired,
        owner: cx.text(doc.owner),
        needs: cx.texts(doc.needs),
        expectations: cx.texts(doc.expectations),
        positions,
        communication,
        relationships,
        interactions,
        tags: cx.texts(doc.tags),
        contact,
        confidential,
        confidential_record,
        next_review,
        notes: body.to_owned(),
        file: relative.to_path_buf(),
        lines: FieldLines {
            id: id_at,
            name: name_at.line,
            engagement: engagement_line,
            owner: owner_line,
            next_review: next_review_line,
            body: body_line,
        },
    }))
}

fn position(cx: &mut FileCx<'_>, node: Node<PositionDoc>) -> Option<Position> {
    let at = cx.loc(node.at);
    let doc = node.value;
    let owner = ("this position", &at);
    let issue = cx.text(doc.issue);
    if issue.is_none() {
        cx.missing(at.clone(), "this position", "issue", "Go-live date");
    }
    let stance = cx.required(doc.stance, owner, "stance", "support");
    Some(Position {
        issue: issue?,
        stance: stance?,
        note: cx.text(doc.note),
        line: at.line,
    })
}

fn touch(cx: &mut FileCx<'_>, node: Node<TouchDoc>) -> Option<Touch> {
    let at = cx.loc(node.at);
    let doc = node.value;
    let id = plan_id(cx, doc.id);
    let rhythm = rhythm(
        cx,
        ("this planned touch", &at),
        doc.frequency,
        doc.dates,
        doc.sent,
    );
    let starts = cx.value(doc.starts, "starts");
    let (frequency, dates, sent) = rhythm?;
    Some(Touch {
        id,
        content: cx.text(doc.content),
        channel: cx.text(doc.channel),
        frequency,
        dates,
        owner: cx.text(doc.owner),
        starts,
        sent,
        line: at.line,
    })
}

/// A plan id (a touch's or a plan item's): a slug, as stakeholder ids are, since
/// `fulfils` lists name it.
fn plan_id(cx: &mut FileCx<'_>, field: Option<Field<String>>) -> Option<String> {
    let at = field.as_ref().map(|f| cx.loc(f.at));
    let id = cx.text(field)?;
    if let (Some(problem), Some(at)) = (super::id::problem(&id), at) {
        cx.diagnostics.push(
            Diagnostic::error(
                "invalid-id",
                cx.file,
                at,
                format!("the plan id `{id}` {}", problem.describe()),
            )
            .label("`fulfils` lists name it")
            .help(format!("write `id: {}`", super::id::suggest(&id))),
        );
        return None;
    }
    Some(id)
}

/// How often a touch or plan item is due: its `frequency`, or its one-off `dates`
/// (exactly one of them), and the `sent` dates that keep it, in order.
fn rhythm(
    cx: &mut FileCx<'_>,
    owner: (&str, &Loc),
    frequency: Option<Field<Frequency>>,
    dates: Option<Node<Vec<Field<Date>>>>,
    sent: Vec<Field<Date>>,
) -> Option<(Frequency, Vec<Date>, Vec<Date>)> {
    let mut sent: Vec<Date> = sent
        .into_iter()
        .filter_map(|f| cx.value(Some(f), "sent"))
        .collect();
    sent.sort();
    sent.dedup();
    match (frequency, dates) {
        (Some(_), Some(dates)) => {
            cx.diagnostics.push(
                Diagnostic::error(
                    "frequency-and-dates",
                    cx.file,
                    cx.loc(dates.at),
                    format!("{} has both `frequency` and `dates`", owner.0),
                )
                .label("`dates` here, and a `frequency` too")
                .help(
                    "keep one: `frequency` for a rhythm (`monthly on the first thursday`), or \
                     `dates: [2026-12-03, 2027-01-07]` for one-off dates",
                ),
            );
            None
        }
        (None, Some(node)) => {
            let at = cx.loc(node.at);
            let mut dates: Vec<Date> = node
                .value
                .into_iter()
                .filter_map(|f| cx.value(Some(f), "dates"))
                .collect();
            if dates.is_empty() {
                cx.diagnostics.push(
                    Diagnostic::error(
                        "missing-field",
                        cx.file,
                        at,
                        format!("{} has an empty `dates` list", owner.0),
                    )
                    .help("list its dates, e.g. `dates: [2026-12-03, 2027-01-07]`"),
                );
                return None;
            }
            dates.sort();
            dates.dedup();
            Some((Frequency::OnDates, dates, sent))
        }
        (frequency, None) => {
            let frequency = cx.required(frequency, owner, "frequency", "monthly")?;
            Some((frequency, Vec::new(), sent))
        }
    }
}

/// `_project.md` → `communications`: each plan item with its id, audience and rhythm.
/// Ids and audiences are checked against the register later.
fn plan_items(cx: &mut FileCx<'_>, nodes: Vec<Node<PlanItemDoc>>) -> Vec<PlanItem> {
    let mut items: Vec<PlanItem> = Vec::new();
    for node in nodes {
        let at = cx.loc(node.at);
        let doc = node.value;
        let me = ("this plan item", &at);
        let id_at = doc.id.as_ref().map(|f| cx.loc(f.at));
        if doc.id.is_none() {
            cx.missing(at.clone(), me.0, "id", "steering-pack");
        }
        let id = plan_id(cx, doc.id);
        let audience = match doc.audience {
            None => {
                cx.missing_with(
                    at.clone(),
                    me.0,
                    "audience",
                    "add `audience: {tags: [steering-committee]}` or \
                     `audience: {ids: [stakeholder-id]}`: who it is for"
                        .to_owned(),
                );
                None
            }
            Some(node) => {
                let audience_at = cx.loc(node.at);
                let tags = cx.texts(node.value.tags);
                let (ids, ids_at) = ids_with_places(cx, node.value.ids);
                if tags.is_empty() && ids.is_empty() {
                    cx.diagnostics.push(
                        Diagnostic::error(
                            "missing-field",
                            cx.file,
                            audience_at.clone(),
                            "this plan item's `audience` names no tag and no id",
                        )
                        .help(
                            "write `audience: {tags: [steering-committee], ids: [helen-brandt]}`",
                        ),
                    );
                    None
                } else {
                    Some(Audience {
                        tags,
                        ids,
                        ids_at,
                        at: audience_at,
                    })
                }
            }
        };
        let rhythm = rhythm(cx, me, doc.frequency, doc.dates, doc.sent);
        let starts = cx.value(doc.starts, "starts");
        let (Some(id), Some(audience), Some((frequency, dates, sent))) = (id, audience, rhythm)
        else {
            continue;
        };
        if let Some(other) = items.iter().find(|item| item.id == id) {
            let other_line = other.touch.line;
            cx.diagnostics.push(
                Diagnostic::error(
                    "duplicate-id",
                    cx.file,
                    id_at.unwrap_or_else(|| at.clone()),
                    format!("two plan items have the id `{id}`"),
                )
                .also(cx.file, &Loc::line(other_line), "the other")
                .help("give each plan item its own id: `fulfils` lists name them"),
            );
            continue;
        }
        items.push(PlanItem {
            id: id.clone(),
            touch: Touch {
                id: Some(id),
                content: cx.text(doc.content),
                channel: cx.text(doc.channel),
                frequency,
                dates,
                owner: cx.text(doc.owner),
                starts,
                sent,
                line: at.line,
            },
            audience,
        });
    }
    items
}

fn relationship(cx: &mut FileCx<'_>, node: Node<RelationshipDoc>) -> Option<Relationship> {
    let at = cx.loc(node.at);
    let doc = node.value;
    let with_at = doc.with.as_ref().map_or(at.clone(), |f| cx.loc(f.at));
    let with = cx.text(doc.with);
    if with.is_none() {
        cx.missing(
            at.clone(),
            "this relationship",
            "with",
            "other-stakeholder-id",
        );
    }
    let kind = cx.required(doc.kind, ("this relationship", &at), "type", "ally");
    let strength = cx.value(doc.strength, "strength");
    Some(Relationship {
        with: with?,
        kind: kind?,
        strength,
        note: cx.text(doc.note),
        line: at.line,
        with_at,
    })
}

fn interaction(cx: &mut FileCx<'_>, node: Node<InteractionDoc>) -> Option<Interaction> {
    let at = cx.loc(node.at);
    let doc = node.value;
    let date = cx.required(doc.date, ("this interaction", &at), "date", "2026-03-31");
    let follow_up = doc.follow_up.and_then(|node| follow_up(cx, node, date));
    let sentiment = cx.value(doc.sentiment, "sentiment");
    let (fulfils, fulfils_at) = ids_with_places(cx, doc.fulfils);
    Some(Interaction {
        date: date?,
        channel: cx.text(doc.channel),
        summary: cx.text(doc.summary),
        sentiment,
        by: cx.text(doc.by),
        follow_ups: follow_up.into_iter().collect(),
        meeting: None,
        file: None,
        fulfils,
        fulfils_at,
        line: at.line,
    })
}

fn follow_up(
    cx: &mut FileCx<'_>,
    node: Node<FollowUpDoc>,
    interaction_date: Option<super::vocab::Date>,
) -> Option<FollowUp> {
    let at = cx.loc(node.at);
    let doc = node.value;
    promise(
        cx,
        &at,
        doc.action,
        doc.due,
        doc.done,
        (interaction_date, "interaction"),
    )
}

/// A promise as an interaction's `follow_up` and a meeting's `follow_ups` write it: its
/// action required, its due date not before the day it was `agreed` (that date, and
/// what it was: `interaction` or `meeting`). `None` without an action (reported).
fn promise(
    cx: &mut FileCx<'_>,
    at: &Loc,
    action: Option<Field<String>>,
    due: Option<Field<super::vocab::Date>>,
    done: Option<Field<bool>>,
    agreed: (Option<super::vocab::Date>, &str),
) -> Option<FollowUp> {
    let action = cx.text(action);
    if action.is_none() {
        cx.missing(
            at.clone(),
            "this follow-up",
            "action",
            "Send the revised schedule",
        );
    }
    let due_at = due.as_ref().map(|f| cx.loc(f.at));
    let due = cx.value(due, "due");
    if let (Some(due), (Some(date), source), Some(due_at)) = (due, agreed, due_at)
        && due < date
    {
        cx.diagnostics.push(
            Diagnostic::error(
                "follow-up-before-interaction",
                cx.file,
                due_at,
                format!("follow-up is due {due}, before the {source} it came from ({date})"),
            )
            .label("due before it was agreed")
            .help(format!("write a due date on or after {date}")),
        );
    }
    let done = cx.value(done, "done").unwrap_or(false);
    Some(FollowUp {
        action: action?,
        due,
        done,
        owner: None,
    })
}

fn confidentiality(cx: &mut FileCx<'_>, doc: Option<Node<ConfidentialDoc>>) -> (Vec<String>, bool) {
    match doc.map(|node| node.value) {
        None => (Vec::new(), false),
        Some(ConfidentialDoc::Whole(whole)) => (Vec::new(), whole),
        Some(ConfidentialDoc::Fields(fields)) => (field_names(cx, fields), false),
    }
}

/// Field names of a `confidential` list, each checked against the known ones.
pub fn field_names(cx: &mut FileCx<'_>, fields: Vec<Field<String>>) -> Vec<String> {
    let mut names = Vec::new();
    for field in fields {
        let at = cx.loc(field.at);
        let Some(name) = cx.text(Some(field)) else {
            continue;
        };
        if CONFIDENTIAL_FIELDS.contains(&name.as_str()) {
            names.push(name);
        } else {
            let help = match closest(&name, CONFIDENTIAL_FIELDS) {
                Some(word) => format!("did you mean `{word}`?"),
                None => format!("name one of: {}", CONFIDENTIAL_FIELDS.join(", ")),
            };
            cx.diagnostics.push(
                Diagnostic::error(
                    "unknown-field-name",
                    cx.file,
                    at,
                    format!("`{name}` is not a stakeholder field that can be kept confidential"),
                )
                .help(help),
            );
        }
    }
    names
}

/// Project settings from `_project.md`'s document.
pub fn project(cx: &mut FileCx<'_>, doc: ProjectDoc, relative: &Path, body: &str) -> Project {
    let mut project = Project::with_name(String::new());
    match cx.text(doc.name) {
        Some(name) => project.name = name,
        None => {
            let at = cx.front_matter();
            cx.missing(at, "_project.md", "name", "My Project");
        }
    }
    project.code = cx.text(doc.code);
    project.manager = cx.text(doc.manager);
    project.sponsor = cx.text(doc.sponsor);
    if let Some(language) = cx.value(doc.language, "language") {
        project.language = language;
        project.cadence = default_cadence(language);
    }
    project.as_of = cx.value(doc.as_of, "as_of");
    if let Some(threshold) = cx.value(doc.thresholds, "thresholds") {
        project.threshold = threshold;
    }
    if let Some(entries) = doc.cadence {
        let mut cadence = BTreeMap::new();
        for (quadrant, node) in entries.0 {
            let at = cx.loc(node.at);
            let quadrant = cx.value(Some(quadrant), "cadence quadrant");
            let channel = cx.text(node.value.channel);
            let frequency = cx.required(
                node.value.frequency,
                ("this cadence", &at),
                "frequency",
                "monthly",
            );
            if let (Some(quadrant), Some(frequency)) = (quadrant, frequency) {
                let default = &project.cadence[&quadrant];
                let channel = channel.unwrap_or_else(|| default.channel.clone());
                cadence.insert(quadrant, Cadence { channel, frequency });
            }
        }
        project.cadence.extend(cadence);
    }
    if let Some(days) = doc.silent_after_days {
        let at = cx.loc(days.at);
        match cx.value(Some(days), "silent_after_days") {
            Some(0) => cx.diagnostics.push(
                Diagnostic::error("invalid-value", cx.file, at, "`silent_after_days` is 0")
                    .help("write a number of days greater than 0, e.g. `silent_after_days: 60`"),
            ),
            Some(days) => project.silent_after_days = days,
            None => {}
        }
    }
    if let Some(fields) = doc.confidential {
        project.confidential = field_names(cx, fields);
    }
    if let Some(node) = doc.calendar {
        project.calendar = work_calendar(cx, node.value);
    }
    project.communications = plan_items(cx, doc.communications);
    if let Some(node) = doc.history {
        project.default_since = default_since(cx, node.value);
    }
    project.introduction = body.trim().to_owned();
    project.file = Some(relative.to_path_buf());
    project
}

/// `history.since`: a tag pattern, a revision or `none` (docs/format.md).
fn default_since(cx: &mut FileCx<'_>, doc: HistoryDoc) -> DefaultSince {
    let Some(field) = doc.since else {
        return DefaultSince::default();
    };
    let at = cx.loc(field.at);
    let Some(text) = cx.text(Some(field)) else {
        cx.diagnostics.push(
            Diagnostic::error("invalid-value", cx.file, at, "`history.since` is empty").help(
                "write a tag pattern (`since: \"steering-*\"`), a revision (`since: v1.0`) or `since: none`",
            ),
        );
        return DefaultSince::default();
    };
    if text == "none" {
        return DefaultSince::None;
    }
    if text.contains(['[', ']', '{', '}']) {
        cx.diagnostics.push(
            Diagnostic::error(
                "invalid-value",
                cx.file,
                at,
                format!("`{text}` uses a pattern character stake does not read"),
            )
            .label("a tag pattern has only `*` (any characters) and `?` (one character)")
            .help("write e.g. `since: \"steering-*\"`"),
        );
        return DefaultSince::default();
    }
    if text.contains(['*', '?']) {
        DefaultSince::Tag(text)
    } else {
        DefaultSince::Rev(text)
    }
}

/// Field names a meeting's `confidential` list may name.
pub const MEETING_CONFIDENTIAL_FIELDS: &[&str] = &[
    "attendees",
    "by",
    "summary",
    "sentiment",
    "decisions",
    "follow_ups",
    "notes",
];

/// A meeting record from its document; `None` when it is too broken to use (every
/// mistake is reported). Attendee ids are checked against the register later.
pub fn meeting(
    cx: &mut FileCx<'_>,
    doc: MeetingDoc,
    relative: &Path,
    body: &str,
) -> Option<Meeting> {
    let front = cx.front_matter();
    let id = relative
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id_ok = match super::id::problem(&id) {
        None => true,
        Some(problem) => {
            cx.diagnostics.push(
                Diagnostic::error(
                    "invalid-id",
                    cx.file,
                    front.clone(),
                    format!("the file name's id `{id}` {}", problem.describe()),
                )
                .label("ids become file names and link targets")
                .help(format!(
                    "rename the file to `{}.md`",
                    super::id::suggest(&id)
                )),
            );
            false
        }
    };
    let line = doc.meeting.as_ref().map_or(1, |f| cx.loc(f.at).line);
    let me = ("this meeting", &front);
    let title = cx.text(doc.meeting);
    let date_field = doc.date;
    let date = cx.required(date_field, me, "date", "2026-11-05");
    let channel = cx.text(doc.channel).unwrap_or_else(|| "meeting".to_owned());
    let (attendees, attendee_at) = ids_with_places(cx, doc.attendees);
    if attendees.is_empty() {
        cx.missing_with(
            front.clone(),
            "this meeting",
            "attendees",
            "add `attendees: [stakeholder-id, …]`: the ids of the stakeholders who took part"
                .to_owned(),
        );
    }
    let outcome_at = [
        doc.sentiment.as_ref().map(|n| n.at),
        doc.decisions.first().map(|f| f.at),
        doc.follow_ups.first().map(|n| n.at),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|at| (at.line, at.column))
    .map(|at| cx.loc(at));
    let sentiment = match doc.sentiment {
        None => Vec::new(),
        Some(node) => {
            let at = cx.loc(node.at);
            let entries = match node.value {
                MeetingSentimentDoc::All(text) => vec![("*".to_owned(), text)],
                MeetingSentimentDoc::Each(each) => each,
            };
            let mut parsed = Vec::new();
            for (who, text) in entries {
                if who != "*" && !attendees.contains(&who) {
                    cx.diagnostics.push(
                        Diagnostic::error(
                            "sentiment-not-attendee",
                            cx.file,
                            at.clone(),
                            format!("`sentiment` names `{who}`, who is not an attendee"),
                        )
                        .help(format!(
                            "add `{who}` to `attendees`, or take them out of `sentiment`"
                        )),
                    );
                }
                match Sentiment::parse(&text) {
                    Some(sentiment) => parsed.push((who, sentiment)),
                    None => cx.diagnostics.push(
                        Diagnostic::error(
                            "invalid-value",
                            cx.file,
                            at.clone(),
                            format!("`{text}` is not a valid `sentiment`"),
                        )
                        .help(format!("write {}", Sentiment::expected())),
                    ),
                }
            }
            parsed
        }
    };
    let decisions = cx.texts(doc.decisions);
    let (fulfils, fulfils_at) = ids_with_places(cx, doc.fulfils);
    let mut follow_ups = Vec::new();
    for node in doc.follow_ups {
        let at = cx.loc(node.at);
        let doc = node.value;
        let for_at = doc.for_.as_ref().map(|f| cx.loc(f.at));
        let for_ = cx.text(doc.for_);
        if let (Some(who), Some(for_at)) = (&for_, &for_at)
            && !attendees.contains(who)
        {
            cx.diagnostics.push(
                Diagnostic::error(
                    "follow-up-not-attendee",
                    cx.file,
                    for_at.clone(),
                    format!("this follow-up is `for` `{who}`, who is not an attendee"),
                )
                .label("not in `attendees`")
                .help(format!(
                    "add `{who}` to `attendees`, or name an attendee the promise was made to"
                )),
            );
        }
        let owner = cx.text(doc.owner);
        if let Some(follow_up) = promise(cx, &at, doc.action, doc.due, doc.done, (date, "meeting"))
        {
            follow_ups.push(MeetingFollowUp {
                follow_up: FollowUp { owner, ..follow_up },
                for_,
                line: at.line,
            });
        }
    }
    let (confidential, confidential_record) = match doc.confidential.map(|node| node.value) {
        None => (Vec::new(), false),
        Some(ConfidentialDoc::Whole(whole)) => (Vec::new(), whole),
        Some(ConfidentialDoc::Fields(fields)) => (meeting_field_names(cx, fields), false),
    };
    let title = match title {
        Some(title) => title,
        None => {
            cx.missing(front, "this meeting", "meeting", "Steering committee");
            return None;
        }
    };
    let (Some(date), false, true) = (date, attendees.is_empty(), id_ok) else {
        return None;
    };
    Some(Meeting {
        id,
        title,
        date,
        channel,
        attendees,
        by: cx.text(doc.by),
        summary: cx.text(doc.summary),
        sentiment,
        decisions,
        follow_ups,
        fulfils,
        fulfils_at,
        confidential,
        confidential_record,
        notes: body.trim().to_owned(),
        file: relative.to_path_buf(),
        line,
        attendee_at,
        outcome_at,
    })
}

/// A list of ids (`attendees`, an audience's `ids`, `fulfils`), blanks dropped, with
/// where each is written.
fn ids_with_places(cx: &mut FileCx<'_>, fields: Vec<Field<String>>) -> (Vec<String>, Vec<Loc>) {
    let mut ids = Vec::new();
    let mut places = Vec::new();
    for field in fields {
        let at = cx.loc(field.at);
        if let Some(id) = cx.text(Some(field)) {
            ids.push(id);
            places.push(at);
        }
    }
    (ids, places)
}

/// Field names of a meeting's `confidential` list, each checked.
fn meeting_field_names(cx: &mut FileCx<'_>, fields: Vec<Field<String>>) -> Vec<String> {
    let mut names = Vec::new();
    for field in fields {
        let at = cx.loc(field.at);
        let Some(name) = cx.text(Some(field)) else {
            continue;
        };
        if MEETING_CONFIDENTIAL_FIELDS.contains(&name.as_str()) {
            names.push(name);
        } else {
            let help = match closest(&name, MEETING_CONFIDENTIAL_FIELDS) {
                Some(word) => format!("did you mean `{word}`?"),
                None => format!("name one of: {}", MEETING_CONFIDENTIAL_FIELDS.join(", ")),
            };
            cx.diagnostics.push(
                Diagnostic::error(
                    "unknown-field-name",
                    cx.file,
                    at,
                    format!("`{name}` is not a meeting field that can be kept confidential"),
                )
                .help(help),
            );
        }
    }
    names
}

/// `_project.md` → `calendar`: every bad day, date and overlap reported.
fn work_calendar(cx: &mut FileCx<'_>, doc: CalendarDoc) -> WorkCalendar {
    let mut calendar = WorkCalendar::default();
    if let Some(days) = doc.working_days {
        let mut working = [false; 7];
        for field in days {
            let at = cx.loc(field.at);
            let Some(text) = cx.text(Some(field)) else {
                continue;
            };
            match day_rule::weekday(&normalise(&text)) {
                Some(day) => {
                    working[usize::from(day.to_monday_zero_offset().unsigned_abs())] = true;
                }
                None => cx.diagnostics.push(
                    Diagnostic::error(
                        "invalid-value",
                        cx.file,
                        at,
                        format!("`{text}` is not a day of the week"),
                    )
                    .help(
                        "write `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun` (or 周一 … 周日)",
                    ),
                ),
            }
        }
        calendar.working_days = working;
    }
    let mut holidays: Vec<(Holiday, Loc)> = Vec::new();
    for node in doc.holidays {
        let at = cx.loc(node.at);
        let date = |text: Option<String>, field: &str, cx: &mut FileCx<'_>| -> Option<Date> {
            let Some(text) = text else {
                cx.diagnostics.push(
                    Diagnostic::error(
                        "missing-field",
                        cx.file,
                        at.clone(),
                        format!("this holiday has no `{field}`"),
                    )
                    .help(format!(
                        "add `{field}: 2027-02-14`, or write a single day as `- 2027-01-01`"
                    )),
                );
                return None;
            };
            let parsed = Date::parse(&text);
            if parsed.is_none() {
                cx.diagnostics.push(
                    Diagnostic::error(
                        "invalid-value",
                        cx.file,
                        at.clone(),
                        format!("`{text}` is not a date"),
                    )
                    .help(format!("write {}", Date::expected())),
                );
            }
            parsed
        };
        // A single day is a range of one day.
        let (from, to, name) = match node.value {
            HolidayDoc::Day(day) => {
                let day = date(Some(day), "from", cx);
                (day, day, None)
            }
            HolidayDoc::Range { from, to, name } => {
                (date(from, "from", cx), date(to, "to", cx), name)
            }
        };
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if to < from {
            cx.diagnostics.push(
                Diagnostic::error(
                    "invalid-value",
                    cx.file,
                    at,
                    format!("this holiday ends ({to}) before it starts ({from})"),
                )
                .help("write the first day off as `from` and the last as `to`"),
            );
            continue;
        }
        let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        holidays.push((Holiday { from, to, name }, at));
    }
    holidays.sort_by_key(|(h, _)| (h.from, h.to));
    // Each range against the one reaching furthest among those before it.
    let mut furthest: Option<usize> = None;
    for i in 0..holidays.len() {
        if let Some(j) = furthest
            && holidays[i].0.from <= holidays[j].0.to
        {
            let ((first, first_at), (second, second_at)) = (&holidays[j], &holidays[i]);
            cx.diagnostics.push(
                Diagnostic::error(
                    "overlapping-holidays",
                    cx.file,
                    second_at.clone(),
                    format!(
                        "this holiday ({} to {}) overlaps another ({} to {})",
                        second.from, second.to, first.from, first.to
                    ),
                )
                .label("overlaps")
                .also(cx.file, first_at, "the other holiday")
                .help("merge the two into one range, or end the first before the second starts"),
            );
        }
        if furthest.is_none_or(|j| holidays[i].0.to > holidays[j].0.to) {
            furthest = Some(i);
        }
    }
    calendar.holidays = holidays.into_iter().map(|(h, _)| h).collect();
    let mut working: Vec<Date> = doc
        .working
        .into_iter()
        .filter_map(|field| cx.value(Some(field), "working"))
        .collect();
    working.sort_unstable();
    working.dedup();
    calendar.working = working;
    calendar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::vocab::Level;

    #[test]
    fn suggests_the_closest_spelling() {
        assert_eq!(closest("hgh", Level::spellings()), Some("high"));
        assert_eq!(
            closest("supportve", &["supportive", "neutral"]),
            Some("supportive")
        );
        assert_eq!(closest("banana", Level::spellings()), None);
    }

    #[test]
    fn ids_are_slugs() {
        assert!(valid_id("maria-keller"));
        assert!(valid_id("wang_jianguo2"));
        assert!(valid_id("张伟"));
        assert!(!valid_id("Maria Keller"));
        assert!(!valid_id("a/b"));
        assert!(!valid_id(""));
    }
}
