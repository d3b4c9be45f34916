//! listicle turns listicle articles into datasets: one record per list item.
//!
//! # The pipeline
//!
//! Data flows one way: **bytes** are decoded to **text** ([`ingest::decode`]), the text is
//! reduced to **blocks** ([`blocks`]: headings, paragraphs, list items, with byte spans; plain
//! text and HTML reduce to the same model), the blocks are segmented into **entries**
//! ([`segment`]: which blocks are the article's list, and where each item starts and ends),
//! each entry becomes a **record** ([`extract`]: title, rank, year, fields, links), records are
//! **normalised** ([`normalize`]), and written by **sinks** ([`output`]: CSV, JSON, JSON Lines).
//! Segmenting, extracting and normalising are pure functions of a document and cannot fail;
//! only reading and writing can.
//!
//! # Example
//!
//! ```
//! let text = "Three Films\n\n1. Alpha (2001)\nDirector: Ann Lee\n\n2. Beta\n\n3. Gamma\n";
//! let doc = listicle::extract_str(text, None, "films.txt", &listicle::Options::default());
//! assert_eq!(doc.records.len(), 3);
//! assert_eq!(doc.records[0].title, "Alpha");
//! assert_eq!(doc.records[0].year, Some(2001));
//! assert_eq!(doc.records[0].fields["director"], "Ann Lee");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod alloc;
pub mod blocks;
pub mod budget;
pub mod chars;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod normalize;
pub mod output;
pub mod record;
pub mod segment;

pub use error::{Error, ErrorKind};
pub use ingest::decode::Format;
pub use record::Record;

use blocks::{Blocks, Meta};

/// What extraction may be told beyond the document itself.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Treat the document as this format instead of sniffing it.
    pub format: Option<Format>,
    /// The label alias table used to name fields.
    pub labels: normalize::labels::LabelTable,
    /// HTML: take the elements this CSS selector matches as the items, instead of finding the
    /// list by its shape (for pages where the heuristics fail).
    pub item_selector: Option<scraper::Selector>,
}

/// One document's result.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: String,
    pub format: Format,
    pub encoding: &'static str,
    pub meta: Meta,
    pub records: Vec<Record>,
    /// Size of the input in bytes, as read.
    pub bytes: usize,
}

/// Decode bytes and extract. Fails only when the bytes are not a text document.
pub fn extract_bytes(
    bytes: &[u8],
    source: &str,
    declared_charset: Option<&str>,
    opts: &Options,
) -> Result<Document, Error> {
    extract_bytes_as(bytes, source, declared_charset, opts.format, opts)
}

/// [`extract_bytes`] with the format given for this document (`None`: sniff it), whatever
/// `opts.format` says; for sources that know each document's format.
pub fn extract_bytes_as(
    bytes: &[u8],
    source: &str,
    declared_charset: Option<&str>,
    format: Option<Format>,
    opts: &Options,
) -> Result<Document, Error> {
    let decoded = ingest::decode::decode(bytes, declared_charset)
        .map_err(|e| Error::new(ErrorKind::Binary, source, e.to_string()))?;
    let mut doc = extract_str(
        &decoded.text,
        Some(format.unwrap_or(decoded.format)),
        source,
        opts,
    );
    doc.encoding = decoded.encoding;
    doc.bytes = bytes.len();
    Ok(doc)
}

/// Extract from decoded text. `format` is sniffed when `None`. Never fails.
pub fn extract_str(text: &str, format: Option<Format>, source: &str, opts: &Options) -> Document {
    let format = format.unwrap_or_else(|| ingest::decode::sniff(text));
    let mut blocks = reduce(text, format);
    normalize::meta(&mut blocks.meta, &opts.labels);
    let seg = match (&opts.item_selector, format) {
        (Some(sel), Format::Html) => {
            let html = scraper::Html::parse_document(text);
            let texts: Vec<String> = html
                .select(sel)
                .map(|e| blocks::collapse_ws(&e.text().collect::<String>()))
                .collect();
            segment::selected(&blocks, &texts)
        }
        _ => segment::entries(&blocks),
    };
    let mut records = extract::records(&blocks, &seg, source);
    for r in &mut records {
        normalize::record_in(r, &opts.labels, blocks.meta.lang.as_deref());
    }
    Document {
        source: source.to_string(),
        format,
        encoding: "UTF-8",
        meta: blocks.meta,
        records,
        bytes: text.len(),
    }
}

/// Reduce decoded text to blocks.
pub fn reduce(text: &str, format: Format) -> Blocks {
    match format {
        Format::Text => blocks::text::blocks(text),
        Format::Html => blocks::html::blocks(text),
    }
}
