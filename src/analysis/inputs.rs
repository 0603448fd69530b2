//! What a derived fact is computed from: the fields of a stakeholder record.
//!
//! Every fact the analysis states about a stakeholder (an assessment's value, a finding,
//! a scheduled touch, a talking point) knows which of the record's fields it was derived
//! from. The public edition ([`super::edition`]) leaves out each fact that was derived from
//! a confidential field, instead of recomputing it from less data: a stakeholder whose log
//! is confidential is not "never contacted", the public edition just does not say.

use crate::register::Stakeholder;
use crate::register::typing::CONFIDENTIAL_FIELDS;

/// A set of a stakeholder's fields, by the names a `confidential:` list uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Fields(u32);

// One bit per name of `CONFIDENTIAL_FIELDS`, in its order.
const _: () = assert!(CONFIDENTIAL_FIELDS.len() <= 32);

macro_rules! fields {
    ($($name:ident = $text:literal),* $(,)?) => {
        impl Fields {
            $(
                #[doc = concat!("`", $text, "`.")]
                pub const $name: Fields = Fields::named($text);
            )*
        }
    };
}

fields! {
    CATEGORY = "category",
    INVOLVEMENT = "involvement",
    KEY = "key",
    POWER = "power",
    INTEREST = "interest",
    LEGITIMACY = "legitimacy",
    URGENCY = "urgency",
    ENGAGEMENT = "engagement",
    OWNER = "owner",
    NEEDS = "needs",
    POSITIONS = "positions",
    COMMUNICATION = "communication",
    RELATIONSHIPS = "relationships",
    INTERACTIONS = "interactions",
    TAGS = "tags",
    NEXT_REVIEW = "next_review",
}

impl Fields {
    /// No field.
    pub const NONE: Fields = Fields(0);

    /// The field of this name; a name that `confidential:` does not accept is a bug, and
    /// fails the build of the constants above.
    const fn named(name: &str) -> Fields {
        let mut i = 0;
        while i < CONFIDENTIAL_FIELDS.len() {
            if eq(CONFIDENTIAL_FIELDS[i].as_bytes(), name.as_bytes()) {
                return Fields(1 << i);
            }
            i += 1;
        }
        panic!("not a field a `confidential:` list can name")
    }

    /// The fields of a `confidential:` list (names the loader has checked; others are
    /// ignored).
    pub fn of_names<'a>(names: impl IntoIterator<Item = &'a String>) -> Fields {
        names
            .into_iter()
            .filter_map(|name| CONFIDENTIAL_FIELDS.iter().position(|f| f == name))
            .fold(Fields::NONE, |all, i| all | Fields(1 << i))
    }

    /// Whether the two sets share a field.
    pub fn meets(self, other: Fields) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether no field is in the set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the fields, in the order of `CONFIDENTIAL_FIELDS`.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        CONFIDENTIAL_FIELDS
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, name)| *name)
    }

    /// What the key flag is computed from: the flag as written, else the grid and the
    /// salience attributes it is derived from.
    pub fn key_of(s: &Stakeholder) -> Fields {
        if s.key.is_some() {
            Fields::KEY
        } else {
            Fields::POWER | Fields::INTEREST | Fields::LEGITIMACY | Fields::URGENCY
        }
    }
}

impl std::ops::BitOr for Fields {
    type Output = Fields;
    fn bitor(self, other: Fields) -> Fields {
        Fields(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Fields {
    fn bitor_assign(&mut self, other: Fields) {
        self.0 |= other.0;
    }
}

const fn eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let written = vec!["interactions".to_string(), "owner".into(), "notes".into()];
        let fields = Fields::of_names(&written);
        assert!(fields.meets(Fields::INTERACTIONS) && fields.meets(Fields::OWNER));
        assert!(!fields.meets(Fields::POSITIONS | Fields::KEY));
        assert_eq!(
            fields.names().collect::<Vec<_>>(),
            ["owner", "interactions", "notes"]
        );
        assert!(Fields::NONE.is_empty() && !fields.is_empty());
    }
}
