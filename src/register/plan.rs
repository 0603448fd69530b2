//! Plan items and `fulfils` across files (format v2): each audience against the register,
//! each `fulfils` against the plan ids it may name.
//!
//! An interaction may name a plan item or one of its own stakeholder's touches; a meeting
//! a plan item or a touch of one of its attendees. Touch ids are unique within their
//! file and never the id of a plan item, so a `fulfils` always names one thing.

use std::collections::HashSet;
use std::path::Path;

use super::model::{Meeting, Project, Stakeholder};
use super::references::Broken;
use super::typing;
use crate::diagnostic::{Diagnostic, Loc};

/// Reports every audience id that names nobody, every audience that matches nobody,
/// every `fulfils` that names no plan id, and touch ids that are not unique.
pub(super) fn check(
    root: &Path,
    project: &Project,
    stakeholders: &[Stakeholder],
    broken: &[Broken],
    meetings: &[Meeting],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let project_file = project.file.as_ref().map(|f| root.join(f));
    let items: Vec<&str> = project
        .communications
        .iter()
        .map(|i| i.id.as_str())
        .collect();

    if let Some(file) = &project_file {
        let ids: Vec<&str> = stakeholders.iter().map(|s| s.id.as_str()).collect();
        let known: HashSet<&str> = ids
            .iter()
            .copied()
            .chain(
                broken
                    .iter()
                    .filter_map(|b| b.id.as_ref().map(|(id, _)| id.as_str())),
            )
            .collect();
        for item in &project.communications {
            let audience = &item.audience;
            let mut unknown = false;
            for (id, at) in audience.ids.iter().zip(&audience.ids_at) {
                if known.contains(id.as_str()) {
                    continue;
                }
                unknown = true;
                let help = match typing::closest(id, &ids) {
                    Some(closest) => format!("did you mean `{closest}`?"),
                    None => "name a stakeholder by the id of their file (its name without `.md`)"
                        .to_owned(),
                };
                diagnostics.push(
                    Diagnostic::error(
                        "unknown-audience",
                        file,
                        at.clone(),
                        format!("no stakeholder has the id `{id}`"),
                    )
                    .label("not a stakeholder of the register")
                    .help(help),
                );
            }
            let members = audience.members();
            let matches_someone = stakeholders.iter().any(|s| members.includes(s).is_some());
            let named_broken = audience.ids.iter().any(|id| known.contains(id.as_str()));
            // An unknown id is its own error, which says what to write.
            if !matches_someone && !named_broken && !unknown {
                diagnostics.push(
                    Diagnostic::warning(
                        "empty-audience",
                        file,
                        audience.at.clone(),
                        format!(
                            "the audience of plan item `{}` matches no stakeholder",
                            item.id
                        ),
                    )
                    .label("no stakeholder has these tags or ids")
                    .help(
                        "tag the stakeholders it is for (`tags: [steering-committee]` in their \
                         files) or name them in `ids`",
                    ),
                );
            }
        }
    }

    for s in stakeholders {
        let file = root.join(&s.file);
        let mut own: Vec<(&str, usize)> = Vec::new();
        for touch in &s.communication {
            let Some(id) = touch.id.as_deref() else {
                continue;
            };
            let at = Loc::line(touch.line);
            if let Some(&(_, line)) = own.iter().find(|(other, _)| *other == id) {
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-id",
                        &file,
                        at.clone(),
                        format!("two touches of this stakeholder have the id `{id}`"),
                    )
                    .also(&file, &Loc::line(line), "the other")
                    .help("give each touch its own id: `fulfils` lists name them"),
                );
            } else if items.contains(&id) {
                let mut d = Diagnostic::error(
                    "duplicate-id",
                    &file,
                    at.clone(),
                    format!("the touch id `{id}` is also a plan item's"),
                );
                if let (Some(project_file), Some(item)) = (
                    &project_file,
                    project.communications.iter().find(|i| i.id == id),
                ) {
                    d = d.also(project_file, &Loc::line(item.touch.line), "the plan item");
                }
                diagnostics.push(d.help(
                    "rename the touch: a `fulfils` naming this id must mean one planned \
                     communication",
                ));
            }
            own.push((id, touch.line));
        }
        let own: Vec<&str> = own.iter().map(|(id, _)| *id).collect();
        for interaction in s.interactions.iter().filter(|i| i.meeting.is_none()) {
            let named = interaction.fulfils.iter().zip(&interaction.fulfils_at);
            for (id, at) in named {
                fulfils(&file, id, at, &items, &own, Some(s), project, diagnostics);
            }
        }
    }

    for meeting in meetings {
        let file = root.join(&meeting.file);
        let attendees: Vec<&Stakeholder> = stakeholders
            .iter()
            .filter(|s| meeting.attendees.contains(&s.id))
            .collect();
        let touches: Vec<&str> = attendees
            .iter()
            .flat_map(|s| s.communication.iter().filter_map(|t| t.id.as_deref()))
            .collect();
        for (id, at) in meeting.fulfils.iter().zip(&meeting.fulfils_at) {
            fulfils(&file, id, at, &items, &touches, None, project, diagnostics);
        }
    }
}

/// One `fulfils` id: a plan item's, else one of the `touches` it may name; an error
/// with the closest id when it is neither, a warning when `who` is not in the item's
/// audience.
#[allow(clippy::too_many_arguments)]
fn fulfils(
    file: &Path,
    id: &str,
    at: &Loc,
    items: &[&str],
    touches: &[&str],
    who: Option<&Stakeholder>,
    project: &Project,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(item) = project.communications.iter().find(|i| i.id == id) {
        if let Some(s) = who
            && item.audience.members().includes(s).is_none()
        {
            diagnostics.push(
                Diagnostic::warning(
                    "fulfils-outside-audience",
                    file,
                    at.clone(),
                    format!("`{}` is not in the audience of plan item `{id}`", s.id),
                )
                .help(format!(
                    "add `{}` to the item's `audience` in `_project.md`, or take `{id}` out \
                     of `fulfils`",
                    s.id
                )),
            );
        }
        return;
    }
    if touches.contains(&id) {
        return;
    }
    let mut candidates: Vec<&str> = items.iter().chain(touches).copied().collect();
    candidates.sort_unstable();
    candidates.dedup();
    let help = match typing::closest(id, &candidates) {
        Some(closest) => format!("did you mean `{closest}`?"),
        None if candidates.is_empty() => "`fulfils` names the `id` of a plan item in \
             `_project.md` → `communications`, or of a touch in `communication`; none has an \
             id yet"
            .to_owned(),
        None => format!(
            "`fulfils` names a plan id: {}",
            candidates
                .iter()
                .take(8)
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    diagnostics.push(
        Diagnostic::error(
            "unknown-plan-id",
            file,
            at.clone(),
            format!("no plan item or touch has the id `{id}`"),
        )
        .label("not a plan id")
        .help(help),
    );
}
