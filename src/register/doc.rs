//! The front matter as written: serde types that mirror the files field for field.
//!
//! Scalars are read leniently ([`Lenient`]) so that one misspelt level does not hide the
//! other mistakes of the file; the loader turns these documents into the checked model
//! and reports every bad value with its location. The JSON Schema (`stake schema`) is
//! generated from these same types, so the schema and the loader cannot drift apart.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::vocab::{
    Attribute, Category, Date, EngagementLevel, Frequency, Involvement, Kind, Language, Level,
    RelationKind, Stance, Tone, Vocabulary,
};

/// Where a value starts in the YAML text (not yet in the whole file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line within the front matter.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offset within the front matter, and the value's length in bytes.
    pub bytes: Option<(usize, usize)>,
}

impl Pos {
    fn from_location(location: &serde_saphyr::Location) -> Pos {
        let span = location.span();
        let bytes = span
            .byte_offset()
            .zip(span.byte_len())
            .map(|(offset, len)| (offset as usize, len as usize));
        Pos {
            line: location.line() as u32,
            column: location.column() as u32,
            bytes,
        }
    }
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<T> {
    /// The value.
    pub value: T,
    /// Where it starts.
    pub at: Pos,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        Ok(Node {
            value: spanned.value,
            at: Pos::from_location(&spanned.referenced),
        })
    }
}

impl<T: JsonSchema> JsonSchema for Node<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A scalar parsed as `T` if it can be, else kept as the text written.
#[derive(Debug, Clone, PartialEq)]
pub enum Lenient<T> {
    /// A valid spelling.
    Valid(T),
    /// Anything else, as written.
    Invalid(String),
}

/// A checked scalar with its location: the type of almost every field.
pub type Field<T> = Node<Lenient<T>>;

impl<'de, T: Vocabulary> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_any(ScalarText)?;
        Ok(match T::parse(&text) {
            Some(value) => Lenient::Valid(value),
            None => Lenient::Invalid(text),
        })
    }
}

impl<T: Vocabulary> JsonSchema for Lenient<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        std::any::type_name::<T>().into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        T::schema()
    }
}

/// Any YAML scalar, as the text a user would recognise.
struct ScalarText;

impl<'de> Visitor<'de> for ScalarText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a single value (text, number, date or true/false), not a list or a map")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

/// A mapping read in order, with keys of any deserialisable type (e.g. located ones).
#[derive(Debug, Clone, PartialEq)]
pub struct Entries<K, V>(pub Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<K, V> {
            type Value = Entries<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

impl<K, V: JsonSchema> JsonSchema for Entries<K, V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        BTreeMap::<String, V>::json_schema(generator)
    }
}

/// `_project.md`: project settings.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "stake project settings (_project.md front matter)")]
pub struct ProjectDoc {
    /// Project name.
    #[schemars(required)]
    pub name: Option<Field<String>>,
    /// Project code.
    pub code: Option<Field<String>>,
    /// Project manager.
    pub manager: Option<Field<String>>,
    /// Sponsor: free text or a stakeholder id.
    pub sponsor: Option<Field<String>>,
    /// Language of the report's own labels: `en` or `zh-CN`.
    pub language: Option<Field<Language>>,
    /// The date the analysis treats as today.
    pub as_of: Option<Field<Date>>,
    /// Where "high" starts on the 1–5 scale of the grid and of salience (default 4).
    pub thresholds: Option<Field<Level>>,
    /// Default communication per grid quadrant (`manage-closely`, `keep-satisfied`,
    /// `keep-informed`, `monitor`).
    pub cadence: Option<Entries<Field<super::vocab::Quadrant>, Node<CadenceDoc>>>,
    /// Days without interaction after which a stakeholder is silent (default 60).
    pub silent_after_days: Option<Field<u32>>,
    /// Fields hidden from every public profile (default `contact`, `notes`).
    pub confidential: Option<Vec<Field<String>>>,
    /// Working days and holidays: an occurrence due on a day off moves to the next
    /// working day.
    pub calendar: Option<Node<CalendarDoc>>,
    /// Plan items: planned communication to many stakeholders at once (format v2).
    #[serde(default)]
    pub communications: Vec<Node<PlanItemDoc>>,
    /// The register's git history: what `stake build` and `stake brief` compare with
    /// when `--since` is not given.
    pub history: Option<Node<HistoryDoc>>,
}

/// `_project.md` → `history`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryDoc {
    /// What `stake build` and `stake brief` compare with by default: a tag pattern
    /// (`steering-*`; `*` any characters, `?` one), a revision (a tag, branch, commit or
    /// date YYYY-MM-DD), or `none`. Default: the most recent tag (`*`).
    pub since: Option<Field<String>>,
}

/// `_project.md` → `calendar`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarDoc {
    /// Working weekdays: `[mon, tue, wed, thu, fri]` by default; `周一` … `周日` work too.
    pub working_days: Option<Vec<Field<String>>>,
    /// Days off: a date, or a range `{from: 2027-02-08, to: 2027-02-14, name: 春节}`.
    #[serde(default)]
    pub holidays: Vec<Node<HolidayDoc>>,
    /// Extra working days, e.g. a Saturday worked to make up for a holiday (调休).
    #[serde(default)]
    pub working: Vec<Field<Date>>,
}

/// One entry of `holidays`: a date, or a range with an optional name.
#[derive(Debug, Clone, PartialEq)]
pub enum HolidayDoc {
    /// `2027-01-01`.
    Day(String),
    /// `{from, to, name}`.
    Range {
        /// The first day off.
        from: Option<String>,
        /// The last day off.
        to: Option<String>,
        /// Its name.
        name: Option<String>,
    },
}

impl<'de> Deserialize<'de> for HolidayDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HolidayVisitor;
        impl<'de> Visitor<'de> for HolidayVisitor {
            type Value = HolidayDoc;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a date such as 2027-01-01, or {from: 2027-02-08, to: 2027-02-14, name: 春节}",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(HolidayDoc::Day(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut from, mut to, mut name) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "from" => &mut from,
                        "to" => &mut to,
                        "name" => &mut name,
                        other => {
                            return Err(de::Error::unknown_field(other, &["from", "to", "name"]));
                        }
                    };
                    *slot = Some(map.next_value::<String>()?);
                }
                Ok(HolidayDoc::Range { from, to, name })
            }
        }
        deserializer.deserialize_any(HolidayVisitor)
    }
}

impl JsonSchema for HolidayDoc {
    fn schema_name() -> Cow<'static, str> {
        "Holiday".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "string", "format": "date" },
                {
                    "type": "object",
                    "properties": {
                        "from": { "type": "string", "format": "date" },
                        "to": { "type": "string", "format": "date" },
                        "name": { "type": "string" }
                    },
                    "required": ["from", "to"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The default way and rhythm to keep one quadrant in touch.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CadenceDoc {
    /// Channel, e.g. `meeting`.
    pub channel: Option<Field<String>>,
    /// Frequency, e.g. `weekly`.
    pub frequency: Option<Field<Frequency>>,
}

/// A stakeholder file's front matter.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "stake stakeholder (front matter of a register file)")]
pub struct StakeholderDoc {
    /// Unique slug; default: the file's stem.
    pub id: Option<Field<String>>,
    /// Name of the person, group or organisation.
    #[schemars(required)]
    pub name: Option<Field<String>>,
    /// A short name for where space is tight (chart labels, calendar titles).
    pub short: Option<Field<String>>,
    /// `person`, `group` or `organization` (default `person`).
    #[serde(rename = "type")]
    pub kind: Option<Field<Kind>>,
    /// Position.
    pub role: Option<Field<String>>,
    /// The body they belong to.
    pub organization: Option<Field<String>>,
    /// `internal` / `external` (内部 / 外部).
    pub category: Option<Field<Category>>,
    /// `direct` / `indirect` (直接 / 间接).
    pub involvement: Option<Field<Involvement>>,
    /// Key stakeholder; derived when absent.
    pub key: Option<Field<bool>>,
    /// Power over the project (1–5 or a level word).
    #[schemars(required)]
    pub power: Option<Field<Level>>,
    /// Interest in the project (1–5 or a level word).
    #[schemars(required)]
    pub interest: Option<Field<Level>>,
    /// Influence (PMBOK power/influence and influence/impact grids).
    pub influence: Option<Field<Level>>,
    /// Impact (PMBOK influence/impact grid).
    pub impact: Option<Field<Level>>,
    /// Legitimacy (salience model): a level or true/false.
    pub legitimacy: Option<Field<Attribute>>,
    /// Urgency (salience model): a level or true/false.
    pub urgency: Option<Field<Attribute>>,
    /// Current and desired engagement.
    pub engagement: Option<Node<EngagementDoc>>,
    /// Who keeps the relationship.
    pub owner: Option<Field<String>>,
    /// Needs (需求).
    #[serde(default)]
    pub needs: Vec<Field<String>>,
    /// Expectations (期望).
    #[serde(default)]
    pub expectations: Vec<Field<String>>,
    /// Stances on named issues.
    #[serde(default)]
    pub positions: Vec<Node<PositionDoc>>,
    /// The planned touches.
    #[serde(default)]
    pub communication: Vec<Node<TouchDoc>>,
    /// Relationships to other stakeholders.
    #[serde(default)]
    pub relationships: Vec<Node<RelationshipDoc>>,
    /// The interaction log.
    #[serde(default)]
    pub interactions: Vec<Node<InteractionDoc>>,
    /// Free grouping.
    #[serde(default)]
    pub tags: Vec<Field<String>>,
    /// Email, phone, address: confidential by default.
    pub contact: Option<Entries<String, Field<String>>>,
    /// Fields hidden from the public profile, or `true` to leave the record out.
    pub confidential: Option<Node<ConfidentialDoc>>,
    /// When the assessment must be looked at again.
    pub next_review: Option<Field<Date>>,
}

/// `engagement: {current, desired}`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EngagementDoc {
    /// Where the stakeholder is now.
    pub current: Option<Field<EngagementLevel>>,
    /// Where the project needs them.
    pub desired: Option<Field<EngagementLevel>>,
}

/// A stance on a named issue.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionDoc {
    /// The issue, named the same way across files.
    #[schemars(required)]
    pub issue: Option<Field<String>>,
    /// `support`, `oppose`, `neutral` or `mixed`.
    #[schemars(required)]
    pub stance: Option<Field<Stance>>,
    /// Why.
    pub note: Option<Field<String>>,
}

/// A planned touch of the communication plan.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TouchDoc {
    /// An id that interactions and meetings name in `fulfils` (format v2).
    pub id: Option<Field<String>>,
    /// What is communicated.
    pub content: Option<Field<String>>,
    /// How: meeting, email, 微信, ...
    pub channel: Option<Field<String>>,
    /// How often (or `dates` instead).
    pub frequency: Option<Field<Frequency>>,
    /// One-off dates instead of a `frequency` (format v2).
    pub dates: Option<Node<Vec<Field<Date>>>>,
    /// Who does it.
    pub owner: Option<Field<String>>,
    /// First due date when nothing was logged yet.
    pub starts: Option<Field<Date>>,
    /// Dates it went out, e.g. a report sent (format v2).
    #[serde(default)]
    pub sent: Vec<Field<Date>>,
}

/// A plan item of `_project.md` → `communications` (format v2): planned communication
/// to many stakeholders at once.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItemDoc {
    /// Unique among plan items; interactions and meetings name it in `fulfils`.
    #[schemars(required)]
    pub id: Option<Field<String>>,
    /// What is communicated.
    pub content: Option<Field<String>>,
    /// How: meeting, report, newsletter, 邮件, ...
    pub channel: Option<Field<String>>,
    /// Who it is for: stakeholders with any of `tags`, and those named in `ids`.
    #[schemars(required)]
    pub audience: Option<Node<AudienceDoc>>,
    /// How often (or `dates` instead).
    pub frequency: Option<Field<Frequency>>,
    /// One-off dates instead of a `frequency`.
    pub dates: Option<Node<Vec<Field<Date>>>>,
    /// Who does it.
    pub owner: Option<Field<String>>,
    /// First due date when it was never kept.
    pub starts: Option<Field<Date>>,
    /// Dates it went out (reports, newsletters).
    #[serde(default)]
    pub sent: Vec<Field<Date>>,
}

/// A plan item's audience: either or both lists.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AudienceDoc {
    /// Stakeholders with any of these tags.
    #[serde(default)]
    pub tags: Vec<Field<String>>,
    /// Stakeholders by id.
    #[serde(default)]
    pub ids: Vec<Field<String>>,
}

/// A relationship to another stakeholder.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationshipDoc {
    /// The other stakeholder's id.
    #[schemars(required)]
    pub with: Option<Field<String>>,
    /// `ally`, `conflict`, `reports-to`, `influences`, `member-of`.
    #[serde(rename = "type")]
    #[schemars(required)]
    pub kind: Option<Field<RelationKind>>,
    /// How strong, as a level.
    pub strength: Option<Field<Level>>,
    /// Context.
    pub note: Option<Field<String>>,
}

/// A meeting record's front matter (format v2): one file for a meeting of many. A file
/// is a meeting record when its front matter has `meeting:` instead of `name:`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "stake meeting record (front matter of a register file)")]
pub struct MeetingDoc {
    /// The title, e.g. `Steering committee` / `项目调度会`.
    #[schemars(required)]
    pub meeting: Option<Field<String>>,
    /// When it took place (or, after `as_of`, is planned).
    #[schemars(required)]
    pub date: Option<Field<Date>>,
    /// How (default `meeting`).
    pub channel: Option<Field<String>>,
    /// The stakeholders who took part, by id; at least one.
    #[schemars(required)]
    #[serde(default)]
    pub attendees: Vec<Field<String>>,
    /// Who from the project ran it or took part.
    pub by: Option<Field<String>>,
    /// One line.
    pub summary: Option<Field<String>>,
    /// One sentiment for everyone, or a map attendee id → sentiment.
    pub sentiment: Option<Node<MeetingSentimentDoc>>,
    /// What was decided.
    #[serde(default)]
    pub decisions: Vec<Field<String>>,
    /// What was promised; `for` names the attendee it was promised to.
    #[serde(default)]
    pub follow_ups: Vec<Node<MeetingFollowUpDoc>>,
    /// The planned communications it keeps: ids of plan items or of an attendee's touches.
    #[serde(default)]
    pub fulfils: Vec<Field<String>>,
    /// `true` leaves the meeting out of public output, or a list of its fields.
    pub confidential: Option<Node<ConfidentialDoc>>,
}

/// A meeting's `sentiment`: one for everyone, or one per attendee.
#[derive(Debug, Clone, PartialEq)]
pub enum MeetingSentimentDoc {
    /// `positive`, `4`, …
    All(String),
    /// `{helen-brandt: negative, tom-harris: 4}`.
    Each(Vec<(String, String)>),
}

impl<'de> Deserialize<'de> for MeetingSentimentDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SentimentVisitor;
        impl<'de> Visitor<'de> for SentimentVisitor {
            type Value = MeetingSentimentDoc;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a sentiment such as `positive` or `4`, or a map of attendee ids to sentiments",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(MeetingSentimentDoc::All(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(MeetingSentimentDoc::All(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(MeetingSentimentDoc::All(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(MeetingSentimentDoc::All(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut each = Vec::new();
                while let Some(id) = map.next_key::<String>()? {
                    let value = map.next_value::<Scalar>()?;
                    each.push((id, value.0));
                }
                Ok(MeetingSentimentDoc::Each(each))
            }
        }
        deserializer.deserialize_any(SentimentVisitor)
    }
}

/// A scalar as the text written, whatever YAML makes of it.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sentiment such as `positive` or `4`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl JsonSchema for MeetingSentimentDoc {
    fn schema_name() -> Cow<'static, str> {
        "MeetingSentiment".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": ["string", "integer"] },
                { "type": "object", "additionalProperties": { "type": ["string", "integer"] } }
            ]
        })
    }
}

/// A follow-up promised in a meeting.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingFollowUpDoc {
    /// What.
    #[schemars(required)]
    pub action: Option<Field<String>>,
    /// Who does it.
    pub owner: Option<Field<String>>,
    /// By when.
    pub due: Option<Field<Date>>,
    /// Whether it is done (default false).
    pub done: Option<Field<bool>>,
    /// The attendee it was promised to, by id; without it, the meeting's own.
    #[serde(rename = "for")]
    pub for_: Option<Field<String>>,
}

/// One entry of the interaction log.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InteractionDoc {
    /// When it happened.
    #[schemars(required)]
    pub date: Option<Field<Date>>,
    /// How.
    pub channel: Option<Field<String>>,
    /// What was said.
    pub summary: Option<Field<String>>,
    /// `positive` / `neutral` / `negative`, or a 1–5 satisfaction.
    pub sentiment: Option<Field<Sentiment>>,
    /// Who from the project was there.
    pub by: Option<Field<String>>,
    /// What was promised.
    pub follow_up: Option<Node<FollowUpDoc>>,
    /// The planned communications it keeps: ids of plan items or of this stakeholder's
    /// touches (format v2).
    #[serde(default)]
    pub fulfils: Vec<Field<String>>,
}

/// A promised action.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpDoc {
    /// What.
    #[schemars(required)]
    pub action: Option<Field<String>>,
    /// By when.
    pub due: Option<Field<Date>>,
    /// Whether it is done (default false).
    pub done: Option<Field<bool>>,
}

/// How an interaction went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Sentiment {
    /// A word.
    Tone(Tone),
    /// A satisfaction score from 1 to 5.
    Satisfaction(Level),
}

impl Sentiment {
    /// On the 1–5 satisfaction scale: negative 2, neutral 3, positive 4.
    pub fn score(self) -> f64 {
        match self {
            Sentiment::Tone(Tone::Negative) => 2.0,
            Sentiment::Tone(Tone::Neutral) => 3.0,
            Sentiment::Tone(Tone::Positive) => 4.0,
            Sentiment::Satisfaction(level) => f64::from(level.value()),
        }
    }
}

impl Vocabulary for Sentiment {
    fn parse(text: &str) -> Option<Self> {
        if let Some(tone) = Tone::parse(text) {
            return Some(Sentiment::Tone(tone));
        }
        let value: u8 = text.trim().parse().ok()?;
        Level::new(value).map(Sentiment::Satisfaction)
    }
    fn expected() -> String {
        "`positive`, `neutral`, `negative` (正面/中立/负面) or a satisfaction from 1 to 5".into()
    }
    fn spellings() -> &'static [&'static str] {
        Tone::spellings()
    }
    fn schema() -> Schema {
        schemars::json_schema!({
            "anyOf": [ Tone::schema(), { "type": "integer", "minimum": 1, "maximum": 5 } ]
        })
    }
}

/// `confidential: true` or a list of field names.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfidentialDoc {
    /// `true` leaves the whole record out of public output; `false` hides nothing.
    Whole(bool),
    /// Field names (or `notes` for the body).
    Fields(Vec<Field<String>>),
}

impl<'de> Deserialize<'de> for ConfidentialDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConfidentialVisitor;
        impl<'de> Visitor<'de> for ConfidentialVisitor {
            type Value = ConfidentialDoc;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`true`, `false` or a list of field names such as [contact, notes]")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(ConfidentialDoc::Whole(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = seq.next_element()? {
                    fields.push(field);
                }
                Ok(ConfidentialDoc::Fields(fields))
            }
        }
        deserializer.deserialize_any(ConfidentialVisitor)
    }
}

impl JsonSchema for ConfidentialDoc {
    fn schema_name() -> Cow<'static, str> {
        "Confidential".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "anyOf": [ { "type": "boolean" }, { "type": "array", "items": { "type": "string" } } ]
        })
    }
}
