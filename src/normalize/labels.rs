//! Labels to canonical keys, and keys to the kind of value they hold. The table is data
//! (`labels.toml`, compiled in), and a user file given with `--labels-config` extends or
//! overrides it.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::extract::snake;

const BUILTIN: &str = include_str!("labels.toml");

/// How a key's values are normalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    Date,
    Names,
    Name,
    List,
    Price,
    Rating,
    Duration,
    Count,
}

impl ValueKind {
    fn parse(s: &str) -> Option<ValueKind> {
        Some(match s {
            "text" => ValueKind::Text,
            "date" => ValueKind::Date,
            "names" => ValueKind::Names,
            "name" => ValueKind::Name,
            "list" => ValueKind::List,
            "price" => ValueKind::Price,
            "rating" => ValueKind::Rating,
            "duration" => ValueKind::Duration,
            "count" => ValueKind::Count,
            _ => return None,
        })
    }
}

/// Folded label to canonical key, and canonical key to value kind.
#[derive(Clone, Debug)]
pub struct LabelTable {
    map: HashMap<String, String>,
    kinds: HashMap<String, ValueKind>,
    /// One-word labels of count keys, with and without a final `s`, to their key (made again
    /// after every merge).
    units: HashMap<String, String>,
    /// Each unit word but its first letter (`pisode`), to look for before reading numbers.
    unit_tails: Vec<memchr::memmem::Finder<'static>>,
}

impl Default for LabelTable {
    fn default() -> LabelTable {
        let mut t = LabelTable {
            map: HashMap::default(),
            kinds: HashMap::default(),
            units: HashMap::default(),
            unit_tails: Vec::new(),
        };
        t.merge_toml(BUILTIN, "built-in label table")
            .expect("the built-in label table parses");
        t
    }
}

impl LabelTable {
    /// The canonical key for a label as written: its alias, or its own snake_case name.
    pub fn key(&self, label: &str) -> String {
        let s = snake(label);
        self.map.get(&s).cloned().unwrap_or(s)
    }

    /// The kind of value a canonical key holds, if the table says.
    pub fn kind(&self, key: &str) -> Option<ValueKind> {
        self.kinds.get(key).copied()
    }

    /// The count key a word names as a unit (`episode`, `episodes` for `episodes`): the
    /// one-word labels of keys whose kind is count, as a description would write them
    /// ("a 20-episode drama").
    pub fn count_unit(&self, word: &str) -> Option<&str> {
        self.units.get(word).map(String::as_str)
    }

    /// Add a TOML table: `[aliases]` (key = ["label", ...]) and `[kinds]` (key = "kind").
    /// Top-level `key = [...]` entries are read as aliases too.
    pub fn merge_toml(&mut self, text: &str, name: &str) -> Result<(), Error> {
        self.merge(text, name)?;
        self.units.clear();
        for (label, key) in &self.map {
            if self.kinds.get(key) != Some(&ValueKind::Count) || label.contains('_') {
                continue;
            }
            self.units.insert(label.clone(), key.clone());
            if let Some(one) = label.strip_suffix('s').filter(|w| w.len() >= 2) {
                self.units.insert(one.to_string(), key.clone());
            }
        }
        let mut tails: Vec<&str> = self
            .units
            .keys()
            .filter_map(|w| w.char_indices().nth(1).map(|(i, _)| &w[i..]))
            .collect();
        tails.sort_by_key(|t| (t.len(), *t));
        let mut kept: Vec<&str> = Vec::new();
        for t in tails {
            if !kept.iter().any(|k| t.contains(k)) {
                kept.push(t);
            }
        }
        self.unit_tails = kept
            .iter()
            .map(|t| memchr::memmem::Finder::new(t.as_bytes()).into_owned())
            .collect();
        Ok(())
    }

    /// Might `text` hold a count's unit word? (False only when it surely does not: no unit
    /// word but its first letter is in it, written as the table has it, in lower case.)
    pub fn may_hold_count(&self, text: &str) -> bool {
        self.unit_tails
            .iter()
            .any(|f| f.find(text.as_bytes()).is_some())
    }

    fn merge(&mut self, text: &str, name: &str) -> Result<(), Error> {
        let usage = |m: String| Error::new(ErrorKind::Usage, name, m);
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            usage(format!("not a valid labels file: {}", e.message()))
        })?;
        for (k, v) in table {
            match (k.as_str(), v) {
                ("aliases", toml::Value::Table(t)) => {
                    for (key, v) in t {
                        self.aliases(&key, &v, name)?;
                    }
                }
                ("kinds", toml::Value::Table(t)) => {
                    for (key, v) in t {
                        let kind = v.as_str().and_then(ValueKind::parse).ok_or_else(|| {
                            usage(format!(
                                "[kinds] {key}: the kind must be one of text, date, names, name, list, price, rating, duration, count"
                            ))
                        })?;
                        self.kinds.insert(snake(&key), kind);
                    }
                }
                (key, v) => self.aliases(key, &v, name)?,
            }
        }
        Ok(())
    }

    fn aliases(&mut self, key: &str, v: &toml::Value, name: &str) -> Result<(), Error> {
        let key = snake(key);
        let aliases = v.as_array().ok_or_else(|| {
            Error::new(
                ErrorKind::Usage,
                name,
                format!(
                    "`{key}` should be a list of labels, like {key} = [\"Label\", \"Other label\"]"
                ),
            )
        })?;
        self.map.insert(key.clone(), key.clone());
        for a in aliases {
            let a = a.as_str().ok_or_else(|| {
                Error::new(
                    ErrorKind::Usage,
                    name,
                    format!("`{key}`: every label must be a string"),
                )
            })?;
            self.map.insert(snake(a), key.clone());
        }
        Ok(())
    }

    /// The built-in table, extended by the user's file when one is given (`--labels-config`).
    pub fn load(path: Option<&Path>) -> Result<LabelTable, Error> {
        path.map_or_else(|| Ok(LabelTable::default()), LabelTable::with_file)
    }

    /// The built-in table extended by a user file.
    pub fn with_file(path: &Path) -> Result<LabelTable, Error> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::read(&name, &e))?;
        let mut t = LabelTable::default();
        t.merge_toml(&text, &name)?;
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_aliases() {
        let t = LabelTable::default();
        assert_eq!(t.key("Starring cast"), "cast");
        assert_eq!(t.key("Directed by"), "director");
        assert_eq!(t.key("Dir."), "director");
        assert_eq!(t.key("Where to watch"), "streaming");
        assert_eq!(t.key("Favourite snack"), "favourite_snack");
        assert_eq!(t.kind("cast"), Some(ValueKind::Names));
        assert_eq!(t.kind("favourite_snack"), None);
        assert_eq!(t.count_unit("episode"), Some("episodes"));
        assert_eq!(t.count_unit("episodes"), Some("episodes"));
        assert_eq!(t.count_unit("folgen"), Some("episodes"));
        assert_eq!(t.count_unit("episode_count"), None);
        assert_eq!(t.count_unit("cast"), None);
    }

    #[test]
    fn user_file_overrides() {
        let mut t = LabelTable::default();
        t.merge_toml(
            "[aliases]\nlead = [\"Starring\"]\n[kinds]\nlead = \"names\"\n",
            "x.toml",
        )
        .unwrap();
        assert_eq!(t.key("Starring"), "lead");
        assert_eq!(t.kind("lead"), Some(ValueKind::Names));
        assert_eq!(t.key("Cast"), "cast");
        let e = t.merge_toml("lead = 3", "x.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.toml: `lead` should be a list of labels, like lead = [\"Label\", \"Other label\"]"
        );
        let e = t
            .merge_toml("[kinds]\nlead = \"people\"", "x.toml")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.toml: [kinds] lead: the kind must be one of text, date, names, name, list, price, rating, duration, count"
        );
    }
}
