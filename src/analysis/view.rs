//! A register seen with its analysis: each stakeholder with its assessment, paired once
//! by id, so that no caller matches the two lists by position or builds its own index.

use super::{Analysis, Assessment};
use crate::register::{Register, Stakeholder};

/// A register and an analysis of it (or a view of one, such as the public edition's),
/// stakeholder by stakeholder.
#[derive(Debug, Clone)]
pub struct Analysed<'a> {
    /// The register, as the pages show it (a public edition's is redacted).
    pub register: &'a Register,
    /// Its analysis, of the same edition.
    pub analysis: &'a Analysis,
    pairs: Vec<Pair<'a>>,
}

/// One stakeholder and its assessment.
type Pair<'a> = (&'a Stakeholder, &'a Assessment);

impl<'a> Analysed<'a> {
    /// Pairs each stakeholder of `register` with its assessment in `analysis`. Both are
    /// sorted by id; a stakeholder without an assessment (or the reverse) is left out.
    pub fn new(register: &'a Register, analysis: &'a Analysis) -> Self {
        let mut pairs = Vec::with_capacity(register.stakeholders.len());
        let mut assessments = analysis.stakeholders.iter().peekable();
        for s in &register.stakeholders {
            while assessments.next_if(|a| a.id < s.id).is_some() {}
            if let Some(a) = assessments.next_if(|a| a.id == s.id) {
                pairs.push((s, a));
            }
        }
        Analysed {
            register,
            analysis,
            pairs,
        }
    }

    /// Each stakeholder with its assessment, in register (id) order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Pair<'a>> + Clone + '_ {
        self.pairs.iter().copied()
    }

    /// The stakeholder with this id and its assessment.
    pub fn get(&self, id: &str) -> Option<Pair<'a>> {
        self.pairs
            .binary_search_by(|(s, _)| s.id.as_str().cmp(id))
            .ok()
            .map(|i| self.pairs[i])
    }

    /// How many stakeholders the view has.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether the view has no stakeholder.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl Assessment {
    /// Key, unless the edition withholds it.
    pub fn stated_key(&self) -> Option<bool> {
        self.stated("key").then_some(self.key)
    }

    /// Centrality, unless the edition withholds it.
    pub fn stated_centrality(&self) -> Option<f64> {
        self.stated("centrality").then_some(self.centrality)
    }

    /// Whether the edition states `fact` (a field name of the assessment).
    fn stated(&self, fact: &str) -> bool {
        !self.withheld.contains(&fact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::testing::{date, register, stakeholder};

    #[test]
    fn each_stakeholder_comes_with_its_own_assessment() {
        let register = register(vec![
            stakeholder("a", 5, 5),
            stakeholder("b", 1, 1),
            stakeholder("c", 2, 4),
        ]);
        let mut analysis = analyze(&register, date("2026-11-20"));
        // A view that left `b` out, as a public edition leaves out a record.
        analysis.stakeholders.remove(1);
        let view = Analysed::new(&register, &analysis);
        let ids: Vec<(&str, &str)> = view
            .iter()
            .map(|(s, a)| (s.id.as_str(), a.id.as_str()))
            .collect();
        assert_eq!(ids, [("a", "a"), ("c", "c")]);
        assert_eq!(view.get("c").map(|(_, a)| a.power.value()), Some(2));
        assert!(view.get("b").is_none());
    }
}
