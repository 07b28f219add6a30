//! 好差评 in the range: totals and per window, clerk and matter.

use super::summary::rate;
use onetrip_store::RatingFact;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatingStats {
    pub total: i64,
    /// Mean level (1–5), two decimals.
    pub mean: Option<f64>,
    /// Levels 4 and 5 (满意, 非常满意) as a share of all.
    pub satisfied_rate: Option<f64>,
    /// Counts of levels 1 to 5, in that order.
    pub by_level: Vec<i64>,
    pub by_counter: Vec<RatingGroup>,
    /// Empty in the public statistics: clerks are named to staff only.
    pub by_clerk: Vec<RatingGroup>,
    pub by_matter: Vec<RatingGroup>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RatingGroup {
    /// The counter code, the clerk's user id, or the matter code.
    pub key: String,
    pub name: String,
    pub count: i64,
    pub mean: Option<f64>,
    /// Levels 1 and 2 (差评).
    pub bad: i64,
    pub satisfied_rate: Option<f64>,
}

#[derive(Default)]
struct Acc {
    name: String,
    count: i64,
    sum: i64,
    bad: i64,
    satisfied: i64,
}

impl Acc {
    fn add(&mut self, f: &RatingFact) {
        self.count += f.count;
        self.sum += f.level * f.count;
        if f.level <= 2 {
            self.bad += f.count;
        }
        if f.level >= 4 {
            self.satisfied += f.count;
        }
    }
}

fn mean(sum: i64, n: i64) -> Option<f64> {
    (n > 0).then(|| ((sum as f64 / n as f64) * 100.0).round() / 100.0)
}

fn groups(map: BTreeMap<String, Acc>) -> Vec<RatingGroup> {
    map.into_iter()
        .map(|(key, a)| RatingGroup {
            key,
            name: a.name,
            count: a.count,
            mean: mean(a.sum, a.count),
            bad: a.bad,
            satisfied_rate: rate(a.satisfied as usize, a.count as usize),
        })
        .collect()
}

/// `counter_name` and `matter_name` name a code; clerks are named by the facts.
pub fn aggregate(
    facts: &[RatingFact],
    counter_name: impl Fn(&str) -> String,
    matter_name: impl Fn(&str) -> String,
) -> RatingStats {
    let mut all = Acc::default();
    let mut by_level = vec![0; 5];
    let (mut counters, mut clerks, mut matters) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for f in facts {
        all.add(f);
        if let Some(slot) = usize::try_from(f.level - 1)
            .ok()
            .and_then(|i| by_level.get_mut(i))
        {
            *slot += f.count;
        }
        if let Some(c) = &f.counter {
            let a: &mut Acc = counters.entry(c.clone()).or_default();
            a.name = counter_name(c);
            a.add(f);
        }
        if let Some(id) = f.clerk_id {
            let a: &mut Acc = clerks.entry(id.to_string()).or_default();
            a.name = f.clerk_name.clone().unwrap_or_default();
            a.add(f);
        }
        if let Some(m) = &f.matter {
            let a: &mut Acc = matters.entry(m.clone()).or_default();
            a.name = matter_name(m);
            a.add(f);
        }
    }
    RatingStats {
        total: all.count,
        mean: mean(all.sum, all.count),
        satisfied_rate: rate(all.satisfied as usize, all.count as usize),
        by_level,
        by_counter: groups(counters),
        by_clerk: groups(clerks),
        by_matter: groups(matters),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(counter: &str, clerk: i64, level: i64, count: i64) -> RatingFact {
        RatingFact {
            counter: Some(counter.into()),
            clerk_id: Some(clerk),
            clerk_name: Some(format!("办事员{clerk}")),
            matter: None,
            level,
            count,
        }
    }

    #[test]
    fn groups_add_up_per_window_and_clerk() {
        let s = aggregate(
            &[fact("1", 7, 5, 2), fact("1", 8, 1, 1), fact("2", 8, 4, 1)],
            |c| format!("{c}号窗口"),
            |m| m.to_string(),
        );
        assert_eq!(s.total, 4);
        assert_eq!(s.mean, Some(3.75));
        assert_eq!(s.satisfied_rate, Some(0.75));
        assert_eq!(s.by_level, [1, 0, 0, 1, 2]);
        assert_eq!(s.by_counter[0].name, "1号窗口");
        assert_eq!((s.by_counter[0].count, s.by_counter[0].bad), (3, 1));
        assert_eq!(s.by_counter[0].mean, Some(3.67));
        assert_eq!(s.by_clerk[1].name, "办事员8");
        assert_eq!(s.by_clerk[1].mean, Some(2.5));
        assert!(s.by_matter.is_empty());
    }
}
