//! `listicle extract`: read inputs, extract in parallel, write records in input order.
//!
//! Documents are processed in batches: each batch is extracted in parallel with rayon and then
//! written in input order, so output is repeatable and memory holds one batch at a time. One
//! failing document never stops the run: its error is printed with its name, recorded in the
//! report, and the exit code says so at the end.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cli::ExtractArgs;
use crate::error::{Error, ErrorKind};
use crate::ingest::{self, Input};
use crate::output::atomic::AtomicFile;
use crate::output::report::{DocReport, Report, Status};
use crate::output::{Csv, JsonArray, JsonLines, OutFormat, Sink};
use crate::{Document, Options};

/// How many documents are extracted in parallel before their records are written.
const BATCH: usize = 256;

pub fn run(args: ExtractArgs) -> Result<i32, Error> {
    let mut opts = Options::default();
    if let Some(p) = &args.labels_config {
        opts.labels = crate::normalize::labels::LabelTable::with_file(p)?;
    }
    opts.format = args.input_format.map(Into::into);
    if let Some(css) = &args.item_selector {
        opts.item_selector = Some(scraper::Selector::parse(css).map_err(|e| {
            Error::usage(format!(
                "--item-selector {css:?} is not a CSS selector ({e}); try something like \"article h3\""
            ))
        })?);
    }

    let (inputs, skipped) = ingest::expand(&args.inputs, &ingest::is_document_name);
    let plan = OutputPlan::new(&args)?;
    plan.check_not_input(&args.inputs)?;
    let mut sinks = plan.open(&args)?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::usage(format!("cannot start worker threads: {e}")))?;

    let mut report = Report::default();
    for s in &skipped {
        report
            .docs
            .push(DocReport::skipped(&s.path.display().to_string(), &s.reason));
    }
    let started = Instant::now();
    for batch in inputs.chunks(BATCH) {
        let results: Vec<(Result<Document, Error>, u128)> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| {
                    let t = Instant::now();
                    let r = process(input, &args, &opts);
                    (r, t.elapsed().as_micros())
                })
                .collect()
        });
        for (input, (result, micros)) in batch.iter().zip(results) {
            match result {
                Ok(doc) => {
                    for r in &doc.records {
                        for (sink, path) in sinks.iter_mut() {
                            sink.write(r).map_err(|e| write_error(path, &e))?;
                        }
                    }
                    report.docs.push(DocReport::done(&doc, micros));
                }
                Err(e) => {
                    if !args.quiet || e.kind != ErrorKind::Read {
                        eprintln!("listicle: {e}");
                    }
                    report
                        .docs
                        .push(DocReport::failed(&input.name(), &e, micros));
                }
            }
        }
    }
    for (sink, path) in sinks {
        sink.finish().map_err(|e| write_error(&path, &e))?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    let mut written: Vec<String> = plan
        .files
        .iter()
        .map(|(_, p)| p.display().to_string())
        .collect();
    if let Some(dir) = &plan.dir {
        let path = dir.join("report.json");
        report.write(&path).map_err(|e| write_error(&path, &e))?;
        written.push(path.display().to_string());
    }
    if !args.quiet {
        eprintln!("{}", report.summary(&written));
        if inputs.is_empty() {
            eprintln!(
                "listicle: no documents were read. Folders are searched for .txt, .md, .html, \
                 .htm, .gz and .warc files (and files with no extension); name other files \
                 directly."
            );
        }
    }
    Ok(if report.count(Status::Failed) > 0 {
        1
    } else {
        0
    })
}

fn write_error(path: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // The reader went away (`| head`): stop quietly.
        std::process::exit(0);
    }
    Error::write(path, e)
}

fn process(input: &Input, args: &ExtractArgs, opts: &Options) -> Result<Document, Error> {
    let bytes = ingest::read(input, args.max_bytes)?;
    crate::extract_bytes(&bytes, &input.name(), None, opts)
}

/// A sink and the path it writes (`-` for stdout), for error messages.
type NamedSink = (Box<dyn Sink>, PathBuf);

/// Where output goes: stdout, one file, or a folder with one file per format.
struct OutputPlan {
    dir: Option<PathBuf>,
    files: Vec<(OutFormat, PathBuf)>,
    stdout: Option<OutFormat>,
}

impl OutputPlan {
    fn new(args: &ExtractArgs) -> Result<OutputPlan, Error> {
        let Some(out) = &args.output else {
            if args.format.len() > 1 {
                return Err(Error::usage(
                    "several --format values need -o FOLDER to write one file each",
                ));
            }
            return Ok(OutputPlan {
                dir: None,
                files: Vec::new(),
                stdout: Some(args.format.first().copied().unwrap_or(OutFormat::Jsonl)),
            });
        };
        let ext = out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let single = match ext.as_deref() {
            Some("csv") => Some(OutFormat::Csv),
            Some("json") => Some(OutFormat::Json),
            Some("jsonl") | Some("ndjson") => Some(OutFormat::Jsonl),
            _ => None,
        };
        if let Some(f) = single
            && !out.is_dir()
        {
            if args.format.iter().any(|x| *x != f) {
                return Err(Error::usage(format!(
                    "-o {} names a .{} file, which does not match --format",
                    out.display(),
                    f.extension()
                )));
            }
            return Ok(OutputPlan {
                dir: None,
                files: vec![(f, out.clone())],
                stdout: None,
            });
        }
        let formats = if args.format.is_empty() {
            vec![OutFormat::Csv, OutFormat::Json]
        } else {
            args.format.clone()
        };
        Ok(OutputPlan {
            dir: Some(out.clone()),
            files: formats
                .into_iter()
                .map(|f| (f, out.join(format!("entries.{}", f.extension()))))
                .collect(),
            stdout: None,
        })
    }

    /// Refuse an output that is, or is inside, an input: it would read its own output, or
    /// overwrite the documents it reads.
    fn check_not_input(&self, inputs: &[String]) -> Result<(), Error> {
        let targets: Vec<PathBuf> = self
            .dir
            .iter()
            .cloned()
            .chain(self.files.iter().map(|(_, p)| p.clone()))
            .collect();
        for t in targets {
            let t_abs = absolute(&t);
            for i in inputs.iter().filter(|i| *i != "-") {
                let i_abs = absolute(Path::new(i));
                let inside = t_abs.starts_with(&i_abs) && Path::new(i).is_dir();
                if t_abs == i_abs || inside {
                    return Err(Error::usage(format!(
                        "the output {} is {} the input {}; write somewhere else with -o",
                        t.display(),
                        if t_abs == i_abs {
                            "the same as"
                        } else {
                            "inside"
                        },
                        i
                    )));
                }
            }
        }
        Ok(())
    }

    fn open(&self, args: &ExtractArgs) -> Result<Vec<NamedSink>, Error> {
        let safe = !args.csv_raw;
        if let Some(f) = self.stdout {
            let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            let sink: Box<dyn Sink> = match f {
                OutFormat::Jsonl => Box::new(JsonLines::new(out)),
                OutFormat::Json => Box::new(JsonArray::new(out)),
                OutFormat::Csv => Box::new(
                    Csv::new(out, safe, args.excel).map_err(|e| write_error(Path::new("-"), &e))?,
                ),
            };
            return Ok(vec![(sink, PathBuf::from("-"))]);
        }
        if let Some(dir) = &self.dir {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::new(
                    ErrorKind::Write,
                    dir.display().to_string(),
                    format!("cannot create the output folder: {e}"),
                )
            })?;
        }
        let mut sinks: Vec<NamedSink> = Vec::new();
        for (f, path) in &self.files {
            let file = AtomicFile::create(path).map_err(|e| write_error(path, &e))?;
            let sink: Box<dyn Sink> = match f {
                OutFormat::Jsonl => Box::new(JsonLines::new(file)),
                OutFormat::Json => Box::new(JsonArray::new(file)),
                OutFormat::Csv => {
                    Box::new(Csv::new(file, safe, args.excel).map_err(|e| write_error(path, &e))?)
                }
            };
            sinks.push((sink, path.clone()));
        }
        Ok(sinks)
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        // Not there yet: resolve its parent.
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
                std::fs::canonicalize(parent)
                    .map(|d| d.join(name))
                    .unwrap_or_else(|_| p.to_path_buf())
            }
            _ => std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf()),
        }
    })
}
