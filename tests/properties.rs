//! Property tests: the extraction invariants (see `listicle::check`) hold for generated
//! documents, plain text and HTML, built from listicle-like pieces and arbitrary noise.

use listicle::{Format, Options, check};
use proptest::prelude::*;

/// A line of a listicle-ish text document.
fn text_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..40, "[A-Za-z ]{1,30}").prop_map(|(n, t)| format!("{n}. {t}")),
        (1u32..40, "[A-Za-z ]{1,30}").prop_map(|(n, t)| format!("{n}) “{t}”")),
        (1u32..40, "[A-Za-z]{1,20}").prop_map(|(n, t)| format!("#{n} {t}")),
        "[A-Z][a-z]{1,10}: [A-Za-z ,]{0,30}",
        "[A-Za-z ,.!?'’-]{0,200}",
        "## [A-Za-z0-9 .]{1,30}",
        "- \\*\\*[A-Za-z]{1,10}\\*\\* [a-z ]{0,30}",
        Just(String::new()),
        "\\PC{0,40}",
    ]
}

fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..30, "[A-Za-z &;]{1,30}").prop_map(|(n, t)| format!("<h2>{n}. {t}</h2>")),
        "[A-Za-z ,.&;#0-9]{0,120}".prop_map(|t| format!("<p>{t}</p>")),
        "[A-Za-z ]{1,20}".prop_map(|t| format!("<li><strong>{t}</strong> more</li>")),
        Just("<ul>".to_string()),
        Just("</ul>".to_string()),
        Just("<ol start=\"3\" reversed>".to_string()),
        "[A-Za-z ]{1,20}"
            .prop_map(|t| format!("<figure><div>{t}</div><figcaption>x</figcaption></figure>")),
        "[A-Za-z0-9 ]{1,20}".prop_map(|t| format!("<tr><td>{t}</td><td>y</td></tr>")),
        Just("<br>".to_string()),
        Just("<div><span>".to_string()),
        Just("</div>".to_string()),
        Just("<script>if (a<b) {}</script>".to_string()),
        "[<>/a-z=\"' ]{0,30}",
        "\\PC{0,30}",
    ]
}

/// A value as it may follow a label: digits of several scripts, separators, unit words and
/// symbols, in any order.
fn value_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[0-9]{1,4}",
            "[٠-٩]{1,4}",
            "[०-९]{1,4}",
            "[０-９]{1,4}",
            "[./:,–-]",
            "[年月日년월일()]",
            " ",
            "(h|min|hours|episodes|stars|of|out of|ago)",
            "[a-zA-Z]{1,6}",
            "[$€£¥%]",
            "\\PC{1,3}",
        ],
        0..8,
    )
    .prop_map(|v| v.concat())
}

/// An item with labelled values under labels the table types (dates, durations, counts,
/// ratings, prices) and one it does not know.
fn labelled_item() -> impl Strategy<Value = String> {
    (
        1u32..20,
        "[A-Z][a-z]{2,10}",
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "Released", "Runtime", "Episodes", "Rating", "Price", "Year", "Aired", "Mood",
                ]),
                value_text(),
            ),
            1..5,
        ),
    )
        .prop_map(|(n, t, fields)| {
            let mut s = format!("{n}. {t}\n");
            for (k, v) in fields {
                s.push_str(&format!("{k}: {v}\n"));
            }
            s
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

proptest! {
    // 300 cases each; PROPTEST_CASES=N runs more (a longer hunt than CI's).
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn text_invariants(lines in prop::collection::vec(text_line(), 0..60)) {
        let text = lines.join("\n");
        let doc = listicle::extract_str(&text, Some(Format::Text), "t", &Options::default());
        prop_assert_eq!(check::invariants(&text, Format::Text, &doc), Ok(()));
    }

    #[test]
    fn labelled_values_of_any_script_keep_invariants(items in prop::collection::vec(labelled_item(), 1..8)) {
        let text = format!("Some Things\n\n{}", items.join("\n"));
        let doc = listicle::extract_str(&text, Some(Format::Text), "v", &Options::default());
        prop_assert_eq!(check::invariants(&text, Format::Text, &doc), Ok(()));
    }

    #[test]
    fn html_invariants(pieces in prop::collection::vec(html_piece(), 0..80)) {
        let html = format!("<html><head><title>7 Things</title></head><body>{}</body></html>", pieces.concat());
        let doc = listicle::extract_str(&html, Some(Format::Html), "h", &Options::default());
        prop_assert_eq!(check::invariants(&html, Format::Html, &doc), Ok(()));
    }

    #[test]
    fn bytes_never_panic_and_keep_invariants(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(doc) = listicle::extract_bytes(&bytes, "b", None, &Options::default()) {
            let decoded = listicle::ingest::decode::decode(&bytes, None).unwrap();
            prop_assert_eq!(check::invariants(&decoded.text, doc.format, &doc), Ok(()));
        }
    }
}
