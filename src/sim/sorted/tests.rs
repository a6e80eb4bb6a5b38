use super::{SortedMap, SortedSet};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn iterates_in_key_order_whatever_the_insertion_order() {
    let mut map = SortedMap::new();
    for k in [5, 1, 9, 3, 7, 2] {
        map.insert(k, k * 10);
    }
    assert_eq!(map.keys().copied().collect::<Vec<_>>(), [1, 2, 3, 5, 7, 9]);
    assert_eq!(
        map.values().copied().collect::<Vec<_>>(),
        [10, 20, 30, 50, 70, 90]
    );
    assert_eq!(map.iter().next_back(), Some((&9, &90)));
    let set: SortedSet<&str> = ["pear", "apple", "fig", "apple"].into_iter().collect();
    assert_eq!(
        set.iter().copied().collect::<Vec<_>>(),
        ["apple", "fig", "pear"]
    );
}

#[test]
fn insert_replaces_the_value_and_returns_the_old_one() {
    let mut map = SortedMap::new();
    assert_eq!(map.insert("b".to_string(), 1), None);
    assert_eq!(map.insert("a".to_string(), 2), None);
    assert_eq!(map.insert("b".to_string(), 3), Some(1));
    assert_eq!(map.len(), 2);
    assert_eq!(map.get("b"), Some(&3));
    assert_eq!(map.get("c"), None);
    let mut set = SortedSet::new();
    assert!(set.insert(4));
    assert!(!set.insert(4));
    assert_eq!(set.len(), 1);
}

#[test]
fn appends_in_increasing_order_and_finds_every_key() {
    let mut map = SortedMap::new();
    for k in 0..1000u32 {
        map.insert(k * 2, k);
    }
    assert!((0..1000u32).all(|k| map.get(&(k * 2)) == Some(&k) && !map.contains_key(&(k * 2 + 1))));
    *map.get_mut(&10).unwrap() += 100;
    assert_eq!(map.get(&10), Some(&105));
}

#[test]
fn remove_takes_out_only_that_key() {
    let mut map: SortedMap<u32, char> = [(1, 'a'), (2, 'b'), (3, 'c')].into_iter().collect();
    assert_eq!(map.remove(&2), Some('b'));
    assert_eq!(map.remove(&2), None);
    assert_eq!(map.iter().collect::<Vec<_>>(), [(&1, &'a'), (&3, &'c')]);
    let mut set: SortedSet<String> = ["x".to_string(), "y".to_string()].into_iter().collect();
    assert!(set.remove("x"));
    assert!(!set.remove("x"));
    assert!(set.contains("y") && !set.contains("x"));
}

#[test]
fn retain_keeps_what_the_test_accepts_in_order() {
    let mut map: SortedMap<u32, u32> = (1..=10).map(|k| (k, 0)).collect();
    map.retain(|k, v| {
        *v = *k;
        k % 3 != 0
    });
    assert_eq!(
        map.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
        [1, 2, 4, 5, 7, 8, 10].map(|k| (k, k))
    );
    let mut set: SortedSet<u32> = (1..=5).collect();
    set.retain(|k| k % 2 == 1);
    assert_eq!(set.iter().copied().collect::<Vec<_>>(), [1, 3, 5]);
}

#[test]
fn collecting_keeps_the_last_value_for_a_repeated_key_as_btreemap_does() {
    let pairs = [(2, 'a'), (1, 'b'), (2, 'c'), (2, 'd'), (1, 'e')];
    let sorted: SortedMap<_, _> = pairs.into_iter().collect();
    let btree: BTreeMap<_, _> = pairs.into_iter().collect();
    assert_eq!(
        sorted.into_iter().collect::<Vec<_>>(),
        btree.into_iter().collect::<Vec<_>>()
    );
}

#[test]
fn get_or_insert_with_makes_a_value_only_when_the_key_is_absent() {
    let mut map = SortedMap::new();
    *map.get_or_insert_with("b", || 1) += 10;
    *map.get_or_insert_with("b", || 100) += 10;
    map.get_or_insert_with("a", || 5);
    assert_eq!(map.iter().collect::<Vec<_>>(), [(&"a", &5), (&"b", &21)]);
}

#[test]
fn serializes_and_prints_exactly_as_the_btrees_did() {
    let pairs = [(3u32, "c"), (1, "a"), (2, "b")];
    let sorted: SortedMap<_, _> = pairs.into_iter().collect();
    let btree: BTreeMap<_, _> = pairs.into_iter().collect();
    let json = serde_json::to_string(&sorted).unwrap();
    assert_eq!(json, serde_json::to_string(&btree).unwrap());
    assert_eq!(json, r#"{"1":"a","2":"b","3":"c"}"#);
    assert_eq!(
        serde_json::from_str::<SortedMap<u32, String>>(&json)
            .unwrap()
            .get(&2),
        Some(&"b".to_string())
    );
    assert_eq!(format!("{sorted:?}"), format!("{btree:?}"));

    let keys = ["m", "z", "a"].map(String::from);
    let sorted: SortedSet<String> = keys.iter().cloned().collect();
    let btree: BTreeSet<String> = keys.iter().cloned().collect();
    let json = serde_json::to_string(&sorted).unwrap();
    assert_eq!(json, serde_json::to_string(&btree).unwrap());
    assert_eq!(json, r#"["a","m","z"]"#);
    assert_eq!(
        serde_json::from_str::<SortedSet<String>>(&json).unwrap(),
        sorted
    );
    assert_eq!(format!("{sorted:?}"), format!("{btree:?}"));
}

#[test]
fn deserializing_unsorted_input_still_yields_key_order() {
    let map: SortedMap<String, u8> = serde_json::from_str(r#"{"b":2,"a":1,"b":3}"#).unwrap();
    assert_eq!(
        map.iter().collect::<Vec<_>>(),
        [(&"a".to_string(), &1), (&"b".to_string(), &3)]
    );
    let set: SortedSet<u32> = serde_json::from_str("[3,1,2,1]").unwrap();
    assert_eq!(set.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
}
