//! Stakeholder salience (Mitchell, Agle & Wood 1997): which of power, legitimacy and
//! urgency a stakeholder has, and the class that combination names.

use serde::Serialize;

use crate::register::Stakeholder;
use crate::register::vocab::{Attribute, Level};

/// The salience class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Salience {
    /// Power only (latent).
    Dormant,
    /// Legitimacy only (latent).
    Discretionary,
    /// Urgency only (latent).
    Demanding,
    /// Power and legitimacy (expectant).
    Dominant,
    /// Power and urgency (expectant).
    Dangerous,
    /// Legitimacy and urgency (expectant).
    Dependent,
    /// All three.
    Definitive,
    /// None of the three.
    NonStakeholder,
}

impl Salience {
    /// The class of a combination of attributes.
    pub fn of(power: bool, legitimacy: bool, urgency: bool) -> Salience {
        match (power, legitimacy, urgency) {
            (true, false, false) => Salience::Dormant,
            (false, true, false) => Salience::Discretionary,
            (false, false, true) => Salience::Demanding,
            (true, true, false) => Salience::Dominant,
            (true, false, true) => Salience::Dangerous,
            (false, true, true) => Salience::Dependent,
            (true, true, true) => Salience::Definitive,
            (false, false, false) => Salience::NonStakeholder,
        }
    }
}

/// The salience of a stakeholder, or `None` when neither legitimacy nor urgency is
/// recorded: power alone says nothing about salience. An attribute is present when its
/// level reaches `threshold` or it is written `true`; an unrecorded one is absent.
pub fn salience(stakeholder: &Stakeholder, threshold: Level) -> Option<Salience> {
    if stakeholder.legitimacy.is_none() && stakeholder.urgency.is_none() {
        return None;
    }
    let present = |attribute: Option<Attribute>| attribute.is_some_and(|a| a.present(threshold));
    Some(Salience::of(
        stakeholder.power >= threshold,
        present(stakeholder.legitimacy),
        present(stakeholder.urgency),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::stakeholder;

    fn level(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    #[test]
    fn every_class_of_mitchell_agle_and_wood() {
        let cases = [
            ((true, false, false), Salience::Dormant),
            ((false, true, false), Salience::Discretionary),
            ((false, false, true), Salience::Demanding),
            ((true, true, false), Salience::Dominant),
            ((true, false, true), Salience::Dangerous),
            ((false, true, true), Salience::Dependent),
            ((true, true, true), Salience::Definitive),
            ((false, false, false), Salience::NonStakeholder),
        ];
        for ((p, l, u), class) in cases {
            assert_eq!(Salience::of(p, l, u), class, "{p} {l} {u}");
        }
        let json = serde_json::to_value(Salience::NonStakeholder).unwrap();
        assert_eq!(json, "non-stakeholder");
    }

    #[test]
    fn unrecorded_legitimacy_and_urgency_give_no_class() {
        let mut s = stakeholder("a", 5, 5);
        assert_eq!(salience(&s, level(4)), None);
        s.urgency = Some(Attribute::Flag(false));
        assert_eq!(salience(&s, level(4)), Some(Salience::Dormant));
    }

    #[test]
    fn levels_count_from_the_threshold_and_flags_as_written() {
        let mut s = stakeholder("a", 3, 3);
        s.legitimacy = Some(Attribute::Level(level(4)));
        s.urgency = Some(Attribute::Level(level(3)));
        assert_eq!(salience(&s, level(4)), Some(Salience::Discretionary));
        assert_eq!(salience(&s, level(3)), Some(Salience::Definitive));
        s.legitimacy = Some(Attribute::Flag(true));
        s.urgency = Some(Attribute::Flag(true));
        assert_eq!(salience(&s, level(4)), Some(Salience::Dependent));
        s.legitimacy = Some(Attribute::Level(level(2)));
        s.urgency = None;
        assert_eq!(salience(&s, level(4)), Some(Salience::NonStakeholder));
    }
}
