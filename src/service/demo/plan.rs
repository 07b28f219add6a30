//! What the demo day brings: who arrives when, for what, and how each service goes. Pure and
//! seeded, so the same seed plays the same day.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::Rng;

/// Arrivals per half hour from 08:30 to 16:30: a morning and an afternoon peak, quiet at lunch.
const HALF_HOUR_WEIGHTS: [u32; 16] = [6, 10, 12, 11, 9, 7, 4, 3, 4, 6, 9, 10, 9, 7, 5, 3];
/// Category letters of the demo catalog and their share of visitors.
pub const CATEGORY_SHARES: [(&str, u32); 5] =
    [("A", 30), ("B", 25), ("C", 12), ("D", 18), ("E", 15)];

#[derive(Debug, Clone)]
pub struct Arrival {
    pub at: DateTime<Utc>,
    pub category: String,
    /// Chosen at the kiosk; otherwise the clerk finds the matter at the counter.
    pub matter_at_kiosk: bool,
    /// Given at the kiosk (one active ticket per person, green channel from 60).
    pub gives_id: bool,
}

pub fn local(day: NaiveDate, hour: u32, minute: u32, tz: Tz) -> DateTime<Utc> {
    let t = NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time");
    tz.from_local_datetime(&day.and_time(t))
        .earliest()
        .expect("the hall's zone has this time")
        .with_timezone(&Utc)
}

pub fn arrivals(rng: &mut StdRng, day: NaiveDate, tz: Tz, count: usize) -> Vec<Arrival> {
    let opening = local(day, 8, 30, tz);
    let total: u32 = HALF_HOUR_WEIGHTS.iter().sum();
    let mut out: Vec<Arrival> = (0..count)
        .map(|_| {
            let slot = pick_weighted(rng, HALF_HOUR_WEIGHTS.iter().copied(), total);
            let second = slot as i64 * 1800 + rng.gen_range(0..1800);
            Arrival {
                at: opening + chrono::Duration::seconds(second),
                category: pick_category(rng).to_string(),
                matter_at_kiosk: rng.gen_bool(0.6),
                gives_id: rng.gen_bool(0.4),
            }
        })
        .collect();
    out.sort_by_key(|a| a.at);
    out
}

/// When each of `topics` messages is written: any time of the working day, in order.
pub fn message_times(
    rng: &mut StdRng,
    day: NaiveDate,
    tz: Tz,
    topics: usize,
) -> Vec<(usize, DateTime<Utc>)> {
    let start = local(day, 8, 0, tz);
    let mut out: Vec<(usize, DateTime<Utc>)> = (0..topics)
        .map(|t| {
            (
                t,
                start + chrono::Duration::minutes(rng.gen_range(0..8 * 60)),
            )
        })
        .collect();
    out.sort_by_key(|(_, at)| *at);
    out
}

fn pick_weighted(rng: &mut StdRng, weights: impl Iterator<Item = u32>, total: u32) -> usize {
    let mut r = rng.gen_range(0..total);
    for (i, w) in weights.enumerate() {
        if r < w {
            return i;
        }
        r -= w;
    }
    unreachable!("r < total")
}

pub fn pick_category(rng: &mut StdRng) -> &'static str {
    let total = CATEGORY_SHARES.iter().map(|(_, w)| w).sum();
    CATEGORY_SHARES[pick_weighted(rng, CATEGORY_SHARES.iter().map(|(_, w)| *w), total)].0
}

/// Minutes at the counter: a few for a question, a quarter of an hour for a company.
pub fn service_minutes(rng: &mut StdRng, category: &str) -> i64 {
    let (low, high) = match category {
        "A" | "C" => (8, 22),
        "B" | "D" => (4, 14),
        _ => (3, 10),
    };
    rng.gen_range(low..=high)
}

/// 好差评 as a hall sees them: mostly 非常满意, a few bad ones that need a follow-up.
pub fn rating_level(rng: &mut StdRng) -> i64 {
    match rng.gen_range(0..100) {
        0 => 1,
        1..=3 => 2,
        4..=9 => 3,
        10..=29 => 4,
        _ => 5,
    }
}

pub fn comment_for(level: i64, rng: &mut StdRng) -> Option<String> {
    const BAD: &[&str] = &[
        "等候时间太长，叫号后窗口又让我去另一个窗口",
        "材料要求网上和窗口说的不一样",
        "工作人员态度一般，解释不够耐心",
    ];
    const GOOD: &[&str] = &[
        "办事很快，一次就办好了",
        "工作人员很耐心",
        "材料一次说清楚，不用再跑",
    ];
    match level {
        1 | 2 => Some(BAD[rng.gen_range(0..BAD.len())].into()),
        5 if rng.gen_bool(0.2) => Some(GOOD[rng.gen_range(0..GOOD.len())].into()),
        _ => None,
    }
}

/// How a visit at the counter ends: a question answered, or an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Consultation,
    /// Everything there: 受理.
    Complete,
    /// A deferrable item missing: 容缺受理 with a pledge.
    Deferred,
    /// A required item missing: one notice listing everything (一次性告知).
    Missing,
}

pub fn outcome(rng: &mut StdRng) -> Outcome {
    match rng.gen_range(0..100) {
        0..=24 => Outcome::Consultation,
        25..=84 => Outcome::Complete,
        85..=91 => Outcome::Deferred,
        _ => Outcome::Missing,
    }
}

/// How an approver decides a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
    Return,
}

pub fn decision(rng: &mut StdRng) -> Decision {
    match rng.gen_range(0..100) {
        0..=3 => Decision::Reject,
        4..=9 => Decision::Return,
        _ => Decision::Approve,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn arrivals_fall_in_opening_hours_in_order_and_the_same_seed_plays_the_same_day() {
        let tz: Tz = "Asia/Shanghai".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let a = arrivals(&mut StdRng::seed_from_u64(1), day, tz, 300);
        let b = arrivals(&mut StdRng::seed_from_u64(1), day, tz, 300);
        assert_eq!(a.len(), 300);
        assert!(a.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(a
            .iter()
            .all(|x| x.at >= local(day, 8, 30, tz) && x.at < local(day, 16, 30, tz)));
        assert_eq!(
            a.iter()
                .map(|x| (x.at, x.category.clone()))
                .collect::<Vec<_>>(),
            b.iter()
                .map(|x| (x.at, x.category.clone()))
                .collect::<Vec<_>>()
        );
        let lunch = a
            .iter()
            .filter(|x| x.at >= local(day, 11, 30, tz) && x.at < local(day, 12, 30, tz))
            .count();
        let morning = a
            .iter()
            .filter(|x| x.at >= local(day, 9, 30, tz) && x.at < local(day, 10, 30, tz))
            .count();
        assert!(morning > lunch * 2, "peak {morning} vs lunch {lunch}");
    }

    #[test]
    fn most_ratings_are_good_and_bad_ones_carry_a_comment() {
        let mut rng = StdRng::seed_from_u64(3);
        let levels: Vec<i64> = (0..1000).map(|_| rating_level(&mut rng)).collect();
        let bad = levels.iter().filter(|l| **l <= 2).count();
        assert!((10..=80).contains(&bad), "{bad} bad of 1000");
        assert!(comment_for(1, &mut rng).is_some());
    }
}
