//! The description of each chart: what a screen reader says of it, and what the PDF
//! prints under it. Counts and dates are the chart's own, already written.

use super::{Language, pick};

/// The power/interest grid of `placed` stakeholders, `high` of them high on both axes;
/// `withheld` when some key statuses are left out of the edition.
pub fn grid(language: Language, placed: usize, high: usize, withheld: bool) -> String {
    let grey = if withheld {
        pick(
            language,
            "; grey dots are stakeholders whose key status is not in this edition",
            "；灰色圆点的是否关键未列入本版",
        )
    } else {
        ""
    };
    pick(
        language,
        "{placed} stakeholders placed by interest (across) and power (up); {high} of them have high power and high interest. Filled dots are key stakeholders{grey}.",
        "按利益（横轴）和权力（纵轴）排列的 {placed} 个干系人，其中 {high} 个权力和利益均高。实心圆点为关键干系人{grey}。",
    )
    .replace("{placed}", &placed.to_string())
    .replace("{high}", &high.to_string())
    .replace("{grey}", grey)
}

/// The engagement matrix of `shown` of `total` assessed stakeholders, `gaps` of them
/// below or above the desired level.
pub fn engagement(language: Language, shown: usize, total: usize, gaps: usize) -> String {
    pick(
        language,
        "Current (C) and desired (D) engagement of {shown} of {total} stakeholders, from unaware to leading; {gaps} have a gap.",
        "{total} 个干系人中 {shown} 个的当前（C）与期望（D）参与度，从不知晓到领导；其中 {gaps} 个存在差距。",
    )
    .replace("{shown}", &shown.to_string())
    .replace("{total}", &total.to_string())
    .replace("{gaps}", &gaps.to_string())
}

/// The network of `shown` of `total` connected stakeholders with `edges` relationships,
/// `conflicts` of them conflicts; `sized` when dot size shows centrality.
pub fn network(
    language: Language,
    shown: usize,
    total: usize,
    edges: usize,
    conflicts: usize,
    sized: bool,
) -> String {
    let size = if sized {
        pick(
            language,
            " Larger dots are more central.",
            "圆点越大越处于网络中心。",
        )
    } else {
        ""
    };
    pick(
        language,
        "Relationships among {shown} of {total} connected stakeholders, grouped by alliances; {edges} relationships, {conflicts} of them conflicts.{size}",
        "{total} 个有关系的干系人中 {shown} 个之间的关系，按同盟分组；共 {edges} 条关系，其中冲突 {conflicts} 条。{size}",
    )
    .replace("{shown}", &shown.to_string())
    .replace("{total}", &total.to_string())
    .replace("{edges}", &edges.to_string())
    .replace("{conflicts}", &conflicts.to_string())
    .replace("{size}", size)
}

/// The report's sentiment panels: `shown` of `total` stakeholders with two or more
/// ratings, from `start` to `end` (written dates).
pub fn sentiment(language: Language, shown: usize, total: usize, start: &str, end: &str) -> String {
    pick(
        language,
        "Satisfaction from 1 to 5 over time for {shown} of {total} stakeholders with at least two rated interactions, {start} to {end}.",
        "{total} 个至少有两次评分往来的干系人中 {shown} 个的满意度（1–5 分）变化，{start} 至 {end}。",
    )
    .replace("{shown}", &shown.to_string())
    .replace("{total}", &total.to_string())
    .replace("{start}", start)
    .replace("{end}", end)
}

/// One stakeholder's sentiment panel (a profile page) from `start` to `end`.
pub fn sentiment_of(language: Language, name: &str, start: &str, end: &str) -> String {
    // The name goes in last: a name with `{start}` in it stays as written.
    pick(
        language,
        "Satisfaction of {name} from 1 to 5 over time, {start} to {end}.",
        "{name}的满意度（1–5 分）变化，{start} 至 {end}。",
    )
    .replace("{start}", start)
    .replace("{end}", end)
    .replace("{name}", name)
}

/// The engagement index at `points` points from `first` to `last` (dates as written),
/// `latest` at the last (`None`: not computable).
pub fn index(
    language: Language,
    points: usize,
    first: &str,
    last: &str,
    latest: Option<u8>,
) -> String {
    let latest = latest.map_or_else(
        || pick(language, "none", "无").to_owned(),
        |i| i.to_string(),
    );
    pick(
        language,
        "The engagement index (0–100) at {points} points from {first} to {last}: each commit that changed the register, then now ({latest}). Tags are written above their points where they fit.",
        "参与度指数（0–100）从 {first} 到 {last} 的 {points} 个点：每次修改登记册的提交，最后为当前（{latest}）。标签在放得下时标在点的上方。",
    )
    .replace("{points}", &points.to_string())
    .replace("{first}", first)
    .replace("{last}", last)
    .replace("{latest}", &latest)
}

/// The grid of the `moved` stakeholders whose cell changed since `rev`.
pub fn moves(language: Language, moved: usize, rev: &str) -> String {
    pick(
        language,
        "The {moved} stakeholders whose power or interest changed since {rev}, placed where they are now; an arrow runs from the hollow mark in the cell they were in to their dot.",
        "自 {rev} 以来权力或利益发生变化的 {moved} 个干系人，按当前位置排列；箭头从原所在格中的空心标记指向当前圆点。",
    )
    .replace("{moved}", &moved.to_string())
    .replace("{rev}", rev)
}
