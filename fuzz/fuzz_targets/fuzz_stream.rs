//! Stream mode: every input line gets exactly one line of JSON back, with a status.
#![no_main]
use libfuzzer_sys::fuzz_target;
use listicle::cmd::extract::Limits;
use listicle::Options;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let limits = Limits { max_bytes: 1 << 20, timeout: None };
    for (n, line) in text.lines().enumerate() {
        let out = listicle::cmd::stream::answer_line(n + 1, line, &Options::default(), limits);
        assert!(!out.contains('\n'), "an answer spans lines: {out}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("the answer is JSON");
        assert!(v["status"] == "ok" || v["status"] == "error", "{out}");
    }
});
