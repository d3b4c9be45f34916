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

/// `warm!(A, B, …)` defines a module's `WARM`: one function a regex static (`LazyLock<Regex>`)
/// that compiles it, for [`warm_up`] to share out. Every such static is named in its module's
/// list (a test reads the source to hold this).
macro_rules! warm {
    ($($pattern:ident),* $(,)?) => {
        /// Each of this module's patterns compiled, one function a pattern: [`crate::warm_up`]
        /// runs them on the workers while a batch's first folder is listed.
        pub(crate) const WARM: &[fn()] = &[$(|| {
            std::sync::LazyLock::force(&$pattern);
        }),*];
    };
}

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
mod names;
pub mod normalize;
pub mod output;
pub mod record;
pub mod segment;

pub use error::{Error, ErrorKind};
pub use ingest::decode::Format;
pub use record::Record;

use blocks::{Blocks, Meta};

/// Every module's list of pattern compilers, in the order [`warm_up`] shares them out.
const WARM: [&[fn()]; 6] = [
    blocks::WARM,
    blocks::text::WARM,
    segment::marker::WARM,
    extract::WARM,
    normalize::WARM,
    normalize::values::WARM,
];

/// Compile share `part` of `parts` of the patterns extraction uses (every `parts`-th one), so
/// that several threads compile them at once. Each is otherwise compiled by the first document
/// that needs it, while any other thread that needs it waits. Calling it is never needed, only
/// sooner.
pub fn warm_up(part: usize, parts: usize) {
    for compile in share(WARM.iter().flat_map(|w| w.iter()), part, parts) {
        compile();
    }
}

/// Share `part` of `parts` of `items`: every `parts`-th one from the `part`-th (all of them
/// when `parts` is 0).
fn share<T>(items: impl Iterator<Item = T>, part: usize, parts: usize) -> impl Iterator<Item = T> {
    items.skip(part).step_by(parts.max(1))
}

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
    let mut records = extract::records_to_normalize(&blocks, &seg, source);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_shares_cover_every_item_once() {
        for n in 0..30 {
            for parts in 1..6 {
                let mut seen: Vec<usize> = (0..parts).flat_map(|p| share(0..n, p, parts)).collect();
                seen.sort_unstable();
                assert_eq!(seen, (0..n).collect::<Vec<_>>(), "n {n}, parts {parts}");
            }
            // No parts at all is read as one: the whole list.
            assert_eq!(
                share(0..n, 0, 0).collect::<Vec<_>>(),
                (0..n).collect::<Vec<_>>()
            );
        }
        assert_eq!(share(0..10, 1, 3).collect::<Vec<_>>(), [1, 4, 7]);
    }

    /// Every regex static in the source is named in its module's `warm!`, and the lists hold
    /// nothing else, so a pattern added without its name there fails here.
    #[test]
    fn warm_lists_force_every_pattern() {
        let src_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src").to_string();
        let rust = |p: &std::path::Path| p.extension().is_some_and(|e| e == "rs");
        let stat = regex::Regex::new(r"static (\w+): LazyLock<Regex>").unwrap();
        let mut statics = 0;
        for input in ingest::Walk::new(vec![src_dir], &rust, "not Rust") {
            let ingest::Input::File(p) = input else {
                continue;
            };
            let src = std::fs::read_to_string(&p).unwrap();
            // The names in the file's `warm!(…)` (none when it has no call).
            let call = "\nwarm!(";
            let listed: Vec<&str> = src
                .find(call)
                .map(|at| {
                    let list = &src[at + call.len()..];
                    list[..list.find(')').unwrap()]
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            for c in stat.captures_iter(&src) {
                assert!(
                    listed.contains(&&c[1]),
                    "{} does not warm {}",
                    p.display(),
                    &c[1]
                );
                statics += 1;
            }
        }
        assert_eq!(WARM.iter().map(|w| w.len()).sum::<usize>(), statics);
        // And each one compiles: every share of three runs.
        for part in 0..3 {
            warm_up(part, 3);
        }
    }
}
