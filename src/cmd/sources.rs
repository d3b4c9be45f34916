//! Where a batch's documents come from: files and folders (filtered by name or `--glob`),
//! a list of paths (`--from-file`), stdin, gzip files, WARC archives and JSON Lines of
//! documents. The listing is lazy: folders are walked one folder at a time, and archives are
//! read record by record (JSON Lines a line at a time), as the engine asks for more.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use crate::Format;
use crate::cmd::engine::Item;
use crate::error::{Error, ErrorKind};
use crate::ingest::jsonl::{self, DocLines};
use crate::ingest::warc::{self, WarcReader};
use crate::ingest::{self, Input};

/// A document to read and extract.
pub struct Job {
    pub name: String,
    pub payload: Payload,
    /// A charset declared outside the document (an archive's HTTP header).
    pub charset: Option<String>,
    /// The document's format, when the source says (stream mode's `html` or `text`).
    pub format: Option<Format>,
}

pub enum Payload {
    /// Read (and gunzip) on the worker.
    Path(PathBuf),
    /// Already read.
    Bytes(Vec<u8>),
}

/// What became of a document that never reached a worker.
pub enum Early {
    Skipped { name: String, reason: String },
    Failed { name: String, error: Error },
}

/// A file of many documents, read one at a time: a WARC archive (record by record) or JSON
/// Lines of documents (a line at a time).
pub trait Records: Iterator<Item = warc::Item> + Send {
    /// How many items have been given so far.
    fn items(&self) -> usize;
    /// Why a file that gave no item at all is skipped.
    fn empty(&self) -> String;
    /// Does a broken item end the file (an archive), or does the reading go on (a line)?
    fn ends_at_broken(&self) -> bool;
}

impl<R: BufRead + Send> Records for WarcReader<R> {
    fn items(&self) -> usize {
        WarcReader::items(self)
    }

    fn empty(&self) -> String {
        let n = self.records();
        format!(
            "the archive holds no page: none of its {n} record{} is an HTTP response, or a \
             conversion or resource of a page's URI",
            if n == 1 { "" } else { "s" }
        )
    }

    fn ends_at_broken(&self) -> bool {
        true
    }
}

impl<R: BufRead + Send> Records for DocLines<R> {
    fn items(&self) -> usize {
        DocLines::items(self)
    }

    fn empty(&self) -> String {
        format!(
            "the file holds no document: none of its {} lines is a JSON object with an \
             \"html\" or \"text\" string",
            self.lines()
        )
    }

    fn ends_at_broken(&self) -> bool {
        false
    }
}

/// A file of many documents (an archive, or JSON Lines), from a file (gunzipped as it goes) or
/// from memory.
pub type Archive = Box<dyn Records>;

pub struct Sources<'a> {
    queue: Box<dyn Iterator<Item = Input> + 'a>,
    /// The archive being read, and its name.
    archive: Option<(String, Archive)>,
    max_bytes: u64,
}

impl<'a> Sources<'a> {
    /// Documents from `inputs`, taken as the engine asks for them (a folder walk, or a list).
    pub fn new(inputs: impl Iterator<Item = Input> + 'a, max_bytes: u64) -> Sources<'a> {
        Sources {
            queue: Box::new(inputs),
            archive: None,
            max_bytes,
        }
    }

    fn next_from_archive(&mut self) -> Option<Item<Job, Early>> {
        let (name, reader) = self.archive.as_mut()?;
        match reader.next() {
            // An archive with no page in it is accounted for: skipped, with what it held.
            None if reader.items() == 0 => {
                let (name, reader) = self.archive.take()?;
                Some(Item::Ready(Early::Skipped {
                    name,
                    reason: reader.empty(),
                }))
            }
            None => {
                self.archive = None;
                None
            }
            Some(warc::Item::Document {
                uri,
                charset,
                body,
                format,
            }) => Some(Item::Work(Job {
                name: uri,
                payload: Payload::Bytes(body),
                charset,
                format,
            })),
            Some(warc::Item::Skipped { uri, reason }) => {
                Some(Item::Ready(Early::Skipped { name: uri, reason }))
            }
            Some(warc::Item::Failed { uri, kind, reason }) => Some(Item::Ready(Early::Failed {
                error: Error::new(kind, &uri, reason),
                name: uri,
            })),
            Some(warc::Item::Broken { at, reason }) => Some(Item::Ready(Early::Failed {
                name: format!("{name} ({at})"),
                error: Error::new(ErrorKind::Malformed, format!("{name} ({at})"), reason),
            })),
        }
    }
}

impl Iterator for Sources<'_> {
    type Item = Item<Job, Early>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.next_from_archive() {
                return Some(item);
            }
            let input = self.queue.next()?;
            let name = input.name();
            match input {
                Input::Skip(_, reason) => {
                    return Some(Item::Ready(Early::Skipped { name, reason }));
                }
                Input::Stdin => match read_stdin(self.max_bytes) {
                    Ok(Piped::Archive(reader)) => {
                        self.archive = Some((name, reader));
                        continue;
                    }
                    Ok(Piped::Document(bytes)) => {
                        return Some(Item::Work(Job {
                            name,
                            payload: Payload::Bytes(bytes),
                            charset: None,
                            format: None,
                        }));
                    }
                    Err(error) => return Some(Item::Ready(Early::Failed { name, error })),
                },
                Input::File(path) if is_warc_name(&path) || is_doc_lines_name(&path) => {
                    match open_archive(&path, self.max_bytes) {
                        Ok(reader) => {
                            self.archive = Some((name, reader));
                            continue;
                        }
                        Err(error) => return Some(Item::Ready(Early::Failed { name, error })),
                    }
                }
                Input::File(path) => {
                    return Some(Item::Work(Job {
                        name,
                        payload: Payload::Path(path),
                        charset: None,
                        format: None,
                    }));
                }
            }
        }
    }
}

/// Can `inputs` (command-line arguments) hold more than one document: more than one of them,
/// a folder, or a WARC archive? Stdin (`-`) and a single file cannot.
pub fn may_hold_many(inputs: &[String]) -> bool {
    match inputs {
        [one] => {
            let p = Path::new(one);
            one != "-" && (p.is_dir() || is_warc_name(p) || is_doc_lines_name(p))
        }
        _ => inputs.len() > 1,
    }
}

/// The names of archives, read record by record: `.warc`, and a WET or WAT archive's `.wet`
/// or `.wat` (Common Crawl's `.warc.wet.gz`), any of them gzipped.
pub const ARCHIVE_ENDINGS: [&str; 6] = [".warc", ".warc.gz", ".wet", ".wet.gz", ".wat", ".wat.gz"];

/// The names of JSON Lines files, read a line at a time, each line a document.
pub const DOC_LINES_ENDINGS: [&str; 4] = [".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"];

/// Is `p` named as a WARC archive (it ends in one of [`ARCHIVE_ENDINGS`])?
pub fn is_warc_name(p: &Path) -> bool {
    name_ends(p, &ARCHIVE_ENDINGS)
}

/// Is `p` named as JSON Lines (it ends in one of [`DOC_LINES_ENDINGS`])?
pub fn is_doc_lines_name(p: &Path) -> bool {
    name_ends(p, &DOC_LINES_ENDINGS)
}

/// Does the name of `p` end in one of `endings`, in any case?
fn name_ends(p: &Path, endings: &[&str]) -> bool {
    // Compared in place: this runs for every file of a batch.
    let n = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .as_bytes();
    let ends =
        |end: &[u8]| n.len() >= end.len() && n[n.len() - end.len()..].eq_ignore_ascii_case(end);
    endings.iter().any(|e| ends(e.as_bytes()))
}

/// How to have a file that holds an archive under another name read as one: the end of the
/// error that refuses it.
pub fn archive_hint() -> String {
    let (last, rest) = ARCHIVE_ENDINGS.split_last().expect("archive endings");
    format!(
        "is a WARC archive: name it {} or {last}, or pipe it to `listicle extract -`, to read \
         its records",
        rest.join(", ")
    )
}

/// How to have a file that holds JSON Lines of documents under another name read a line at
/// a time: the end of the error that refuses it.
pub fn doc_lines_hint() -> String {
    format!(
        "holds JSON Lines of documents (a JSON object a line, with \"html\" or \"text\"): name \
         it {}, or pipe it to `listicle extract -`, to read each line as a document",
        DOC_LINES_ENDINGS.join(", ")
    )
}

/// `r` buffered, and gunzipped as it is read when `gz`.
fn decoding<R: Read + Send + 'static>(r: R, gz: bool) -> Box<dyn BufRead + Send> {
    if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(r),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, r))
    }
}

/// Open the archive at `path` to be read record by record, or the JSON Lines file (named so)
/// to be read a line at a time.
pub fn open_archive(path: &Path, max_bytes: u64) -> Result<Archive, Error> {
    let name = path.display().to_string();
    let mut f = File::open(path).map_err(|e| Error::read(&name, &e))?;
    let mut magic = [0u8; 2];
    let n = f.read(&mut magic).map_err(|e| Error::read(&name, &e))?;
    let gz = magic[..n] == [0x1f, 0x8b];
    let r = decoding(Cursor::new(magic[..n].to_vec()).chain(f), gz);
    Ok(if is_doc_lines_name(path) {
        Box::new(DocLines::new(r, &name, max_bytes))
    } else {
        Box::new(WarcReader::new(r, max_bytes))
    })
}

/// What stdin holds.
pub enum Piped {
    /// A document's bytes, read as [`ingest::read`] reads stdin.
    Document(Vec<u8>),
    /// A WARC archive, gzipped or not (`zcat crawl.warc.gz | listicle extract -`), or JSON
    /// Lines of documents: read record by record (line by line) as it comes, as a named one
    /// is, so its size is not bounded by `--max-bytes` (each record, or line, is).
    Archive(Archive),
}

/// Read stdin as a document or as an archive, by what its first bytes (gunzipped) are.
pub fn read_stdin(max_bytes: u64) -> Result<Piped, Error> {
    read_piped("-", std::io::stdin(), max_bytes)
}

/// Read `r` (named `name` in errors) as a document or as an archive, by what its first bytes
/// (gunzipped) are: stdin, or a file that may hold an archive under another name.
pub fn read_piped<R: Read + Send + 'static>(
    name: &str,
    mut r: R,
    max_bytes: u64,
) -> Result<Piped, Error> {
    // Enough to see what a gzip stream starts with, read up front (a pipe may give a few
    // bytes at a time); the rest follows it.
    let mut head = Vec::new();
    (&mut r)
        .take(1 << 16)
        .read_to_end(&mut head)
        .map_err(|e| Error::read(name, &e))?;
    let gz = head.starts_with(&[0x1f, 0x8b]);
    let mut first = Vec::new();
    let start: &[u8] = if gz {
        // A gzip stream cut short still gives its first bytes; the error past them is moot.
        let _ = flate2::read::MultiGzDecoder::new(&head[..])
            .take(1 << 16)
            .read_to_end(&mut first);
        &first
    } else {
        &head
    };
    let (warc, lines) = (ingest::is_warc(start), jsonl::is_doc_lines(start));
    let r = Cursor::new(head).chain(r);
    if warc {
        Ok(Piped::Archive(Box::new(WarcReader::new(
            decoding(r, gz),
            max_bytes,
        ))))
    } else if lines {
        Ok(Piped::Archive(Box::new(DocLines::new(
            decoding(r, gz),
            name,
            max_bytes,
        ))))
    } else {
        ingest::read_from(name, r, max_bytes).map(Piped::Document)
    }
}

/// Paths listed one per line in a file (`-` for stdin); blank lines and `#` comments are
/// ignored.
pub fn read_list(path: &str) -> Result<Vec<String>, Error> {
    let mut text = String::new();
    let r = if path == "-" {
        std::io::stdin().lock().read_to_string(&mut text)
    } else {
        File::open(path).and_then(|mut f| f.read_to_string(&mut text))
    };
    r.map_err(|e| {
        Error::new(
            ErrorKind::Usage,
            path,
            format!("cannot read the --from-file list: {e}"),
        )
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// The filter for files found in folders: `--glob` patterns when given (`!pattern`
/// excludes), else the document-name rule.
/// Which files found in folders are read.
pub type NameFilter = Box<dyn Fn(&Path) -> bool + Send + Sync>;

pub fn name_filter(globs: &[String]) -> Result<NameFilter, Error> {
    if globs.is_empty() {
        return Ok(Box::new(ingest::is_document_name));
    }
    let mut include = globset::GlobSetBuilder::new();
    let mut exclude = globset::GlobSetBuilder::new();
    let mut any_include = false;
    for g in globs {
        let (set, pat) = match g.strip_prefix('!') {
            Some(p) => (&mut exclude, p),
            None => {
                any_include = true;
                (&mut include, g.as_str())
            }
        };
        let glob = globset::GlobBuilder::new(pat)
            .literal_separator(false)
            .build()
            .map_err(|e| Error::usage(format!("--glob {g:?} is not a valid pattern: {e}")))?;
        set.add(glob);
    }
    let include = include.build().map_err(|e| Error::usage(e.to_string()))?;
    let exclude = exclude.build().map_err(|e| Error::usage(e.to_string()))?;
    Ok(Box::new(move |p: &Path| {
        let name = p.file_name().map(Path::new).unwrap_or(p);
        let hit = |s: &globset::GlobSet| s.is_match(p) || s.is_match(name);
        (!any_include || hit(&include)) && !hit(&exclude)
    }))
}

#[cfg(test)]
mod tests {
    use super::{is_warc_name, may_hold_many};

    #[test]
    fn warc_names_in_any_case() {
        let yes = [
            "a.warc",
            "a.WARC",
            "crawl.Warc.GZ",
            "x/y.warc.gz",
            ".warc",
            "é.warc",
            "CC-MAIN-20240101-00000.warc.wet.gz",
            "a.wet",
            "a.WET.gz",
            "CC-MAIN-20240101-00000.warc.wat.gz",
        ];
        for n in yes {
            assert!(is_warc_name(std::path::Path::new(n)), "{n}");
        }
        let no = [
            "a.warc.txt",
            "warc",
            "a.gz",
            "a.war",
            "a.warcgz",
            "a.wet.txt",
            "a.wetgz",
            "wet",
            "a.html",
            "",
        ];
        for n in no {
            assert!(!is_warc_name(std::path::Path::new(n)), "{n}");
        }
    }

    #[test]
    fn batches_are_folders_archives_or_several_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("one.html");
        std::fs::write(&file, "<p>x</p>").unwrap();
        let s = |p: &std::path::Path| p.display().to_string();
        assert!(may_hold_many(&[s(dir.path())]));
        assert!(may_hold_many(&["crawl.WARC.gz".to_string()]));
        assert!(may_hold_many(&[s(&file), "-".to_string()]));
        assert!(!may_hold_many(&[s(&file)]));
        assert!(!may_hold_many(&["-".to_string()]));
        assert!(!may_hold_many(&[]));
    }
}
