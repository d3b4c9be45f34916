//! Command-line arguments, as close to what the user typed as possible. Building the objects
//! a run needs (sinks, label table, thread pool) happens in [`crate::cmd`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::OutFormat;

/// Turn listicle articles (plain text or saved HTML pages) into datasets: one record per
/// list item, as CSV, JSON or JSON Lines.
#[derive(Parser, Debug)]
#[command(name = "listicle", version, about, long_about = None)]
#[command(after_help = "Examples:
  listicle extract fixtures/ -o output/           write output/entries.csv and entries.json
  listicle extract article.html --format csv      print CSV on stdout
  cat page.html | listicle extract -              read stdin, print JSON Lines
  listicle inspect page.html                      show how a page was read
  listicle extract crawl.warc.gz -o out/          every HTML response in an archive
  listicle extract crawl.warc.wet.gz -o out/      every page's text in a WET archive
  listicle extract pages.jsonl -o out/            every line's page (JSON Lines, as stream reads)
  listicle stream < docs.jsonl > results.jsonl    worker mode for Spark, Ray, Hadoop

Exit codes: 0 every document was read, 1 some documents failed, 2 usage error.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract list items from documents.
    Extract(ExtractArgs),
    /// Show the blocks a document reduced to, the candidate lists and why each was chosen or
    /// rejected, and the entries.
    Inspect(InspectArgs),
    /// Worker mode: read JSON Lines documents on stdin ({"id", "url", "html" or "text"}) and
    /// write exactly one JSON line per input line, in order, flushed per line.
    Stream(StreamArgs),
}

#[derive(Args, Debug)]
pub struct StreamArgs {
    /// Worker threads (default: 1, so one line in gives one line out before the next is read).
    #[arg(short, long, value_name = "N", default_value_t = 1)]
    pub jobs: usize,

    /// A TOML file of label aliases that extends the built-in table (see README).
    #[arg(long, value_name = "FILE")]
    pub labels_config: Option<PathBuf>,

    /// Refuse documents larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,

    /// Stop a document that takes longer than this many seconds and answer with an error.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders to read (folders recursively), gzip files, WARC archives (.warc,
    /// .warc.gz, and WET's .warc.wet.gz) and JSON Lines of documents (.jsonl, .ndjson: a
    /// document a line, as `stream` reads them); `-` reads stdin (a document, an archive or
    /// JSON Lines).
    #[arg(value_name = "INPUT", required_unless_present = "from_file")]
    pub inputs: Vec<String>,

    /// Write into this folder (entries.csv and entries.json by default, and report.json), or
    /// into this one file when it ends in .csv, .json or .jsonl. Without it, records go to
    /// stdout.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Output format; repeat or separate with commas for several (with -o). Default: jsonl on
    /// stdout, csv and json with -o.
    #[arg(short, long, value_name = "FORMAT", value_delimiter = ',')]
    pub format: Vec<OutFormat>,

    /// Also read the inputs listed in this file, one path per line (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<String>,

    /// Only read files in folders whose path or name matches this glob (repeatable;
    /// `!pattern` excludes). Replaces the default of document-like names.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// Stop a document that takes longer than this many seconds, report it as failed, and
    /// go on.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,

    /// Read the inputs as this format instead of detecting it from their content.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,

    /// A TOML file of label aliases that extends the built-in table (see README).
    #[arg(long, value_name = "FILE")]
    pub labels_config: Option<PathBuf>,

    /// HTML: a CSS selector for the items' elements (e.g. "article h3"), used instead of
    /// finding the list by its shape.
    #[arg(long, value_name = "CSS")]
    pub item_selector: Option<String>,

    /// Refuse inputs larger than this many bytes (after decompression).
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Write CSV cells exactly as extracted, without neutralising cells that a spreadsheet
    /// would run as formulas.
    #[arg(long)]
    pub csv_raw: bool,

    /// Start CSV output with a UTF-8 byte-order mark, for spreadsheets that need one.
    #[arg(long)]
    pub excel: bool,

    /// Print nothing on stderr but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// The document to inspect; `-` reads stdin. For a WARC archive, the documents in it are
    /// listed, and `--record` picks one.
    #[arg(value_name = "INPUT")]
    pub input: String,

    /// Inspect the document of a WARC archive with this target URI.
    #[arg(long, value_name = "URI")]
    pub record: Option<String>,

    /// Read the input as this format instead of detecting it from its content.
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,

    /// Show at most this many characters of each block's text.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub width: usize,

    /// A TOML file of label aliases that extends the built-in table (see README).
    #[arg(long, value_name = "FILE")]
    pub labels_config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Text,
    Html,
}

impl From<InputFormat> for crate::Format {
    fn from(f: InputFormat) -> crate::Format {
        match f {
            InputFormat::Text => crate::Format::Text,
            InputFormat::Html => crate::Format::Html,
        }
    }
}
