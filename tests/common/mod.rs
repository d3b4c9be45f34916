//! Helpers shared by the integration tests: run the real binary, find `../shared`.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_listicle"))
}

/// Run the binary with `args` and `stdin`, in `dir` (the crate root when `None`).
pub fn run(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    let mut c = bin();
    c.args(args)
        .current_dir(dir.unwrap_or(Path::new(env!("CARGO_MANIFEST_DIR"))))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("the listicle binary runs");
    {
        let mut sin = child.stdin.take().unwrap();
        if let Some(b) = stdin {
            // A run that stops before reading its input (a usage error) closes the pipe.
            if let Err(e) = sin.write_all(b) {
                assert_eq!(
                    e.kind(),
                    std::io::ErrorKind::BrokenPipe,
                    "writing stdin: {e}"
                );
            }
        }
    }
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `../shared` beside the repository, or `None` with a printed reason so the skip is visible.
pub fn shared(what: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join(what).exists() {
        Some(p)
    } else {
        // Written to the real stderr (not the test harness's capture), so the skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: ../shared/{what} is not beside the repository (it is in CI); skipping this test"
        );
        None
    }
}

/// Parse JSON Lines output into values.
pub fn jsonl(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// Gzip bytes (best compression).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// The `report.json` a run wrote into the folder `out`.
pub fn report(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap()
}
