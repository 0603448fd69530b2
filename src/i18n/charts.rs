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
