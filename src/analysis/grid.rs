//! Mendelow's power/interest grid (Mendelow 1991): where a stakeholder sits and what
//! that asks of the project.

use serde::Serialize;

use crate::register::vocab::{Level, Quadrant};

/// The quadrant of a stakeholder. A level is high when it reaches `threshold` (by
/// default 4: high and very high are high, medium is low).
pub fn quadrant(power: Level, interest: Level, threshold: Level) -> Quadrant {
    match (power >= threshold, interest >= threshold) {
        (true, true) => Quadrant::ManageClosely,
        (true, false) => Quadrant::KeepSatisfied,
        (false, true) => Quadrant::KeepInformed,
        (false, false) => Quadrant::Monitor,
    }
}

/// Mendelow's name for the strategy of each segment of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// High power, high interest: involve them and make the greatest effort to satisfy.
    KeyPlayers,
    /// High power, low interest: meet their needs without overloading them.
    KeepSatisfied,
    /// Low power, high interest: keep them adequately informed.
    KeepInformed,
    /// Low power, low interest: watch, without excessive communication.
    MinimalEffort,
}

impl From<Quadrant> for Strategy {
    fn from(quadrant: Quadrant) -> Strategy {
        match quadrant {
            Quadrant::ManageClosely => Strategy::KeyPlayers,
            Quadrant::KeepSatisfied => Strategy::KeepSatisfied,
            Quadrant::KeepInformed => Strategy::KeepInformed,
            Quadrant::Monitor => Strategy::MinimalEffort,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(n: u8) -> Level {
        Level::new(n).unwrap()
    }

    #[test]
    fn every_quadrant_at_the_default_threshold() {
        let t = level(4);
        assert_eq!(quadrant(level(5), level(4), t), Quadrant::ManageClosely);
        assert_eq!(quadrant(level(4), level(3), t), Quadrant::KeepSatisfied);
        assert_eq!(quadrant(level(3), level(4), t), Quadrant::KeepInformed);
        assert_eq!(quadrant(level(3), level(3), t), Quadrant::Monitor);
        assert_eq!(quadrant(level(1), level(1), t), Quadrant::Monitor);
    }

    #[test]
    fn the_threshold_itself_is_high_and_one_below_is_low() {
        for threshold in 2..=5 {
            let t = level(threshold);
            let on = level(threshold);
            let below = level(threshold - 1);
            assert_eq!(quadrant(on, on, t), Quadrant::ManageClosely);
            assert_eq!(quadrant(on, below, t), Quadrant::KeepSatisfied);
            assert_eq!(quadrant(below, on, t), Quadrant::KeepInformed);
            assert_eq!(quadrant(below, below, t), Quadrant::Monitor);
        }
    }

    #[test]
    fn a_threshold_of_one_makes_everyone_a_key_player() {
        assert_eq!(
            quadrant(level(1), level(1), level(1)),
            Quadrant::ManageClosely
        );
    }

    #[test]
    fn strategies_follow_mendelow() {
        let json = |quadrant| serde_json::to_value(Strategy::from(quadrant)).unwrap();
        assert_eq!(json(Quadrant::ManageClosely), "key-players");
        assert_eq!(json(Quadrant::KeepSatisfied), "keep-satisfied");
        assert_eq!(Strategy::from(Quadrant::Monitor), Strategy::MinimalEffort);
    }
}
