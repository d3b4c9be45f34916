//! Files that appear whole or not at all.
//!
//! On Linux the file is written as an unnamed file in the destination folder (`O_TMPFILE`),
//! given a hidden name only once it is complete and synced, and renamed over the destination.
//! A run killed at any moment leaves the previous file intact and no partial file behind: an
//! unnamed file vanishes with the process. Elsewhere (or on a filesystem without `O_TMPFILE`) a
//! hidden `.listicle-*.tmp` file is used instead and removed if the run fails; only a killed
//! run can leave one.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

enum Inner {
    /// An unnamed file (`O_TMPFILE`) in `dir`.
    Unnamed {
        file: BufWriter<File>,
        dir: PathBuf,
    },
    Named(BufWriter<tempfile::NamedTempFile>),
}

pub struct AtomicFile {
    inner: Inner,
    dest: PathBuf,
    /// Bytes written since the kernel was last asked to start writing the file back.
    unsynced: u64,
}

/// Every this many bytes, start writing the file back in the background, so that the `fsync`
/// before the rename has only the tail left to wait for.
const WRITEBACK_EVERY: u64 = 4 << 20;

/// `e` without the temporary file's path that `tempfile` adds to its message (`… at path
/// "dir/.listicle-x.tmp"`): the user named the destination, and the error names that.
fn without_temp_path(e: io::Error) -> io::Error {
    let message = e.to_string();
    match message.split_once(" at path \"") {
        Some((cause, _)) => io::Error::new(e.kind(), cause),
        None => e,
    }
}

impl AtomicFile {
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Some(file) = unnamed_in(&dir) {
            return Ok(AtomicFile {
                inner: Inner::Unnamed {
                    file: BufWriter::with_capacity(1 << 16, file),
                    dir,
                },
                dest: dest.to_path_buf(),
                unsynced: 0,
            });
        }
        AtomicFile::named(dest, &dir)
    }

    /// A hidden `.listicle-*.tmp` file in `dir`, for filesystems without unnamed files.
    fn named(dest: &Path, dir: &Path) -> io::Result<AtomicFile> {
        let tmp = tempfile::Builder::new()
            .prefix(".listicle-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(without_temp_path)?;
        Ok(AtomicFile {
            inner: Inner::Named(BufWriter::with_capacity(1 << 16, tmp)),
            dest: dest.to_path_buf(),
            unsynced: 0,
        })
    }

    /// Flush, sync and put the file in place of the destination.
    pub fn commit(self) -> io::Result<()> {
        match self.inner {
            Inner::Named(w) => {
                let tmp = w.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                tmp.persist(&self.dest).map_err(|e| e.error)?;
            }
            Inner::Unnamed { file, dir } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                link_and_rename(&file, &dir, &self.dest)?;
            }
        }
        Ok(())
    }
}

impl AtomicFile {
    /// Ask the kernel to start writing back what has been written so far, without waiting.
    fn start_writeback(&mut self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::io::AsRawFd;
            let fd = match &self.inner {
                Inner::Unnamed { file, .. } => file.get_ref().as_raw_fd(),
                Inner::Named(w) => w.get_ref().as_file().as_raw_fd(),
            };
            // SAFETY: sync_file_range on a descriptor this struct owns; it only starts I/O.
            // An error is harmless here: the fsync at commit still syncs everything.
            unsafe {
                libc::sync_file_range(fd, 0, 0, libc::SYNC_FILE_RANGE_WRITE);
            }
        }
    }
}

impl AtomicFile {
    /// Take back everything written so far, as a file to read (its position is at its end),
    /// and go on with a new, empty file for the same destination. The file taken back is
    /// never put in place: it vanishes when it is dropped.
    pub fn restart(&mut self) -> io::Result<File> {
        self.flush()?;
        let fresh = match &self.inner {
            Inner::Unnamed { .. } => AtomicFile::create(&self.dest)?,
            Inner::Named(w) => {
                let dir = w.get_ref().path().parent().unwrap_or(Path::new("."));
                AtomicFile::named(&self.dest, dir)?
            }
        };
        self.unsynced = 0;
        Ok(match std::mem::replace(&mut self.inner, fresh.inner) {
            Inner::Unnamed { file, .. } => file.into_inner().map_err(|e| e.into_error())?,
            Inner::Named(w) => w.into_inner().map_err(|e| e.into_error())?.into_file(),
        })
    }

    /// Append `len` bytes of `src` from its current position (between two files the kernel
    /// copies them, through `copy_file_range`); returns how many were copied.
    pub fn copy_file(&mut self, src: &mut File, len: u64) -> io::Result<u64> {
        self.flush()?;
        let n = match &mut self.inner {
            Inner::Unnamed { file, .. } => io::copy(&mut src.take(len), file.get_mut())?,
            Inner::Named(w) => io::copy(&mut src.take(len), w.get_mut().as_file_mut())?,
        };
        self.unsynced = 0;
        self.start_writeback();
        Ok(n)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = match &mut self.inner {
            Inner::Unnamed { file, .. } => file.write(buf)?,
            Inner::Named(w) => w.write(buf)?,
        };
        self.unsynced += n as u64;
        if self.unsynced >= WRITEBACK_EVERY {
            self.unsynced = 0;
            self.start_writeback();
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Unnamed { file, .. } => file.flush(),
            Inner::Named(w) => w.flush(),
        }
    }
}

#[cfg(target_os = "linux")]
fn unnamed_in(dir: &Path) -> Option<File> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::FromRawFd;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: a plain open(2) with a valid C string; the descriptor is owned by the File.
    let fd = unsafe {
        libc::open(
            c.as_ptr(),
            libc::O_TMPFILE | libc::O_RDWR | libc::O_CLOEXEC,
            0o644,
        )
    };
    if fd < 0 {
        return None;
    }
    // SAFETY: fd is a fresh descriptor that nothing else owns.
    Some(unsafe { File::from_raw_fd(fd) })
}

#[cfg(not(target_os = "linux"))]
fn unnamed_in(_dir: &Path) -> Option<File> {
    None
}

/// Give the unnamed file a hidden name in `dir`, then rename it over `dest`.
#[cfg(target_os = "linux")]
fn link_and_rename(file: &File, dir: &Path, dest: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let proc_path = std::ffi::CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))
        .expect("no NUL in a /proc path");
    for attempt in 0..16u32 {
        let tmp = dir.join(format!(".listicle-{}-{attempt}.tmp", std::process::id()));
        let c_tmp = std::ffi::CString::new(tmp.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "NUL byte in output path"))?;
        // SAFETY: both paths are valid C strings; linkat(2) does not retain them.
        let r = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                proc_path.as_ptr(),
                libc::AT_FDCWD,
                c_tmp.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        if r == 0 {
            return std::fs::rename(&tmp, dest).inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            });
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::AlreadyExists {
            return Err(e);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary name",
    ))
}

#[cfg(not(target_os = "linux"))]
fn link_and_rename(_file: &File, _dir: &Path, _dest: &Path) -> io::Result<()> {
    unreachable!("unnamed files are only made on Linux")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that cannot be made says why, without the hidden name it was to be written
    /// under (the user never named that).
    #[test]
    fn an_error_does_not_name_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let e = AtomicFile::create(&gone.join("out.csv")).err().unwrap();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert_eq!(e.to_string(), "No such file or directory (os error 2)");
        let e = AtomicFile::named(&gone.join("out.csv"), &gone)
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "No such file or directory (os error 2)");
    }

    #[test]
    fn nothing_appears_until_commit_and_then_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        std::fs::write(&dest, "old").unwrap();
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"new contents").unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        let names = |d: &Path| std::fs::read_dir(d).unwrap().count();
        assert_eq!(
            names(dir.path()),
            1,
            "no temporary file is visible while writing"
        );
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new contents");
        assert_eq!(names(dir.path()), 1);
    }

    /// What a restart takes back is what was written; only what follows it is put in place,
    /// and the file taken back leaves nothing behind. Unnamed and named files alike.
    #[test]
    fn restart_takes_back_what_was_written() {
        for named in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let dest = dir.path().join("out.csv");
            let mut f = if named {
                AtomicFile::named(&dest, dir.path()).unwrap()
            } else {
                AtomicFile::create(&dest).unwrap()
            };
            assert_eq!(matches!(f.inner, Inner::Named(_)), named);
            f.write_all(b"first part").unwrap();
            let mut back = f.restart().unwrap();
            back.write_all(b", appended").unwrap();
            io::Seek::seek(&mut back, io::SeekFrom::Start(0)).unwrap();
            let mut s = String::new();
            back.read_to_string(&mut s).unwrap();
            assert_eq!(s, "first part, appended");
            f.write_all(b"second").unwrap();
            f.commit().unwrap();
            drop(back);
            assert_eq!(std::fs::read_to_string(&dest).unwrap(), "second");
            assert_eq!(
                std::fs::read_dir(dir.path()).unwrap().count(),
                1,
                "named {named}"
            );
        }
    }

    #[test]
    fn dropped_without_commit_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.json");
        std::fs::write(&dest, "old").unwrap();
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
