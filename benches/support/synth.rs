//! A deterministic synthetic register: the same seed and size always give the same files.
//!
//! The mix follows the samples: about half the stakeholders are written in Chinese and
//! half in English, levels in every notation (`4`, `H`, `high`, `高`), sub-folders per
//! department, about 10 interactions (some with follow-ups) and 3 relationships each,
//! positions, a communication plan, contacts and a Markdown body. Every generated file
//! is valid, so `stake check` of the result reports no error.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// SplitMix64: tiny, fast, and good enough to vary text; no dependency.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Anna", "Ben", "Claire", "Daniel", "Elena", "Frank", "Grace", "Hugo", "Irene", "James",
    "Karin", "Liam", "Maria", "Noah", "Olivia", "Peter", "Rosa", "Samuel", "Tara", "Victor",
];
const LAST: &[&str] = &[
    "Abbott",
    "Brandt",
    "Castillo",
    "Dubois",
    "Evans",
    "Fischer",
    "Gupta",
    "Hale",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Menon",
    "Novak",
    "Ortiz",
    "Park",
    "Quinn",
    "Rossi",
    "Sullivan",
    "Whitaker",
];
/// Chinese surnames with their pinyin, for ids.
const XING: &[(&str, &str)] = &[
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("赵", "zhao"),
    ("黄", "huang"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
];
const MING: &[(&str, &str)] = &[
    ("建国", "jianguo"),
    ("红梅", "hongmei"),
    ("晓燕", "xiaoyan"),
    ("立新", "lixin"),
    ("志强", "zhiqiang"),
    ("海涛", "haitao"),
    ("丽娟", "lijuan"),
    ("德明", "deming"),
    ("春华", "chunhua"),
    ("文斌", "wenbin"),
    ("秀英", "xiuying"),
    ("国平", "guoping"),
];
const DEPARTMENTS: &[&str] = &[
    "finance",
    "operations",
    "it",
    "hr",
    "procurement",
    "sales",
    "quality",
    "legal",
    "logistics",
    "engineering",
];
const ROLES_EN: &[&str] = &[
    "Head of finance",
    "Plant manager",
    "IT architect",
    "HR business partner",
    "Procurement lead",
    "Key user",
    "Quality engineer",
    "Legal counsel",
    "Shift supervisor",
    "Project sponsor",
];
const ROLES_ZH: &[&str] = &[
    "财务总监",
    "工程部经理",
    "信息中心主任",
    "人力资源主管",
    "采购负责人",
    "业务骨干",
    "质量工程师",
    "法务顾问",
    "车间主任",
    "项目发起人",
];
const ORGS_EN: &[&str] = &[
    "Northfield Components",
    "Meridian Consulting",
    "Harbour Estates",
    "City Council",
    "Works council",
    "Atlas Software",
];
const ORGS_ZH: &[&str] = &[
    "滨江市地铁集团",
    "市交通运输局",
    "江城隧道工程公司",
    "锦绣花园业委会",
    "市规划局",
    "恒信监理公司",
];
const LEVELS_EN: &[&str] = &[
    "1",
    "2",
    "3",
    "4",
    "5",
    "L",
    "M",
    "H",
    "H",
    "M",
    "low",
    "medium",
    "high",
    "very-high",
];
const LEVELS_ZH: &[&str] = &["低", "中", "高", "很高", "较低", "中", "高", "3", "4"];
const ORG_NAMES_EN: &[&str] = &[
    "Logistics",
    "Holdings",
    "Consulting",
    "Engineering",
    "Steel",
];
const ORG_NAMES_ZH: &[&str] = &[
    "建设集团",
    "监理公司",
    "设计研究院",
    "物业公司",
    "街道办事处",
];
const GROUP_NAMES_EN: &[&str] = &[
    "Works council",
    "Key user network",
    "Night shift",
    "Drivers",
];
const GROUP_NAMES_ZH: &[&str] = &["沿线商户", "业主委员会", "施工班组", "出租车司机"];
const CITIES_ZH: &[&str] = &["滨江", "江城", "锦绣", "临港", "东湖"];
const TEAM_EN: &[&str] = &["Elena Rossi", "Daniel Ortiz", "Priya Nair", "Tom Harris"];
const TEAM_ZH: &[&str] = &["刘晓燕", "陈立新", "赵海涛", "孙丽娟"];
const ENGAGEMENT: &[&str] = &["unaware", "resistant", "neutral", "supportive", "leading"];
const ENGAGEMENT_ZH: &[&str] = &["不知晓", "抵制", "中立", "支持", "领导"];
const ISSUES: &[&str] = &[
    "Go-live date",
    "Process standardisation",
    "Budget",
    "站点出入口选址",
    "征地拆迁补偿标准",
    "施工噪声管控",
];
const STANCES: &[&str] = &[
    "support", "oppose", "neutral", "mixed", "支持", "反对", "中立",
];
const RELATIONS: &[&str] = &["ally", "conflict", "reports-to", "influences", "member-of"];
const CHANNELS_EN: &[&str] = &["meeting", "email", "call", "workshop", "visit", "report"];
const CHANNELS_ZH: &[&str] = &["会议", "微信", "电话", "走访", "座谈会", "书面报告"];
const FREQUENCIES_EN: &[&str] = &[
    "weekly",
    "biweekly",
    "monthly",
    "quarterly",
    "every 10 days",
];
const FREQUENCIES_ZH: &[&str] = &["每周", "每两周", "每月", "每季度", "按需"];
const SENTIMENTS_EN: &[&str] = &["positive", "neutral", "negative", "4", "2"];
const SENTIMENTS_ZH: &[&str] = &["正面", "中立", "负面", "positive", "3"];
const SUMMARIES_EN: &[&str] = &[
    "Walked through the cut-over plan and the fallback options for the first weekend",
    "Raised concerns about overtime during user acceptance testing and asked for cover",
    "Agreed the reporting format for the steering committee pack",
    "Reviewed the data migration dry run; two open defects on open purchase orders",
    "Asked for a second training session for the night shift",
];
const SUMMARIES_ZH: &[&str] = &[
    "现场踏勘，沿线商户反映施工围挡影响客流，要求缩短围挡周期",
    "座谈会上讨论出入口方案，居民代表要求补充无障碍设施",
    "电话沟通拆迁补偿进度，对评估结果有异议，约定下周复核",
    "微信群通报夜间施工计划，收到三条投诉，已转施工单位处理",
    "专题会议审议交通疏解方案，原则同意，要求加强早高峰疏导",
];
const NOTES_EN: &[&str] = &[
    "Prefers short written updates before meetings and reads everything on paper.",
    "Has a long history with the previous system and is worried about losing reports.",
    "Influential with the shift leaders; if she is convinced, the floor follows.",
];
const NOTES_ZH: &[&str] = &[
    "习惯先看书面材料再开会，沟通时宜提前两天发送会议资料。",
    "对前期征地工作有意见，需由分管领导出面沟通。",
    "在社区有较高威望，其态度直接影响居民对工程的看法。",
];

/// One stakeholder's identity: its id, display name, language and folder.
struct Who {
    id: String,
    name: String,
    chinese: bool,
    folder: String,
}

fn identities(count: usize, rng: &mut Rng) -> Vec<Who> {
    (0..count)
        .map(|i| {
            let chinese = rng.chance(50);
            let folder = match rng.below(10) {
                0 => "orgs".to_owned(),
                1 => "groups".to_owned(),
                _ => format!("people/{}", rng.pick(DEPARTMENTS)),
            };
            let (id, name) = match (folder.as_str(), chinese) {
                ("orgs", true) => (
                    format!("org-{i}"),
                    format!("{}{}", rng.pick(CITIES_ZH), rng.pick(ORG_NAMES_ZH)),
                ),
                ("orgs", false) => (
                    format!("org-{i}"),
                    format!("{} {}", rng.pick(LAST), rng.pick(ORG_NAMES_EN)),
                ),
                ("groups", true) => (
                    format!("group-{i}"),
                    format!("{}{}", rng.pick(CITIES_ZH), rng.pick(GROUP_NAMES_ZH)),
                ),
                ("groups", false) => (
                    format!("group-{i}"),
                    format!("{} ({})", rng.pick(GROUP_NAMES_EN), rng.pick(DEPARTMENTS)),
                ),
                (_, true) => {
                    let (xing, xing_py) = XING[rng.below(XING.len())];
                    let (ming, ming_py) = MING[rng.below(MING.len())];
                    (format!("{xing_py}-{ming_py}-{i}"), format!("{xing}{ming}"))
                }
                (_, false) => {
                    let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
                    let id = format!("{}-{}-{i}", first.to_lowercase(), last.to_lowercase());
                    (id, format!("{first} {last}"))
                }
            };
            Who {
                id,
                name,
                chinese,
                folder,
            }
        })
        .collect()
}

/// A date `days` after 2025-01-01, as `YYYY-MM-DD` (a simple proleptic calendar walk).
fn date(days: usize) -> String {
    let mut year = 2025;
    let mut day = days;
    loop {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let len = if leap { 366 } else { 365 };
        if day < len {
            let months = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            let mut month = 0;
            while day >= months[month] {
                day -= months[month];
                month += 1;
            }
            return format!("{year}-{:02}-{:02}", month + 1, day + 1);
        }
        day -= len;
        year += 1;
    }
}

fn stakeholder(me: usize, all: &[Who], rng: &mut Rng) -> String {
    let who = &all[me];
    let zh = who.chinese;
    let (levels, channels, frequencies, sentiments, team) = if zh {
        (
            LEVELS_ZH,
            CHANNELS_ZH,
            FREQUENCIES_ZH,
            SENTIMENTS_ZH,
            TEAM_ZH,
        )
    } else {
        (
            LEVELS_EN,
            CHANNELS_EN,
            FREQUENCIES_EN,
            SENTIMENTS_EN,
            TEAM_EN,
        )
    };
    let mut s = String::with_capacity(4096);
    let _ = writeln!(s, "---\nname: {}", who.name);
    let kind = match who.folder.as_str() {
        "orgs" => "organization",
        "groups" => "group",
        _ => "person",
    };
    let _ = writeln!(s, "type: {kind}");
    let _ = writeln!(
        s,
        "role: {}\norganization: {}",
        rng.pick(if zh { ROLES_ZH } else { ROLES_EN }),
        rng.pick(if zh { ORGS_ZH } else { ORGS_EN })
    );
    let category = match (zh, rng.chance(50)) {
        (true, true) => "内部",
        (true, false) => "外部",
        (false, true) => "internal",
        (false, false) => "external",
    };
    let _ = writeln!(s, "category: {category}");
    let _ = writeln!(s, "involvement: {}", if zh { "直接" } else { "direct" });
    for field in ["power", "interest"] {
        let _ = writeln!(s, "{field}: {}", rng.pick(levels));
    }
    for field in ["influence", "impact", "legitimacy", "urgency"] {
        if rng.chance(60) {
            let _ = writeln!(s, "{field}: {}", rng.pick(levels));
        }
    }
    if rng.chance(10) {
        let _ = writeln!(s, "key: true");
    }
    let current = rng.below(ENGAGEMENT.len());
    let desired = current + rng.below(ENGAGEMENT.len() - current);
    let words = if zh { ENGAGEMENT_ZH } else { ENGAGEMENT };
    let _ = writeln!(
        s,
        "engagement:\n  current: {}\n  desired: {}",
        words[current], words[desired]
    );
    let owner = rng.pick(team);
    let _ = writeln!(s, "owner: {owner}");
    for list in ["needs", "expectations"] {
        let _ = writeln!(s, "{list}:");
        for _ in 0..2 + rng.below(2) {
            let text = rng.pick(if zh { SUMMARIES_ZH } else { SUMMARIES_EN });
            let _ = writeln!(s, "  - {text}");
        }
    }
    let _ = writeln!(s, "positions:");
    for _ in 0..1 + rng.below(3) {
        let _ = writeln!(
            s,
            "  - issue: {}\n    stance: {}",
            rng.pick(ISSUES),
            rng.pick(STANCES)
        );
        if rng.chance(50) {
            let note = rng.pick(if zh { NOTES_ZH } else { NOTES_EN });
            let _ = writeln!(s, "    note: {note}");
        }
    }
    let _ = writeln!(s, "communication:");
    for _ in 0..1 + rng.below(2) {
        let _ = writeln!(
            s,
            "  - content: {}\n    channel: {}\n    frequency: {}\n    owner: {owner}\n    starts: {}",
            if zh {
                "进度通报"
            } else {
                "Progress update"
            },
            rng.pick(channels),
            rng.pick(frequencies),
            date(30 + rng.below(300))
        );
    }
    let _ = writeln!(s, "relationships:");
    let mut others = Vec::new();
    while others.len() < 3.min(all.len() - 1) {
        let other = rng.below(all.len());
        if other != me && !others.contains(&other) {
            others.push(other);
        }
    }
    for other in others {
        let _ = writeln!(
            s,
            "  - with: {}\n    type: {}\n    strength: {}",
            all[other].id,
            rng.pick(RELATIONS),
            rng.pick(levels)
        );
    }
    let _ = writeln!(s, "interactions:");
    let mut day = rng.below(60);
    for _ in 0..8 + rng.below(5) {
        day += 1 + rng.below(40);
        let _ = writeln!(
            s,
            "  - date: {}\n    channel: {}\n    summary: {}\n    sentiment: {}\n    by: {owner}",
            date(day),
            rng.pick(channels),
            rng.pick(if zh { SUMMARIES_ZH } else { SUMMARIES_EN }),
            rng.pick(sentiments)
        );
        if rng.chance(30) {
            let _ = writeln!(
                s,
                "    follow_up:\n      action: {}\n      due: {}\n      done: {}",
                if zh {
                    "书面答复意见"
                } else {
                    "Send the revised schedule"
                },
                date(day + rng.below(21)),
                rng.chance(50)
            );
        }
    }
    let _ = writeln!(
        s,
        "tags: [{}, wave-{}]",
        rng.pick(DEPARTMENTS),
        1 + rng.below(3)
    );
    let _ = writeln!(
        s,
        "contact:\n  email: {}@example.org\n  phone: \"+86 571 {:04} {:04}\"",
        who.id,
        rng.below(10_000),
        rng.below(10_000)
    );
    if rng.chance(10) {
        let _ = writeln!(s, "confidential: [contact, notes]");
    }
    let _ = writeln!(s, "next_review: {}\n---\n", date(400 + rng.below(200)));
    let _ = writeln!(s, "# {}\n", who.name);
    for _ in 0..2 + rng.below(3) {
        let _ = writeln!(s, "{}\n", rng.pick(if zh { NOTES_ZH } else { NOTES_EN }));
    }
    s
}

const PROJECT: &str = "---
name: Synthetic register
code: SYN-1
manager: Elena Rossi
language: en
as_of: 2026-11-20
thresholds: 4
cadence:
  manage-closely: {channel: meeting, frequency: weekly}
  monitor: {channel: email, frequency: quarterly}
silent_after_days: 60
confidential: [contact, notes]
---

A generated register for benchmarks: the same seed always gives the same files.
";

/// Writes a register of `count` stakeholders into `dir` (which must exist) and returns
/// the number of bytes written.
pub(crate) fn generate(dir: &Path, count: usize, seed: u64) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let all = identities(count, &mut rng);
    fs::write(dir.join("_project.md"), PROJECT)?;
    let mut bytes = PROJECT.len() as u64;
    for me in 0..all.len() {
        let text = stakeholder(me, &all, &mut rng);
        let folder = dir.join(&all[me].folder);
        fs::create_dir_all(&folder)?;
        fs::write(folder.join(format!("{}.md", all[me].id)), &text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}
