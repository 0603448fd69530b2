//! The direction of a stakeholder's sentiment over the interaction log.
//!
//! Rule: take the sentiment of the last [`WINDOW`] interactions that record one, each on
//! the 1–5 satisfaction scale (negative 2, neutral 3, positive 4), and fit a
//! least-squares line through them against their position in the log. A slope of at
//! least [`DEAD_BAND`] points per interaction is improving, of at most `-DEAD_BAND`
//! declining, anything between stable. Fewer than two entries give no trend.

use serde::Serialize;

/// How many of the latest scored interactions the trend looks at.
pub const WINDOW: usize = 5;

/// The smallest slope, in points per interaction, that counts as a direction. With
/// five entries one step up or down in one interaction gives a slope of ±0.1, which is
/// noise; two steps (±0.2) are a direction.
pub const DEAD_BAND: f64 = 0.15;

/// The direction of sentiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trend {
    /// Getting better.
    Improving,
    /// Neither better nor worse.
    Stable,
    /// Getting worse.
    Declining,
}

impl Trend {
    /// The English kebab-case word, as in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::Stable => "stable",
            Trend::Declining => "declining",
        }
    }
}

/// The trend of scores in log order (oldest first); only the last [`WINDOW`] count.
pub fn trend(scores: &[f64]) -> Option<Trend> {
    let recent = &scores[scores.len().saturating_sub(WINDOW)..];
    let slope = slope(recent)?;
    Some(if slope >= DEAD_BAND {
        Trend::Improving
    } else if slope <= -DEAD_BAND {
        Trend::Declining
    } else {
        Trend::Stable
    })
}

/// The least-squares slope of `ys` against 0, 1, 2, …; `None` for fewer than two.
fn slope(ys: &[f64]) -> Option<f64> {
    if ys.len() < 2 {
        return None;
    }
    let n = ys.len() as f64;
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = ys.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (x, y) in ys.iter().enumerate() {
        let dx = x as f64 - mean_x;
        sxy += dx * (y - mean_y);
        sxx += dx * dx;
    }
    Some(sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_than_two_entries_give_no_trend() {
        assert_eq!(trend(&[]), None);
        assert_eq!(trend(&[4.0]), None);
    }

    #[test]
    fn two_entries_compare_directly() {
        assert_eq!(trend(&[3.0, 2.0]), Some(Trend::Declining));
        assert_eq!(trend(&[3.0, 4.0]), Some(Trend::Improving));
        assert_eq!(trend(&[3.0, 3.0]), Some(Trend::Stable));
    }

    #[test]
    fn a_single_wobble_is_stable_and_two_steps_are_a_direction() {
        // Slope -0.1: stable.
        assert_eq!(trend(&[4.0, 3.0, 4.0, 4.0, 3.0]), Some(Trend::Stable));
        // Slope -0.2: declining.
        assert_eq!(trend(&[2.0, 2.0, 2.0, 2.0, 1.0]), Some(Trend::Declining));
        // Slope +0.2: improving.
        assert_eq!(trend(&[3.0, 4.0, 3.0, 4.0, 4.0]), Some(Trend::Improving));
    }

    #[test]
    fn only_the_last_five_count() {
        // A steep fall long ago, flat since.
        assert_eq!(
            trend(&[5.0, 5.0, 1.0, 3.0, 3.0, 3.0, 3.0, 3.0]),
            Some(Trend::Stable)
        );
        assert_eq!(
            trend(&[4.0, 4.0, 3.0, 3.0, 2.0, 2.0, 2.0, 2.0, 1.0]),
            Some(Trend::Declining)
        );
    }

    #[test]
    fn slope_is_least_squares() {
        assert_eq!(slope(&[1.0, 2.0, 3.0]), Some(1.0));
        assert_eq!(slope(&[2.0, 4.0, 2.0]), Some(0.0));
        assert!((slope(&[3.0, 3.0, 2.0, 2.0, 2.0]).unwrap() + 0.3).abs() < 1e-12);
    }
}
