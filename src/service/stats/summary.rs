//! Means and percentiles of a sample, and shares, rounded for people to read.

use serde::Serialize;
use utoipa::ToSchema;

/// A sample of durations in minutes: how many, mean, median and 90th percentile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct DurationSummary {
    pub count: usize,
    /// Minutes, one decimal; absent when the sample is empty.
    pub mean: Option<f64>,
    /// The middle value (the mean of the two middle ones for an even count).
    pub median: Option<f64>,
    /// Nearest rank: the smallest value at least 90 % of the sample does not exceed.
    pub p90: Option<f64>,
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A share as a fraction rounded to four places; None for 0 of 0, which is no rate at all.
pub fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

/// Sorts the sample in place.
pub fn summarize(sample: &mut [f64]) -> DurationSummary {
    if sample.is_empty() {
        return DurationSummary::default();
    }
    sample.sort_by(f64::total_cmp);
    let n = sample.len();
    let mean = sample.iter().sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        sample[n / 2]
    } else {
        (sample[n / 2 - 1] + sample[n / 2]) / 2.0
    };
    // Nearest rank keeps p90 a value that was really observed.
    let rank = (0.9 * n as f64).ceil() as usize;
    DurationSummary {
        count: n,
        mean: Some(round1(mean)),
        median: Some(round1(median)),
        p90: Some(round1(sample[rank.max(1) - 1])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_sample_has_no_figures() {
        assert_eq!(summarize(&mut []), DurationSummary::default());
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        let s = summarize(&mut [5.0, 1.0, 3.0]);
        assert_eq!((s.count, s.mean, s.median), (3, Some(3.0), Some(3.0)));
        let s = summarize(&mut [4.0, 1.0, 3.0, 2.0]);
        assert_eq!(s.median, Some(2.5));
        assert_eq!(s.mean, Some(2.5));
    }

    #[test]
    fn p90_is_the_nearest_rank() {
        let mut ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(summarize(&mut ten).p90, Some(9.0));
        let mut eleven: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(summarize(&mut eleven).p90, Some(10.0));
        assert_eq!(summarize(&mut [7.0]).p90, Some(7.0));
        let mut hundred: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(summarize(&mut hundred).p90, Some(90.0));
    }

    #[test]
    fn rates_are_fractions_and_undefined_for_nothing() {
        assert_eq!(rate(0, 0), None);
        assert_eq!(rate(2, 3), Some(0.6667));
        assert_eq!(rate(3, 3), Some(1.0));
    }

    #[test]
    fn means_are_rounded_to_one_decimal() {
        assert_eq!(summarize(&mut [1.0, 1.0, 2.0]).mean, Some(1.3));
    }
}
