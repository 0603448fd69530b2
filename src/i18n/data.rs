//! The human output of `stake import` and `stake log`: what was read, written, kept and
//! skipped, and why not. Each line is a [`Line`]; its words come from an exhaustive
//! `match`, so a line without Chinese does not compile. `{name}` placeholders are
//! filled in one pass. Field names (`power`, `engagement.current`) and what the user
//! typed stay as written: they are the register format's words.

use super::Language;
use super::text::fill;

/// A line, or part of one, of `stake import` or `stake log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// `{sheet}`, `{file}`, `{how}`, `{row}`, `{n}`.
    Reading,
    /// How a text file was read: `{encoding}`.
    TextEncoding,
    /// A column kept in the notes table.
    ToNotes,
    /// A derived column.
    Derived,
    /// A row-number column.
    RowNumber,
    /// A column not read.
    NotRead,
    /// After a column `--map` chose.
    ByMap,
    /// `{sheets}`.
    AlsoReading,
    /// `{text}`.
    Note,
    /// `{path}`, `{id}`.
    KeptInRegister,
    /// `{path}`.
    Unchanged,
    /// `{path}`, `{fields}`.
    WouldUpdate,
    /// `{path}`, `{why}`.
    KeptBecause,
    /// `{path}`.
    WouldWrite,
    /// `{path}`.
    WouldWriteExists,
    /// The end of a dry run.
    DryRun,
    /// `{path}`.
    KeptExists,
    /// `{n}`, `{dir}`.
    Wrote,
    /// `{path}`.
    Restored,
    /// `{path}`, `{fields}`.
    Updated,
    /// `{n}`.
    Lacking,
    /// `{dir}`, `{errors}`, `{warnings}`.
    Checked,
    /// `{row}`, `{col}`.
    Place,
    /// `{row}`.
    Row,
    /// `{place}`, `{header}`, `{value}`, `{expected}`.
    Unreadable,
    /// `{row}`, `{text}`.
    NoteRow,
    /// `{row}`, `{col}`.
    NoName,
    /// `{place}`, `{header}`, `{formula}`.
    Uncalculated,
    /// `{row}`, `{id}`.
    BadId,
    /// `{row}`, `{name}`, `{id}`.
    DuplicateId,
    /// `{sheet}`, `{row}`, `{id}`.
    NoSuchId,
    /// `{wanted}`, `{sheets}`.
    NoSheet,
    /// `{sheet}`, `{looked}`.
    NoHeader,
    /// `{sheets}`, `{looked}`.
    NoHeaderAnywhere,
    /// What the header search looks for.
    LookedFor,
    /// `{file}`, `{why}`.
    NotReadable,
    /// `{file}`.
    NotSpreadsheet,
    /// `stake log`, one stakeholder: `{date}`, `{id}`, `{file}`, `{line}`.
    Logged,
    /// `stake log`, a meeting: `{date}`, `{file}`, `{ids}`.
    LoggedMeeting,
    /// `{dir}`.
    NoIds,
    /// `--summary` empty.
    EmptySummary,
    /// `{path}`, `{why}`.
    CannotAdd,
    /// `{path}`, `{cause}`, `{restored}`.
    Undone,
    /// The file is as it was.
    RestoredNothingLogged,
    /// `{error}`.
    NotRestored,
    /// The new entry did not read back.
    NotReadBack,
    /// The new entry caused errors.
    CausedErrors,
    /// `{path}`.
    FileHasErrors,
    /// `{message}`.
    RegisterHasErrors,
    /// `{id}`.
    NoSuchStakeholder,
    /// `{id}`.
    NoSuchStakeholderOrMeeting,
    /// `{names}`.
    DidYouMean,
    /// Between suggestions.
    Or,
    /// How ids are made: `{meetings}`.
    IdsAre,
    /// How a meeting's id is made.
    MeetingIds,
    /// `{path}`, `{removed}`.
    MeetingHasErrors,
    /// A meeting record removed again.
    MeetingRemoved,
    /// `{error}`.
    MeetingNotRemoved,
}

impl Line {
    /// The English and the Chinese.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Line::Reading => (
                "reading sheet `{sheet}` of {file}{how}: headers in row {row}, {n} stakeholders",
                "读取 {file} 的工作表 `{sheet}`{how}：表头在第 {row} 行，{n} 个干系人",
            ),
            Line::TextEncoding => (", {encoding} text", "（{encoding} 文本）"),
            Line::ToNotes => ("kept in the notes, as a table", "写入备注中的表格"),
            Line::Derived => ("not read: stake derives it", "不读取：由 stake 推算"),
            Line::RowNumber => ("not read: a row number", "不读取：行号"),
            Line::NotRead => ("not read", "不读取"),
            Line::ByMap => (" (--map)", "（--map）"),
            Line::AlsoReading => (
                "also reading the sheets {sheets}",
                "同时读取工作表 {sheets}",
            ),
            Line::Note => ("note: {text}", "提示：{text}"),
            Line::KeptInRegister => (
                "kept {path} as it is (`{id}` is in the register; `--update` merges the sheet's changes)",
                "保留 {path} 原样（`{id}` 已在登记册中；`--update` 可合并表格中的改动）",
            ),
            Line::Unchanged => ("{path}: unchanged", "{path}：无改动"),
            Line::WouldUpdate => ("would update {path}: {fields}", "将更新 {path}：{fields}"),
            Line::KeptBecause => ("kept {path} as it is: {why}", "保留 {path} 原样：{why}"),
            Line::WouldWrite => ("would write {path}", "将写入 {path}"),
            Line::WouldWriteExists => (
                "would write {path} (exists: would be left as it is)",
                "将写入 {path}（已存在：将保留原样）",
            ),
            Line::DryRun => ("dry run: nothing written", "试运行：未写入任何文件"),
            Line::KeptExists => (
                "kept {path} as it is (it exists)",
                "保留 {path} 原样（文件已存在）",
            ),
            Line::Wrote => ("wrote {n} files into {dir}", "已写入 {n} 个文件到 {dir}"),
            Line::Restored => (
                "{path}: the merged values caused errors; restored as it was",
                "{path}：合并的内容导致错误，已恢复原样",
            ),
            Line::Updated => ("updated {path}: {fields}", "已更新 {path}：{fields}"),
            Line::Lacking => (
                "{n} of them lack power or interest (required; not guessed): each file says where; `missing-field` errors until they are written",
                "其中 {n} 个缺少权力或利益（必填，不作猜测）：各文件中注明了位置；填写之前会报 `missing-field` 错误",
            ),
            Line::Checked => (
                "stake check {dir}: {errors} errors, {warnings} warnings",
                "stake check {dir}：{errors} 个错误，{warnings} 个警告",
            ),
            Line::Place => ("row {row}, column {col}", "第 {row} 行 {col} 列"),
            Line::Row => ("row {row}", "第 {row} 行"),
            Line::Unreadable => (
                "{place} ({header}): `{value}` cannot be read; write {expected}: imported without it",
                "{place}（{header}）：无法识别 `{value}`；请填写 {expected}：导入时略去此项",
            ),
            Line::NoteRow => (
                "{row}: `{text}` is a note, not a stakeholder: skipped",
                "{row}：`{text}` 是说明，不是干系人：已跳过",
            ),
            Line::NoName => (
                "{row}: no name (column {col}): skipped",
                "{row}：没有姓名（{col} 列）：已跳过",
            ),
            Line::Uncalculated => (
                "{place} ({header}): the formula `={formula}` has no calculated value (the file was never opened in a spreadsheet program; open and save it there to keep the value): imported without it",
                "{place}（{header}）：公式 `={formula}` 没有计算结果（文件从未在电子表格软件中打开过；在其中打开并保存即可保留结果）：导入时略去此项",
            ),
            Line::BadId => (
                "{row}: the id `{id}` cannot be a file name: made one from the name",
                "{row}：编号 `{id}` 不能用作文件名：已按姓名生成",
            ),
            Line::DuplicateId => (
                "{row}: `{name}` has the id of an earlier row: its id is `{id}`",
                "{row}：`{name}` 与前面一行的编号相同：其编号改为 `{id}`",
            ),
            Line::NoSuchId => (
                "sheet `{sheet}`, {row}: no stakeholder has the id `{id}`: skipped",
                "工作表 `{sheet}` {row}：没有编号为 `{id}` 的干系人：已跳过",
            ),
            Line::NoSheet => (
                "the file has no sheet `{wanted}`; its sheets are {sheets}",
                "文件中没有工作表 `{wanted}`；现有工作表：{sheets}",
            ),
            Line::NoHeader => (
                "no header row found in sheet `{sheet}`: {looked}",
                "工作表 `{sheet}` 中找不到表头行：{looked}",
            ),
            Line::NoHeaderAnywhere => (
                "no sheet has a header row (looked in {sheets}): {looked}",
                "没有工作表含表头行（已查看 {sheets}）：{looked}",
            ),
            Line::LookedFor => (
                "looked in the first 30 rows for a row naming the stakeholder's name (`Name`, `Stakeholder`, `姓名`, `干系人`, `相关方`, …) and at least one other known column (`Role`, `Power`, `Interest`, `职务`, `权力`, `利益`, …); name the columns with `--map`",
                "在前 30 行中查找写有干系人姓名（`姓名`、`干系人`、`相关方`、`Name`、`Stakeholder` 等）及至少一个其他已知列（`职务`、`权力`、`利益`、`Role`、`Power`、`Interest` 等）的一行；可用 `--map` 指明各列",
            ),
            Line::NotReadable => (
                "{file} is not a spreadsheet stake can read ({why}); save it as .xlsx, .ods or .csv",
                "{file} 不是 stake 能读取的电子表格（{why}）；请另存为 .xlsx、.ods 或 .csv",
            ),
            Line::NotSpreadsheet => (
                "{file} is not a spreadsheet: not an .xlsx, .xls or .ods workbook, and not CSV text; save it as .xlsx or .csv",
                "{file} 不是电子表格：既不是 .xlsx、.xls 或 .ods 工作簿，也不是 CSV 文本；请另存为 .xlsx 或 .csv",
            ),
            Line::Logged => (
                "logged {date} for `{id}` at {file}:{line}",
                "已记录 {date} 与 `{id}` 的沟通，位于 {file}:{line}",
            ),
            Line::LoggedMeeting => (
                "logged {date} as the meeting record {file} for {ids}",
                "已将 {date} 的会议记录写入 {file}，与会者 {ids}",
            ),
            Line::NoIds => (
                "name the stakeholders to log for: `stake log {dir} ID... --summary TEXT`",
                "请写明要记录的干系人：`stake log {dir} ID... --summary TEXT`",
            ),
            Line::EmptySummary => (
                "`--summary` is empty; write what was said or agreed",
                "`--summary` 为空；请写明谈了什么或商定了什么",
            ),
            Line::CannotAdd => (
                "{path}: cannot add the entry: {why}; nothing logged",
                "{path}：无法添加记录：{why}；未记录",
            ),
            Line::Undone => ("{path}: {cause}; {restored}", "{path}：{cause}；{restored}"),
            Line::RestoredNothingLogged => (
                "the file is restored as it was; nothing logged",
                "文件已恢复原样；未记录",
            ),
            Line::NotRestored => (
                "the file could not be restored ({error}): `git checkout` it",
                "文件未能恢复（{error}）：请用 `git checkout` 取回",
            ),
            Line::NotReadBack => (
                "the entry did not read back as written",
                "新记录读回的内容与写入的不同",
            ),
            Line::CausedErrors => (
                "the new entry caused the errors above",
                "新记录导致了上面的错误",
            ),
            Line::FileHasErrors => (
                "{path}: the file has errors; nothing logged (fix them first)",
                "{path}：文件有错误；未记录（请先修正）",
            ),
            Line::RegisterHasErrors => (
                "{message}\n(the register has errors, shown above: a stakeholder whose file has errors cannot be logged for until they are fixed)",
                "{message}\n（登记册有错误，见上：文件有错误的干系人在修正之前无法记录）",
            ),
            Line::NoSuchStakeholder => (
                "no stakeholder has the id `{id}`",
                "没有编号为 `{id}` 的干系人",
            ),
            Line::NoSuchStakeholderOrMeeting => (
                "no stakeholder or meeting has the id `{id}`",
                "没有编号为 `{id}` 的干系人或会议",
            ),
            Line::DidYouMean => ("; did you mean {names}?", "；是否要找 {names}？"),
            Line::Or => (" or ", " 或 "),
            Line::IdsAre => (
                "(an id is the `id:` of a stakeholder file, else its file name without `.md`{meetings})",
                "（编号是干系人文件中的 `id:`，没有时为不含 `.md` 的文件名{meetings}）",
            ),
            Line::MeetingIds => (
                "; a meeting record's is its file name",
                "；会议记录的编号是其文件名",
            ),
            Line::MeetingHasErrors => (
                "{path}: the new meeting record has the errors above; {removed}",
                "{path}：新的会议记录有上面的错误；{removed}",
            ),
            Line::MeetingRemoved => (
                "it is removed again; nothing logged",
                "已删除该文件；未记录",
            ),
            Line::MeetingNotRemoved => (
                "it could not be removed ({error}): delete it",
                "未能删除（{error}）：请手动删除",
            ),
        }
    }
}

/// A line with its placeholders filled in, in `language`.
pub fn say(language: Language, line: Line, values: &[(&str, &str)]) -> String {
    let (en, zh) = line.words();
    fill(super::pick(language, en, zh), values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_fill_the_same_placeholders() {
        let holes = |text: &str| {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            names.sort();
            names
        };
        for line in [
            Line::Reading,
            Line::Unreadable,
            Line::Uncalculated,
            Line::DuplicateId,
            Line::NoSuchId,
            Line::Checked,
            Line::Logged,
            Line::LoggedMeeting,
            Line::Undone,
            Line::MeetingHasErrors,
        ] {
            let (en, zh) = line.words();
            assert_eq!(holes(en), holes(zh), "{line:?}");
        }
    }
}
