//! A representative report built by hand, for the renderer's tests, the `pdf_demo` example
//! and the benchmark, while reports built from registers live elsewhere.
//!
//! Everything is derived from the stakeholder list with a fixed arithmetic scatter, so a
//! document is the same on every run.

use crate::document::{
    AlertKind, Align, Block, Chart, ChartLabels, Document, EngagementChart, EngagementRow,
    EngagementWords, GridChart, GridPoint, GridWords, KeyMark, NetworkChart, NetworkEdge,
    NetworkNode, NetworkWords, Run, SentimentChart, SentimentSeries, Table,
};

/// A stakeholder as the sample report needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Id (also the profile anchor).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Organisation.
    pub organization: String,
    /// Power 1–5.
    pub power: u8,
    /// Interest 1–5.
    pub interest: u8,
    /// Key stakeholder.
    pub key: bool,
}

/// `n` made-up stakeholders, English or Chinese.
pub fn people(n: usize, chinese: bool) -> Vec<Person> {
    const FIRST: [&str; 16] = [
        "Anna", "James", "Claire", "Frank", "Helen", "Linda", "Mark", "Sofia", "Rahul", "Grace",
        "Tom", "Mei", "Olivier", "Priya", "Lukas", "Nadia",
    ];
    const LAST: [&str; 16] = [
        "Kowalski", "Whitaker", "Dubois", "Doyle", "Brandt", "Park", "Sullivan", "Rossi", "Mehta",
        "O'Neill", "Becker", "Chen", "Laurent", "Nair", "Schmidt", "Haddad",
    ];
    const SURNAME: [&str; 16] = [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
        "林",
    ];
    const GIVEN: [&str; 16] = [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
        "明",
    ];
    const ROLE_EN: [&str; 6] = [
        "Programme sponsor",
        "Head of finance",
        "Plant manager",
        "Works council chair",
        "IT architect",
        "Procurement lead",
    ];
    const ROLE_ZH: [&str; 6] = [
        "项目发起人",
        "财务总监",
        "区政府副区长",
        "居民代表",
        "施工总承包项目经理",
        "媒体记者",
    ];
    const ORG_EN: [&str; 4] = [
        "Northwind Holdings",
        "SAP SE",
        "Works Council",
        "Harbour Logistics GmbH",
    ];
    const ORG_ZH: [&str; 4] = [
        "市轨道交通集团",
        "区人民政府",
        "中铁某局（总承包）",
        "市电力公司",
    ];
    (0..n)
        .map(|i| {
            let scatter = i * 7 + i / 5;
            let name = if chinese {
                let extra = if i % 3 == 0 {
                    GIVEN[(i / 16 + 5) % 16]
                } else {
                    ""
                };
                format!("{}{}{}", SURNAME[i % 16], GIVEN[(i / 16 + i) % 16], extra)
            } else {
                format!("{} {}", FIRST[i % 16], LAST[(i / 16 + i * 3) % 16])
            };
            Person {
                id: format!("s{i:04}"),
                name,
                role: if chinese {
                    ROLE_ZH[i % 6]
                } else {
                    ROLE_EN[i % 6]
                }
                .to_string(),
                organization: if chinese {
                    ORG_ZH[i % 4]
                } else {
                    ORG_EN[i % 4]
                }
                .to_string(),
                power: (scatter % 5) as u8 + 1,
                interest: ((scatter / 3 + i) % 5) as u8 + 1,
                key: i % 4 == 0,
            }
        })
        .collect()
}

fn text(s: &str) -> Run {
    Run::plain(s)
}

fn strong(s: &str) -> Run {
    Run {
        text: s.into(),
        strong: true,
        ..Run::default()
    }
}

fn heading(level: u8, title: &str, id: &str) -> Block {
    Block::Heading {
        level,
        runs: vec![text(title)],
        id: id.into(),
    }
}

fn para(runs: Vec<Run>) -> Block {
    Block::Paragraph(runs)
}

fn cell(s: &str) -> Vec<Run> {
    vec![text(s)]
}

fn bullets(items: Vec<Vec<Block>>) -> Block {
    Block::List { start: None, items }
}

/// The labels of the sample report.
struct Words {
    zh: bool,
}

impl Words {
    fn pick<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        if self.zh { zh } else { en }
    }
}

/// A report about `people`: summary, charts, a register table, a touch log of
/// `touches` rows, and a profile per stakeholder.
pub fn report(people: &[Person], chinese: bool, touches: usize) -> Document {
    let w = Words { zh: chinese };
    let title = w.pick(
        "Stakeholder report: ERP rollout",
        "干系人报告：地铁 5 号线工程",
    );
    let mut blocks = vec![heading(1, title, "top")];

    blocks.push(heading(
        2,
        w.pick("Executive summary", "执行摘要"),
        "summary",
    ));
    blocks.push(para(vec![
        text(w.pick(
            "This report covers ",
            "本报告涵盖",
        )),
        strong(&people.len().to_string()),
        text(w.pick(
            " stakeholders of the ERP rollout. The steering committee meets before go-live; \
             the sponsor reads this report first, so the ",
            "位干系人。指导委员会将在开通前召开会议，项目发起人会首先阅读本报告，因此",
        )),
        Run {
            text: w.pick("key risks", "关键风险").into(),
            emphasis: true,
            ..Run::default()
        },
        text(w.pick(
            " come first. Integration with SAP S/4HANA and the MES (manufacturing execution \
             system) is on track, while the works council has not yet agreed to the new shift \
             reporting.",
            "排在最前面。与SAP S/4HANA及MES（制造执行系统）的集成进展顺利，但沿线居民对夜间施工噪声仍有较大意见，\
             区政府要求在12月底前提交《施工扰民专项方案》。",
        )),
    ]));
    blocks.push(Block::Alert {
        alert: AlertKind::Warning,
        blocks: vec![para(vec![text(w.pick(
            "Three key stakeholders have had no contact for more than 45 days. Schedule a \
             meeting before the steering committee on 2026-12-03.",
            "三位关键干系人已超过45天未联系。请在2026年12月3日指导委员会会议前安排会面。",
        ))])],
    });
    blocks.push(bullets(vec![
        vec![para(vec![text(w.pick(
            "Manage closely: sponsor, finance and the works council.",
            "重点管理：项目发起人、财务部门与居民代表。",
        ))])],
        vec![
            para(vec![text(w.pick("Open actions:", "待办事项："))]),
            bullets(vec![
                vec![para(vec![text(w.pick(
                    "Agree the cut-over weekend with plant management.",
                    "与区政府确认夜间施工许可。",
                ))])],
                vec![para(vec![
                    text(w.pick("Publish the FAQ at ", "在")),
                    Run {
                        text: "https://intranet.example.com/erp/faq".into(),
                        link: Some("https://intranet.example.com/erp/faq".into()),
                        ..Run::default()
                    },
                    text(w.pick(".", "发布常见问题解答。")),
                ])],
            ]),
        ],
        vec![para(vec![
            text(w.pick("See the ", "详见")),
            Run {
                text: w.pick("stakeholder register", "干系人登记册").into(),
                link: Some("#register".into()),
                ..Run::default()
            },
            text(w.pick(" for every name.", "中的全部名单。")),
        ])],
    ]));
    blocks.push(Block::List {
        start: Some(1),
        items: vec![
            vec![para(vec![text(
                w.pick("Confirm the go-live date.", "确认开通日期。"),
            )])],
            vec![para(vec![text(w.pick(
                "Brief the works council on shift reporting.",
                "向居民代表通报施工安排。",
            ))])],
            vec![para(vec![text(w.pick(
                "Close the data migration sign-off.",
                "完成数据迁移验收。",
            ))])],
        ],
    });

    blocks.push(heading(
        2,
        w.pick("Power and interest", "权力与利益"),
        "grid",
    ));
    blocks.push(para(vec![text(w.pick(
        "Each stakeholder is placed by power and interest; filled dots are key stakeholders.",
        "每位干系人按权力与利益定位；实心圆点表示关键干系人。",
    ))]));
    blocks.push(Block::chart(grid(people, &w)));

    blocks.push(heading(2, w.pick("Engagement", "参与度评估"), "engagement"));
    blocks.push(Block::chart(engagement(people, &w)));

    blocks.push(heading(2, w.pick("Relationships", "关系网络"), "network"));
    blocks.push(Block::chart(network(people, &w)));

    blocks.push(heading(
        2,
        w.pick("Sentiment over time", "态度变化趋势"),
        "sentiment",
    ));
    blocks.push(Block::chart(sentiment(people, &w)));

    blocks.push(heading(
        2,
        w.pick("Stakeholder register", "干系人登记册"),
        "register",
    ));
    blocks.push(Block::Table(register_table(people, &w)));

    blocks.push(heading(2, w.pick("Touch log", "沟通记录"), "touches"));
    blocks.push(Block::Table(touch_table(people, &w, touches)));
    blocks.push(Block::Quote(vec![para(vec![text(w.pick(
        "\u{201c}Nobody told us the shift reports would change.\u{201d} (works council, 2026-10-02)",
        "“没有人告诉我们施工时间会改。”（居民代表，2026-10-02）",
    ))])]));
    blocks.push(Block::Code(
        "stake check samples/erp-rollout\nstake build --format pdf".into(),
    ));
    blocks.push(Block::Rule);

    blocks.push(heading(2, w.pick("Profiles", "干系人档案"), "profiles"));
    for p in people {
        blocks.push(heading(3, &p.name, &p.id));
        blocks.push(para(vec![
            strong(w.pick("Role: ", "职务：")),
            text(&format!("{}, {}", p.role, p.organization)),
            Run {
                line_break: true,
                ..Run::default()
            },
            strong(w.pick("Position: ", "定位：")),
            text(&format!(
                "{} {} / {} {}",
                w.pick("power", "权力"),
                p.power,
                w.pick("interest", "利益"),
                p.interest
            )),
        ]));
        blocks.push(para(vec![text(w.pick(
            "Concerned about the cut-over weekend and the training plan; prefers short written \
             updates before each steering committee and a call after go-live.",
            "关注开通前的施工安排与培训计划；希望在每次指导委员会会议前收到简短的书面通报，并在开通后电话沟通。",
        ))]));
    }

    Document {
        title: title.into(),
        subtitle: Some(
            w.pick("ERP-2026 · as of 2026-11-20", "M5-2026 · 截至 2026-11-20")
                .into(),
        ),
        author: Some(
            w.pick("Helen Brandt, project manager", "林明，项目经理")
                .into(),
        ),
        subject: Some(
            w.pick("Stakeholder analysis and engagement", "干系人分析与沟通")
                .into(),
        ),
        date: jiff::civil::date(2026, 11, 20),
        language: if chinese {
            crate::register::vocab::Language::ZhCn
        } else {
            crate::register::vocab::Language::En
        },
        edition: crate::document::Edition::Internal,
        blocks,
    }
}

fn labels(title: &str, x: &str, y: &str) -> ChartLabels {
    ChartLabels {
        title: title.into(),
        x_axis: x.into(),
        y_axis: y.into(),
        description: String::new(),
    }
}

/// The `N` words of `words`, in order.
fn words_of<const N: usize>(words: &[&str]) -> [String; N] {
    std::array::from_fn(|i| words.get(i).map_or_else(String::new, |w| (*w).to_owned()))
}

fn grid(people: &[Person], w: &Words) -> Chart {
    Chart::Grid(GridChart {
        labels: labels(
            w.pick("Power/interest grid", "权力/利益方格"),
            w.pick("Interest", "利益"),
            w.pick("Power", "权力"),
        ),
        words: {
            // The quadrant names, then the level names, as the build gives them.
            let extra: &[&str] = &if w.zh {
                [
                    "重点管理",
                    "令其满意",
                    "随时告知",
                    "监督",
                    "很低",
                    "低",
                    "中",
                    "高",
                    "很高",
                ]
            } else {
                [
                    "Manage closely",
                    "Keep satisfied",
                    "Keep informed",
                    "Monitor",
                    "very low",
                    "low",
                    "medium",
                    "high",
                    "very high",
                ]
            };
            GridWords {
                quadrants: words_of(&extra[..4]),
                levels: words_of(&extra[4..]),
                key: w.pick("Filled: key stakeholder", "实心：关键干系人").into(),
                key_withheld: String::new(),
            }
        },
        threshold: 3,
        points: people
            .iter()
            .map(|p| GridPoint {
                id: p.id.clone(),
                label: p.name.clone(),
                interest: p.interest,
                power: p.power,
                key: KeyMark::of(Some(p.key)),
                attention: 0,
            })
            .collect(),
        moves: Vec::new(),
    })
}

fn engagement(people: &[Person], w: &Words) -> Chart {
    Chart::Engagement(EngagementChart {
        labels: labels(
            w.pick("Engagement assessment matrix", "干系人参与度评估矩阵"),
            "",
            "",
        ),
        words: {
            // The level names, then the words for current and desired.
            let extra: &[&str] = &if w.zh {
                ["不了解", "抵制", "中立", "支持", "领导", "当前", "期望"]
            } else {
                [
                    "Unaware",
                    "Resistant",
                    "Neutral",
                    "Supportive",
                    "Leading",
                    "current",
                    "desired",
                ]
            };
            EngagementWords {
                levels: words_of(&extra[..5]),
                current: extra[5].into(),
                desired: extra[6].into(),
            }
        },
        rows: people
            .iter()
            .enumerate()
            .map(|(i, p)| EngagementRow {
                id: p.id.clone(),
                label: p.name.clone(),
                current: (i % 11 != 0).then_some((i % 4) as u8 + 1),
                desired: Some(if p.key { 5 } else { 4 }.min((i % 4) as u8 + 2)),
            })
            .collect(),
    })
}

fn network(people: &[Person], w: &Words) -> Chart {
    let n = people.len().max(1);
    let nodes: Vec<NetworkNode> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // Rings by power: the powerful in the middle.
            let ring = f64::from(6 - p.power) / 6.0;
            let angle = i as f64 / n as f64 * std::f64::consts::TAU * 3.0;
            NetworkNode {
                id: p.id.clone(),
                label: p.name.clone(),
                x: 0.5 + 0.48 * ring * angle.cos(),
                y: 0.5 + 0.45 * ring * angle.sin(),
                weight: Some(f64::from(p.power) / 5.0),
                key: KeyMark::of(Some(p.key)),
            }
        })
        .collect();
    let kinds = crate::register::vocab::RelationKind::ALL;
    let edges = (1..nodes.len())
        .flat_map(|i| {
            let a = NetworkEdge {
                from: i,
                to: i / 3,
                kind: kinds[i % 5],
                note: None,
            };
            let b = (i % 4 == 0).then(|| NetworkEdge {
                from: i,
                to: (i * 7) % nodes.len(),
                kind: kinds[(i / 4) % 5],
                note: None,
            });
            std::iter::once(a).chain(b)
        })
        .filter(|e| e.from != e.to)
        .collect();
    Chart::Network(NetworkChart {
        labels: labels(w.pick("Relationship network", "干系人关系网络"), "", ""),
        words: {
            let extra: &[&str] = &if w.zh {
                ["盟友", "冲突", "汇报", "影响", "隶属"]
            } else {
                ["Ally", "Conflict", "Reports to", "Influences", "Member of"]
            };
            NetworkWords {
                relations: words_of(extra),
                central: w.pick("Larger: more central", "越大越处于中心").into(),
                key: w.pick("Filled: key stakeholder", "实心：关键干系人").into(),
                key_withheld: String::new(),
            }
        },
        nodes,
        edges,
    })
}

fn sentiment(people: &[Person], w: &Words) -> Chart {
    let dates = [
        "2026-03-02",
        "2026-05-11",
        "2026-07-20",
        "2026-09-14",
        "2026-11-16",
    ];
    let series = people
        .iter()
        .filter(|p| p.key)
        .take(8)
        .enumerate()
        .map(|(k, p)| SentimentSeries {
            id: p.id.clone(),
            label: p.name.clone(),
            points: dates
                .iter()
                .enumerate()
                .map(|(d, date)| {
                    // Gentle swings around a per-person mood, in half steps.
                    let phase = k as f64 * 1.7 + d as f64 * (0.45 + 0.15 * (k % 3) as f64);
                    let score = ((3.0 + 1.4 * phase.sin()) * 2.0).round() / 2.0;
                    (date.parse().expect("the sample's dates exist"), score)
                })
                .collect(),
        })
        .collect();
    Chart::Sentiment(SentimentChart {
        labels: labels(w.pick("Sentiment over time", "态度变化"), "", ""),
        range_written: {
            // The first and last date, written out.
            let [first, last] = if w.zh {
                ["2026年1月1日", "2026年11月20日"]
            } else {
                ["1 Jan 2026", "20 Nov 2026"]
            };
            (first.to_owned(), last.to_owned())
        },
        range: (
            jiff::civil::date(2026, 1, 1),
            jiff::civil::date(2026, 11, 20),
        ),
        series,
    })
}

fn register_table(people: &[Person], w: &Words) -> Table {
    let header = [
        w.pick("Stakeholder", "干系人"),
        w.pick("Role", "职务"),
        w.pick("Organisation", "单位"),
        w.pick("Power", "权力"),
        w.pick("Interest", "利益"),
        w.pick("Key", "关键"),
    ];
    Table {
        align: vec![
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Center,
            Align::Center,
            Align::Center,
        ],
        header: header.iter().map(|h| cell(h)).collect(),
        rows: people
            .iter()
            .map(|p| {
                vec![
                    vec![Run {
                        text: p.name.clone(),
                        link: Some(format!("#{}", p.id)),
                        ..Run::default()
                    }],
                    cell(&p.role),
                    cell(&p.organization),
                    cell(&p.power.to_string()),
                    cell(&p.interest.to_string()),
                    cell(if p.key { w.pick("yes", "是") } else { "" }),
                ]
            })
            .collect(),
    }
}

fn touch_table(people: &[Person], w: &Words, rows: usize) -> Table {
    let channels = if w.zh {
        ["会议", "电话", "邮件", "现场走访"]
    } else {
        ["Meeting", "Call", "Email", "Site visit"]
    };
    let notes = if w.zh {
        [
            "讨论夜间施工噪声问题，同意增设隔音屏障。",
            "确认12月3日指导委员会议程。",
            "对换乘站出入口位置提出异议（涉及3户居民）。",
            "同意",
        ]
    } else {
        [
            "Walked through the cut-over plan; agreed to a dry run in week 48.",
            "Confirmed the agenda for the steering committee on 2026-12-03.",
            "Raised concerns about overtime during hypercare (three teams affected).",
            "Agreed.",
        ]
    };
    Table {
        align: vec![Align::Left, Align::Left, Align::Left, Align::Left],
        header: [
            w.pick("Date", "日期"),
            w.pick("Stakeholder", "干系人"),
            w.pick("Channel", "方式"),
            w.pick("Summary", "摘要"),
        ]
        .iter()
        .map(|h| cell(h))
        .collect(),
        rows: (0..rows)
            .map(|r| {
                let p = &people[r % people.len().max(1)];
                vec![
                    cell(&format!("2026-{:02}-{:02}", 1 + r % 11, 1 + (r * 7) % 28)),
                    cell(&p.name),
                    cell(channels[r % 4]),
                    cell(notes[(r / 2) % 4]),
                ]
            })
            .collect(),
    }
}
