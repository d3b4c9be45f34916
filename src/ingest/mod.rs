//! Reading inputs: files, folders (recursively, in sorted order), stdin, gzip.
//!
//! Listing inputs never fails as a whole: a path that cannot be listed or read is still an
//! input, and its error is reported against it, so every input is accounted for. Folders
//! contribute the files whose names look like documents (see [`is_document_name`]); other
//! files are listed as skipped with the reason.

pub mod decode;
pub mod jsonl;
pub mod warc;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};

/// One input to process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// A file found in a folder but not read, and why.
    Skip(PathBuf, String),
}

impl Input {
    /// How the input is named in records, reports and errors.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) | Input::Skip(p, _) => p.display().to_string(),
        }
    }
}

/// File name endings read from folders by default.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp",
    "gz", "warc", "wet",
];

/// Does a file found in a folder look like a document? Files with no extension do too.
pub fn is_document_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => DOCUMENT_EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext)),
    }
}

/// Command-line inputs as documents to read, in a stable order: inputs in the order given,
/// folders walked recursively with entries sorted by name (hidden ones left out). `accept`
/// decides which files found in folders are read (named files are always read); the others
/// are listed as skipped with `reason`. Folders are read one at a time as the walk reaches
/// them, so memory holds only the entries of the folders on the current path, not the whole
/// listing.
pub struct Walk<'a> {
    args: std::collections::VecDeque<String>,
    /// Each folder being walked, deepest last, with its entries sorted and reversed (next at
    /// the end).
    stack: Vec<Folder>,
    accept: &'a dyn Fn(&Path) -> bool,
    reason: &'a str,
}

impl<'a> Walk<'a> {
    pub fn new(args: Vec<String>, accept: &'a dyn Fn(&Path) -> bool, reason: &'a str) -> Self {
        Walk {
            args: args.into(),
            stack: Vec::new(),
            accept,
            reason,
        }
    }
}

impl Iterator for Walk<'_> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(frame) = self.stack.last_mut() {
                let Some((name, kind)) = frame.entries.pop() else {
                    self.stack.pop();
                    continue;
                };
                if name.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                let p = frame.dir.join(name);
                match kind {
                    EntryKind::Folder => {
                        // A folder that is one of those being walked (a symbolic link to a
                        // folder above it) would be walked again and again.
                        let id = folder_id(&p);
                        if id.is_some() && self.stack.iter().any(|f| f.id == id) {
                            return Some(Input::Skip(p, LOOP.to_string()));
                        }
                        match list(&p, id) {
                            Some(entries) => self.stack.push(entries),
                            // Reported when read, so the folder is accounted for.
                            None => return Some(Input::File(p)),
                        }
                        continue;
                    }
                    // Reading a pipe or a device found in a folder could wait for ever.
                    EntryKind::Special => return Some(Input::Skip(p, SPECIAL.to_string())),
                    EntryKind::File => {}
                }
                return Some(if (self.accept)(&p) {
                    Input::File(p)
                } else {
                    Input::Skip(p, self.reason.to_string())
                });
            }
            let a = self.args.pop_front()?;
            if a == "-" {
                return Some(Input::Stdin);
            }
            let p = PathBuf::from(a);
            if !p.is_dir() {
                return Some(Input::File(p));
            }
            match list(&p, folder_id(&p)) {
                Some(entries) => self.stack.push(entries),
                None => return Some(Input::File(p)),
            }
        }
    }
}

/// Why a folder in a walk is not walked: it is one of the folders it is in.
const LOOP: &str = "a symbolic link to a folder it is in (a loop); not followed";

/// Why a file in a walk is not read: a pipe, socket or device could block or never end.
const SPECIAL: &str =
    "not a regular file (a pipe, socket or device); name it on the command line to read it";

/// What a folder's entry is, as far as the walk needs to know.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EntryKind {
    File,
    Folder,
    Special,
}

/// A folder's identity on the machine (device and inode), to tell a folder reached again
/// through a symbolic link.
fn folder_id(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

/// What an entry of type `t` at `path` is; a symbolic link is followed to know.
fn entry_kind(t: io::Result<fs::FileType>, path: impl FnOnce() -> PathBuf) -> EntryKind {
    let of = |t: fs::FileType| {
        if t.is_dir() {
            EntryKind::Folder
        } else if t.is_file() {
            EntryKind::File
        } else {
            EntryKind::Special
        }
    };
    match t {
        Ok(t) if !t.is_symlink() => of(t),
        // A link is what it points to; a broken one is reported as a file that cannot be
        // read, so it is accounted for.
        _ => fs::metadata(path()).map_or(EntryKind::File, |m| of(m.file_type())),
    }
}

/// A folder being walked: its path, its identity ([`folder_id`]), and its entries' names
/// (sorted and reversed, so that the first is popped first), each with what it is.
struct Folder {
    dir: PathBuf,
    id: Option<(u64, u64)>,
    entries: Vec<(std::ffi::OsString, EntryKind)>,
}

/// A folder's entries; `None` when the folder cannot be listed.
fn list(dir: &Path, id: Option<(u64, u64)>) -> Option<Folder> {
    // The directory entry says what it is without another system call; only a symbolic link
    // needs to be followed to know.
    let mut entries: Vec<(std::ffi::OsString, EntryKind)> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name(), entry_kind(e.file_type(), || e.path())))
        .collect();
    // Names of one folder compare as bytes: the order paths have, without comparing them a
    // component at a time (a folder of a million files sorts in a fraction of the time).
    entries
        .sort_unstable_by(|a, b| (a.0.as_encoded_bytes(), a.1).cmp(&(b.0.as_encoded_bytes(), b.1)));
    entries.reverse();
    Some(Folder {
        dir: dir.to_path_buf(),
        id,
        entries,
    })
}

/// Read an input's bytes, refusing more than `max_bytes`, and decompressing gzip (by magic
/// bytes, not by name) up to the same limit.
pub fn read(input: &Input, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let name = input.name();
    let mut bytes = Vec::new();
    match input {
        Input::Stdin => return read_from(&name, io::stdin().lock(), max_bytes),
        Input::Skip(p, reason) => {
            return Err(Error::new(
                ErrorKind::Read,
                p.display().to_string(),
                reason.clone(),
            ));
        }
        Input::File(p) => {
            // Open, then ask the open file its size (one path lookup, not two).
            let f = fs::File::open(p).map_err(|e| Error::read(&name, &e))?;
            let meta = f.metadata().map_err(|e| Error::read(&name, &e))?;
            if meta.is_dir() {
                return Err(Error::new(
                    ErrorKind::Read,
                    name,
                    "cannot read: it is a folder that could not be listed",
                ));
            }
            if meta.len() > max_bytes {
                return Err(too_large(&name, meta.len(), max_bytes));
            }
            // Room for the whole file and one byte more, so that it is read in one call and the
            // next one sees the end (through `take`, `read_to_end` has no size hint and would
            // start small and grow).
            bytes.reserve_exact(meta.len() as usize + 1);
            f.take(max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::read(&name, &e))?;
        }
    }
    within_limit(&name, bytes, max_bytes)
}

/// Read everything `r` gives as a document's bytes, as [`read`] reads stdin: no more than
/// `max_bytes`, and gunzipped up to the same limit.
pub fn read_from(name: &str, r: impl Read, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    r.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::read(name, &e))?;
    within_limit(name, bytes, max_bytes)
}

/// `bytes` read up to one past `max_bytes`: refused when over it, and gunzipped when gzip.
fn within_limit(name: &str, bytes: Vec<u8>, max_bytes: u64) -> Result<Vec<u8>, Error> {
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(name, bytes.len() as u64, max_bytes));
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return gunzip(name, &bytes, max_bytes);
    }
    Ok(bytes)
}

/// Do these bytes (gunzipped) open a WARC archive (`WARC/1.0`, `WARC/1.1`)?
pub fn is_warc(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/")
}

fn too_large(name: &str, size: u64, max: u64) -> Error {
    Error::new(
        ErrorKind::TooLarge,
        name,
        format!("{size} bytes is over the limit of {max} bytes; raise it with --max-bytes"),
    )
}

/// Decompress gzip (all members), stopping at `max_bytes` of output so that a small file
/// cannot expand without bound.
pub fn gunzip(name: &str, bytes: &[u8], max_bytes: u64) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let dec = flate2::read::MultiGzDecoder::new(bytes);
    dec.take(max_bytes + 1).read_to_end(&mut out).map_err(|e| {
        Error::new(
            ErrorKind::Malformed,
            name,
            format!("cannot decompress gzip: {e}"),
        )
    })?;
    if out.len() as u64 > max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            name,
            format!(
                "decompresses to more than the limit of {max_bytes} bytes; raise it with --max-bytes"
            ),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_names_by_extension_in_any_case() {
        for n in [
            "a.txt", "A.HTML", "b.Md", "c.warc", "d.gz", "noext", "e.PHP",
        ] {
            assert!(is_document_name(Path::new(n)), "{n}");
        }
        for n in ["a.png", "b.JPG", "c.pdf", "d.txt.bak", "e.htmlx"] {
            assert!(!is_document_name(Path::new(n)), "{n}");
        }
    }

    #[test]
    fn a_folder_is_walked_in_the_order_of_its_paths() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "9.txt", "10.txt", "a b.txt", "a-b.txt", "a.txt", "A.txt", "é.txt", "ab",
        ];
        for n in names {
            fs::write(dir.path().join(n), "x").unwrap();
        }
        let mut want: Vec<PathBuf> = names.iter().map(|n| dir.path().join(n)).collect();
        want.sort();
        let got: Vec<PathBuf> = Walk::new(vec![dir.path().display().to_string()], &|_| true, "")
            .map(|i| match i {
                Input::File(p) => p,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_walk_is_sorted_recursive_and_lazy() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "b.txt",
            "a.html",
            "c.png",
            ".hidden.txt",
            "sub/z.md",
            "sub/y.txt",
        ] {
            let p = d.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        fs::create_dir_all(d.join(".git")).unwrap();
        fs::write(d.join(".git/x.txt"), "x").unwrap();
        let root = d.display().to_string();
        let args = vec![root.clone(), "-".into(), format!("{root}/c.png")];
        let mut walk = Walk::new(args.clone(), &is_document_name, "not a document");
        // The first item comes before the sub-folder is read.
        assert_eq!(walk.next(), Some(Input::File(d.join("a.html"))));
        assert_eq!(walk.stack.len(), 1);
        let rest: Vec<Input> = walk.collect();
        assert_eq!(
            rest,
            vec![
                Input::File(d.join("b.txt")),
                Input::Skip(d.join("c.png"), "not a document".into()),
                Input::File(d.join("sub/y.txt")),
                Input::File(d.join("sub/z.md")),
                Input::Stdin,
                Input::File(d.join("c.png")),
            ]
        );
        assert_eq!(
            Walk::new(args, &is_document_name, "not a document").count(),
            7
        );
    }

    /// A link back to a folder being walked is not followed (it would list the same files
    /// again at every depth), a link to another folder is, and a pipe in a folder is skipped
    /// (reading it could wait for ever), each accounted for; a pipe named is read.
    #[test]
    fn the_walk_follows_no_loop_and_reads_no_pipe_it_finds() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("a/b")).unwrap();
        fs::create_dir_all(d.join("other")).unwrap();
        fs::write(d.join("a/b/x.txt"), "x").unwrap();
        fs::write(d.join("other/y.txt"), "y").unwrap();
        std::os::unix::fs::symlink(d.join("a"), d.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(d.join("other"), d.join("a/b/side")).unwrap();
        let pipe = d.join("a/b/pipe.txt");
        let c = std::ffi::CString::new(pipe.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a plain system call with a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let args = vec![
            d.join("a").display().to_string(),
            pipe.display().to_string(),
        ];
        let walk: Vec<Input> = Walk::new(args, &is_document_name, "not a document").collect();
        assert_eq!(
            walk,
            vec![
                Input::Skip(pipe.clone(), SPECIAL.into()),
                Input::File(d.join("a/b/side/y.txt")),
                Input::Skip(d.join("a/b/up"), LOOP.into()),
                Input::File(d.join("a/b/x.txt")),
                Input::File(pipe),
            ]
        );
    }
}
