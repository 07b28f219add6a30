//! Failed log-ins, counted per account and per client address, so that nobody can try
//! passwords without end: after [`LoginRules::per_account`] failures for one username, or
//! [`LoginRules::per_address`] failures from one address, within [`LoginRules::window`], further
//! attempts are refused (`429 rate_limited`) *without* checking the password, until the oldest
//! of those failures leaves the window. A successful log-in clears the account's count (not the
//! address's: one clerk getting in does not vouch for the other attempts from that machine).
//!
//! The counts live in memory, per server instance: a restart forgets them, and with several
//! instances behind a balancer each counts its own share. Behind a reverse proxy every client
//! has the proxy's address, so the per-address limit then applies to the proxy as a whole
//! (`X-Forwarded-For` is not trusted: any client could send one). Time comes from the caller
//! (the context's clock), so tests move it.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

/// How many failures, over how long, before log-in attempts are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginRules {
    pub per_account: usize,
    pub per_address: usize,
    pub window: Duration,
}

impl Default for LoginRules {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_address: 20,
            window: Duration::minutes(15),
        }
    }
}

/// Log-in attempts are refused for this long yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    pub retry_after: Duration,
}

impl Blocked {
    /// Whole seconds, at least 1 (the `Retry-After` header).
    pub fn seconds(&self) -> i64 {
        self.retry_after.num_seconds().max(1)
    }

    /// Whole minutes, rounded up, at least 1 (the message).
    pub fn minutes(&self) -> i64 {
        (self.seconds() + 59) / 60
    }

    /// "登录失败次数过多，请 N 分钟后再试"
    pub fn message(&self) -> String {
        format!("登录失败次数过多，请 {} 分钟后再试", self.minutes())
    }
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "log-in attempts refused for {} s", self.seconds())
    }
}

impl std::error::Error for Blocked {}

/// Keys kept before expired ones are swept out (bounds memory under a spray of usernames).
const SWEEP_ABOVE: usize = 10_000;

#[derive(Default)]
struct Failures {
    accounts: HashMap<String, VecDeque<DateTime<Utc>>>,
    addresses: HashMap<IpAddr, VecDeque<DateTime<Utc>>>,
}

/// The failed log-ins of one server instance.
pub struct LoginLimiter {
    rules: LoginRules,
    failures: Mutex<Failures>,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        Self::new(LoginRules::default())
    }
}

impl std::fmt::Debug for LoginLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginLimiter")
            .field("rules", &self.rules)
            .finish_non_exhaustive()
    }
}

/// Usernames are looked up trimmed; count them the same way (and bounded in length).
fn account_key(username: &str) -> String {
    username.trim().chars().take(128).collect()
}

fn prune(times: &mut VecDeque<DateTime<Utc>>, now: DateTime<Utc>, window: Duration) {
    while times.front().is_some_and(|t| *t + window <= now) {
        times.pop_front();
    }
}

/// When `times` (oldest first, pruned) holds `limit` failures or more: how long until one
/// fewer than `limit` remain in the window.
fn blocked_for(
    times: &VecDeque<DateTime<Utc>>,
    limit: usize,
    now: DateTime<Utc>,
    window: Duration,
) -> Option<Duration> {
    if limit == 0 || times.len() < limit {
        return None;
    }
    let decisive = times[times.len() - limit];
    Some(decisive + window - now)
}

impl LoginLimiter {
    pub fn new(rules: LoginRules) -> Self {
        Self {
            rules,
            failures: Mutex::new(Failures::default()),
        }
    }

    pub fn rules(&self) -> LoginRules {
        self.rules
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Failures> {
        // A panic while holding the lock leaves only counts behind: keep using them.
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether an attempt for `username` from `address` may check its password now.
    pub fn check(
        &self,
        username: &str,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), Blocked> {
        let window = self.rules.window;
        let mut f = self.lock();
        let mut wait: Option<Duration> = None;
        if let Some(times) = f.accounts.get_mut(&account_key(username)) {
            prune(times, now, window);
            wait = blocked_for(times, self.rules.per_account, now, window);
        }
        if let Some(times) = address.and_then(|a| f.addresses.get_mut(&a)) {
            prune(times, now, window);
            if let Some(w) = blocked_for(times, self.rules.per_address, now, window) {
                wait = Some(wait.map_or(w, |v| v.max(w)));
            }
        }
        match wait {
            Some(retry_after) => Err(Blocked { retry_after }),
            None => Ok(()),
        }
    }

    /// A wrong username or password.
    pub fn failed(&self, username: &str, address: Option<IpAddr>, now: DateTime<Utc>) {
        let window = self.rules.window;
        let mut f = self.lock();
        if f.accounts.len() > SWEEP_ABOVE || f.addresses.len() > SWEEP_ABOVE {
            f.accounts.retain(|_, t| {
                prune(t, now, window);
                !t.is_empty()
            });
            f.addresses.retain(|_, t| {
                prune(t, now, window);
                !t.is_empty()
            });
        }
        let times = f.accounts.entry(account_key(username)).or_default();
        prune(times, now, window);
        times.push_back(now);
        if let Some(a) = address {
            let times = f.addresses.entry(a).or_default();
            prune(times, now, window);
            times.push_back(now);
        }
    }

    /// A successful log-in: the account starts again from zero.
    pub fn succeeded(&self, username: &str) {
        self.lock().accounts.remove(&account_key(username));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        "2026-11-27T01:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::minutes(minute)
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn five_failures_for_one_account_block_it_for_the_rest_of_the_window() {
        let l = LoginLimiter::default();
        for m in 0..5 {
            assert!(l.check("wang", ip("10.0.0.1"), at(m)).is_ok());
            l.failed("wang", ip("10.0.0.1"), at(m));
        }
        let b = l.check("wang", ip("10.0.0.2"), at(5)).unwrap_err();
        // The first failure (minute 0) leaves the window at minute 15.
        assert_eq!(b.retry_after, Duration::minutes(10));
        assert_eq!(b.minutes(), 10);
        assert_eq!(b.seconds(), 600);
        assert_eq!(b.message(), "登录失败次数过多，请 10 分钟后再试");
        // Other accounts are not affected; the same one with spaces is the same account.
        assert!(l.check("li", ip("10.0.0.1"), at(5)).is_ok());
        assert!(l.check(" wang ", None, at(5)).is_err());
        // At minute 15 the oldest failure expires: four remain, one more try is allowed.
        assert!(l.check("wang", ip("10.0.0.1"), at(15)).is_ok());
        l.failed("wang", ip("10.0.0.1"), at(15));
        assert_eq!(
            l.check("wang", None, at(15)).unwrap_err().retry_after,
            Duration::minutes(1)
        );
    }

    #[test]
    fn a_success_clears_the_account_but_not_the_address() {
        let rules = LoginRules {
            per_account: 3,
            per_address: 4,
            window: Duration::minutes(15),
        };
        let l = LoginLimiter::new(rules);
        for m in 0..2 {
            l.failed("wang", ip("10.0.0.1"), at(m));
        }
        l.succeeded("wang");
        for m in 2..4 {
            l.failed("wang", ip("10.0.0.1"), at(m));
        }
        assert!(
            l.check("wang", None, at(4)).is_ok(),
            "two since the success"
        );
        // The address saw four failures in all.
        let b = l.check("zhao", ip("10.0.0.1"), at(4)).unwrap_err();
        assert_eq!(b.retry_after, Duration::minutes(11));
        assert!(l.check("zhao", ip("10.0.0.9"), at(4)).is_ok());
        assert!(l.check("zhao", None, at(4)).is_ok());
    }

    #[test]
    fn twenty_failures_from_one_address_block_every_account_from_it() {
        let l = LoginLimiter::default();
        for i in 0..20 {
            let name = format!("user{i}");
            assert!(l.check(&name, ip("192.168.1.7"), at(0)).is_ok());
            l.failed(&name, ip("192.168.1.7"), at(0));
        }
        let b = l.check("admin", ip("192.168.1.7"), at(1)).unwrap_err();
        assert_eq!(b.minutes(), 14);
        assert!(l.check("admin", ip("192.168.1.8"), at(1)).is_ok());
        assert!(l.check("admin", ip("192.168.1.7"), at(15)).is_ok());
    }

    #[test]
    fn the_longer_of_two_blocks_is_reported_and_partial_minutes_round_up() {
        let rules = LoginRules {
            per_account: 1,
            per_address: 1,
            window: Duration::minutes(15),
        };
        let l = LoginLimiter::new(rules);
        l.failed("wang", ip("10.0.0.1"), at(0));
        l.failed("li", ip("10.0.0.2"), at(5));
        let b = l
            .check("wang", ip("10.0.0.2"), at(6) + Duration::seconds(30))
            .unwrap_err();
        assert_eq!(b.retry_after, Duration::seconds(13 * 60 + 30));
        assert_eq!(b.minutes(), 14);
    }

    #[test]
    fn expired_keys_are_swept_when_there_are_many() {
        let l = LoginLimiter::default();
        for i in 0..=SWEEP_ABOVE {
            l.failed(&format!("u{i}"), None, at(0));
        }
        l.failed("late", None, at(20));
        assert_eq!(l.lock().accounts.len(), 1);
    }
}
