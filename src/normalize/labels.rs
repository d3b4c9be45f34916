//! Labels to canonical keys. The alias table is data (`labels.toml`, compiled in), and a user
//! file given with `--labels-config` extends or overrides it.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::extract::snake;

const BUILTIN: &str = include_str!("labels.toml");

/// Folded label to canonical key.
#[derive(Clone, Debug)]
pub struct LabelTable {
    map: HashMap<String, String>,
}

impl Default for LabelTable {
    fn default() -> LabelTable {
        let mut t = LabelTable {
            map: HashMap::new(),
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

    /// Add the aliases of a TOML table (`key = ["label", ...]`).
    pub fn merge_toml(&mut self, text: &str, name: &str) -> Result<(), Error> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            Error::new(
                ErrorKind::Usage,
                name,
                format!("not a valid labels file: {}", e.message()),
            )
        })?;
        for (key, v) in table {
            let key = snake(&key);
            let aliases = v.as_array().ok_or_else(|| {
                Error::new(
                    ErrorKind::Usage,
                    name,
                    format!("`{key}` should be a list of labels, like {key} = [\"Label\", \"Other label\"]"),
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
        }
        Ok(())
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
    }

    #[test]
    fn user_file_overrides() {
        let mut t = LabelTable::default();
        t.merge_toml("lead = [\"Starring\"]\n", "x.toml").unwrap();
        assert_eq!(t.key("Starring"), "lead");
        assert_eq!(t.key("Cast"), "cast");
        let e = t.merge_toml("lead = 3", "x.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.toml: `lead` should be a list of labels, like lead = [\"Label\", \"Other label\"]"
        );
    }
}
