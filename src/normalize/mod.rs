//! Records to canonical records. Text is NFC with whitespace collapsed; field labels become
//! canonical keys ([`labels`]); values are typed by their key's kind ([`values`]), with the
//! text as written kept in `raw_fields`; an empty value is null, never "". Link captions give
//! a year range and an alternative title when the heading has none.

pub mod labels;
pub mod values;

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value, json};

use crate::record::Record;
use labels::{LabelTable, ValueKind};

static CAPTION_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\((?:[^()]*?\s)?((?:19|20)[0-9][0-9])(?:\s*[–—-]\s*((?:19|20)[0-9][0-9])?)?\)")
        .unwrap()
});

warm!(CAPTION_YEARS);

/// Normalise an article's metadata in place, once per document (records copy it). A title
/// written as a labelled line whose label the table reads as `title` (`Article: Ten Things`,
/// `Headline: …`) loses the label.
pub fn meta(m: &mut crate::blocks::Meta, labels: &LabelTable) {
    for t in [
        &mut m.title,
        &mut m.author,
        &mut m.date,
        &mut m.reading_time,
    ] {
        *t = t.as_deref().map(values::text).filter(|s| !s.is_empty());
    }
    if let Some(t) = &m.title
        && let Some((label, rest)) = crate::extract::label_line(t)
        && !rest.is_empty()
        && labels.key(label) == "title"
    {
        m.title = Some(rest.to_string());
    }
}

/// Normalise a record in place (its article fields come from [`meta`]), reading `¥` as yen.
pub fn record(r: &mut Record, labels: &LabelTable) {
    record_in(r, labels, None);
}

/// [`record`] for a page in language `lang` (its `lang` attribute): on a page in Chinese `¥`
/// is the yuan ([`values::yen_sign`]).
pub fn record_in(r: &mut Record, labels: &LabelTable, lang: Option<&str>) {
    let yen = values::yen_sign(lang);
    r.title = values::text_owned(std::mem::take(&mut r.title));
    r.heading = values::text_owned(std::mem::take(&mut r.heading));
    r.description = r
        .description
        .take()
        .map(description)
        .filter(|d| !d.is_empty());

    let raw = std::mem::take(&mut r.raw_fields);
    // Room for every field up front, so that neither map grows field by field (none for a
    // record with no fields: an empty map allocates nothing).
    let mut fields = Map::with_capacity(raw.len());
    let mut raw_fields = Map::with_capacity(raw.len());
    // A count given as a word ("Episodes: Movie") says what kind of thing the item is.
    let mut kind_of_item = None;
    for (label, v) in raw {
        let key = labels.key(&label);
        // Two labels of one key in one item (`Price: $5`, then `Cost: $6`): both values are
        // kept, in order, as a list of texts.
        if raw_fields.contains_key(&key) {
            let more = match v {
                Value::Array(items) => items,
                one => vec![one],
            };
            let more = more
                .iter()
                .filter_map(Value::as_str)
                .map(values::text)
                .filter(|t| !t.is_empty())
                .map(Value::String)
                .collect();
            crate::extract::add_field(&mut raw_fields, key.clone(), Value::Array(more));
            // An empty first value and nothing after it stays empty.
            let value = match &raw_fields[&key] {
                Value::Array(list) if list.is_empty() => Value::Null,
                v => v.clone(),
            };
            raw_fields.insert(key.clone(), value.clone());
            fields.insert(key, value);
            continue;
        }
        // A labelled list ("Pros:" over bullets): its items, each normalised as text.
        if let Value::Array(items) = &v {
            let items: Vec<Value> = items
                .iter()
                .map(|x| values::text(x.as_str().unwrap_or_default()))
                .filter(|t| !t.is_empty())
                .map(Value::String)
                .collect();
            let value = if items.is_empty() {
                Value::Null
            } else {
                Value::Array(items)
            };
            raw_fields.insert(key.clone(), value.clone());
            fields.insert(key, value);
            continue;
        }
        let text = match v {
            Value::String(s) => values::text_owned(s),
            _ => String::new(),
        };
        let kind = labels.kind(&key);
        let value = if text.is_empty() {
            Value::Null
        } else {
            value(kind, &text, yen)
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
    // "a popular 20-episode drama": a count the description gives, for a count key the
    // table knows by a one-word label.
    if let Some(d) = r.description.as_deref() {
        for (key, n, raw) in counts_in_text(d, labels) {
            if !fields.contains_key(key) {
                fields.insert(key.to_string(), json!(n));
                raw_fields.insert(key.to_string(), Value::String(raw.to_string()));
            }
        }
    }
    // A `Year:` line gives the record's year when its heading gives none.
    if r.year.is_none()
        && let Some(y) = fields
            .get("year")
            .and_then(Value::as_str)
            .and_then(|t| t.trim().parse::<i32>().ok())
            .filter(|y| (1800..=2100).contains(y))
    {
        r.year = Some(y);
    }
    // A `Rank:` line gives the record's rank when the page numbers the item nowhere else.
    if r.rank.is_none()
        && let Some(n) = fields
            .get("rank")
            .and_then(Value::as_str)
            .and_then(crate::segment::bare_number)
    {
        r.rank = Some(n);
    }
    r.fields = fields;
    r.raw_fields = raw_fields;
    captions(r);
}

/// A description composed (NFC) and trimmed: the string itself when it already is, as most
/// are, with no copy.
fn description(d: String) -> String {
    match crate::chars::nfc(&d) {
        std::borrow::Cow::Borrowed(b) if b.trim().len() == b.len() => d,
        c => c.trim().to_string(),
    }
}

/// Counts written in running text as a number, a hyphen or a space, and a count key's unit
/// word (`20-episode`, `16 Episodes`, `12 Folgen`): the key, the number and the text as
/// written, in order. The number is one to four digits standing as a word of its own.
fn counts_in_text<'a>(d: &'a str, labels: &'a LabelTable) -> Vec<(&'a str, u64, &'a str)> {
    if !labels.may_hold_count(d) {
        return Vec::new();
    }
    let b = d.as_bytes();
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(u8::is_ascii_digit) {
        let start = i + k;
        let digits = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        i = start + digits;
        if digits > 4 || d[..start].chars().next_back().is_some_and(word_char) {
            continue;
        }
        if !matches!(b.get(i), Some(b'-' | b' ')) {
            continue;
        }
        let w = i + 1;
        let len: usize = d[w..]
            .chars()
            .take_while(|&c| word_char(c))
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            continue;
        }
        // Only descriptions that may name a unit get here (`may_hold_count`).
        if let Some(key) = labels.count_unit(&d[w..w + len].to_lowercase()) {
            let n = d[start..start + digits].parse().unwrap_or(0);
            out.push((key, n, &d[start..w + len]));
        }
    }
    out
}

fn value(kind: Option<ValueKind>, text: &str, yen: &'static str) -> Value {
    match kind {
        Some(ValueKind::Date) => values::date(text),
        Some(ValueKind::Names) => json!(values::names(text)),
        Some(ValueKind::Name) => Value::String(values::name(text)),
        Some(ValueKind::List) => json!(values::list(text)),
        Some(ValueKind::Price) => values::price_in(text, yen),
        Some(ValueKind::Rating) => values::rating(text),
        Some(ValueKind::Duration) => values::duration(text),
        Some(ValueKind::Count) => values::count(text),
        Some(ValueKind::Text) => Value::String(text.to_string()),
        None => values::sniff_in(text, yen),
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
    proptest::proptest! {
        /// Text normalised from an owned string is the string composed (NFC) and its
        /// whitespace collapsed, as from a borrowed one.
        #[test]
        fn owned_text_is_normalised_as_borrowed(s in "[ a\u{a0}\u{2003}e\u{301}é\t\n]{0,12}") {
            let want = crate::blocks::collapse_ws(&crate::chars::nfc(&s));
            proptest::prop_assert_eq!(&super::values::text(&s), &want);
            proptest::prop_assert_eq!(super::values::text_owned(s), want);
        }
    }

    /// Two labels of one key in one item (`Price:`, then `Cost:`) keep both values, in order,
    /// as a list of texts, normalised and as written; the item with one keeps it typed.
    #[test]
    fn two_labels_of_one_key_keep_both_values() {
        let text = "# 3 Cafes\n\n## 1. Alder\n\nGood coffee.\n\nPrice: $5\nCost:  $6 with milk\nHours: 8-5\n\n## 2. Birch\n\nGood tea.\n\nPrice: $4\nHours: 7-3\n\n## 3. Cedar\n\nGood cake.\n\nPrice: $6\nHours: 9-6\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let r = &doc.records;
        assert_eq!(
            r[0].fields["price"],
            serde_json::json!(["$5", "$6 with milk"])
        );
        assert_eq!(
            r[0].raw_fields["price"],
            serde_json::json!(["$5", "$6 with milk"])
        );
        assert_eq!(
            r[1].fields["price"],
            serde_json::json!({"value": 4, "currency": "USD"})
        );
    }

    /// A `Year:` line (in any of the table's words for it) gives the record's year when its
    /// heading gives none; a heading's own year wins.
    /// A `Rank:` line (`Platz: #2`, `Rank: No. 3`) gives the rank of an item the page
    /// numbers nowhere else; a number the page shows before the name wins, and a rank
    /// that is no number gives none.
    #[test]
    fn a_rank_line_gives_the_rank_when_the_page_numbers_none() {
        let ranks = |html: &str| -> Vec<(Option<i64>, String)> {
            crate::extract_str(
                html,
                Some(crate::Format::Html),
                "t",
                &crate::Options::default(),
            )
            .records
            .into_iter()
            .map(|r| (r.rank, r.title))
            .collect()
        };
        let page = |heads: [&str; 4], lines: [&str; 4]| {
            let mut html =
                String::from("<title>Four Cities for Walking</title><h1>Four Cities</h1>");
            for (h, l) in heads.iter().zip(lines) {
                html += &format!(
                    "<h2>{h}</h2><p><b>{l}</b></p><p>A city best seen on foot, with old \
                     streets and small squares.</p>"
                );
            }
            html
        };
        let cities = ["Kyoto", "Lisbon", "Cusco", "Porto"];
        let want = |ranks: [Option<i64>; 4]| -> Vec<(Option<i64>, String)> {
            ranks
                .into_iter()
                .zip(cities)
                .map(|(r, c)| (r, c.to_string()))
                .collect()
        };
        let lines = ["Rank: 1", "Platz: #2", "Rank: No. 3", "Rank: unranked"];
        assert_eq!(
            ranks(&page(cities, lines)),
            want([Some(1), Some(2), Some(3), None])
        );
        let numbered = ["4. Kyoto", "3. Lisbon", "2. Cusco", "1. Porto"];
        assert_eq!(
            ranks(&page(numbered, lines)),
            want([Some(4), Some(3), Some(2), Some(1)])
        );
    }

    #[test]
    fn a_year_line_gives_the_year_when_the_heading_does_not() {
        let years = |text: &str| -> Vec<Option<i32>> {
            crate::extract_str(text, None, "t", &crate::Options::default())
                .records
                .iter()
                .map(|r| r.year)
                .collect()
        };
        let text = "3 Books\n\n1. Alpha\nГод: 2018\nGood.\n\n2. Beta (1999)\nYear: 2001\nFine.\n\n\
                    3. Gamma\nYear: soon\nLater.\n";
        assert_eq!(years(text), [Some(2018), Some(1999), None]);
    }

    /// `¥` is the yuan on a page in Chinese and the yen elsewhere; `円` is always the yen.
    #[test]
    fn yen_sign_is_the_yuan_on_chinese_pages() {
        let page = |lang: &str, price: &str| {
            let items: String = ["甲", "乙", "丙"]
                .iter()
                .enumerate()
                .map(|(k, n)| format!("<h2>{}. {n}</h2><p>好用。</p><p>Price: {price}</p>", k + 1))
                .collect();
            let html = format!(
                "<html lang='{lang}'><head><title>3 Picks</title></head><body>{items}</body></html>"
            );
            let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
            doc.records[0].fields["price"]["currency"].clone()
        };
        assert_eq!(page("zh-CN", "¥199"), "CNY");
        assert_eq!(page("zh-TW", "￥199"), "CNY");
        assert_eq!(page("zh", "199円"), "JPY");
        assert_eq!(page("ja", "¥199"), "JPY");
        assert_eq!(page("en", "¥199"), "JPY");
    }

    /// A text article's title line loses a label the table reads as `title`, and only such a
    /// label; a user's table can add one.
    #[test]
    fn title_labels_come_from_the_label_table() {
        let title = |text: &str, opts: &crate::Options| {
            crate::extract_str(text, None, "t", opts)
                .meta
                .title
                .unwrap()
        };
        let mut opts = crate::Options::default();
        assert_eq!(title("Article: Ten Things\n\nBody.\n", &opts), "Ten Things");
        assert_eq!(
            title("Headline: Ten Things\n\nBody.\n", &opts),
            "Ten Things"
        );
        assert_eq!(
            title("Review: Ten Things\n\nBody.\n", &opts),
            "Review: Ten Things"
        );
        assert_eq!(
            title("Rubrik: Zehn Dinge\n\nBody.\n", &opts),
            "Rubrik: Zehn Dinge"
        );
        opts.labels
            .merge_toml("[aliases]\ntitle = [\"rubrik\"]\n", "test")
            .unwrap();
        assert_eq!(title("Rubrik: Zehn Dinge\n\nBody.\n", &opts), "Zehn Dinge");
    }

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

    /// A count in running text is read for the count keys the label table has, by their
    /// one-word labels: not a fixed English word.
    #[test]
    fn counts_in_text_follow_the_label_table() {
        use serde_json::json;
        let text = "Three Shows\n\n1. Alpha\nA 20-episode drama over 3 seasons, in 12 Folgen.\n\n2. Beta\nA 1,000-episode saga of 12345 seasons.\n\n3. Gamma\nA B2-episode and 4-episodes.\n";
        let plain = crate::extract_str(text, None, "t", &crate::Options::default());
        let fields: Vec<_> = plain.records.iter().map(|r| &r.fields).collect();
        assert_eq!(
            fields[0],
            &json!({"episodes": 20}).as_object().cloned().unwrap()
        );
        assert_eq!(
            fields[1],
            &json!({"episodes": 0}).as_object().cloned().unwrap()
        );
        assert_eq!(
            fields[2],
            &json!({"episodes": 4}).as_object().cloned().unwrap()
        );
        assert_eq!(plain.records[2].raw_fields["episodes"], "4-episodes");

        let mut opts = crate::Options::default();
        opts.labels
            .merge_toml(
                "seasons = [\"Seasons\"]\n[kinds]\nseasons = \"count\"\n",
                "test",
            )
            .unwrap();
        let doc = crate::extract_str(text, None, "t", &opts);
        assert_eq!(
            doc.records[0].fields,
            json!({"episodes": 20, "seasons": 3})
                .as_object()
                .cloned()
                .unwrap()
        );
        assert_eq!(doc.records[0].raw_fields["seasons"], "3 seasons");
        // Five digits are not a count of this kind.
        assert_eq!(doc.records[1].fields.get("seasons"), None);
    }
}
