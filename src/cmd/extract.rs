//! `listicle extract`: read inputs, extract in parallel, write records in input order.
//!
//! One failing document never stops the run: its error is printed with its name, recorded in
//! the report, and the exit code says so at the end. Every input is accounted for: read (with
//! or without a list), skipped with a reason, or failed with an error.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cli::ExtractArgs;
use crate::cmd::engine::{self, Item};
use crate::cmd::sources::{self, Early, Job, Payload, Sources};
use crate::error::{Error, ErrorKind};
use crate::ingest;
use crate::output::atomic::AtomicFile;
use crate::output::report::{DocReport, Report, Status};
use crate::output::{Csv, JsonArray, JsonLines, OutFormat, Serialized, Sink, Wants};
use crate::{Document, Options};

/// Documents in flight (being extracted or waiting to be written) per worker thread. Wide
/// enough that one slow page does not leave the other workers idle behind it (8 left a second
/// core a third idle on the corpus pages), small enough that memory stays flat.
const WINDOW_PER_THREAD: usize = 32;

/// What became of one input.
pub struct Finished {
    pub name: String,
    pub outcome: Outcome,
    pub micros: u128,
}

pub enum Outcome {
    /// The document's account and its serialised records; the document itself is dropped
    /// on the worker that made it.
    Done {
        report: DocReport,
        serialized: Serialized,
    },
    Failed(Error),
    Skipped(String),
}

pub fn run(args: ExtractArgs) -> Result<i32, Error> {
    let opts = options(&args)?;
    let mut arg_inputs = args.inputs.clone();
    if let Some(list) = &args.from_file {
        arg_inputs.extend(sources::read_list(list)?);
    }
    if arg_inputs.is_empty() {
        return Err(Error::usage(
            "no inputs: name files or folders, `-` for stdin, or a list with --from-file",
        ));
    }
    let filter = sources::name_filter(&args.glob)?;
    let reason = if args.glob.is_empty() {
        "not a document type (name it, or use --glob to include it)"
    } else {
        "does not match --glob"
    };
    let plan = OutputPlan::new(&args)?;
    plan.check_not_input(&arg_inputs)?;
    let mut sinks = plan.open(&args)?;

    let threads = args.jobs.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::usage(format!("cannot start worker threads: {e}")))?;
    let window = pool.current_num_threads() * WINDOW_PER_THREAD;
    // In a batch, the workers compile the patterns, each a share, while this thread lists the
    // inputs. A single document would wait for patterns it may not need (3 ms on two threads).
    if sources::may_hold_many(&arg_inputs) {
        engine::warm_up(&pool);
    }

    // The bar's total is counted by a walk of its own (names only), and only if it is shown.
    let progress = Progress::new(
        || ingest::Walk::new(arg_inputs.clone(), &*filter, reason).count(),
        args.quiet,
    );
    let sources = Sources::new(
        ingest::Walk::new(arg_inputs.clone(), &*filter, reason),
        args.max_bytes,
    );
    let items = sources.map(|item| match item {
        Item::Work(job) => Item::Work(job),
        Item::Ready(Early::Skipped { name, reason }) => Item::Ready(Finished {
            name,
            outcome: Outcome::Skipped(reason),
            micros: 0,
        }),
        Item::Ready(Early::Failed { name, error }) => Item::Ready(Finished {
            name,
            outcome: Outcome::Failed(error),
            micros: 0,
        }),
    });
    let limits = Limits {
        max_bytes: args.max_bytes,
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
    };
    let wants = plan.wants(&args);
    let mut report =
        Report::new(plan.dir.is_some()).map_err(|e| write_error(Path::new("report spool"), &e))?;
    let started = Instant::now();
    engine::ordered(
        &pool,
        window,
        items,
        |job: Job| work(job, &opts, limits, wants),
        |f: Finished| {
            match f.outcome {
                Outcome::Done {
                    report: account,
                    serialized,
                } => {
                    for (sink, path) in sinks.iter_mut() {
                        sink.write(&serialized).map_err(|e| write_error(path, &e))?;
                    }
                    report
                        .push(&account)
                        .map_err(|e| write_error(Path::new("report spool"), &e))?;
                }
                Outcome::Failed(e) => {
                    progress.suspend(|| eprintln!("listicle: {e}"));
                    report
                        .push(&DocReport::failed(&f.name, &e, f.micros))
                        .map_err(|e| write_error(Path::new("report spool"), &e))?;
                }
                Outcome::Skipped(reason) => report
                    .push(&DocReport::skipped(&f.name, &reason))
                    .map_err(|e| write_error(Path::new("report spool"), &e))?,
            }
            progress.tick(&report, started);
            Ok(())
        },
    )?;
    progress.finish();
    // Finishing a sink is mostly I/O (the CSV table from its spool, fsync, rename): with more
    // than one worker, the sinks finish side by side.
    let finish = |(sink, path): NamedSink| sink.finish().map_err(|e| write_error(&path, &e));
    if pool.current_num_threads() > 1 && sinks.len() > 1 {
        let results: Vec<Result<(), Error>> = std::thread::scope(|scope| {
            let handles: Vec<_> = sinks
                .into_iter()
                .map(|s| scope.spawn(move || finish(s)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a sink finishes without panicking"))
                .collect()
        });
        results.into_iter().collect::<Result<(), Error>>()?;
    } else {
        for s in sinks {
            finish(s)?;
        }
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
        if plan.dir.is_some() {
            eprint!("{}", report.table());
        }
        eprintln!("{}", report.summary(&written));
        if report.documents() == 0 {
            eprintln!(
                "listicle: no documents were read. Folders are searched for .txt, .md, .html, \
                 .htm, .gz, .warc and .wet files (and files with no extension); name other files \
                 directly, or use --glob."
            );
        }
    }
    Ok(if report.count(Status::Failed) > 0 {
        1
    } else {
        0
    })
}

fn options(args: &ExtractArgs) -> Result<Options, Error> {
    let mut opts = Options {
        labels: crate::normalize::labels::LabelTable::load(args.labels_config.as_deref())?,
        ..Options::default()
    };
    opts.format = args.input_format.map(Into::into);
    if let Some(css) = &args.item_selector {
        opts.item_selector = Some(scraper::Selector::parse(css).map_err(|e| {
            Error::usage(format!(
                "--item-selector {css:?} is not a CSS selector ({e}); try something like \"article h3\""
            ))
        })?);
    }
    Ok(opts)
}

/// What a worker may spend on one document.
#[derive(Clone, Copy)]
pub struct Limits {
    pub max_bytes: u64,
    pub timeout: Option<Duration>,
}

/// Read and extract one document on a worker thread, and serialise its records for the
/// sinks that are open.
fn work(job: Job, opts: &Options, limits: Limits, wants: Wants) -> Finished {
    let t = Instant::now();
    let name = job.name.clone();
    let outcome = match extract_job(job, opts, limits) {
        Ok(doc) => {
            let serialized = Serialized::new(&doc.records, wants);
            Outcome::Done {
                report: DocReport::done(&doc, t.elapsed().as_micros()),
                serialized,
            }
        }
        Err(e) => Outcome::Failed(e),
    };
    Finished {
        name,
        outcome,
        micros: t.elapsed().as_micros(),
    }
}

/// Read, decode and extract a job under the time budget; a panic is reported as an error for
/// this document only.
pub fn extract_job(job: Job, opts: &Options, limits: Limits) -> Result<Document, Error> {
    let name = job.name;
    let bytes = match job.payload {
        Payload::Path(p) => {
            let bytes = ingest::read(&ingest::Input::File(p), limits.max_bytes)?;
            // An archive under another name would read as one text of record headers.
            if ingest::is_warc(&bytes) {
                return Err(Error::new(
                    ErrorKind::Malformed,
                    &name,
                    crate::cmd::sources::archive_hint(),
                ));
            }
            // So would JSON Lines of documents as one text (or one page, the first with HTML).
            if ingest::jsonl::is_doc_lines(&bytes) {
                return Err(Error::new(
                    ErrorKind::Malformed,
                    &name,
                    crate::cmd::sources::doc_lines_hint(),
                ));
            }
            bytes
        }
        Payload::Bytes(b) => {
            if b.len() as u64 > limits.max_bytes {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    &name,
                    format!(
                        "{} bytes is over the limit of {} bytes; raise it with --max-bytes",
                        b.len(),
                        limits.max_bytes
                    ),
                ));
            }
            if b.starts_with(&[0x1f, 0x8b]) {
                ingest::gunzip(&name, &b, limits.max_bytes)?
            } else {
                b
            }
        }
    };
    crate::budget::set(limits.timeout.map(|t| Instant::now() + t));
    let format = job.format.or(opts.format);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::extract_bytes_as(&bytes, &name, job.charset.as_deref(), format, opts)
    }));
    let timed_out = crate::budget::exceeded();
    crate::budget::set(None);
    if timed_out {
        let secs = limits.timeout.map(|t| t.as_secs_f64()).unwrap_or(0.0);
        return Err(Error::new(
            ErrorKind::Timeout,
            &name,
            format!("took longer than {secs} s and was stopped; raise the limit with --timeout"),
        ));
    }
    match result {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::new(
                ErrorKind::Malformed,
                &name,
                format!("internal error while extracting ({what}); please report this document"),
            ))
        }
    }
}

fn write_error(path: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // The reader went away (`| head`): stop quietly.
        std::process::exit(0);
    }
    Error::write(path, e)
}

/// A progress bar on stderr when it is a terminal, and nothing otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(listed: impl FnOnce() -> usize, quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::new(listed() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} documents, {msg} [{elapsed_precise}, ETA {eta}]",
            )
            .expect("the template is valid"),
        );
        Progress { bar: Some(bar) }
    }

    fn tick(&self, report: &Report, started: Instant) {
        let Some(bar) = &self.bar else {
            return;
        };
        let docs = report.documents() as u64;
        if docs > bar.length().unwrap_or(0) {
            // Archives hold more documents than their listing counted.
            bar.set_length(docs);
        }
        bar.set_position(docs);
        let bytes = report.bytes();
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} entries, {:.1} MB/s",
            report.entries(),
            bytes as f64 / secs / 1e6
        ));
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A sink and the path it writes (`-` for stdout), for error messages.
type NamedSink = (Box<dyn Sink + Send>, PathBuf);

/// Where output goes: stdout, one file, or a folder with one file per format.
struct OutputPlan {
    dir: Option<PathBuf>,
    files: Vec<(OutFormat, PathBuf)>,
    stdout: Option<OutFormat>,
}

/// Extensions of table formats listicle does not write: `-o` with one of them is refused
/// rather than made into a folder of that name. (Other dotted names are folders: a script's
/// `-o out-crawl.warc.gz` names a folder after its input.)
const NOT_WRITTEN: &[&str] = &["xlsx", "xls", "ods", "tsv", "parquet"];

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
        // A file name in a format listicle does not write is a mistake, not a folder to make.
        if single.is_none()
            && !out.is_dir()
            && let Some(e) = ext.as_deref().filter(|e| NOT_WRITTEN.contains(e))
        {
            let hint = match e {
                "xlsx" | "xls" | "ods" => {
                    "; for a spreadsheet, write .csv (with --excel for Excel)"
                }
                _ => "",
            };
            return Err(Error::usage(format!(
                "-o {}: listicle writes .csv, .json and .jsonl files, or a folder of them, \
                 not .{e}{hint}",
                out.display()
            )));
        }
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

    /// What the workers serialise for these sinks.
    fn wants(&self, args: &ExtractArgs) -> Wants {
        let formats: Vec<OutFormat> = self
            .stdout
            .iter()
            .copied()
            .chain(self.files.iter().map(|(f, _)| *f))
            .collect();
        Wants {
            json: formats.iter().any(|f| *f != OutFormat::Csv),
            csv: formats.contains(&OutFormat::Csv).then_some(!args.csv_raw),
        }
    }

    fn open(&self, args: &ExtractArgs) -> Result<Vec<NamedSink>, Error> {
        if let Some(f) = self.stdout {
            let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            let sink: Box<dyn Sink + Send> = match f {
                OutFormat::Jsonl => Box::new(JsonLines::new(out)),
                OutFormat::Json => Box::new(JsonArray::new(out)),
                OutFormat::Csv => Box::new(
                    Csv::new(out, args.excel).map_err(|e| write_error(Path::new("-"), &e))?,
                ),
            };
            return Ok(vec![(sink, PathBuf::from("-"))]);
        }
        if let Some(dir) = &self.dir {
            std::fs::create_dir_all(dir).map_err(|e| {
                // `-o notes` where `notes` is a file: say what -o takes.
                folder_error(
                    dir,
                    &e,
                    ": give a folder, or a file name ending in .csv, .json or .jsonl",
                )
            })?;
        }
        let mut sinks: Vec<NamedSink> = Vec::new();
        for (f, path) in &self.files {
            // A file's folder is made as an output folder is (`-o out/teas.csv`).
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| folder_error(parent, &e, ""))?;
            }
            let file = AtomicFile::create(path).map_err(|e| write_error(path, &e))?;
            let sink: Box<dyn Sink + Send> = match f {
                OutFormat::Jsonl => Box::new(JsonLines::new(file)),
                OutFormat::Json => Box::new(JsonArray::new(file)),
                OutFormat::Csv => {
                    Box::new(Csv::new(file, args.excel).map_err(|e| write_error(path, &e))?)
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

/// The output folder `dir` could not be made: the error, and when a file is in the way, that
/// it is a file (and `next`, what to give instead).
fn folder_error(dir: &Path, e: &std::io::Error, next: &str) -> Error {
    let hint = if dir.is_file() {
        format!(" (it is a file{next})")
    } else {
        String::new()
    };
    Error::new(
        ErrorKind::Write,
        dir.display().to_string(),
        format!("cannot create the output folder: {e}{hint}"),
    )
}
