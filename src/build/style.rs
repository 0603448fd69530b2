//! The style sheet inlined in each page (pages stay self-contained): `style.css.tera`,
//! rendered once for each kind of page and set of charts it draws, so that a profile does
//! not carry the rules of the dashboard's charts ten thousand times.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use tera::Context;

use super::templates::Templates;
use crate::document::Block;

/// What a style sheet depends on: the kind of page and the charts it draws.
type Key = (&'static str, BTreeSet<&'static str>);

/// The style sheets of one build, rendered on first use.
pub struct Styles<'a> {
    templates: &'a Templates,
    base: &'a Context,
    rendered: Mutex<HashMap<Key, Arc<str>>>,
}

impl<'a> Styles<'a> {
    /// Style sheets from `templates`, seeing the variables of `base`.
    pub fn new(templates: &'a Templates, base: &'a Context) -> Styles<'a> {
        Styles {
            templates,
            base,
            rendered: Mutex::new(HashMap::new()),
        }
    }

    /// The style sheet of a page of `kind` (`index`, `stakeholder`, ...) made of `blocks`.
    pub fn of(&self, kind: &'static str, blocks: &[Block]) -> Result<Arc<str>, String> {
        let mut charts = BTreeSet::new();
        charts_in(blocks, &mut charts);
        let key = (kind, charts);
        let known = self.lock().get(&key).cloned();
        if let Some(css) = known {
            return Ok(css);
        }
        let mut context = self.base.clone();
        context.insert("kind", kind);
        context.insert("charts", &key.1);
        let css: Arc<str> = self.templates.html("style.css.tera", &context)?.into();
        // Two pages of a new kind may both render it; either copy is the same.
        self.lock().insert(key, css.clone());
        Ok(css)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<str>>> {
        // The map is never left half-updated: a panic elsewhere does not spoil it.
        self.rendered.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The names of the charts drawn in `blocks` (as `chart(name=...)` calls them).
fn charts_in(blocks: &[Block], found: &mut BTreeSet<&'static str>) {
    for block in blocks {
        match block {
            Block::Chart(chart) => {
                found.insert(chart.name().as_str());
            }
            Block::List { items, .. } => {
                for item in items {
                    charts_in(item, found);
                }
            }
            Block::Alert { blocks, .. } | Block::Quote(blocks) => charts_in(blocks, found),
            Block::Heading { .. }
            | Block::Paragraph(_)
            | Block::Table(_)
            | Block::Code(_)
            | Block::Figures(_)
            | Block::Rule => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysed, analyze};
    use crate::document::Chart;
    use crate::document::charts::Charts;
    use crate::register::vocab::Language;
    use crate::register::{Limits, load};

    #[test]
    fn a_page_gets_the_rules_of_its_own_charts_only() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/erp-rollout");
        let register = load(&root, &Limits::default()).unwrap().register;
        let as_of = register.project.as_of.unwrap();
        let analysis = analyze(&register, as_of);
        let charts = Charts::build(&Analysed::new(&register, &analysis), as_of);
        let templates = Templates::load(None, Language::En).unwrap();
        let base = Context::new();
        let styles = Styles::new(&templates, &base);
        let sentiment = Block::chart(Chart::Sentiment(charts.sentiment.clone()));
        let grid = Block::chart(charts.grid.clone());
        let profile = styles
            .of("stakeholder", std::slice::from_ref(&sentiment))
            .unwrap();
        assert!(profile.contains(".trend-line"));
        assert!(!profile.contains(".quadrant-name") && !profile.contains(".edge-ally"));
        assert!(!profile.contains(".toc"));
        let nested = Block::List {
            start: None,
            items: vec![vec![grid]],
        };
        let report = styles.of("report", &[nested, sentiment.clone()]).unwrap();
        assert!(report.contains(".quadrant-name") && report.contains(".trend-line"));
        assert!(report.contains(".toc") && !report.contains(".mark-c"));
        // Rendered once per kind and set of charts.
        let again = styles.of("stakeholder", &[sentiment]).unwrap();
        assert!(Arc::ptr_eq(&profile, &again));
        assert_eq!(styles.lock().len(), 2);
    }
}
