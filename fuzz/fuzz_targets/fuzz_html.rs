//! HTML, from raw bytes (so decoding is fuzzed too): never panics, keeps the invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;
use listicle::{Format, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        format: Some(Format::Html),
        ..Options::default()
    };
    if let Ok(doc) = listicle::extract_bytes(data, "fuzz", None, &opts) {
        let text = listicle::ingest::decode::decode(data, None).unwrap().text;
        if let Err(e) = listicle::check::invariants(&text, Format::Html, &doc) {
            panic!("{e}");
        }
    }
});
