//! After each level: the queue's invariants, and durability after a reopen.

use crate::*;

/// Numbers unique and gapless per category, no ticket called twice, only called tickets finished.
pub(crate) fn check_queue(clients: usize, logs: &[ClientLog]) {
    let issued: Vec<&(i64, String)> = logs.iter().flat_map(|l| &l.issued).collect();
    let mut ids = HashSet::new();
    let mut numbers = HashSet::new();
    let mut seqs: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, number) in &issued {
        assert!(
            ids.insert(*id),
            "[{clients} clients] ticket id {id} issued twice"
        );
        assert!(
            numbers.insert(number.clone()),
            "[{clients} clients] ticket number {number} issued twice"
        );
        let no = TicketNo::parse(number).unwrap_or_else(|e| panic!("bad number {number}: {e}"));
        seqs.entry(no.category().to_string())
            .or_default()
            .push(no.seq());
    }
    for (category, mut s) in seqs {
        s.sort_unstable();
        let expected: Vec<u32> = (1..=s.len() as u32).collect();
        assert_eq!(
            s, expected,
            "[{clients} clients] numbers of category {category} are not 1..=n without gaps"
        );
    }
    let mut called = HashSet::new();
    for id in logs.iter().flat_map(|l| &l.called) {
        assert!(
            called.insert(*id),
            "[{clients} clients] ticket {id} was called twice"
        );
        assert!(
            ids.contains(id),
            "[{clients} clients] called ticket {id} was never issued"
        );
    }
    let finished: HashSet<i64> = logs.iter().flat_map(|l| l.finished.clone()).collect();
    assert!(
        finished.is_subset(&called),
        "[{clients} clients] a ticket was finished without being called"
    );
}

/// Reopens the database after the server stopped: every acknowledged operation must be there.
pub(crate) async fn check_durable(database_url: &str, clients: usize, logs: &[ClientLog]) {
    let ctx = server::open_context(
        database_url,
        server::DEFAULT_TIMEZONE,
        Arc::new(SystemClock),
    )
    .await
    .expect("database reopens");
    let called: HashSet<i64> = logs.iter().flat_map(|l| l.called.clone()).collect();
    let finished: HashSet<i64> = logs.iter().flat_map(|l| l.finished.clone()).collect();
    let mut tx = ctx.store.begin_read().await.expect("read transaction");
    for (id, number) in logs.iter().flat_map(|l| &l.issued) {
        let row = tx
            .get_ticket(*id)
            .await
            .expect("ticket read")
            .unwrap_or_else(|| panic!("[{clients} clients] acknowledged ticket {number} lost"));
        assert_eq!(&row.number.to_string(), number, "ticket {id}");
        let expected = if finished.contains(id) {
            TicketStatus::Done
        } else if called.contains(id) {
            TicketStatus::Called
        } else {
            TicketStatus::Waiting
        };
        assert_eq!(
            row.status, expected,
            "[{clients} clients] ticket {number}: acknowledged state not in the database"
        );
    }
}
