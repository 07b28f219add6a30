//! The queue's figures: tickets per hour and category, waits, service times, no-shows and how
//! far the wait promised at issue was from the wait that followed.

use super::summary::{rate, summarize, DurationSummary};
use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Tz;
use onetrip_store::TicketFact;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Upper bounds (exclusive, minutes) of the distribution's buckets; the last one is open.
const BUCKETS: [u32; 7] = [5, 10, 15, 20, 30, 45, 60];

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketStats {
    pub issued: usize,
    /// Tickets called at least once.
    pub called: usize,
    /// Tickets whose service was finished.
    pub served: usize,
    /// Tickets that ended as no-shows (a reinstated one is not counted).
    pub no_shows: usize,
    /// No-shows among the tickets called.
    pub no_show_rate: Option<f64>,
    /// From issue to the first call, minutes.
    pub waiting: DurationSummary,
    /// From the start to the end of the service, minutes.
    pub service: DurationSummary,
    /// |estimated wait at issue − actual wait|, minutes, for tickets given an estimate and
    /// called.
    pub estimate_error: DurationSummary,
    /// Non-zero counts only, by the hall-local hour of issue.
    pub by_hour: Vec<HourCount>,
    pub by_category: Vec<CategoryStats>,
    /// Waits and service times in buckets of minutes.
    pub distribution: Vec<DurationBucket>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HourCount {
    /// 0–23, the hall's local time.
    pub hour: u32,
    pub category: String,
    pub category_name: String,
    pub tickets: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryStats {
    pub category: String,
    pub name: String,
    pub issued: usize,
    pub served: usize,
    pub no_shows: usize,
    pub waiting: DurationSummary,
    pub service: DurationSummary,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DurationBucket {
    /// `0–5`, `5–10` … `60+` (minutes; lower bound inclusive).
    pub label: String,
    pub waits: usize,
    pub services: usize,
}

fn minutes(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    ((to - from).num_milliseconds().max(0) as f64) / 60_000.0
}

fn bucket_of(m: f64) -> usize {
    BUCKETS
        .iter()
        .position(|b| m < f64::from(*b))
        .unwrap_or(BUCKETS.len())
}

fn bucket_labels() -> Vec<String> {
    let mut lower = 0;
    let mut labels = Vec::new();
    for b in BUCKETS {
        labels.push(format!("{lower}–{b}"));
        lower = b;
    }
    labels.push(format!("{lower}+"));
    labels
}

#[derive(Default)]
struct Acc {
    issued: usize,
    served: usize,
    no_shows: usize,
    waits: Vec<f64>,
    services: Vec<f64>,
}

/// One pass over the tickets; `name` gives a category's name.
pub fn aggregate(facts: &[TicketFact], tz: Tz, name: impl Fn(&str) -> String) -> TicketStats {
    let mut all = Acc::default();
    let mut called = 0;
    let mut errors = Vec::new();
    let mut per_cat: BTreeMap<&str, Acc> = BTreeMap::new();
    let mut per_hour: BTreeMap<(u32, &str), usize> = BTreeMap::new();
    let mut dist = vec![(0usize, 0usize); BUCKETS.len() + 1];
    for t in facts {
        let cat = per_cat.entry(&t.category).or_default();
        *per_hour
            .entry((t.issued_at.with_timezone(&tz).hour(), &t.category))
            .or_default() += 1;
        for acc in [&mut all, cat] {
            acc.issued += 1;
            acc.served += usize::from(t.status == "done");
            acc.no_shows += usize::from(t.status == "no_show");
        }
        if let Some(c) = t.first_called_at {
            called += 1;
            let w = minutes(t.issued_at, c);
            all.waits.push(w);
            per_cat
                .get_mut(t.category.as_str())
                .expect("entry")
                .waits
                .push(w);
            dist[bucket_of(w)].0 += 1;
            if let Some(e) = t.estimated_wait_minutes {
                errors.push((e as f64 - w).abs());
            }
        }
        if let (Some(s), Some(f)) = (t.started_at, t.finished_at) {
            let m = minutes(s, f);
            all.services.push(m);
            per_cat
                .get_mut(t.category.as_str())
                .expect("entry")
                .services
                .push(m);
            dist[bucket_of(m)].1 += 1;
        }
    }
    TicketStats {
        issued: all.issued,
        called,
        served: all.served,
        no_shows: all.no_shows,
        no_show_rate: rate(all.no_shows, called),
        waiting: summarize(&mut all.waits),
        service: summarize(&mut all.services),
        estimate_error: summarize(&mut errors),
        by_hour: per_hour
            .into_iter()
            .map(|((hour, c), tickets)| HourCount {
                hour,
                category: c.to_string(),
                category_name: name(c),
                tickets,
            })
            .collect(),
        by_category: per_cat
            .into_iter()
            .map(|(c, mut a)| CategoryStats {
                category: c.to_string(),
                name: name(c),
                issued: a.issued,
                served: a.served,
                no_shows: a.no_shows,
                waiting: summarize(&mut a.waits),
                service: summarize(&mut a.services),
            })
            .collect(),
        distribution: bucket_labels()
            .into_iter()
            .zip(dist)
            .map(|(label, (waits, services))| DurationBucket {
                label,
                waits,
                services,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 25, h, m, 0).unwrap()
    }

    fn ticket(cat: &str, issued: DateTime<Utc>) -> TicketFact {
        TicketFact {
            category: cat.into(),
            status: "waiting".into(),
            counter: None,
            issued_at: issued,
            estimated_wait_minutes: None,
            first_called_at: None,
            started_at: None,
            finished_at: None,
        }
    }

    #[test]
    fn hours_are_local_and_waits_errors_and_no_shows_add_up() {
        let mut a = ticket("A", at(1, 0));
        a.status = "done".into();
        a.estimated_wait_minutes = Some(6);
        a.first_called_at = Some(at(1, 10));
        a.started_at = Some(at(1, 11));
        a.finished_at = Some(at(1, 19));
        let mut b = ticket("B", at(1, 30));
        b.status = "no_show".into();
        b.first_called_at = Some(at(1, 34));
        let c = ticket("A", at(2, 5));
        let s = aggregate(&[a, b, c], chrono_tz::Asia::Shanghai, |c| format!("{c}类"));
        assert_eq!((s.issued, s.called, s.served, s.no_shows), (3, 2, 1, 1));
        assert_eq!(s.no_show_rate, Some(0.5));
        assert_eq!(s.waiting.median, Some(7.0));
        assert_eq!(s.service.mean, Some(8.0));
        assert_eq!(s.estimate_error.mean, Some(4.0));
        let hours: Vec<_> = s
            .by_hour
            .iter()
            .map(|h| (h.hour, h.category.as_str(), h.tickets))
            .collect();
        assert_eq!(hours, [(9, "A", 1), (9, "B", 1), (10, "A", 1)]);
        assert_eq!(s.by_category[0].name, "A类");
        assert_eq!(s.distribution[0].waits, 1, "4 minutes");
        assert_eq!(s.distribution[2].waits, 1, "10 minutes fall in 10–15");
        assert_eq!(s.distribution[1].services, 1, "8 minutes");
    }

    #[test]
    fn buckets_include_their_lower_bound() {
        assert_eq!(bucket_of(0.0), 0);
        assert_eq!(bucket_of(5.0), 1);
        assert_eq!(bucket_of(59.9), 6);
        assert_eq!(bucket_of(60.0), 7);
        assert_eq!(bucket_labels().last().unwrap(), "60+");
    }
}
