//! The one rule in the browser: the golden scenario's fingerprint computed in wasm32 equals the native one.
#![cfg(target_arch = "wasm32")]

use distlab::lab::network::golden::{golden_fingerprint, to_hex};
use distlab::sim::{stable_hash, SimRng};
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN_SCENARIO: &str = include_str!("scenarios/network_golden.json");
const GOLDEN_FINGERPRINT: &str = include_str!("golden/network_fingerprint.txt");

#[wasm_bindgen_test]
fn golden_fingerprint_in_wasm_equals_the_native_one() {
    let computed = to_hex(golden_fingerprint(GOLDEN_SCENARIO).expect("golden scenario loads"));
    assert_eq!(computed, GOLDEN_FINGERPRINT.trim());
}

#[wasm_bindgen_test]
fn hash_and_generator_give_the_native_numbers_in_wasm32() {
    // The same constants as the native unit tests in src/sim/hash.rs and src/sim/rng.rs.
    assert_eq!(stable_hash(&42u64), 0x40d1_329f_5b5d_3a3e);
    assert_eq!(stable_hash(&[1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11][..]), 0xa046_6af2_08d5_b8d6);
    assert_eq!(stable_hash(&(7u32, -3i64, Some(5u16))), 0x6436_86b7_6925_cd29);
    let mut r = SimRng::new(0);
    assert_eq!(r.next_u64(), 0x5603_f242_407d_eca2);
}
