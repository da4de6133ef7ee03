//! `rules/sections.toml`: the report's sections, their aliases, whether each is required,
//! and their recommended order (the order of the file).

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::{DataError, parse_toml};
use crate::diagnostic::Severity;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionsFile {
    #[serde(default)]
    pub section: Vec<SectionDef>,
    #[serde(default)]
    pub examples: Vec<SectionExample>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Requirement {
    Error,
    Warning,
    Optional,
}

impl Requirement {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Requirement::Error => Some(Severity::Error),
            Requirement::Warning => Some(Severity::Warning),
            Requirement::Optional => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Stable kebab-case id, used by config and other data files.
    pub id: Spanned<String>,
    /// The canonical heading.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub required: Option<Requirement>,
    /// The line inserted under the heading when the section is added by a fix.
    #[serde(default)]
    pub placeholder: Option<String>,
}

/// An example heading and the section id it must match (none: it must not match any).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionExample {
    pub heading: String,
    #[serde(default)]
    pub section: Option<String>,
}

/// One resolved section.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub required: Requirement,
    pub placeholder: String,
}

/// All sections, in recommended order, with a lookup from normalized heading text.
#[derive(Debug, Clone, Default)]
pub struct SectionSet {
    pub sections: Vec<Section>,
    lookup: HashMap<String, usize>,
}

impl SectionSet {
    /// Adds or extends sections from a sections file. A section whose id is already known
    /// gets the file's aliases appended and its name, requirement and placeholder replaced
    /// when given; a new id is appended at the end of the recommended order.
    pub fn extend(&mut self, path: &str, text: &str) -> Result<Vec<SectionExample>, DataError> {
        let file: SectionsFile = parse_toml(path, text)?;
        for def in file.section {
            let id = def.id.get_ref().trim().to_string();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(DataError::new(
                    path,
                    text,
                    Some(def.id.span()),
                    "section id must be kebab-case",
                ));
            }
            match self.sections.iter_mut().find(|s| s.id == id) {
                Some(existing) => {
                    existing.aliases.extend(def.aliases);
                    if let Some(name) = def.name {
                        existing.name = name;
                    }
                    if let Some(r) = def.required {
                        existing.required = r;
                    }
                    if let Some(p) = def.placeholder {
                        existing.placeholder = p;
                    }
                }
                None => {
                    let Some(name) = def.name else {
                        return Err(DataError::new(
                            path,
                            text,
                            Some(def.id.span()),
                            format!("new section '{id}' needs a `name`"),
                        ));
                    };
                    let placeholder = def
                        .placeholder
                        .unwrap_or_else(|| format!("TODO: write the {name} section."));
                    self.sections.push(Section {
                        id,
                        name,
                        aliases: def.aliases,
                        required: def.required.unwrap_or(Requirement::Error),
                        placeholder,
                    });
                }
            }
        }
        self.reindex();
        Ok(file.examples)
    }

    pub fn add_aliases(&mut self, id: &str, aliases: &[String]) -> bool {
        let Some(s) = self.sections.iter_mut().find(|s| s.id == id) else {
            return false;
        };
        s.aliases.extend(aliases.iter().cloned());
        self.reindex();
        true
    }

    pub fn set_required(&mut self, id: &str, required: Requirement) -> bool {
        let Some(s) = self.sections.iter_mut().find(|s| s.id == id) else {
            return false;
        };
        s.required = required;
        true
    }

    fn reindex(&mut self) {
        self.lookup.clear();
        for (i, s) in self.sections.iter().enumerate() {
            for name in std::iter::once(&s.name).chain(&s.aliases) {
                self.lookup.entry(normalize_heading(name)).or_insert(i);
            }
        }
    }

    /// The section a heading names, if any.
    pub fn match_heading(&self, heading: &str) -> Option<usize> {
        self.lookup.get(&normalize_heading(heading)).copied()
    }

    /// Whether the heading is written as the canonical name (ignoring case, numbering,
    /// a trailing colon and the spelling of "and").
    pub fn is_canonical(&self, idx: usize, heading: &str) -> bool {
        normalize_heading(heading) == normalize_heading(&self.sections[idx].name)
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }
}

/// Lowercase, numbering stripped (`2.`, `2)`, `II.`, `A.`), trailing colon stripped,
/// `&`, `/` and `+` read as "and", whitespace folded.
pub fn normalize_heading(text: &str) -> String {
    let t = strip_numbering(text.trim())
        .trim()
        .trim_end_matches(':')
        .trim();
    let mut out = String::with_capacity(t.len());
    for word in t
        .split(|c: char| c.is_whitespace() || c == '&' || c == '/' || c == '+')
        .filter(|w| !w.is_empty())
    {
        // "Issues/Resolutions", "Issues & Resolutions" and "Issues and Resolutions" compare
        // equal: `&`, `/` and `+` separate words, and a literal "and" is left out of the key.
        if word.eq_ignore_ascii_case("and") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

pub fn strip_numbering(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Arabic numbering: 2. / 2) / 2.1 / 2.1.
    while i < bytes.len() && (bytes[i].is_ascii_digit() || (bytes[i] == b'.' && i > 0)) {
        i += 1;
    }
    if i > 0 {
        let rest = &text[i..];
        let (rest, paren) = match rest.strip_prefix(')') {
            Some(r) => (r, true),
            None => (rest, false),
        };
        // "2024 Summary" is a title, not numbering: bare numbers need a dot, a parenthesis or at most two digits.
        let numbered = paren || text[..i].contains('.') || i <= 2;
        if numbered && (rest.starts_with(char::is_whitespace) || rest.is_empty()) {
            return rest;
        }
        return text;
    }
    // Roman numerals or a single letter followed by "." or ")": "IV. Next Steps", "A) Summary".
    if let Some(pos) = text.find(['.', ')']) {
        let head = &text[..pos];
        let is_roman =
            !head.is_empty() && head.len() <= 5 && head.chars().all(|c| "IVXLC".contains(c));
        let is_letter = head.len() == 1 && head.chars().all(|c| c.is_ascii_uppercase());
        let rest = &text[pos + 1..];
        if (is_roman || is_letter) && rest.starts_with(char::is_whitespace) {
            return rest;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        assert_eq!(
            normalize_heading("2. Issues & Resolutions:"),
            "issues resolutions"
        );
        assert_eq!(
            normalize_heading("Issues/Resolutions"),
            "issues resolutions"
        );
        assert_eq!(normalize_heading("IV. Next Steps"), "next steps");
        assert_eq!(normalize_heading("3.1 Time Period"), "time period");
        assert_eq!(normalize_heading("A) Summary"), "summary");
        assert_eq!(normalize_heading("2024 Summary"), "2024 summary");
    }
}
