//! The direction of a stakeholder's sentiment over the interaction log.
//!
//! Rule: take the sentiment of the last [`WINDOW`] interactions that record one, each on
//! the 1–5 satisfaction scale (negative 2, neutral 3, positive 4), and fit a
//! least-squares line through them against their position in the log. The line's rise
//! across the window (slope × (entries − 1)) is the change: at least [`MIN_CHANGE`]
//! points is improving, at most `-MIN_CHANGE` declining, anything between stable (the
//! dead band). Fewer than two entries give no trend.

use serde::Serialize;

/// How many of the latest scored interactions the trend looks at.
pub const WINDOW: usize = 5;

/// The smallest fitted change across the window, in points of the 1–5 scale, that
/// counts as a direction. Over five entries a single one-point wobble fits a change of
/// ±0.4 and is noise, two one-point steps fit ±0.8 and are a direction; over four, an
/// alternating 4, 3, 4, 3 fits −0.6 and stays stable; over two, any change counts.
pub const MIN_CHANGE: f64 = 0.75;

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

/// The trend of scores in log order (oldest first); only the last [`WINDOW`] count.
pub fn trend(scores: &[f64]) -> Option<Trend> {
    let recent = &scores[scores.len().saturating_sub(WINDOW)..];
    let change = slope(recent)? * (recent.len() - 1) as f64;
    Some(if change >= MIN_CHANGE {
        Trend::Improving
    } else if change <= -MIN_CHANGE {
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
        // Fitted change -0.4: stable.
        assert_eq!(trend(&[4.0, 3.0, 4.0, 4.0, 3.0]), Some(Trend::Stable));
        // -0.8: declining.
        assert_eq!(trend(&[2.0, 2.0, 2.0, 2.0, 1.0]), Some(Trend::Declining));
        // +0.8: improving.
        assert_eq!(trend(&[3.0, 4.0, 3.0, 4.0, 4.0]), Some(Trend::Improving));
        // An alternating log: -0.6, stable.
        assert_eq!(trend(&[4.0, 3.0, 4.0, 3.0]), Some(Trend::Stable));
        // A drop that holds: -1.0, declining.
        assert_eq!(trend(&[4.0, 3.0, 3.0]), Some(Trend::Declining));
        assert_eq!(trend(&[4.0, 3.0, 4.0]), Some(Trend::Stable));
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
