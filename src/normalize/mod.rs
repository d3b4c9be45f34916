//! Records to canonical records. Text is NFC with whitespace collapsed; field labels become
//! canonical keys ([`labels`]); values are typed by their key's kind ([`values`]), with the
//! text as written kept in `raw_fields`; an empty value is null, never "". Link captions give
//! a year range and an alternative title when the heading has none.

pub mod labels;
pub mod values;

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::record::Record;
use labels::{LabelTable, ValueKind};

static CAPTION_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\((?:[^()]*?\s)?((?:19|20)\d\d)(?:\s*[–—-]\s*((?:19|20)\d\d)?)?\)").unwrap()
});
static EPISODE_WORD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"pisode"));
static EPISODES_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,4})[- ]episodes?\b").unwrap());

/// Normalise the article's metadata once per document (records copy it).
pub fn meta(m: &mut crate::blocks::Meta) {
    for t in [
        &mut m.title,
        &mut m.author,
        &mut m.date,
        &mut m.reading_time,
    ] {
        *t = t.as_deref().map(values::text).filter(|s| !s.is_empty());
    }
}

/// Normalise a record in place (its article fields come from [`meta`]).
pub fn record(r: &mut Record, labels: &LabelTable) {
    r.title = values::text(&r.title);
    r.heading = values::text(&r.heading);
    r.description = r
        .description
        .as_deref()
        .map(|d| {
            if d.is_ascii()
                || unicode_normalization::is_nfc_quick(d.chars())
                    == unicode_normalization::IsNormalized::Yes
            {
                d.trim().to_string()
            } else {
                d.nfc().collect::<String>().trim().to_string()
            }
        })
        .filter(|d| !d.is_empty());

    let raw = std::mem::take(&mut r.raw_fields);
    let mut fields = Map::new();
    let mut raw_fields = Map::new();
    // A count given as a word ("Episodes: Movie") says what kind of thing the item is.
    let mut kind_of_item = None;
    for (label, v) in raw {
        let key = labels.key(&label);
        if fields.contains_key(&key) {
            continue;
        }
        let text = values::text(v.as_str().unwrap_or_default());
        let kind = labels.kind(&key);
        let value = if text.is_empty() {
            Value::Null
        } else {
            value(kind, &text)
        };
        if kind == Some(ValueKind::Count) && kind_of_item.is_none() {
            kind_of_item = value.get("kind").cloned();
        }
        raw_fields.insert(
            key.clone(),
            if text.is_empty() {
                Value::Null
            } else {
                Value::String(text)
            },
        );
        fields.insert(key, value);
    }
    if let Some(kind) = kind_of_item {
        fields.entry("kind").or_insert(kind);
    }
    // "a popular 20-episode drama": a count the description gives.
    if !fields.contains_key("episodes")
        && let Some(c) = r
            .description
            .as_deref()
            // The regex only where the word can be ("Episode", "episodes").
            .filter(|d| EPISODE_WORD.find(d.as_bytes()).is_some())
            .and_then(|d| EPISODES_IN_TEXT.captures(d))
    {
        fields.insert("episodes".into(), json!(c[1].parse::<u64>().unwrap_or(0)));
        raw_fields.insert("episodes".into(), Value::String(c[0].to_string()));
    }
    r.fields = fields;
    r.raw_fields = raw_fields;
    captions(r);
}

fn value(kind: Option<ValueKind>, text: &str) -> Value {
    match kind {
        Some(ValueKind::Date) => values::date(text),
        Some(ValueKind::Names) => json!(values::names(text)),
        Some(ValueKind::Name) => Value::String(values::name(text)),
        Some(ValueKind::List) => json!(values::list(text)),
        Some(ValueKind::Price) => values::price(text),
        Some(ValueKind::Rating) => values::rating(text),
        Some(ValueKind::Duration) => values::duration(text),
        Some(ValueKind::Count) => values::count(text),
        Some(ValueKind::Text) => Value::String(text.to_string()),
        None => values::sniff(text),
    }
}

/// Years and alternative titles from link captions (`Paper Boats (TV Series
/// 2019–2020) - IMDb`, `Lantern: The Long Night - Wikipedia`).
fn captions(r: &mut Record) {
    let mut title = None;
    for l in r.links.iter().filter(|l| l.href.is_none()) {
        let Some(page) = crate::extract::link_caption(&l.text) else {
            continue;
        };
        let mut name = page.to_string();
        if let Some(c) = CAPTION_YEARS.captures(page) {
            if r.year.is_none() {
                r.year = c[1].parse().ok();
                r.year_end = c.get(2).and_then(|m| m.as_str().parse().ok());
            }
            name = CAPTION_YEARS.replace(page, "").trim().to_string();
        }
        let folded = crate::extract::fold(&name);
        let title: &str = title.get_or_insert_with(|| crate::extract::fold(&r.title));
        if r.alt_title.is_none()
            && !folded.is_empty()
            && !title.is_empty()
            && !folded.contains(title)
            && !title.contains(&folded)
        {
            r.alt_title = Some(values::text(&name));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn any_count_given_as_a_word_sets_the_kind() {
        let mut opts = crate::Options::default();
        opts.labels
            .merge_toml("[kinds]\nseasons = \"count\"\n", "test")
            .unwrap();
        let text = "Three Shows\n\n1. Alpha\nSeasons: Special\n\n2. Beta\nSeasons: 3\n\n3. Gamma\nSeasons: 2\n";
        let doc = crate::extract_str(text, None, "t", &opts);
        assert_eq!(
            doc.records[0].fields,
            serde_json::json!({"seasons": {"raw": "Special", "kind": "special"}, "kind": "special"})
                .as_object()
                .cloned()
                .unwrap()
        );
        assert_eq!(doc.records[1].fields.get("kind"), None);
    }
}
