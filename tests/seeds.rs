//! The five seed articles in `../shared/seeds` against their expected entries: every entry
//! found with its rank, and every labelled value as written. Skips when `../shared` is absent.

mod common;

use serde_json::Value;

fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn seeds_match_expected_entries_ranks_and_fields() {
    let Some(shared) = common::shared("seeds/expected") else {
        return;
    };
    let mut checked = 0;
    let mut normalized = 0;
    for e in std::fs::read_dir(shared.join("seeds/expected")).unwrap() {
        let path = e.unwrap().path();
        let label: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let id = label["id"].as_str().unwrap();
        let input = shared.join(format!("seeds/{id}.txt"));
        let out = common::run(
            &["extract", "--format", "jsonl", input.to_str().unwrap()],
            None,
            None,
        );
        let got = common::jsonl(&common::stdout(&out));
        let want = label["entries"].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{id}: entry count");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(
                fold(g["title"].as_str().unwrap()),
                fold(w["title"].as_str().unwrap()),
                "{id}"
            );
            assert_eq!(g["rank"], w["rank"], "{id}: rank of {}", w["title"]);
            for (label, raw) in w["fields"].as_object().unwrap() {
                let key = listicle::normalize::labels::LabelTable::default().key(label);
                let raw = raw.as_str().unwrap();
                if key == "year" {
                    assert_eq!(g["year"].to_string(), raw, "{id}: year");
                    continue;
                }
                // The text as written; an empty value is null, never "".
                let got_raw = &g["raw_fields"][&key];
                let want_raw = if raw.is_empty() { None } else { Some(raw) };
                assert_eq!(got_raw.as_str(), want_raw, "{id}: {} {label}", w["title"]);
            }
            // The normalised values the expected entries give.
            if let Some(norm) = w["normalized"].as_object() {
                for (key, want) in norm {
                    let got = match key.as_str() {
                        "year" | "year_end" | "alt_title" => g[key].clone(),
                        _ => match &g["fields"][key] {
                            Value::Object(o) => o.get("value").cloned().unwrap_or(Value::Null),
                            v => v.clone(),
                        },
                    };
                    assert_eq!(&got, want, "{id}: {} normalised {key}", w["title"]);
                    normalized += 1;
                }
            }
            checked += 1;
        }
        // The article's title and byline, where the label gives them.
        assert_eq!(
            got[0]["article_title"], label["article_title"],
            "{id}: article title"
        );
        if let Some(author) = label["article"]["author"].as_str() {
            assert_eq!(
                got[0]["article_author"].as_str(),
                Some(author),
                "{id}: author"
            );
        }
    }
    assert_eq!(checked, 38);
    assert_eq!(normalized, 45);
}
