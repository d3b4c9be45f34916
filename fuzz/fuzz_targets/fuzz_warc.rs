//! WARC archives: reading ends (never more items than record headers), and every document in
//! the archive extracts with the invariants kept.
#![no_main]
use libfuzzer_sys::fuzz_target;
use listicle::ingest::warc::{Item, WarcReader};
use listicle::Options;

fuzz_target!(|data: &[u8]| {
    let headers = data.windows(5).filter(|w| w == b"WARC/").count();
    let mut items = 0;
    for item in WarcReader::new(data, 1 << 20) {
        items += 1;
        assert!(items <= headers + 1, "more items than record headers");
        if let Item::Document { uri, charset, body, format } = item {
            if let Ok(doc) = listicle::extract_bytes_as(&body, &uri, charset.as_deref(), format, &Options::default()) {
                let text = listicle::ingest::decode::decode(&body, charset.as_deref()).unwrap().text;
                if let Err(e) = listicle::check::invariants(&text, doc.format, &doc) {
                    panic!("{e}");
                }
            }
        }
    }
});
