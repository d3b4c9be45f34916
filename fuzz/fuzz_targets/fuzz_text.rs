//! Plain text: extraction never panics, and every result keeps the invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;
use listicle::{Format, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = listicle::extract_str(&text, Some(Format::Text), "fuzz", &Options::default());
    if let Err(e) = listicle::check::invariants(&text, Format::Text, &doc) {
        panic!("{e}");
    }
});
