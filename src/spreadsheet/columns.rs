//! The columns of a register as a spreadsheet: what `stake export` writes as headers
//! (English or Chinese, by the register's language) and what `stake import` recognises
//! as headers, in the spellings of PMBOK templates, stakeholder-map templates, SaaS
//! exports and Chinese 干系人登记册 / 相关方登记册.

/// What a column of a stakeholder sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `id`.
    Id,
    /// A row number (`No.`, `序号`): not an id, not read.
    RowNumber,
    /// `name` (required).
    Name,
    /// `short`.
    Short,
    /// `type`.
    Kind,
    /// `role`.
    Role,
    /// `organization`.
    Organization,
    /// `category`.
    Category,
    /// `involvement`.
    Involvement,
    /// `key`.
    Key,
    /// `power`.
    Power,
    /// `interest`.
    Interest,
    /// `power` and `interest` in one cell, e.g. `High/Medium`.
    PowerInterest,
    /// `influence`.
    Influence,
    /// `impact`.
    Impact,
    /// `legitimacy`.
    Legitimacy,
    /// `urgency`.
    Urgency,
    /// `engagement.current` (PMBOK's supporter / neutral / resistor too).
    Current,
    /// `engagement.desired`.
    Desired,
    /// `owner`.
    Owner,
    /// `needs`.
    Needs,
    /// `expectations`.
    Expectations,
    /// `tags`.
    Tags,
    /// `contact`.
    Contact,
    /// `contact.email`.
    Email,
    /// `contact.phone`.
    Phone,
    /// `next_review`.
    NextReview,
    /// The notes (the file's body).
    Notes,
    /// `confidential`: `true` or the fields hidden from public editions.
    Confidential,
    /// A fact `stake` derives (quadrant, salience, …): written by the export, never
    /// imported (the analysis derives it again).
    Derived(Derived),
}

/// A derived column of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Derived {
    /// Grid quadrant.
    Quadrant,
    /// Mendelow's strategy.
    Strategy,
    /// Salience class.
    Salience,
    /// Engagement gap.
    Gap,
    /// Last contact.
    LastContact,
    /// Next due touch.
    NextDue,
    /// Silent or not.
    Silent,
    /// Sentiment trend.
    Trend,
    /// Network centrality.
    Centrality,
}

/// One column: the field, the export's English and Chinese headers, and further
/// spellings the import recognises (compared without case, spaces, `_`, `-` or
/// punctuation; see [`normalise`]).
pub struct Column {
    /// What it holds.
    pub field: Field,
    /// The export's English header.
    pub en: &'static str,
    /// The export's Chinese header.
    pub zh: &'static str,
    /// Other headers meaning the same.
    pub also: &'static [&'static str],
}

/// The stakeholder sheet's columns, in the export's order.
pub const COLUMNS: &[Column] = &[
    Column {
        field: Field::Id,
        en: "ID",
        zh: "编号",
        also: &[
            "stakeholder id",
            "identifier",
            "ref",
            "reference",
            "干系人编号",
            "相关方编号",
            "编码",
        ],
    },
    Column {
        field: Field::RowNumber,
        en: "No.",
        zh: "序号",
        also: &["no", "number", "row", "#", "s/n", "sn", "item", "编号序号"],
    },
    Column {
        field: Field::Name,
        en: "Name",
        zh: "姓名",
        also: &[
            "stakeholder",
            "stakeholder name",
            "full name",
            "contact name",
            "person",
            "名称",
            "干系人",
            "相关方",
            "干系人姓名",
            "相关方名称",
            "干系人名称",
            "相关方姓名",
            "姓名/名称",
        ],
    },
    Column {
        field: Field::Short,
        en: "Short name",
        zh: "简称",
        also: &["short", "abbreviation", "nickname"],
    },
    Column {
        field: Field::Kind,
        en: "Type",
        zh: "类型",
        also: &["stakeholder type", "kind", "干系人类型", "相关方类型"],
    },
    Column {
        field: Field::Role,
        en: "Role",
        zh: "职务",
        also: &[
            "position",
            "title",
            "job title",
            "position/title",
            "role in project",
            "project role",
            "role in the project",
            "designation",
            "职位",
            "职务/职位",
            "在项目中的角色",
            "项目角色",
            "角色",
            "岗位",
        ],
    },
    Column {
        field: Field::Organization,
        en: "Organization",
        zh: "单位",
        also: &[
            "organisation",
            "organization/department",
            "organisation/department",
            "department",
            "company",
            "organization name",
            "employer",
            "business unit",
            "部门",
            "单位/部门",
            "所属单位",
            "所在单位",
            "组织",
            "公司",
            "机构",
        ],
    },
    Column {
        field: Field::Category,
        en: "Category",
        zh: "分类",
        also: &[
            "internal/external",
            "internal or external",
            "classification",
            "int/ext",
            "内部/外部",
            "内外部",
            "类别",
            "分类(内部/外部)",
            "分类（内部/外部）",
        ],
    },
    Column {
        field: Field::Involvement,
        en: "Involvement",
        zh: "参与方式",
        also: &["direct/indirect", "直接/间接"],
    },
    Column {
        field: Field::Key,
        en: "Key",
        zh: "关键",
        also: &[
            "key stakeholder",
            "key?",
            "关键干系人",
            "关键相关方",
            "是否关键",
        ],
    },
    Column {
        field: Field::Power,
        en: "Power",
        zh: "权力",
        also: &["power level", "authority", "权力等级", "权利", "职权"],
    },
    Column {
        field: Field::Interest,
        en: "Interest",
        zh: "利益",
        also: &[
            "interest level",
            "concern",
            "利益程度",
            "关注度",
            "关注程度",
            "兴趣",
        ],
    },
    Column {
        field: Field::PowerInterest,
        en: "Power/Interest",
        zh: "权力/利益",
        also: &[
            "power / interest",
            "power-interest",
            "power & interest",
            "power and interest",
            "权力/利益",
            "权力-利益",
        ],
    },
    Column {
        field: Field::Influence,
        en: "Influence",
        zh: "影响力",
        also: &["influence level", "影响力程度"],
    },
    Column {
        field: Field::Impact,
        en: "Impact",
        zh: "潜在影响",
        also: &["potential impact", "impact level", "影响", "影响程度"],
    },
    Column {
        field: Field::Legitimacy,
        en: "Legitimacy",
        zh: "合法性",
        also: &["legitimate"],
    },
    Column {
        field: Field::Urgency,
        en: "Urgency",
        zh: "紧迫性",
        also: &["urgent", "紧急性", "紧急程度"],
    },
    Column {
        field: Field::Current,
        en: "Current engagement",
        zh: "当前参与度",
        also: &[
            "engagement",
            "current",
            "engagement level",
            "current engagement level",
            "attitude",
            "stance",
            "supporter/neutral/resistor",
            "support",
            "status",
            "current status",
            "态度",
            "当前态度",
            "参与度",
            "当前状态",
            "支持/中立/反对",
            "态度(支持/中立/反对)",
            "态度（支持/中立/反对）",
        ],
    },
    Column {
        field: Field::Desired,
        en: "Desired engagement",
        zh: "期望参与度",
        also: &[
            "desired",
            "desired engagement level",
            "target engagement",
            "target",
            "期望态度",
            "目标参与度",
            "期望状态",
        ],
    },
    Column {
        field: Field::Owner,
        en: "Owner",
        zh: "负责人",
        also: &[
            "relationship owner",
            "account owner",
            "managed by",
            "responsible",
            "contact owner",
            "责任人",
            "对接人",
            "联络人",
        ],
    },
    Column {
        field: Field::Needs,
        en: "Needs",
        zh: "需求",
        also: &[
            "requirements",
            "main requirements",
            "key requirements",
            "requirement",
            "主要需求",
            "需求和期望",
        ],
    },
    Column {
        field: Field::Expectations,
        en: "Expectations",
        zh: "期望",
        also: &["main expectations", "expectation", "主要期望"],
    },
    Column {
        field: Field::Tags,
        en: "Tags",
        zh: "标签",
        also: &["tag", "groups", "group", "labels", "分组"],
    },
    Column {
        field: Field::Contact,
        en: "Contact",
        zh: "联系方式",
        also: &[
            "contact information",
            "contact info",
            "contact details",
            "联系信息",
            "联系电话/邮箱",
        ],
    },
    Column {
        field: Field::Email,
        en: "Email",
        zh: "邮箱",
        also: &["e-mail", "email address", "mail", "电子邮件", "电子邮箱"],
    },
    Column {
        field: Field::Phone,
        en: "Phone",
        zh: "电话",
        also: &[
            "telephone",
            "phone number",
            "tel",
            "mobile",
            "手机",
            "联系电话",
            "手机号",
        ],
    },
    Column {
        field: Field::NextReview,
        en: "Next review",
        zh: "下次评审",
        also: &["review date", "next review date", "复核日期", "下次复核"],
    },
    Column {
        field: Field::Notes,
        en: "Notes",
        zh: "备注",
        also: &["note", "comments", "comment", "remarks", "说明", "备注说明"],
    },
    Column {
        field: Field::Confidential,
        en: "Confidential",
        zh: "保密",
        also: &["confidential fields", "保密字段"],
    },
    Column {
        field: Field::Derived(Derived::Quadrant),
        en: "Quadrant",
        zh: "象限",
        also: &["grid quadrant"],
    },
    Column {
        field: Field::Derived(Derived::Strategy),
        en: "Strategy",
        zh: "策略",
        also: &["management strategy", "管理策略"],
    },
    Column {
        field: Field::Derived(Derived::Salience),
        en: "Salience",
        zh: "显著性",
        also: &["salience class"],
    },
    Column {
        field: Field::Derived(Derived::Gap),
        en: "Engagement gap",
        zh: "参与度差距",
        also: &["gap"],
    },
    Column {
        field: Field::Derived(Derived::LastContact),
        en: "Last contact",
        zh: "最近联系",
        also: &["last contacted", "last interaction"],
    },
    Column {
        field: Field::Derived(Derived::NextDue),
        en: "Next due",
        zh: "下次到期",
        also: &[],
    },
    Column {
        field: Field::Derived(Derived::Silent),
        en: "Silent",
        zh: "沉默",
        also: &[],
    },
    Column {
        field: Field::Derived(Derived::Trend),
        en: "Sentiment trend",
        zh: "情绪趋势",
        also: &[],
    },
    Column {
        field: Field::Derived(Derived::Centrality),
        en: "Centrality",
        zh: "中心度",
        also: &[],
    },
];

/// The export's columns of the stakeholder sheet: every field but the combined
/// power/interest and the split contact ones.
pub fn exported() -> impl Iterator<Item = &'static Column> {
    COLUMNS.iter().filter(|c| {
        !matches!(
            c.field,
            Field::PowerInterest | Field::Email | Field::Phone | Field::RowNumber
        )
    })
}

/// A header as compared: lower case, without spaces, `_`, `-`, `.`, `:`, `*`, `?`,
/// brackets' contents kept, fullwidth forms made ordinary.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | ':' | '*' | '?' | '#'))
        .collect::<String>()
        .replace(['（', '('], "(")
        .replace(['）', ')'], ")")
}

/// The column a header names, if any: a whole match first, then a header that starts
/// with a known one followed by a bracket (`Power (H/M/L)`, `权力（高/中/低）`).
pub fn recognise(header: &str) -> Option<&'static Column> {
    let wanted = normalise(header);
    if wanted.is_empty() {
        return None;
    }
    let spellings = |c: &'static Column| {
        [c.en, c.zh]
            .into_iter()
            .chain(c.also.iter().copied())
            .map(normalise)
    };
    COLUMNS
        .iter()
        .find(|c| spellings(c).any(|s| s == wanted))
        .or_else(|| {
            let stem = wanted.split('(').next().unwrap_or("");
            (stem.len() < wanted.len())
                .then(|| COLUMNS.iter().find(|c| spellings(c).any(|s| s == stem)))
                .flatten()
        })
}

/// The header of a column in the export of a register in `language`.
pub fn header(column: &Column, language: crate::register::vocab::Language) -> &'static str {
    match language {
        crate::register::vocab::Language::ZhCn => column.zh,
        _ => column.en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_headers_are_recognised() {
        let field = |h: &str| recognise(h).map(|c| c.field);
        assert_eq!(field("Stakeholder Name"), Some(Field::Name));
        assert_eq!(field("干系人"), Some(Field::Name));
        assert_eq!(field("相关方"), Some(Field::Name));
        assert_eq!(field("Position/Title"), Some(Field::Role));
        assert_eq!(field("在项目中的角色"), Some(Field::Role));
        assert_eq!(field("Power (H/M/L)"), Some(Field::Power));
        assert_eq!(field("权力（高/中/低）"), Some(Field::Power));
        assert_eq!(field("Power/Interest"), Some(Field::PowerInterest));
        assert_eq!(field("分类 (内部/外部)"), Some(Field::Category));
        assert_eq!(field("态度"), Some(Field::Current));
        assert_eq!(field("潜在影响"), Some(Field::Impact));
        assert_eq!(field("E-mail"), Some(Field::Email));
        assert_eq!(field("Favourite colour"), None);
        // Every header the export writes reads back as its own column.
        for c in COLUMNS {
            assert_eq!(field(c.en), Some(c.field), "{}", c.en);
            assert_eq!(field(c.zh), Some(c.field), "{}", c.zh);
        }
    }
}
