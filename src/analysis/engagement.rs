//! The PMBOK stakeholder engagement assessment matrix: where each stakeholder is, where
//! the project needs them, and how much of that the register reaches as a whole.

use serde::Serialize;

use crate::register::Stakeholder;
use crate::register::vocab::EngagementLevel;

/// One row of the engagement assessment matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Engagement {
    /// Current level (C in the matrix).
    pub current: Option<EngagementLevel>,
    /// Desired level (D in the matrix).
    pub desired: Option<EngagementLevel>,
    /// Desired minus current, in levels (unaware 1 … leading 5): positive when the
    /// stakeholder must be brought further, negative when they are further than planned.
    pub gap: Option<i8>,
}

impl Engagement {
    /// The row of a stakeholder.
    pub fn of(stakeholder: &Stakeholder) -> Engagement {
        let current = stakeholder.engagement_current;
        let desired = stakeholder.engagement_desired;
        let gap = current
            .zip(desired)
            .map(|(current, desired)| desired.rank() - current.rank());
        Engagement {
            current,
            desired,
            gap,
        }
    }

    /// Whether the stakeholder still has to be brought to the desired level.
    pub fn open(self) -> bool {
        self.gap.is_some_and(|gap| gap > 0)
    }
}

/// The engagement index: how much of the weighted desired engagement is reached, 0–100.
///
/// Levels count from 0 (unaware) to 4 (leading); each stakeholder with both levels
/// recorded weighs `power × interest`. The index is
/// `100 × Σ weight × min(current, desired) / Σ weight × desired`, rounded: going beyond
/// the desired level earns nothing more. `None` when no stakeholder has both levels;
/// 100 when every desired level is `unaware`.
pub fn index<'a>(rows: impl IntoIterator<Item = (&'a Stakeholder, Engagement)>) -> Option<u8> {
    let mut reached = 0u64;
    let mut wanted = 0u64;
    let mut assessed = false;
    for (stakeholder, engagement) in rows {
        let (Some(current), Some(desired)) = (engagement.current, engagement.desired) else {
            continue;
        };
        assessed = true;
        let weight = u64::from(stakeholder.power.value()) * u64::from(stakeholder.interest.value());
        let step = |level: EngagementLevel| (level.rank() - 1) as u64;
        reached += weight * step(current.min(desired));
        wanted += weight * step(desired);
    }
    if !assessed {
        return None;
    }
    if wanted == 0 {
        return Some(100);
    }
    // Integer rounding half up keeps the figure identical on every machine.
    Some(((200 * reached + wanted) / (2 * wanted)) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::stakeholder;
    use EngagementLevel::*;

    fn with(current: Option<EngagementLevel>, desired: Option<EngagementLevel>) -> Stakeholder {
        let mut s = stakeholder("a", 3, 3);
        s.engagement_current = current;
        s.engagement_desired = desired;
        s
    }

    #[test]
    fn gap_is_desired_minus_current() {
        let gap = |c, d| Engagement::of(&with(Some(c), Some(d))).gap;
        assert_eq!(gap(Resistant, Supportive), Some(2));
        assert_eq!(gap(Unaware, Leading), Some(4));
        assert_eq!(gap(Neutral, Neutral), Some(0));
        assert_eq!(gap(Leading, Supportive), Some(-1));
        assert!(Engagement::of(&with(Some(Neutral), Some(Supportive))).open());
        assert!(!Engagement::of(&with(Some(Leading), Some(Supportive))).open());
    }

    #[test]
    fn no_gap_without_both_levels() {
        assert_eq!(Engagement::of(&with(Some(Neutral), None)).gap, None);
        assert_eq!(Engagement::of(&with(None, Some(Leading))).gap, None);
        assert!(!Engagement::of(&with(None, None)).open());
    }

    #[test]
    fn index_weighs_by_power_and_interest() {
        let mut big = with(Some(Leading), Some(Leading));
        big.power = crate::register::vocab::Level::new(5).unwrap();
        big.interest = crate::register::vocab::Level::new(5).unwrap();
        // Weight 25, reached 4 of 4; weight 9, reached 1 (resistant) of 3 (supportive).
        let small = with(Some(Resistant), Some(Supportive));
        let rows = [&big, &small].map(|s| (s, Engagement::of(s)));
        // 100 × (25×4 + 9×1) / (25×4 + 9×3) = 100 × 109 / 127 = 85.8
        assert_eq!(index(rows), Some(86));
    }

    #[test]
    fn index_edge_cases() {
        let none: [(&Stakeholder, Engagement); 0] = [];
        assert_eq!(index(none), None);
        let unassessed = with(None, Some(Leading));
        assert_eq!(index([(&unassessed, Engagement::of(&unassessed))]), None);
        let beyond = with(Some(Leading), Some(Neutral));
        assert_eq!(index([(&beyond, Engagement::of(&beyond))]), Some(100));
        let unaware = with(Some(Unaware), Some(Unaware));
        assert_eq!(index([(&unaware, Engagement::of(&unaware))]), Some(100));
        let nowhere = with(Some(Unaware), Some(Leading));
        assert_eq!(index([(&nowhere, Engagement::of(&nowhere))]), Some(0));
    }
}
