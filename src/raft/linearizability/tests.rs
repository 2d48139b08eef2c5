//! Hand-written histories: linearizable and not, with pending, overlapping and compare-and-set operations.

use super::*;

fn op(key: &str, call: Call, ret: Option<Ret>, invoke: SimTime, returned: Option<SimTime>) -> Operation {
    Operation { key: key.into(), call, ret, invoke, returned }
}

fn put(key: &str, v: &str, invoke: SimTime, returned: SimTime) -> Operation {
    op(key, Call::Put { value: v.into() }, Some(Ret::Done), invoke, Some(returned))
}

fn pending_put(key: &str, v: &str, invoke: SimTime) -> Operation {
    op(key, Call::Put { value: v.into() }, None, invoke, None)
}

fn get(key: &str, v: Option<&str>, invoke: SimTime, returned: SimTime) -> Operation {
    op(key, Call::Get, Some(Ret::Value(v.map(Into::into))), invoke, Some(returned))
}

fn cas(
    key: &str,
    expected: Option<&str>,
    new: &str,
    result: Option<(bool, Option<&str>)>,
    t: (SimTime, Option<SimTime>),
) -> Operation {
    let call = Call::Cas { expected: expected.map(Into::into), new: new.into() };
    let ret = result.map(|(swapped, found)| Ret::Cas { swapped, found: found.map(Into::into) });
    op(key, call, ret, t.0, t.1)
}

fn broken_at(ops: &[Operation]) -> Option<usize> {
    match check(ops, 1_000_000) {
        Verdict::Broken(b) => Some(b.op),
        Verdict::Linearizable => None,
        Verdict::Unknown => panic!("budget ran out"),
    }
}

#[test]
fn a_sequential_history_that_reads_its_writes_is_linearizable() {
    let h = [put("x", "1", 0, 10), get("x", Some("1"), 20, 30), put("x", "2", 40, 50), get("x", Some("2"), 60, 70)];
    assert_eq!(check(&h, 1000), Verdict::Linearizable);
}

#[test]
fn an_empty_history_and_reads_of_an_absent_key_are_linearizable() {
    assert_eq!(check(&[], 10), Verdict::Linearizable);
    assert_eq!(check(&[get("x", None, 0, 5)], 10), Verdict::Linearizable);
}

#[test]
fn a_stale_read_after_a_completed_write_is_named_with_the_write_it_missed() {
    let h = [put("x", "1", 0, 10), put("x", "2", 20, 30), get("x", Some("1"), 40, 50)];
    let Verdict::Broken(b) = check(&h, 1000) else { panic!("not flagged") };
    assert_eq!(b.op, 2, "the stale read");
    assert_eq!(b.state.as_deref(), Some("2"));
    assert_eq!(b.writer, Some(1), "put x=2 completed before the read began");
}

#[test]
fn a_read_concurrent_with_a_write_may_see_either_value() {
    for seen in [None, Some("1")] {
        let h = [put("x", "1", 0, 100), get("x", seen, 10, 20)];
        assert_eq!(check(&h, 1000), Verdict::Linearizable, "{seen:?}");
    }
}

#[test]
fn once_a_read_saw_the_new_value_a_later_read_cannot_see_the_old_one() {
    // Wing and Gong's new-old inversion: both reads overlap the write, but not each other.
    let h = [put("x", "1", 0, 100), get("x", Some("1"), 10, 20), get("x", None, 30, 40)];
    assert_eq!(broken_at(&h), Some(2));
    // The same reads in the other order are fine.
    let h = [put("x", "1", 0, 100), get("x", None, 10, 20), get("x", Some("1"), 30, 40)];
    assert_eq!(broken_at(&h), None);
}

#[test]
fn a_pending_write_may_take_effect_late_or_never() {
    assert_eq!(broken_at(&[pending_put("x", "1", 0), get("x", None, 10, 20)]), None, "never");
    assert_eq!(broken_at(&[pending_put("x", "1", 0), get("x", Some("1"), 500, 600)]), None, "late");
    // But not before it was invoked...
    assert_eq!(broken_at(&[get("x", Some("1"), 0, 5), pending_put("x", "1", 10)]), Some(0));
    // ...and once seen it stays.
    let h = [pending_put("x", "1", 0), get("x", Some("1"), 10, 20), get("x", None, 30, 40)];
    assert_eq!(broken_at(&h), Some(2));
}

#[test]
fn compare_and_set_answers_must_agree_with_the_order() {
    let ok = [
        cas("x", None, "a", Some((true, None)), (0, Some(10))),
        cas("x", None, "b", Some((false, Some("a"))), (20, Some(30))),
        cas("x", Some("a"), "c", Some((true, Some("a"))), (40, Some(50))),
        get("x", Some("c"), 60, 70),
    ];
    assert_eq!(broken_at(&ok), None);
    // Two overlapping compare-and-sets from absent cannot both swap.
    let both = [
        cas("x", None, "a", Some((true, None)), (0, Some(50))),
        cas("x", None, "b", Some((true, None)), (10, Some(60))),
    ];
    assert!(broken_at(&both).is_some());
    // A pending compare-and-set swaps exactly when the value matches at its point.
    let h = [put("x", "a", 0, 10), cas("x", Some("a"), "b", None, (20, None)), get("x", Some("b"), 30, 40)];
    assert_eq!(broken_at(&h), None);
    let h = [put("x", "z", 0, 10), cas("x", Some("a"), "b", None, (20, None)), get("x", Some("b"), 30, 40)];
    assert_eq!(broken_at(&h), Some(2));
}

#[test]
fn delete_makes_the_key_absent() {
    let delete = op("x", Call::Delete, Some(Ret::Done), 20, Some(30));
    let h = [put("x", "1", 0, 10), delete.clone(), get("x", None, 40, 50)];
    assert_eq!(broken_at(&h), None);
    let h = [put("x", "1", 0, 10), delete, get("x", Some("1"), 40, 50)];
    assert_eq!(broken_at(&h), Some(2));
}

#[test]
fn keys_are_judged_apart_and_the_earliest_breach_is_reported() {
    let h = [
        put("y", "1", 0, 10),
        put("y", "2", 20, 30),
        get("y", Some("1"), 100, 110), // stale, returns at 110
        put("x", "1", 0, 10),
        put("x", "2", 20, 30),
        get("x", Some("1"), 40, 50), // stale, returns at 50: reported
        get("z", Some("9"), 0, 5),
    ];
    let z_alone = broken_at(&h[6..]);
    assert_eq!(z_alone, Some(0), "a value nobody wrote");
    assert_eq!(broken_at(&h[..6]), Some(5));
}

#[test]
fn many_overlapping_writes_are_decided_with_memoization() {
    // 12 writes all overlapping, then a read that pins the first one as the last to take effect:
    // 12! orders to try without the cache, some tens of thousands of (set, state) pairs with it.
    let mut h: Vec<Operation> = (0..12).map(|i| put("x", &i.to_string(), i, 1000 + i)).collect();
    h.push(get("x", Some("0"), 2000, 2010));
    assert_eq!(check(&h, 5_000_000), Verdict::Linearizable);
    h.push(get("x", Some("3"), 2040, 2050));
    assert_eq!(broken_at(&h), Some(13));
}

#[test]
fn a_search_over_its_budget_says_unknown() {
    let h = [put("x", "1", 0, 10), get("x", Some("1"), 20, 30)];
    assert_eq!(check(&h, 1), Verdict::Unknown);
}
