//! `listicle stream`: the worker contract for distributed engines (Spark, Ray, Hadoop
//! Streaming).
//!
//! Each stdin line is a JSON object `{"id": …, "url": …, "html": …}` or with `"text"` in place
//! of `"html"`. Exactly one line is written for each line read, in the same order, and
//! flushed: `{"id": …, "status": "ok", "entries": [records]}` or
//! `{"id": …, "status": "error", "error": "…"}`. A bad line (not JSON, no `html` or `text`)
//! gets an error line and the stream goes on. With `--jobs 1` (the default) each line is
//! answered before the next one is read.

use std::io::{BufRead, Write};
use std::time::Duration;

use serde_json::{Value, json};

use crate::cli::StreamArgs;
use crate::cmd::engine::{self, Item};
use crate::cmd::extract::{Limits, extract_job};
use crate::cmd::sources::{Job, Payload};
use crate::error::Error;
use crate::{Document, Options};

pub fn run(args: StreamArgs) -> Result<i32, Error> {
    let opts = Options {
        labels: crate::normalize::labels::LabelTable::load(args.labels_config.as_deref())?,
        ..Options::default()
    };
    let limits = Limits {
        max_bytes: args.max_bytes,
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
    };
    let stdin = std::io::stdin();
    // Locked per line: the line may be written by any worker.
    let out = std::io::stdout();
    // Lines are read here, in order; parsing them is the workers' job.
    let lines = stdin
        .lock()
        .lines()
        .enumerate()
        .map(|(n, line)| match line {
            Ok(line) => Item::Work((n + 1, line)),
            Err(e) => Item::Ready(answer_error(
                &Value::Null,
                &format!("line {}: cannot read: {e}", n + 1),
            )),
        });
    let write = |line: String| -> Result<(), Error> {
        let mut out = out.lock();
        let r = out
            .write_all(line.as_bytes())
            .and_then(|_| out.write_all(b"\n"))
            .and_then(|_| out.flush());
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            Err(e) => Err(Error::write(std::path::Path::new("-"), &e)),
            Ok(()) => Ok(()),
        }
    };
    let work = move |(n, line): (usize, String)| answer_line(n, &line, &opts, limits);
    if args.jobs <= 1 {
        // One line in, one line out, before the next line is read.
        for item in lines {
            let line = match item {
                Item::Work(w) => work(w),
                Item::Ready(r) => r,
            };
            write(line)?;
        }
        return Ok(0);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
        .map_err(|e| Error::usage(format!("cannot start worker threads: {e}")))?;
    engine::warm_up(&pool);
    engine::ordered(&pool, args.jobs * 8, lines, work, write)?;
    Ok(0)
}

/// The answer to one input line (line number `n`): always exactly one line of JSON.
pub fn answer_line(n: usize, line: &str, opts: &Options, limits: Limits) -> String {
    match parse_line(n, line) {
        Item::Work((id, job)) => answer(&id, extract_job(job, opts, limits)),
        Item::Ready(answer) => answer,
    }
}

fn parse_line(n: usize, line: &str) -> Item<(Value, Job), String> {
    let doc = match crate::ingest::jsonl::parse(line) {
        Ok(doc) => doc,
        Err((id, reason)) => return Item::Ready(answer_error(&id, &format!("line {n}: {reason}"))),
    };
    let name = doc.name(|id| match id {
        Value::Null => format!("line {n}"),
        other => other.to_string(),
    });
    Item::Work((
        doc.id,
        Job {
            name,
            payload: Payload::Bytes(doc.body.into_bytes()),
            charset: Some("utf-8".into()),
            format: Some(doc.format),
        },
    ))
}

fn answer(id: &Value, r: Result<Document, Error>) -> String {
    match r {
        // `{"id": …, "status": "ok", "entries": [records]}`, written straight from the records.
        Ok(doc) => {
            let mut out = b"{\"id\":".to_vec();
            serde_json::to_writer(&mut out, id).expect("an id serialises");
            out.extend_from_slice(b",\"status\":\"ok\",\"entries\":[");
            for (i, rec) in doc.records.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                rec.write_json(&mut out);
            }
            out.extend_from_slice(b"]}");
            String::from_utf8(out).expect("JSON is UTF-8")
        }
        Err(e) => answer_error(id, &e.to_string()),
    }
}

fn answer_error(id: &Value, error: &str) -> String {
    json!({"id": id, "status": "error", "error": error}).to_string()
}
