//! Errors. Every message names the input (or output) it is about and, where there is one,
//! the next step. Only reading inputs and writing outputs can fail; extraction cannot.

use std::fmt;
use std::io;
use std::path::Path;

/// What went wrong, to match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// An input could not be read (missing, unreadable, a broken link).
    Read,
    /// An input is not a text document (an image, an executable).
    Binary,
    /// An input is larger than `--max-bytes`.
    TooLarge,
    /// An input's content is malformed (a bad archive record, a JSON line that is not JSON).
    Malformed,
    /// Extraction ran over `--timeout`.
    Timeout,
    /// An output could not be written.
    Write,
    /// The command line or a configuration file is wrong.
    Usage,
}

#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    /// The input or output the error is about (a path, `-`, or a URL).
    pub subject: String,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, subject: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind,
            subject: subject.into(),
            message: message.into(),
        }
    }

    /// An I/O error while reading an input, with a hint for the common causes.
    pub fn read(subject: &str, e: &io::Error) -> Error {
        let hint = match e.kind() {
            io::ErrorKind::NotFound => {
                " (no such file, or a broken symbolic link; check the path)".to_string()
            }
            io::ErrorKind::PermissionDenied => {
                " (permission denied; check the file's permissions)".to_string()
            }
            _ => String::new(),
        };
        Error::new(ErrorKind::Read, subject, format!("cannot read: {e}{hint}"))
    }

    pub fn write(path: &Path, e: &io::Error) -> Error {
        Error::new(
            ErrorKind::Write,
            path.display().to_string(),
            format!("cannot write: {e}"),
        )
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, "", message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.subject.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.subject, self.message)
        }
    }
}

impl std::error::Error for Error {}
