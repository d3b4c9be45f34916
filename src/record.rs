//! The record: one list item, as written to every sink.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::blocks::{Image, Link};

/// Byte span of an entry (from its heading to the end of its body) in the decoded source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One list item. The JSON keys are the field names; CSV flattens them (see the README).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The input: a path, `-` for stdin, or a URL for archive records.
    pub source: String,
    pub article_title: Option<String>,
    pub article_author: Option<String>,
    pub article_date: Option<String>,
    pub article_url: Option<String>,
    /// 1-based position of the item in the list, in document order.
    pub position: usize,
    /// The number the article shows for the item, if any.
    pub rank: Option<i64>,
    /// The item's name: no marker, quotes, trailing year or tagline.
    pub title: String,
    /// The heading line as shown, without its marker.
    pub heading: String,
    pub year: Option<i32>,
    pub year_end: Option<i32>,
    /// Another name for the item, from a link caption that names it differently.
    pub alt_title: Option<String>,
    /// The item's body without labelled lines and link captions.
    pub description: Option<String>,
    /// Labelled fields, normalised: canonical snake_case key to value.
    pub fields: Map<String, Value>,
    /// The same fields as the page wrote them.
    pub raw_fields: Map<String, Value>,
    pub links: Vec<Link>,
    pub image: Option<Image>,
    pub span: Span,
    /// 1-based line of the heading in the decoded source.
    pub line: usize,
}
