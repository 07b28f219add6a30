//! The wait a citizen is told at the kiosk, and how wrong those estimates turned out.

/// Used until the hall has served anyone in a category today.
pub const DEFAULT_SERVICE_MINUTES: f64 = 6.0;

/// Minutes until a ticket with `ahead` people before it is called: the people ahead share
/// the open counters that serve the category, each taking the category's mean service time.
pub fn estimate_wait_minutes(
    ahead: i64,
    mean_service_minutes: Option<f64>,
    open_counters: i64,
) -> i64 {
    let service = mean_service_minutes
        .filter(|m| m.is_finite() && *m > 0.0)
        .unwrap_or(DEFAULT_SERVICE_MINUTES);
    let counters = open_counters.max(1) as f64;
    (ahead.max(0) as f64 * service / counters).round() as i64
}

/// Median absolute error, in minutes, of (estimated, actual) pairs; None without data.
pub fn median_absolute_error(pairs: &[(i64, i64)]) -> Option<f64> {
    let mut errors: Vec<i64> = pairs.iter().map(|(e, a)| (e - a).abs()).collect();
    if errors.is_empty() {
        return None;
    }
    errors.sort_unstable();
    let n = errors.len();
    let median = if n % 2 == 1 {
        errors[n / 2] as f64
    } else {
        (errors[n / 2 - 1] + errors[n / 2]) as f64 / 2.0
    };
    Some(median)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nobody_ahead_means_no_wait() {
        assert_eq!(estimate_wait_minutes(0, Some(8.0), 2), 0);
    }

    #[test]
    fn people_ahead_share_the_open_counters() {
        assert_eq!(estimate_wait_minutes(6, Some(5.0), 3), 10);
        // No counter open yet: assume one will open.
        assert_eq!(estimate_wait_minutes(2, Some(5.0), 0), 10);
        // No history yet: the default service time.
        assert_eq!(estimate_wait_minutes(1, None, 1), 6);
    }

    #[test]
    fn median_error_of_known_pairs() {
        assert_eq!(median_absolute_error(&[]), None);
        assert_eq!(
            median_absolute_error(&[(10, 12), (5, 5), (3, 9)]),
            Some(2.0)
        );
        assert_eq!(median_absolute_error(&[(10, 12), (5, 5)]), Some(1.0));
    }

    proptest! {
        #[test]
        fn more_people_ahead_never_means_a_shorter_wait(a in 0i64..500, b in 0i64..500, m in 0.5f64..30.0, k in 0i64..10) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(estimate_wait_minutes(lo, Some(m), k) <= estimate_wait_minutes(hi, Some(m), k));
        }
    }
}
