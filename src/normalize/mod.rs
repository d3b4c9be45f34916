//! Values to canonical values. Field labels become canonical keys (see [`labels`]); the
//! values keep what the page wrote in `raw_fields`, and an empty value is null.

pub mod labels;

use serde_json::{Map, Value};

use crate::record::Record;
use labels::LabelTable;

/// Normalise a record in place: canonical keys, empty values as null.
pub fn record(r: &mut Record, labels: &LabelTable) {
    let raw = std::mem::take(&mut r.raw_fields);
    let mut fields = Map::new();
    let mut raw_fields = Map::new();
    for (label, v) in raw {
        let key = labels.key(&label);
        let text = v.as_str().unwrap_or_default().to_string();
        let value = if text.is_empty() {
            Value::Null
        } else {
            Value::String(text.clone())
        };
        raw_fields.insert(key.clone(), Value::String(text));
        fields.entry(key).or_insert(value);
    }
    r.fields = fields;
    r.raw_fields = raw_fields;
}
