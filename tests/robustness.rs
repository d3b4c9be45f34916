//! Hostile and broken input, as a table: each case is an input, how it is made, and the
//! outcome the run must report for it. Every case runs in one batch next to a good document,
//! which must come through untouched, so one bad input never stops the others.
//!
//! Also here: stream mode with a line that is not JSON, the time limit, output next to
//! inputs, and a run killed with SIGKILL that leaves the previous output whole.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

const GOOD: &str = "Teas\n\n1. Sencha\n\n2. Assam\n\n3. Rooibos\n";

fn utf16le(s: &str, bom: bool) -> Vec<u8> {
    let mut v = if bom { vec![0xff, 0xfe] } else { vec![] };
    v.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
    v
}

/// What the report must say of a case: its status, its entry count, and for failures the
/// start of the reason.
struct Want {
    status: &'static str,
    entries: usize,
    reason: Option<&'static str>,
}

const fn ok(entries: usize) -> Want {
    Want {
        status: "ok",
        entries,
        reason: None,
    }
}
const NO_LIST: Want = Want {
    status: "no_list",
    entries: 0,
    reason: None,
};
const fn failed(reason: &'static str) -> Want {
    Want {
        status: "failed",
        entries: 0,
        reason: Some(reason),
    }
}

/// The cases: name, the bytes of the input (None: made specially below), the expected outcome.
fn cases() -> Vec<(&'static str, Option<Vec<u8>>, Want)> {
    let nested = format!(
        "<html><body>{}<p>deep</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let long_line = format!("Title\n\n{}", "word ".repeat(1_000_000));
    vec![
        ("empty file", Some(vec![]), NO_LIST),
        (
            "PNG image",
            Some(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec()),
            failed("not a text document (PNG image)"),
        ),
        (
            "ELF binary",
            Some(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0".to_vec()),
            failed("not a text document (ELF executable)"),
        ),
        (
            "invalid UTF-8",
            Some(b"Caf\xe9s\n\n1. Caf\xe9 Uno\n\n2. Caf\xe9 Due\n\n3. Caf\xe9 Tre\n".to_vec()),
            ok(3),
        ),
        ("UTF-16 with BOM", Some(utf16le(GOOD, true)), ok(3)),
        ("UTF-16 without BOM", Some(utf16le(GOOD, false)), ok(3)),
        (
            "over --max-bytes",
            Some(vec![b'a'; 6_000_001]),
            failed("6000001 bytes is over the limit of 6000000 bytes; raise it with --max-bytes"),
        ),
        ("100,000 nested divs", Some(nested.into_bytes()), NO_LIST),
        ("5 MB single line", Some(long_line.into_bytes()), NO_LIST),
        (
            "NUL bytes",
            Some(b"Teas\n\n1. Sen\0cha\n\n2. Assam\0\n\n3. Rooibos\n".to_vec()),
            ok(3),
        ),
        (
            "CR-only line ends",
            Some(GOOD.replace('\n', "\r").into_bytes()),
            ok(3),
        ),
        (
            "CRLF line ends",
            Some(GOOD.replace('\n', "\r\n").into_bytes()),
            ok(3),
        ),
        (
            "gzip bomb",
            Some(common::gzip(&vec![b' '; 20_000_000])),
            failed(
                "decompresses to more than the limit of 6000000 bytes; raise it with --max-bytes",
            ),
        ),
        (
            "truncated WARC record",
            None,
            failed("record http://e.example/ is truncated: "),
        ),
        ("unreadable file", None, failed("cannot read: ")),
        (
            "broken symlink",
            None,
            failed(
                "cannot read: No such file or directory (os error 2) (no such file, or a broken symbolic link; check the path)",
            ),
        ),
    ]
}

fn make(dir: &Path, name: &str, bytes: Option<Vec<u8>>) -> PathBuf {
    let file = dir.join(name.replace([' ', ',', '-'], "_"));
    match (name, bytes) {
        (_, Some(b)) => {
            let file = if name == "gzip bomb" {
                file.with_extension("txt.gz")
            } else {
                file.with_extension("txt")
            };
            fs::write(&file, b).unwrap();
            file
        }
        ("truncated WARC record", None) => {
            let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<h2>1. A</h2><h2>2. B</h2><h2>3. C</h2>";
            let rec = format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.example/\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n{http}",
                http.len() + 50
            );
            let file = file.with_extension("warc");
            fs::write(&file, rec).unwrap();
            file
        }
        // Root reads any file whatever its mode; the kernel's own memory file cannot be read
        // from its start by anyone.
        ("unreadable file", None) => PathBuf::from("/proc/self/mem"),
        ("broken symlink", None) => {
            let file = file.with_extension("txt");
            std::os::unix::fs::symlink(dir.join("nowhere.txt"), &file).unwrap();
            file
        }
        _ => unreachable!(),
    }
}

#[test]
fn every_bad_input_gets_its_own_outcome_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    let good = inputs.join("good.txt");
    fs::write(&good, GOOD).unwrap();
    let cases = cases();
    let mut args: Vec<String> = vec![
        "extract".into(),
        "--max-bytes".into(),
        "6000000".into(),
        "-q".into(),
    ];
    let mut paths = Vec::new();
    for (name, bytes, _) in cases.iter().map(|(n, b, w)| (*n, b.clone(), w)) {
        let p = make(&inputs, name, bytes);
        args.push(p.display().to_string());
        paths.push(p);
    }
    args.push(good.display().to_string());
    let out = dir.path().join("out");
    args.extend(["-o".to_string(), out.display().to_string()]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let started = std::time::Instant::now();
    let o = common::run(&argv, None, None);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the batch took {:?}",
        started.elapsed()
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "failures give exit code 1: {}",
        common::stderr(&o)
    );
    let report: Value = common::report(&out);
    let docs = report["documents"].as_array().unwrap();
    let mut problems = Vec::new();
    for (k, (name, _, want)) in cases.iter().enumerate() {
        let d = &docs[k];
        let reason = d["reason"].as_str().unwrap_or("");
        let good_reason = want.reason.is_none_or(|r| reason.starts_with(r));
        if d["status"] != want.status || d["entries"] != want.entries || !good_reason {
            problems.push(format!(
                "{name}: got {} {} {reason:?}, want {} {} {:?}",
                d["status"], d["entries"], want.status, want.entries, want.reason
            ));
        }
        // A failure is named by its input (an archive's also by the record).
        if want.status == "failed"
            && !d["source"]
                .as_str()
                .unwrap_or("")
                .starts_with(&paths[k].display().to_string())
        {
            problems.push(format!(
                "{name}: the failure is not named by its input: {}",
                d["source"]
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The good document after them all is read in full.
    let last = docs.last().unwrap();
    assert_eq!(
        (last["status"].as_str(), last["entries"].as_u64()),
        (Some("ok"), Some(3))
    );
    assert_eq!(docs.len(), cases.len() + 1);
}

#[test]
fn a_document_over_the_time_limit_fails_by_name_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let slow = dir.path().join("slow.txt");
    let mut text = String::from("Many\n\n");
    for i in 1..=20_000 {
        text.push_str(&format!("{i}. Item number {i}\nDirector: Someone\n\n"));
    }
    fs::write(&slow, text).unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, GOOD).unwrap();
    let o = common::run(
        &[
            "extract",
            "--timeout",
            "0.000001",
            slow.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        common::stderr(&o),
        format!(
            "listicle: {}: took longer than 0.000001 s and was stopped; raise the limit with --timeout\nlisticle: 1 document read, 3 entries, 0 with no list, 1 failed\n",
            slow.display()
        )
    );
    assert_eq!(common::jsonl(&common::stdout(&o)).len(), 3);
}

#[test]
fn stream_mode_answers_a_line_that_is_not_json_and_goes_on() {
    let input = format!(
        "{{\"id\": 1, \"text\": {}}}\n{{not json\n\n{{\"id\": 2, \"text\": {}}}\n",
        serde_json::json!(GOOD),
        serde_json::json!(GOOD)
    );
    let o = common::run(&["stream"], Some(input.as_bytes()), None);
    let lines = common::jsonl(&common::stdout(&o));
    let status: Vec<&str> = lines
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["ok", "error", "error", "ok"]);
    assert_eq!(
        lines[1]["error"],
        "line 2: not JSON: key must be a string at line 1 column 2"
    );
    assert_eq!(
        lines[2]["error"],
        "line 3: not JSON: EOF while parsing a value at line 1 column 0"
    );
}

#[test]
fn output_pointing_at_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.csv");
    fs::write(&input, GOOD).unwrap();
    let o = common::run(
        &[
            "extract",
            input.to_str().unwrap(),
            "-o",
            input.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        common::stderr(&o),
        format!(
            "listicle: the output {0} is the same as the input {0}; write somewhere else with -o\n",
            input.display()
        )
    );
    assert_eq!(
        fs::read_to_string(&input).unwrap(),
        GOOD,
        "the input is untouched"
    );
}

#[test]
fn a_run_killed_midway_leaves_the_previous_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // A first run writes the output that must survive.
    let small = dir.path().join("small.txt");
    fs::write(&small, GOOD).unwrap();
    let o = common::run(
        &[
            "extract",
            small.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let before: Vec<(String, Vec<u8>)> = listing(&out);
    assert_eq!(before.len(), 3);

    // A second, long run over the same output folder is killed while it writes.
    let big = dir.path().join("big");
    fs::create_dir(&big).unwrap();
    let mut doc = String::from("Many\n\n");
    for i in 1..=3000 {
        doc.push_str(&format!("{i}. Item number {i}\nDirector: Someone Else\nCast: A, B and C\n\nA line of description for item {i}.\n\n"));
    }
    // Many times what one thread reads in the wait below, however fast the build: one file
    // written, the rest hard links to it (copies where links are not allowed), so the disk
    // holds one.
    let first = big.join("0000.txt");
    fs::write(&first, &doc).unwrap();
    for k in 1..1000 {
        let name = big.join(format!("{k:04}.txt"));
        if fs::hard_link(&first, &name).is_err() {
            fs::copy(&first, &name).unwrap();
        }
    }
    let mut child = common::bin()
        .args([
            "extract",
            big.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
            "-j",
            "1",
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run ended before it could be killed; make the input larger"
    );
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGKILL);
    }
    child.wait().unwrap();
    assert_eq!(
        listing(&out),
        before,
        "the previous output is intact, and no partial file is left"
    );
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            // report.json holds timings; compare its documents, not its clock.
            let bytes = fs::read(e.path()).unwrap();
            (name, bytes)
        })
        .collect();
    v.sort();
    v
}
