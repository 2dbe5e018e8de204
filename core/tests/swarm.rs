//! Pubkey → swarm mapping against the spec's §3.3 table and examples.

use proptest::prelude::*;
use session_core::swarm::{swarm_for, swarm_space, INVALID_SWARM_ID};
use session_testkit::{spec, spec_table};

fn flat_section(start: &str, end: &str) -> String {
    let text = spec("network.md");
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &text[from..];
    let to = rest.find(end).unwrap_or(rest.len());
    rest[..to].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A decimal, `0x…` hex, or `2^64−n` number as the spec writes them.
fn number(s: &str) -> u64 {
    let s = s.trim_end_matches(['.', ',', ';', ':']);
    if let Some(n) = s.strip_prefix("2^64−") {
        0u64.wrapping_sub(n.parse().unwrap())
    } else if let Some(h) = s.strip_prefix("0x") {
        u64::from_str_radix(h, 16).unwrap()
    } else {
        s.parse().unwrap_or_else(|_| panic!("not a number: {s}"))
    }
}

/// A pubkey whose swarm space is `space` (first word = space, the rest zero).
fn key_with_space(space: u64) -> [u8; 33] {
    let mut k = [0u8; 33];
    k[0] = 0x05;
    k[1..9].copy_from_slice(&space.to_be_bytes());
    k
}

#[test]
fn spec_swarm_space_table() {
    let table = spec_table("network.md", "### 3.3");
    let mut n = 0;
    for row in table
        .iter()
        .filter(|r| r[1].bytes().all(|b| b.is_ascii_digit()))
    {
        let pk: [u8; 33] = hex::decode(&row[0]).unwrap().try_into().unwrap();
        assert_eq!(
            swarm_space(&pk),
            row[1].parse::<u64>().unwrap(),
            "{}",
            row[0]
        );
        n += 1;
    }
    assert_eq!(n, 8);
}

#[test]
fn spec_swarm_examples() {
    let text = flat_section("With swarms {", "### 3.4");
    let (set, rest) = text["With swarms {".len()..].split_once('}').unwrap();
    let mut swarms: Vec<u64> = set.split(", ").map(number).collect();
    let mut checked = 0;
    for (i, segment) in rest.split("Adding swarm ").enumerate() {
        let mut body = segment;
        if i > 0 {
            let (added, tail) = segment.split_once(": ").unwrap();
            swarms.push(number(added));
            swarms.sort_unstable();
            body = tail;
        }
        for case in body.split("0x").skip(1) {
            let (space, after) = case.split_once(' ').unwrap();
            let space = u64::from_str_radix(space, 16).unwrap();
            let target = after.split("→ ").nth(1).unwrap().split(' ').next().unwrap();
            assert_eq!(
                swarm_for(&key_with_space(space), &swarms),
                Some(number(target)),
                "space {space:#x} among {swarms:?}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 9);
}

#[test]
fn prefix_is_ignored_and_edge_cases() {
    let mut a = key_with_space(12345);
    let b = a;
    a[0] = 0x03;
    assert_eq!(swarm_space(&a), swarm_space(&b));
    assert_eq!(swarm_for(&a, &[]), None);
    assert_eq!(swarm_for(&a, &[7]), Some(7));
    assert_eq!(swarm_for(&a, &[INVALID_SWARM_ID]), None);
    assert_eq!(swarm_for(&a, &[7, INVALID_SWARM_ID]), Some(7));
    // Unsorted input gives the same answer as sorted.
    assert_eq!(
        swarm_for(&a, &[20_000, 100, 12_000]),
        swarm_for(&a, &[100, 12_000, 20_000])
    );
}

/// Nearest on the ring by brute force, ties to the lower neighbour (the one reached going down).
fn brute(space: u64, ids: &[u64]) -> u64 {
    *ids.iter()
        .min_by_key(|&&id| {
            let up = id.wrapping_sub(space); // distance going up to id
            let down = space.wrapping_sub(id); // distance going down to id
            if down <= up {
                (down, 0)
            } else {
                (up, 1)
            }
        })
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn matches_brute_force(space in any::<u64>(), ids in proptest::collection::btree_set(0..u64::MAX, 2..12)) {
        let ids: Vec<u64> = ids.into_iter().collect();
        let got = swarm_for(&key_with_space(space), &ids).unwrap();
        let want = brute(space, &ids);
        // Equal distance either way resolves to the lower neighbour in both.
        prop_assert_eq!(got, want);
    }

    #[test]
    fn any_key_maps_into_the_list(key in any::<[u8; 32]>(), ids in proptest::collection::vec(any::<u64>(), 0..10)) {
        let mut pk = [5u8; 33];
        pk[1..].copy_from_slice(&key);
        match swarm_for(&pk, &ids) {
            Some(id) => prop_assert!(ids.contains(&id) && id != INVALID_SWARM_ID),
            None => prop_assert!(ids.iter().all(|&i| i == INVALID_SWARM_ID)),
        }
    }
}
