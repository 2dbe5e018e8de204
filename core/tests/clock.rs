//! Network clock offset (network.md §6.2).

use proptest::prelude::*;
use serde_json::json;
use session_core::clock::{Median, NetworkClock, MIN_SERVER_TIME_MS, WINDOW};
use session_testkit::spec;

fn desktop_rules() -> String {
    let text = spec("network.md");
    let from = text.find("### 6.2").unwrap();
    let to = text.find("### 6.3").unwrap();
    text[from..to]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const T: u64 = 1_700_000_000_000;

#[test]
fn constants_are_the_specs() {
    let rules = desktop_rules();
    let threshold: String = rules
        .split("greater than ")
        .nth(1)
        .unwrap()
        .split(" (")
        .next()
        .unwrap()
        .replace(' ', "");
    assert_eq!(MIN_SERVER_TIME_MS, threshold.parse::<u64>().unwrap());
    let window: usize = rules
        .split("Keep the last ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(WINDOW, window);
}

#[test]
fn offset_is_the_floor_of_the_mean() {
    let mut c = NetworkClock::new();
    assert_eq!((c.offset_ms(), c.now(T)), (0, T));
    assert!(c.record(T + 1000, T)); // local ahead by 1 s
    assert!(c.record(T, T + 1)); // local behind by 1 ms
                                 // (1000 − 1) / 2 = 499.5 → 499
    assert_eq!(c.offset_ms(), 499);
    assert_eq!(c.now(T + 499), T);
    let mut d = NetworkClock::new();
    d.record(T, T + 1);
    d.record(T, T + 2);
    // (−1 − 2) / 2 = −1.5 → −2 (floor, not truncation)
    assert_eq!(d.offset_ms(), -2);
    assert_eq!(d.now(T), T + 2);
}

#[test]
fn ignores_implausible_times_and_keeps_a_window() {
    let mut c = NetworkClock::new();
    assert!(!c.record(T, MIN_SERVER_TIME_MS));
    assert!(!c.record(T, 0));
    assert_eq!(c.samples(), 0);
    assert!(c.record(T, MIN_SERVER_TIME_MS + 1));
    c.reset();
    c.record(T + 1_000_000, T); // an old outlier, pushed out below
    for _ in 0..WINDOW {
        c.record(T + 10, T);
    }
    assert_eq!((c.samples(), c.offset_ms()), (WINDOW, 10));
}

#[test]
fn resync_replaces_history() {
    let mut c = NetworkClock::new();
    for _ in 0..5 {
        c.record(T + 90_000, T);
    }
    assert!(!c.resync(T, 5), "an implausible time keeps the old samples");
    assert_eq!(c.offset_ms(), 90_000);
    assert!(c.resync(T, T + 3));
    assert_eq!((c.samples(), c.offset_ms()), (1, -3));
}

#[test]
fn records_batch_and_plain_bodies() {
    let mut c = NetworkClock::new();
    let batch = json!({"results": [
        {"code": 200, "body": {"t": T - 100}},
        {"code": 200, "body": {"t": 5}},
        {"code": 401, "body": "nope"},
        {"code": 200, "body": {"t": T - 300}}
    ]});
    assert_eq!(c.record_response(T, &batch), 2);
    assert_eq!(c.offset_ms(), 200);
    assert_eq!(c.record_response(T, &json!({"t": T, "hf": [19, 3]})), 1);
    assert_eq!(c.record_response(T, &json!("text")), 0);
}

/// The client's clock: the median of the same samples.
type ClientClock = NetworkClock<Median>;

#[test]
fn the_median_ignores_one_wild_node() {
    let mut c = ClientClock::default();
    assert_eq!((c.offset_ms(), c.now(T)), (0, T));
    for (local, server) in [(T, T - 100), (T, T - 120), (T, T + 120_000), (T, T - 110)] {
        assert!(c.record(local, server));
    }
    assert_eq!(c.offset_ms(), 105);
    assert_eq!(c.now(T + 1_000), T + 1_000 - 105);
    let mut mean = NetworkClock::new();
    mean.resync_all(&[(T, T - 100), (T, T - 120), (T, T + 120_000), (T, T - 110)]);
    assert_eq!(
        mean.offset_ms(),
        -29_918,
        "desktop's mean follows the wild node"
    );
}

#[test]
fn the_median_keeps_the_last_ten_and_resync_replaces_them() {
    let mut c = ClientClock::default();
    for _ in 0..WINDOW {
        c.record(T, T - 5_000);
    }
    for _ in 0..WINDOW {
        c.record(T, T + 7);
    }
    assert_eq!(c.offset_ms(), -7);
    assert!(c.resync_all(&[(T, T - 1), (T, T - 3), (T, 5)]));
    assert_eq!((c.samples(), c.offset_ms()), (2, 2));
    assert!(!c.resync_all(&[(T, 1)]));
    assert_eq!(c.offset_ms(), 2, "kept when no sample is plausible");
    let many: Vec<(u64, u64)> = (0..25).map(|i| (T, T - i)).collect();
    assert!(c.resync_all(&many));
    assert_eq!(
        (c.samples(), c.offset_ms()),
        (WINDOW, 19),
        "the last ten: 15..=24"
    );
}

#[test]
fn a_stored_clock_reads_back_as_either_estimator() {
    let mut c = ClientClock::default();
    c.record(T, T - 10);
    c.record(T, T - 30);
    c.record(T, T - 35);
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(json, r#"{"offsets":[10,30,35]}"#);
    let back: ClientClock = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    let as_mean: NetworkClock = serde_json::from_str(&json).unwrap();
    assert_eq!((back.offset_ms(), as_mean.offset_ms()), (30, 25));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_and_stays_within_samples(samples in proptest::collection::vec((any::<u64>(), any::<u64>()), 0..30), now in any::<u64>()) {
        let mut c = NetworkClock::new();
        for (local, t) in &samples {
            c.record(*local, *t);
        }
        prop_assert!(c.samples() <= WINDOW);
        let _ = c.now(now);
        let kept: Vec<i128> = samples
            .iter()
            .filter(|(_, t)| *t > MIN_SERVER_TIME_MS)
            .map(|(l, t)| (i128::from(*l) - i128::from(*t)).clamp(i64::MIN.into(), i64::MAX.into()))
            .collect();
        let tail = &kept[kept.len().saturating_sub(WINDOW)..];
        if let (Some(min), Some(max)) = (tail.iter().min(), tail.iter().max()) {
            let o = i128::from(c.offset_ms());
            prop_assert!(*min <= o && o <= *max);
        } else {
            prop_assert_eq!(c.offset_ms(), 0);
        }
    }
}

// ---- the client's clock: one sample per node, outliers held until confirmed, bounded ----

use session_core::clock::{ConfirmedClock, Recorded, AGREEMENT_MS, MAX_OFFSET_MS, OUTLIER_MS};

fn node(n: u8) -> [u8; 32] {
    [n; 32]
}

#[test]
fn one_node_cannot_move_the_confirmed_clock() {
    let mut c = ConfirmedClock::default();
    for n in 1..=3 {
        assert_eq!(c.record(T, T - 100, &node(n)), Recorded::Accepted);
    }
    // One node says an hour later, again and again (a batched reply carries many times).
    for _ in 0..50 {
        assert_eq!(c.record(T, T + 3_600_000, &node(9)), Recorded::Held);
    }
    assert_eq!(c.offset_ms(), 100);
    assert_eq!(c.samples(), 3);
    // Each node counts once however often it answers.
    for _ in 0..20 {
        c.record(T, T - 300, &node(1));
    }
    assert_eq!(c.samples(), 3);
    assert_eq!(c.offset_ms(), 100, "median of 300, 100, 100");
}

#[test]
fn a_new_time_counts_once_two_nodes_agree_on_it() {
    let mut c = ConfirmedClock::default();
    for n in 1..=5 {
        c.record(T, T - 50, &node(n));
    }
    // The device's clock jumped two minutes: every node now disagrees with the estimate.
    let jump = 120_000;
    assert_eq!(c.record(T, T + jump, &node(6)), Recorded::Held);
    assert_eq!(c.offset_ms(), 50);
    assert_eq!(
        c.record(T, T + jump + AGREEMENT_MS as u64 / 2, &node(7)),
        Recorded::Confirmed
    );
    assert!((c.offset_ms() + jump as i64).abs() <= AGREEMENT_MS);
    // Samples close to the new estimate count at once.
    assert_eq!(c.record(T, T + jump, &node(1)), Recorded::Accepted);
    // The same node twice is no confirmation.
    let mut d = ConfirmedClock::default();
    d.record(T, T, &node(1));
    assert_eq!(d.record(T, T + 60_000, &node(2)), Recorded::Held);
    assert_eq!(d.record(T, T + 60_000, &node(2)), Recorded::Held);
    assert_eq!(d.offset_ms(), 0);
}

#[test]
fn the_first_time_also_needs_confirmation_when_far_from_ours() {
    let mut c = ConfirmedClock::default();
    assert_eq!(
        c.record(T, T + 2 * OUTLIER_MS as u64, &node(1)),
        Recorded::Held
    );
    assert_eq!((c.samples(), c.offset_ms()), (0, 0));
    assert_eq!(c.record(T, T + 5, &node(2)), Recorded::Accepted);
    assert_eq!(c.offset_ms(), -5);
}

#[test]
fn the_offset_is_bounded_to_a_day() {
    let mut c = ConfirmedClock::default();
    let far = T + MAX_OFFSET_MS as u64 + 1;
    assert_eq!(c.record(T, far, &node(1)), Recorded::Ignored);
    assert_eq!(c.record(T, far, &node(2)), Recorded::Ignored);
    assert_eq!(c.record(T, 5, &node(3)), Recorded::Ignored);
    assert_eq!(c.offset_ms(), 0);
    assert!(!c.resync_all(&[(T, far, node(1)), (T, far, node(2))]));
    assert!(c.resync_all(&[(T, T - 1, node(1)), (T, T - 3, node(2)), (T, far, node(3))]));
    assert_eq!((c.samples(), c.offset_ms()), (2, 2));
}

#[test]
fn a_clock_stored_by_earlier_versions_reads_back() {
    let old: ConfirmedClock = serde_json::from_str(r#"{"offsets":[10,30,35]}"#).unwrap();
    assert_eq!((old.samples(), old.offset_ms()), (3, 30));
    let mut c = ConfirmedClock::default();
    c.record(T, T - 10, &node(1));
    c.record(T, T + 60_000, &node(2));
    let json = serde_json::to_string(&c).unwrap();
    let back: ConfirmedClock = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    let absurd: ConfirmedClock =
        serde_json::from_str(&format!(r#"{{"offsets":[{}]}}"#, i64::MAX)).unwrap();
    assert_eq!(
        absurd.offset_ms(),
        0,
        "stored junk beyond the bound is dropped"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_confirmed_clock_never_panics_and_stays_bounded(
        samples in proptest::collection::vec((any::<u64>(), any::<u64>(), 0u8..6), 0..40),
        now in any::<u64>(),
    ) {
        let mut c = ConfirmedClock::default();
        for (local, t, n) in &samples {
            c.record(*local, *t, &node(*n));
        }
        prop_assert!(c.samples() <= WINDOW);
        prop_assert!(c.offset_ms().abs() <= MAX_OFFSET_MS);
        let _ = c.now(now);
    }
}

#[test]
fn stored_junk_held_back_cannot_overflow() {
    let junk = format!(
        r#"{{"samples":[],"held":[{{"from":"aa","offset":{}}}]}}"#,
        i64::MIN
    );
    let mut c: ConfirmedClock = serde_json::from_str(&junk).unwrap();
    assert_eq!(c.record(T, T + 60_000, &node(1)), Recorded::Held);
}
