//! The label table (`t` in templates) and dates, levels and frequencies as each language
//! writes them.
//!
//! Templates see the labels as `t`: `{{ t.report }}`, `{{ t.quadrant[s.quadrant] }}`.
//! Enumerations are keyed by their kebab-case English value, as in the analysis JSON.

use serde_json::{Map, Value};

use super::pick;
use crate::document::Edition;
use crate::register::day_rule::{DayRule, weekday_chinese};
use crate::register::vocab::{Date, Frequency, Language, Level};

/// (key, English, Chinese). A dotted key is a map: `quadrant.monitor`.
const LABELS: &[(&str, &str, &str)] = &[
    // Pages and sections.
    ("dashboard", "Stakeholder dashboard", "干系人概览"),
    ("report", "Stakeholder report", "干系人分析报告"),
    ("communication_plan", "Communication plan", "沟通计划"),
    (
        "full_plan",
        "The plan week by week, each owner's load and the calendar file",
        "逐周安排、负责人工作量与日历文件见",
    ),
    ("profile", "Stakeholder profile", "干系人档案"),
    ("contents", "Contents", "目录"),
    ("introduction", "Introduction", "项目背景"),
    ("register", "Stakeholder register", "干系人登记册"),
    ("classification", "Classification", "干系人分类"),
    ("grid", "Power/interest grid", "权力/利益方格"),
    ("salience", "Salience", "凸显性模型"),
    (
        "engagement",
        "Engagement assessment matrix",
        "参与度评估矩阵",
    ),
    ("network", "Relationship network", "关系网络"),
    ("conflicts", "Conflicts and issues", "冲突与议题"),
    ("issue_map", "Issue map", "议题立场图"),
    (
        "conflicts_note",
        "Conflict relationships, then the issues on which key stakeholders take opposite sides; the issue map below has everyone's positions.",
        "先列冲突关系，再列关键干系人立场相反的议题；所有人的立场见下方议题立场图。",
    ),
    ("sentiment", "Feedback and sentiment", "反馈与态度趋势"),
    ("attention", "Needs attention", "需关注事项"),
    (
        "communication_summary",
        "Communication plan summary",
        "沟通计划摘要",
    ),
    ("schedule", "Schedule", "沟通日程"),
    ("upcoming", "Next touches", "近期沟通"),
    ("all_stakeholders", "All stakeholders", "全部干系人"),
    ("facts", "Facts", "基本信息"),
    ("derived", "Assessment", "分析结论"),
    ("timeline", "Interaction timeline", "往来记录"),
    ("most_central", "Most central stakeholders", "核心干系人"),
    ("open_follow_ups", "Open follow-ups", "未完成的跟进事项"),
    ("meetings", "Meetings", "会议记录"),
    ("meeting_head", "Meeting", "会议"),
    ("decisions", "Decisions", "决定事项"),
    ("planned", "(planned)", "（计划）"),
    // After a date: a meeting dated after the analysis date.
    ("planned_suffix", " (planned)", "（计划）"),
    ("promised_to", "for ", "对象："),
    // Figures and column heads.
    ("stakeholders", "Stakeholders", "干系人"),
    ("key_stakeholders", "Key stakeholders", "关键干系人"),
    ("engagement_index", "Engagement index", "参与度指数"),
    ("engagement_short", "Engagement", "参与度"),
    ("engagement_gaps", "Engagement gaps", "参与度差距"),
    ("overdue_touches", "Overdue touches", "逾期沟通"),
    ("silent_stakeholders", "Silent stakeholders", "沉默干系人"),
    ("findings", "Findings", "发现的问题"),
    ("name", "Name", "名称"),
    ("type", "Type", "类型"),
    ("role", "Role", "职务"),
    ("organization", "Organisation", "单位"),
    ("category", "Category", "内外部"),
    ("involvement", "Involvement", "参与方式"),
    ("power", "Power", "权力"),
    ("interest", "Interest", "利益"),
    ("influence", "Influence", "影响力"),
    ("impact", "Impact", "作用"),
    ("legitimacy", "Legitimacy", "合法性"),
    ("urgency", "Urgency", "紧迫性"),
    ("key", "Key", "关键"),
    ("key_stakeholder", "Key stakeholder", "关键干系人"),
    ("non_key", "Non-key", "非关键"),
    ("owner", "Owner", "负责人"),
    ("quadrant_head", "Quadrant", "象限"),
    ("strategy_head", "Strategy", "管理策略"),
    ("salience_head", "Salience class", "凸显性类别"),
    ("current", "Current", "当前"),
    ("desired", "Desired", "期望"),
    ("gap", "Gap", "差距"),
    ("last_contact", "Last contact", "最近往来"),
    ("next_due", "Next due", "下次沟通"),
    ("overdue_days", "Days overdue", "逾期天数"),
    ("silent", "Silent", "沉默"),
    ("trend", "Trend", "趋势"),
    ("centrality", "Centrality", "中心度"),
    ("legend_central", "Larger: more central", "越大越处于中心"),
    ("legend_key", "Filled: key stakeholder", "实心：关键干系人"),
    (
        "legend_key_withheld",
        "Grey: key status not in this edition",
        "灰色：是否关键未列入本版",
    ),
    ("tags", "Tags", "标签"),
    ("needs", "Needs", "需求"),
    ("expectations", "Expectations", "期望"),
    ("positions", "Positions", "立场"),
    ("issue", "Issue", "议题"),
    ("stance", "Stance", "立场"),
    ("note", "Note", "说明"),
    ("relationships", "Relationships", "关系"),
    ("with", "With", "对象"),
    ("strength", "Strength", "强度"),
    ("date", "Date", "日期"),
    ("channel", "Channel", "方式"),
    ("summary", "Summary", "内容"),
    ("sentiment_head", "Sentiment", "态度"),
    ("by", "By", "经办"),
    ("follow_up", "Follow-up", "跟进事项"),
    ("due", "Due", "期限"),
    ("done", "Done", "已完成"),
    ("open", "Open", "未完成"),
    ("content", "Content", "内容"),
    ("frequency_head", "Frequency", "频率"),
    ("notes", "Notes", "备注"),
    ("next_review", "Next review", "下次复核"),
    ("severity_head", "Severity", "级别"),
    ("file", "File", "文件"),
    ("count", "Count", "数量"),
    ("total", "Total", "合计"),
    ("yes", "yes", "是"),
    ("no", "no", "否"),
    ("none", "—", "—"),
    ("sep", ", ", "、"),
    ("colon", ": ", "："),
    ("period", ".", "。"),
    ("comma", ", ", "，"),
    ("semicolon", "; ", "；"),
    ("contact_field.email", "Email", "电子邮箱"),
    ("contact_field.phone", "Phone", "电话"),
    ("contact_field.mobile", "Mobile", "手机"),
    ("contact_field.address", "Address", "地址"),
    ("contact_field.office", "Office", "办公室"),
    ("contact_field.assistant", "Assistant", "助理"),
    ("contact_field.wechat", "WeChat", "微信"),
    ("lparen", " (", "（"),
    ("rparen", ")", "）"),
    // The sponsor's summary that opens the report with `--since REV`.
    ("sponsor_summary", "Summary for the sponsor", "发起人摘要"),
    ("figure_head", "Figure", "指标"),
    ("change_since", "Change since {rev}", "较 {rev} 的变化"),
    (
        "key_players",
        "Key players (manage closely)",
        "重点管理（关键参与者）",
    ),
    ("most_urgent", "Most urgent", "最紧急的事项"),
    (
        "decisions_since",
        "Decisions recorded since {rev}",
        "{rev} 以来记录的决定",
    ),
    (
        "no_decisions_since",
        "No meeting record since {rev} lists a decision.",
        "{rev} 以来的会议记录未列出决定。",
    ),
    (
        "no_open_follow_ups",
        "No follow-up is open.",
        "没有未完成的跟进事项。",
    ),
    (
        "and_more_below",
        "… and {n} more: the meetings section and the profiles list every one.",
        "……另有 {n} 项，会议一节与各干系人档案列出全部。",
    ),
    // "What changed since …" (`stake build --since REV`).
    (
        "index_over_time",
        "Engagement index over time",
        "参与度指数变化",
    ),
    ("moves_grid", "Moves on the grid", "方格位置移动"),
    ("index_now", "now", "当前"),
    ("changes", "What changed", "近期变化"),
    ("changes_since", "Compared with", "对比版本"),
    ("changes_now", "Now", "当前"),
    ("assessment_history", "Assessment history", "评估历史"),
    ("commit_author", "By", "提交人"),
    ("commit", "Commit", "提交"),
    ("not_in_register", "not in the register", "不在登记册中"),
    ("moved_on_grid", "Moved on the grid", "方格位置变化"),
    ("engagement_changes", "Engagement changes", "参与度变化"),
    ("stance_changes", "Stance changes", "立场变化"),
    ("new_findings", "New findings", "新增关注事项"),
    ("resolved_findings", "Resolved findings", "已解决的关注事项"),
    ("new_conflicts", "New conflicts", "新增冲突"),
    ("resolved_conflicts", "Conflicts resolved", "已化解的冲突"),
    ("added_stakeholders", "New stakeholders", "新增干系人"),
    (
        "removed_stakeholders",
        "No longer in the register",
        "已移出登记册",
    ),
    (
        "no_changes",
        "No grid position, engagement, stance, conflict or finding changed, and nobody was added or removed.",
        "方格位置、参与度、立场、冲突与关注事项均无变化，也没有增减干系人。",
    ),
    ("never", "none recorded", "无记录"),
    // The register shows what was logged, not what happened: "none recorded", never
    // "never". A public edition's word for a fact it leaves out is not "none" either.
    ("withheld", "not in this edition", "本版未列"),
    (
        "withheld_log",
        "The interaction log is not in this edition.",
        "本版未列往来记录。",
    ),
    (
        "sentiment_cut",
        "Panels for {shown} of the {total} stakeholders with two or more ratings, declining and key stakeholders first; every profile has its own panel.",
        "仅列出 {total} 个有两次以上评分的干系人中的 {shown} 个（态度下降者与关键干系人优先）；每位干系人的档案页均有其满意度图。",
    ),
    (
        "engagement_cut",
        "The matrix shows {shown} of the {total} assessed stakeholders, those needing attention first; every profile has its own levels.",
        "矩阵仅列出 {total} 个已评估干系人中的 {shown} 个（需关注者优先）；每位干系人的档案页均有其参与度。",
    ),
    (
        "network_cut",
        "The network shows {shown} of the {total} connected stakeholders, those needing attention first; every profile lists all its relationships.",
        "网络图仅列出 {total} 个有关系的干系人中的 {shown} 个（需关注者优先）；每位干系人的档案页列有其全部关系。",
    ),
    (
        "findings_cut",
        "The first {shown} of {total} findings; the report lists them all.",
        "仅列出 {total} 项中的前 {shown} 项；完整列表见报告。",
    ),
    (
        "centrality_withheld",
        "Centrality is not in this edition: it depends on relationships this edition leaves out.",
        "本版未列中心度：它取决于本版未列的关系。",
    ),
    (
        "index_withheld",
        "The engagement index is not in this edition: it weighs engagement levels this edition leaves out.",
        "本版未列参与度指数：它计入了本版未列的参与度。",
    ),
    (
        "edition_counts",
        "Counts are of what this edition shows.",
        "以上数字仅计本版所列内容。",
    ),
    ("suggested", "suggested", "建议"),
    ("overdue", "overdue", "已逾期"),
    ("as_of", "As of", "基准日"),
    ("manager", "Project manager", "项目经理"),
    ("sponsor", "Sponsor", "发起人"),
    ("code", "Code", "项目编号"),
    ("back_to_report", "Full report", "完整报告"),
    ("home", "Dashboard", "概览"),
    (
        "public_edition",
        "Public edition: confidential fields and records are left out.",
        "公开版：不含保密字段和保密记录。",
    ),
    // The edition line of every page (`t.edition[doc.edition]`), then what it means.
    (
        "edition.internal",
        "Internal edition — do not forward",
        "内部版 · 请勿外传",
    ),
    ("edition.public", "Public edition", "公开版"),
    (
        "edition_note.internal",
        "Internal edition: includes every confidential field and record (contact details and notes unless the project says otherwise). Do not forward it outside the project team; share the public edition (stake build --public) instead.",
        "内部版：含全部保密字段和保密记录（默认包括联系方式和备注），请勿转发给项目组以外的人；对外请分享公开版（stake build --public）。",
    ),
    (
        "edition_note.public",
        "Public edition: confidential fields and records are left out.",
        "公开版：不含保密字段和保密记录。",
    ),
    (
        "no_findings",
        "Nothing needs attention.",
        "目前没有需要关注的事项。",
    ),
    ("no_conflicts", "No conflicts recorded.", "未记录冲突。"),
    (
        "no_interactions",
        "No interactions recorded.",
        "暂无往来记录。",
    ),
    (
        "grid_where",
        "A full cell says how many more it holds; the report lists every stakeholder by quadrant.",
        "格子放不下时显示还有几人；报告按象限列出全部干系人。",
    ),
    ("grid_note", "High starts at level", "“高”的起点为等级"),
    (
        "index_note",
        "Share of the desired engagement reached, weighted by power.",
        "已达到的期望参与度占比（按权力加权）。",
    ),
    (
        "sentiment_note",
        "Satisfaction on a 1–5 scale from the interaction log (positive 4, neutral 3, negative 2).",
        "往来记录中的满意度（1–5 分；正面 4、中立 3、负面 2）。",
    ),
    ("edges", "Relationships", "关系数"),
    (
        "generated",
        "Built by stake from the stakeholder register",
        "由 stake 根据干系人登记册生成",
    ),
    ("page", "Page", "页"),
    // The communication plan, its calendar and exports.
    ("stakeholder", "Stakeholder", "干系人"),
    ("audience", "Audience", "对象"),
    ("audience_of", "{n} stakeholders", "{n} 位干系人"),
    ("audience_more", "and {n} more", "另有 {n} 位"),
    ("id", "Id", "编号"),
    ("touch", "Touch", "沟通"),
    ("overdue_category", "Overdue", "已逾期"),
    ("suggested_category", "Suggested", "建议"),
    ("suggested_head", "Suggested", "建议"),
    ("suggested_paren", " (suggested)", "（建议）"),
    ("overdue_by", "Overdue {days} days", "逾期 {days} 天"),
    ("overdue_by_one", "Overdue 1 day", "逾期 1 天"),
    (
        "suggested_cadence",
        "Suggested: the default cadence of the stakeholder's quadrant",
        "建议：按所在象限的默认沟通频率",
    ),
    (
        "calendar_description",
        "Touches due from {date} for {weeks} weeks",
        "自 {date} 起 {weeks} 周内到期的沟通",
    ),
    (
        "calendar_capped",
        " (the first {kept} of {all} events: the latest are left out)",
        "（共 {all} 次，仅含最早的 {kept} 次）",
    ),
    (
        "touches_in_weeks",
        "Touches in the next {weeks} weeks",
        "未来 {weeks} 周沟通次数",
    ),
    ("planned_touches", "Planned touches", "计划沟通"),
    (
        "plan_by_quadrant",
        "Plan by quadrant and owner",
        "按象限和负责人的沟通计划",
    ),
    ("plan_items", "Plan items", "面向多人的计划沟通"),
    (
        "plan_items_intro",
        "Planned communication to many stakeholders at once (`_project.md` → `communications`): one row, and one calendar entry per due date, for its whole audience. An item is kept by a date in its `sent` list and by a meeting or interaction that names it in `fulfils`.",
        "同时面向多位干系人的计划沟通（`_project.md` → `communications`）：整个对象群体只占一行，每个到期日在日程中只有一项。`sent` 中的日期，以及在 `fulfils` 中列出该事项的会议或往来记录，都算作已执行。",
    ),
    ("item", "Item", "事项"),
    (
        "item_for",
        "{item} ({n} stakeholders)",
        "{item}（{n} 位干系人）",
    ),
    ("planned_communication", "Planned communication", "计划沟通"),
    ("last_kept", "Last kept", "上次执行"),
    (
        "plan_intro",
        "Every planned touch, by quadrant of the power/interest grid and then by owner. Rows marked *suggested* give the quadrant's default cadence to a stakeholder who has no plan.",
        "按权力/利益方格的象限、再按负责人列出每一项计划沟通。标为*建议*的行是为尚无沟通计划的干系人给出的所在象限默认频率。",
    ),
    (
        "default_touch",
        "Default cadence (suggested)",
        "默认沟通（建议）",
    ),
    ("calendar", "Calendar", "沟通日历"),
    (
        "calendar_range",
        "The next {weeks} weeks, {from} to {until}: who is due when, overdue touches first.",
        "未来 {weeks} 周（{from} 至 {until}）：谁在何时到期，逾期事项列在最前。",
    ),
    (
        "load_by_owner",
        "Load per owner and week",
        "各负责人每周工作量",
    ),
    (
        "load_intro",
        "Each week's touches, plan items and open follow-ups due, per owner. ⚠ marks an overload: more than {factor} times the owner's median week, and at least {min}.",
        "每位负责人每周到期的沟通、计划沟通事项和未完成的跟进事项。⚠ 表示超负荷：超过该负责人每周中位数的 {factor} 倍，且不少于 {min} 项。",
    ),
    ("owner_view", "By owner", "按负责人"),
    (
        "recent_decisions",
        "Decisions of the last {days} days",
        "近 {days} 天的决定",
    ),
    ("touches_head", "Touches", "沟通"),
    ("items_head", "Plan items", "计划沟通"),
    ("follow_ups_head", "Follow-ups", "跟进事项"),
    ("late_follow_ups_head", "Follow-ups late", "逾期跟进"),
    ("busiest_week", "Busiest week", "最忙的一周"),
    ("median_week", "Median week", "每周中位数"),
    ("overloaded_weeks", "Overloaded weeks", "超负荷周数"),
    ("catch_up", "Overdue: catch up now", "逾期：立即补做"),
    ("week_of", "Week of {date}", "{date}当周"),
    ("no_owner", "No owner", "未指定负责人"),
    // Due, but never logged as kept: the register cannot say it was missed.
    ("no_record_yet", "no record yet", "尚无记录"),
    (
        "unrecorded_touches",
        "Due, no record yet",
        "已到期但尚无记录",
    ),
    (
        "no_owner_shown",
        "No owner in this edition",
        "本版未列负责人",
    ),
    ("nothing_due", "Nothing scheduled.", "本周无安排。"),
    ("days_off", "Days off: ", "休息日："),
    (
        "days_off_note",
        ". What falls due on them is on the next working day.",
        "。其间到期的沟通顺延至下一个工作日。",
    ),
    (
        "overdue_warning",
        "{count} touches are overdue. They lead the calendar as catch-ups due today.",
        "{count} 项沟通已逾期，作为今日应补做事项列在日历最前。",
    ),
    (
        "overdue_warning_one",
        "1 touch is overdue. It leads the calendar as a catch-up due today.",
        "1 项沟通已逾期，作为今日应补做事项列在日历最前。",
    ),
    ("feedback", "Feedback and adjustment", "反馈与调整"),
    (
        "feedback_intro",
        "How each stakeholder responds, the promises still open, and where the plan no longer fits: a declining key stakeholder contacted less often than the quadrant's cadence, no contact for {silent} days, or more than {factor} times the planned touches in the last {window} days (and at least {min}).",
        "每位干系人的反馈、尚未兑现的承诺，以及计划不再适配之处：态度下滑的关键干系人沟通频率低于所在象限的默认频率；{silent} 天无往来；或近 {window} 天的往来超过计划次数的 {factor} 倍（且至少 {min} 次）。",
    ),
    ("satisfaction", "Satisfaction", "满意度"),
    ("plan_fit", "Plan fit", "计划适配"),
    ("flagged", "Plan no longer fits", "计划需调整"),
    (
        "flag.under-contacted",
        "Declining, and touched less often than the quadrant's cadence of every {cadence} days",
        "态度下滑，沟通频率低于所在象限每 {cadence} 天一次的默认频率",
    ),
    (
        "flag.planned-every",
        "plan: every {days} days",
        "计划每 {days} 天一次",
    ),
    (
        "flag.no-dated-touch",
        "no dated touch planned",
        "无定期沟通",
    ),
    (
        "flag.last-contact",
        "last contact {days} days ago",
        "最近往来在 {days} 天前",
    ),
    (
        "flag.last-contact-one",
        "last contact 1 day ago",
        "最近往来在 1 天前",
    ),
    (
        "flag.silent",
        "Silent for {days} days",
        "已 {days} 天无往来",
    ),
    ("flag.silent-never", "No contact recorded", "无往来记录"),
    (
        "flag.over-contacted",
        "Over-contacted: {contacts} contacts in {window} days, more than {limit}",
        "沟通过度：{window} 天内往来 {contacts} 次，超过 {limit} 次",
    ),
    ("late_by", "{days} days late", "逾期 {days} 天"),
    ("late_by_one", "1 day late", "逾期 1 天"),
    ("times", "({n} times)", "（{n} 次）"),
    // The meeting brief.
    ("meeting_brief", "Meeting brief", "会前简报"),
    // The brief of a meeting already held: what it decided, not a pre-meeting pack.
    ("held_meeting_brief", "Meeting brief", "会议简报"),
    ("attendees", "Attendees", "与会者"),
    ("agenda", "Agenda", "议题"),
    ("the_room", "The room", "与会者概览"),
    ("who_stands_where", "Who stands where", "各方立场"),
    ("no_position", "No position recorded", "未记录立场"),
    (
        "allies_and_conflicts",
        "Allies and conflicts in the room",
        "在场的盟友与冲突",
    ),
    ("between", "Between", "双方"),
    ("as_seen_by", "as {name} sees it", "{name}所述"),
    ("overdue_promises", "Overdue promises", "逾期承诺"),
    ("conflicts_in_room", "Conflicts in the room", "在场冲突"),
    (
        "no_links",
        "No alliances or conflicts recorded among the attendees.",
        "与会者之间未记录同盟或冲突关系。",
    ),
    ("talking_points", "Suggested talking points", "建议谈话要点"),
    (
        "recent_interactions",
        "Last three interactions",
        "最近三次往来",
    ),
    (
        "promises",
        "Open follow-ups and promises",
        "未完成的跟进与承诺",
    ),
    ("promised_on", "Promised", "承诺日期"),
    ("in_the_room", "In the room", "与在场者的关系"),
    // A meeting record's brief (format v2).
    (
        "meeting_planned",
        "Planned for {weekday} {date}, in {days} days",
        "计划于{date}（{weekday}）召开，还有 {days} 天",
    ),
    (
        "meeting_planned_one",
        "Planned for {weekday} {date}, tomorrow",
        "计划于{date}（{weekday}）召开，即明天",
    ),
    (
        "meeting_held",
        "Held on {weekday} {date}",
        "已于{date}（{weekday}）召开",
    ),
    ("run_by", "Run by", "主持"),
    ("promised_to_head", "For", "对象"),
    ("meeting_agenda", "Agenda", "会议议程"),
    (
        "no_agenda",
        "The meeting record has no agenda yet: write it below the front matter of {file}.",
        "会议记录尚无议程，可写在 {file} 的正文中。",
    ),
    (
        "agenda_withheld",
        "The agenda is not in this edition.",
        "本版未列会议议程。",
    ),
    ("outcome", "What was decided", "会议决定"),
    (
        "no_decisions",
        "The meeting record lists no decisions.",
        "会议记录中未列出决定事项。",
    ),
    ("meeting_follow_ups", "Follow-ups", "跟进事项"),
    ("minutes", "Minutes", "会议纪要"),
    (
        "decisions_withheld",
        "The decisions are not in this edition.",
        "本版未列决定事项。",
    ),
    (
        "follow_ups_withheld",
        "This edition leaves out follow-ups that are confidential or promised to someone it does not show.",
        "本版未列保密的跟进事项，以及对本版未列人员所作的承诺。",
    ),
    (
        "minutes_withheld",
        "The minutes are not in this edition.",
        "本版未列会议纪要。",
    ),
    ("still_open", "open", "未完成"),
    // What the register records since an attendee's last contact.
    ("since_heading", "Since the last contact", "上次沟通以来"),
    (
        "since_lead",
        "The last contact the register records is on {date}. Since then it records:",
        "登记册记录的上次沟通是 {date}。此后登记册记录了：",
    ),
    (
        "since_nothing",
        "The last contact the register records is on {date}. Since then it records no meeting, no promise to them falling due and no contact with others outside the room who take a position on their issues.",
        "登记册记录的上次沟通是 {date}。此后登记册未记录召开的会议、到期的承诺，也未记录与在其议题上表明立场的场外人士的往来。",
    ),
    // A public edition leaves out what is confidential: it says what it shows, never
    // that the register records nothing.
    (
        "since_lead_public",
        "The last contact the register records is on {date}. Since then this edition shows:",
        "登记册记录的上次沟通是 {date}。此后本版列出：",
    ),
    (
        "since_nothing_public",
        "The last contact the register records is on {date}. Since then this edition shows no meeting, no promise to them falling due and no contact with others outside the room who take a position on their issues.",
        "登记册记录的上次沟通是 {date}。此后本版未列出召开的会议、到期的承诺，也未列出与在其议题上表明立场的场外人士的往来。",
    ),
    (
        "since_never",
        "The register records no contact with them, so there is no last contact to compare with.",
        "登记册中没有与其往来的记录，无从比较。",
    ),
    (
        "since_withheld",
        "Not in this edition: it depends on the interaction log, which this edition leaves out.",
        "本版未列：它取决于本版未列的往来记录。",
    ),
    (
        "since_meetings",
        "Meetings that do not list them as an attendee",
        "未列其为与会者的会议",
    ),
    ("decided", "decided", "决定"),
    (
        "since_more_meetings",
        "and {n} earlier meetings",
        "另有更早的会议 {n} 次",
    ),
    (
        "since_fell_due",
        "Promises to them that fell due, not recorded as done",
        "已到期但未记录完成的承诺",
    ),
    (
        "since_others",
        "Contacts with others outside the room who take a position on their issues",
        "与在其议题上表明立场的场外人士的往来",
    ),
    (
        "since_contacts",
        "{n} contacts, the latest on {date}",
        "往来 {n} 次，最近一次在{date}",
    ),
    (
        "since_contact_one",
        "1 contact, on {date}",
        "{date}往来 1 次",
    ),
    ("since_more_others", "and {n} more", "另有 {n} 位"),
    (
        "needs_and_expectations",
        "Needs and expectations",
        "需求与期望",
    ),
    ("status", "Status", "状态"),
    ("on_track", "open", "进行中"),
    (
        "point.overdue-promise",
        "Overdue promise: {action} (due {due}, {days} days late). Deliver it or give a firm date.",
        "逾期承诺：{action}（{due} 到期，已逾期 {days} 天）。兑现或给出明确日期。",
    ),
    (
        "point.overdue-promise-one",
        "Overdue promise: {action} (due {due}, 1 day late). Deliver it or give a firm date.",
        "逾期承诺：{action}（{due} 到期，已逾期 1 天）。兑现或给出明确日期。",
    ),
    (
        "point.concern-oppose",
        "Answer their opposition on \"{issue}\"",
        "回应其对「{issue}」的反对意见",
    ),
    (
        "point.concern-mixed",
        "Resolve their doubts on \"{issue}\"",
        "化解其在「{issue}」上的疑虑",
    ),
    (
        "point.concern-other",
        "Ask for their view on \"{issue}\"",
        "了解其对「{issue}」的看法",
    ),
    (
        "point.declining",
        "Sentiment is declining (latest {satisfaction}/5): acknowledge the last exchange",
        "态度呈下滑趋势（最近 {satisfaction}/5）：回应上次沟通",
    ),
    (
        "point.declining-unscored",
        "Sentiment is declining: acknowledge the last exchange",
        "态度呈下滑趋势：回应上次沟通",
    ),
    (
        "point.gap",
        "Close the engagement gap from {current} to {desired}",
        "缩小参与度差距：从「{current}」到「{desired}」",
    ),
    ("point.need", "start from their need", "从其需求入手"),
    (
        "point.silent",
        "No contact for {days} days: re-open the relationship",
        "已 {days} 天无往来：重新建立联系",
    ),
    (
        "point.silent-never",
        "No contact recorded: introduce the project and agree how to keep in touch",
        "无往来记录：介绍项目并约定沟通方式",
    ),
    (
        "point.overdue-touch",
        "Planned touch {days} days overdue, which this meeting can make up for",
        "计划沟通已逾期 {days} 天，可在本次会议中补上",
    ),
    (
        "point.overdue-touch-one",
        "Planned touch 1 day overdue, which this meeting can make up for",
        "计划沟通已逾期 1 天，可在本次会议中补上",
    ),
    (
        "point.conflict",
        "In conflict with {with}, who is in the room",
        "与在场的{with}存在冲突",
    ),
    (
        "point.supporter",
        "Supports what others in the room resist ({issues}): ask them to speak for it",
        "支持在场他人反对或存疑的议题（{issues}）：请其发言支持",
    ),
    (
        "point.open-promise",
        "Report progress on: {action}",
        "通报进展：{action}",
    ),
    ("point.due", "due {due}", "{due} 到期"),
    // Enumerations, keyed by the analysis JSON's values.
    ("quadrant.manage-closely", "Manage closely", "重点管理"),
    ("quadrant.keep-satisfied", "Keep satisfied", "令其满意"),
    ("quadrant.keep-informed", "Keep informed", "随时告知"),
    ("quadrant.monitor", "Monitor", "监督"),
    (
        "strategy.key-players",
        "Key players: involve and satisfy fully",
        "关键参与者：充分参与、全力满足",
    ),
    (
        "strategy.keep-satisfied",
        "Meet their needs without overloading them",
        "满足其需求，避免信息过载",
    ),
    (
        "strategy.keep-informed",
        "Keep adequately informed",
        "及时充分告知",
    ),
    (
        "strategy.minimal-effort",
        "Watch with minimal effort",
        "以最少投入持续观察",
    ),
    ("engagement_level.unaware", "Unaware", "不知晓"),
    ("engagement_level.resistant", "Resistant", "抵制"),
    ("engagement_level.neutral", "Neutral", "中立"),
    ("engagement_level.supportive", "Supportive", "支持"),
    ("engagement_level.leading", "Leading", "领导"),
    ("stance_value.support", "Support", "支持"),
    ("stance_value.oppose", "Oppose", "反对"),
    ("stance_value.neutral", "Neutral", "中立"),
    ("stance_value.mixed", "Mixed", "分歧"),
    ("relation.ally", "Ally", "盟友"),
    ("relation.conflict", "Conflict", "冲突"),
    ("relation.reports-to", "Reports to", "汇报"),
    ("relation.influences", "Influences", "影响"),
    ("relation.member-of", "Member of", "隶属"),
    ("category_value.internal", "Internal", "内部"),
    ("category_value.external", "External", "外部"),
    ("involvement_value.direct", "Direct", "直接"),
    ("involvement_value.indirect", "Indirect", "间接"),
    ("kind.person", "Person", "个人"),
    ("kind.group", "Group", "群体"),
    ("kind.organization", "Organisation", "组织"),
    ("trend_value.improving", "Improving", "改善"),
    ("trend_value.stable", "Stable", "稳定"),
    ("trend_value.declining", "Declining", "下滑"),
    ("tone.positive", "Positive", "正面"),
    ("tone.neutral", "Neutral", "中立"),
    ("tone.negative", "Negative", "负面"),
    ("severity.high", "High", "高"),
    ("severity.medium", "Medium", "中"),
    ("severity.low", "Low", "低"),
    // Findings by code; `{days}` and `{subject}` are filled in from the finding.
    (
        "finding.follow-up-overdue",
        "Follow-up {days} days overdue: {subject}",
        "跟进事项逾期 {days} 天：{subject}",
    ),
    (
        "finding.key-silent",
        "No contact for {days} days",
        "已 {days} 天无往来",
    ),
    (
        "finding.key-silent-never",
        "No contact recorded",
        "无往来记录",
    ),
    (
        "finding.silent",
        "No contact for {days} days",
        "已 {days} 天无往来",
    ),
    ("finding.silent-never", "No contact recorded", "无往来记录"),
    (
        "finding.declining-sentiment",
        "Sentiment is declining",
        "态度呈下滑趋势",
    ),
    (
        "finding.key-gap-without-action",
        "Engagement below the desired level, and no follow-up is open",
        "参与度低于期望，且没有未完成的跟进事项",
    ),
    ("finding.key-without-owner", "No owner", "没有负责人"),
    (
        "finding.key-without-plan",
        "No communication plan",
        "没有沟通计划",
    ),
    (
        "finding.touch-overdue",
        "Touch {days} days overdue: {subject}",
        "沟通逾期 {days} 天：{subject}",
    ),
    (
        "finding.touch-overdue-one",
        "Touch 1 day overdue: {subject}",
        "沟通逾期 1 天：{subject}",
    ),
    (
        "finding.follow-up-overdue-one",
        "Follow-up 1 day overdue: {subject}",
        "跟进事项逾期 1 天：{subject}",
    ),
    (
        "finding.touch-unrecorded",
        "No record yet: {subject}",
        "尚无记录：{subject}",
    ),
    (
        "finding.plan-item-overdue",
        "Plan item {days} days overdue: {subject}",
        "计划沟通逾期 {days} 天：{subject}",
    ),
    (
        "finding.plan-item-overdue-one",
        "Plan item 1 day overdue: {subject}",
        "计划沟通逾期 1 天：{subject}",
    ),
    (
        "finding.plan-item-unrecorded",
        "No record yet of the plan item: {subject}",
        "计划沟通尚无记录：{subject}",
    ),
    (
        "finding.review-overdue",
        "Review was due {subject}, {days} days ago",
        "复核已于 {subject} 到期，已逾期 {days} 天",
    ),
    (
        "finding.review-overdue-one",
        "Review was due {subject}, 1 day ago",
        "复核已于 {subject} 到期，已逾期 1 天",
    ),
];

/// The salience classes, keyed as in the analysis JSON, each naming the attributes that
/// reach the threshold; `{level}` is the threshold's level word. The class of none is
/// not printed "non-stakeholder": everyone in the register is a stakeholder, and the
/// label says what the rule found instead.
const SALIENCE: [(&str, &str, &str); 8] = [
    (
        "definitive",
        "Definitive (power, legitimacy and urgency)",
        "决定型（权力、合法性、紧迫性）",
    ),
    (
        "dominant",
        "Dominant (power and legitimacy)",
        "支配型（权力、合法性）",
    ),
    (
        "dangerous",
        "Dangerous (power and urgency)",
        "危险型（权力、紧迫性）",
    ),
    (
        "dependent",
        "Dependent (legitimacy and urgency)",
        "依赖型（合法性、紧迫性）",
    ),
    ("dormant", "Dormant (power only)", "潜伏型（仅权力）"),
    (
        "discretionary",
        "Discretionary (legitimacy only)",
        "自主型（仅合法性）",
    ),
    (
        "demanding",
        "Demanding (urgency only)",
        "苛求型（仅紧迫性）",
    ),
    (
        "non-stakeholder",
        "No salience attribute reaches {level} (power, legitimacy and urgency all below {level})",
        "无显著属性（权力、合法性、紧迫性均未达到“{level}”）",
    ),
];

/// The same, short enough for a figure tile (`t.salience_short`): the classes whose
/// name says which attributes they have by definition keep only the name.
const SALIENCE_SHORT: [(&str, &str, &str); 8] = [
    ("definitive", "Definitive", "决定型"),
    ("dominant", "Dominant", "支配型"),
    ("dangerous", "Dangerous", "危险型"),
    ("dependent", "Dependent", "依赖型"),
    ("dormant", "Dormant (power only)", "潜伏型（仅权力）"),
    (
        "discretionary",
        "Discretionary (legitimacy only)",
        "自主型（仅合法性）",
    ),
    (
        "demanding",
        "Demanding (urgency only)",
        "苛求型（仅紧迫性）",
    ),
    (
        "non-stakeholder",
        "No attribute reaches {level}",
        "无属性达到“{level}”",
    ),
];

/// Level words, very low first.
const LEVELS: [(&str, &str); 5] = [
    ("very low", "很低"),
    ("low", "低"),
    ("medium", "中"),
    ("high", "高"),
    ("very high", "很高"),
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// All labels of `language` as the template variable `t`; the salience classes
/// (`t.salience_value`) name `threshold`, where an attribute starts to count.
pub fn labels(language: Language, threshold: Level) -> Value {
    let mut root = Map::new();
    let threshold = level(language, threshold.value());
    for (map, table) in [
        ("salience_value", SALIENCE),
        ("salience_short", SALIENCE_SHORT),
    ] {
        let classes = table
            .iter()
            .map(|(key, en, zh)| {
                let text = pick(language, en, zh).replace("{level}", threshold);
                ((*key).to_owned(), Value::String(text))
            })
            .collect();
        root.insert(map.to_owned(), Value::Object(classes));
    }
    for (key, en, zh) in LABELS {
        let text = Value::String(pick(language, en, zh).to_owned());
        match key.split_once('.') {
            Some((map, entry)) => {
                let map = root
                    .entry(map.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(map) = map {
                    map.insert(entry.to_owned(), text);
                }
            }
            None => {
                root.insert((*key).to_owned(), text);
            }
        }
    }
    Value::Object(root)
}

/// The edition line every page of a document carries, e.g. "Internal edition — do not
/// forward".
pub fn edition(language: Language, edition: Edition) -> &'static str {
    match edition {
        Edition::Internal => label(language, "edition.internal"),
        Edition::Public => label(language, "edition.public"),
    }
}

/// A salience class (its analysis JSON key, e.g. `non-stakeholder`) as reports print it,
/// naming the attributes that reach `threshold`.
pub fn salience(language: Language, class: &str, threshold: Level) -> String {
    SALIENCE
        .iter()
        .find(|(key, _, _)| *key == class)
        .map_or_else(String::new, |(_, en, zh)| {
            pick(language, en, zh).replace("{level}", level(language, threshold.value()))
        })
}

/// One label if the table has it: for values read from data, which may be any word.
pub fn try_label(language: Language, key: &str) -> Option<&'static str> {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| pick(language, en, zh))
}

/// One label, for Rust code (chart titles and the like). A key the table lacks is a
/// mistake of the code: a debug build (every test) stops on it, a release build writes
/// nothing rather than the key.
pub fn label(language: Language, key: &str) -> &'static str {
    let found = LABELS.iter().find(|(k, _, _)| *k == key);
    debug_assert!(found.is_some(), "no label `{key}` in i18n::labels");
    found.map_or("", |(_, en, zh)| pick(language, en, zh))
}

/// A level 1–5 as a word.
pub fn level(language: Language, value: u8) -> &'static str {
    let (en, zh) = LEVELS[usize::from(value.clamp(1, 5) - 1)];
    pick(language, en, zh)
}

/// A date as the language writes it: `20 Nov 2026`, `2026年11月20日`.
pub fn date(language: Language, date: Date) -> String {
    match language {
        Language::En => format!(
            "{} {} {}",
            date.day(),
            MONTHS[usize::from(date.month().unsigned_abs() - 1)],
            date.year()
        ),
        Language::ZhCn => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// A day and month without the year, for column heads: `23 Nov`, `11月23日`.
pub fn day_month(language: Language, date: Date) -> String {
    match language {
        Language::En => format!(
            "{} {}",
            date.day(),
            MONTHS[usize::from(date.month().unsigned_abs() - 1)]
        ),
        Language::ZhCn => format!("{}月{}日", date.month(), date.day()),
    }
}

/// Weekday names, Monday first.
const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "周一"),
    ("Tue", "周二"),
    ("Wed", "周三"),
    ("Thu", "周四"),
    ("Fri", "周五"),
    ("Sat", "周六"),
    ("Sun", "周日"),
];

/// The weekday of `date`, short: `Thu`, `周四`.
pub fn weekday(language: Language, date: Date) -> &'static str {
    let (en, zh) = WEEKDAYS[usize::from(date.weekday().to_monday_zero_offset().unsigned_abs())];
    pick(language, en, zh)
}

/// A date with its weekday and without the year, for a calendar: `Tue 24 Nov`,
/// `11月24日 周二`.
pub fn weekday_day_month(language: Language, date: Date) -> String {
    let (en, zh) = WEEKDAYS[usize::from(date.weekday().to_monday_zero_offset().unsigned_abs())];
    match language {
        Language::En => format!("{en} {}", day_month(language, date)),
        Language::ZhCn => format!("{} {zh}", day_month(language, date)),
    }
}

/// A fixed-day rule as Chinese writes it: `每周一`, `每两周周五`, `每月第一个周四`,
/// `每月5日`, `每季度15日` (spellings the loader reads back).
fn day_rule_chinese(rule: DayRule) -> String {
    match rule {
        DayRule::Weekday { weeks: 1, day } => format!("每{}", weekday_chinese(day)),
        DayRule::Weekday { weeks: 2, day } => format!("每两周{}", weekday_chinese(day)),
        DayRule::Weekday { weeks, day } => format!("每{weeks}周{}", weekday_chinese(day)),
        DayRule::NthWeekday { nth, day } => {
            format!("每月{}{}", nth.chinese(), weekday_chinese(day))
        }
        DayRule::MonthDay(n) => format!("每月{n}日"),
        DayRule::QuarterDay(n) => format!("每季度{n}日"),
    }
}

/// A frequency as the language writes it.
pub fn frequency(language: Language, frequency: Frequency) -> String {
    let zh = language == Language::ZhCn;
    let fixed = |en: &str, cn: &str| if zh { cn.to_owned() } else { en.to_owned() };
    match frequency {
        Frequency::Daily => fixed("daily", "每天"),
        Frequency::Weekly => fixed("weekly", "每周"),
        Frequency::Biweekly => fixed("every two weeks", "每两周"),
        Frequency::Monthly => fixed("monthly", "每月"),
        Frequency::Quarterly => fixed("quarterly", "每季度"),
        Frequency::Yearly => fixed("yearly", "每年"),
        Frequency::AdHoc => fixed("as needed", "按需"),
        Frequency::OnDates => fixed("on set dates", "按指定日期"),
        Frequency::EveryDays(n) if zh => format!("每{n}天"),
        Frequency::EveryDays(n) => format!("every {n} days"),
        Frequency::EveryWeeks(n) if zh => format!("每{n}周"),
        Frequency::EveryWeeks(n) => format!("every {n} weeks"),
        Frequency::Fixed(rule) if zh => day_rule_chinese(rule),
        Frequency::Fixed(rule) => rule.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_fixed_days_read_back() {
        use crate::register::vocab::Vocabulary;
        for text in [
            "每周一",
            "每两周周五",
            "每3周周日",
            "每月第一个周四",
            "每月最后一个周五",
            "每月5日",
            "每季度15日",
        ] {
            let parsed = Frequency::parse(text).unwrap();
            assert_eq!(frequency(Language::ZhCn, parsed), text);
        }
    }

    #[test]
    fn every_key_the_code_names_exists() {
        // `label(language, "grid")`, `label("id")` (a closure over it) and
        // `label(language, &format!("quadrant.{}", ...))` with every value of the map.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root];
        let mut keys = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("label(") {
                // `.label("…")` is a diagnostic's, not a lookup.
                if text[..at].ends_with(|c: char| c == '.' || c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &text[at + "label(".len()..];
                let rest = rest.split_once(", ").map_or(rest, |(head, tail)| {
                    if head.contains('"') { rest } else { tail }
                });
                if let Some(quoted) = rest.strip_prefix('"')
                    && let Some((key, _)) = quoted.split_once('"')
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                {
                    keys.push((path.display().to_string(), key.to_owned()));
                }
            }
        }
        assert!(keys.len() > 20, "the scan found the call sites: {keys:?}");
        for (file, key) in keys {
            assert!(
                LABELS.iter().any(|(k, _, _)| *k == key),
                "{file} names the label `{key}`, which i18n::labels does not have"
            );
        }
        for prefix in ["quadrant", "engagement_level", "relation"] {
            assert!(
                LABELS
                    .iter()
                    .any(|(k, _, _)| k.starts_with(&format!("{prefix}.")))
            );
        }
    }

    #[test]
    fn every_label_exists_in_both_languages_once() {
        let mut seen = std::collections::HashSet::new();
        for (key, en, zh) in LABELS {
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
            assert!(seen.insert(key), "{key} twice");
        }
    }

    #[test]
    fn no_plain_label_is_also_a_map() {
        let maps: Vec<&str> = LABELS
            .iter()
            .filter_map(|(k, _, _)| Some(k.split_once('.')?.0))
            .collect();
        for (key, _, _) in LABELS {
            assert!(!maps.contains(key), "`{key}` is a label and a map");
        }
    }

    #[test]
    fn no_class_says_non_stakeholder_and_each_names_its_attributes() {
        let high = Level::new(4).unwrap();
        let en = labels(Language::En, high);
        assert_eq!(
            en["salience_value"]["non-stakeholder"],
            "No salience attribute reaches high (power, legitimacy and urgency all below high)"
        );
        assert_eq!(en["salience_value"]["dormant"], "Dormant (power only)");
        let zh = labels(Language::ZhCn, Level::new(3).unwrap());
        assert_eq!(
            zh["salience_value"]["non-stakeholder"],
            "无显著属性（权力、合法性、紧迫性均未达到“中”）"
        );
        for language in [Language::En, Language::ZhCn] {
            for (class, _, _) in SALIENCE {
                let short = &labels(language, high)["salience_short"][class];
                assert!(short.as_str().is_some_and(|s| !s.contains('{')), "{class}");
                let text = salience(language, class, high);
                assert!(!text.is_empty() && !text.contains('{'), "{class}");
                assert!(!text.to_lowercase().contains("non-stakeholder"), "{text}");
                assert!(!text.contains("非干系人"), "{text}");
            }
        }
    }

    #[test]
    fn maps_and_plain_labels() {
        let t = labels(Language::ZhCn, Level::new(4).unwrap());
        assert_eq!(t["quadrant"]["manage-closely"], "重点管理");
        assert_eq!(t["report"], "干系人分析报告");
        assert_eq!(label(Language::En, "grid"), "Power/interest grid");
    }

    #[test]
    fn dates_per_language() {
        let d = jiff::civil::date(2026, 11, 5);
        assert_eq!(date(Language::En, d), "5 Nov 2026");
        assert_eq!(day_month(Language::En, d), "5 Nov");
        assert_eq!(day_month(Language::ZhCn, d), "11月5日");
        assert_eq!(weekday_day_month(Language::En, d), "Thu 5 Nov");
        assert_eq!(weekday_day_month(Language::ZhCn, d), "11月5日 周四");
        assert_eq!(date(Language::ZhCn, d), "2026年11月5日");
        assert_eq!(
            frequency(Language::ZhCn, Frequency::EveryDays(10)),
            "每10天"
        );
        assert_eq!(level(Language::En, 5), "very high");
    }
}
