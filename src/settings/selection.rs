//! Which rules run, at which severity: selectors (codes, names, code prefixes, `ALL`) from
//! the config's `[rules]`, its `[[overrides]]` and the command line, and what to suggest
//! for a selector that names no rule.

use crate::diagnostic::{RuleId, Severity};
use crate::rules;

/// Which rules run, at which severity.
///
/// The config's `[rules]` (with `--select` in place of its `select`) is the base; each
/// per-file override that applies is a layer above it, and `--ignore` is above them all.
/// A selector in a higher layer beats any in a lower one; within a layer the most specific
/// wins (an exact code or name beats a prefix, a longer prefix a shorter one), and on a tie
/// ignore wins. The select list in force is the highest layer's that has one: a select
/// replaces the rules chosen below it.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None` = everything.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    /// The per-file overrides that apply, lowest first.
    pub layers: Vec<Layer>,
    /// `--ignore`: turns rules off whatever the config says.
    pub cli_ignore: Vec<String>,
}

/// One per-file override's rules.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
}

/// How strongly a selector names a rule: its layer first, then its specificity.
type Strength = (usize, usize);

impl Selection {
    /// Whether a rule runs.
    pub fn enabled(&self, rule: &RuleId) -> bool {
        let best = |list: &[String]| list.iter().filter_map(|s| specificity(s, rule)).max();
        let select = self
            .layers
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, l)| l.select.as_ref().map(|s| (i + 1, s)))
            .map(|(rank, list)| best(list).map(|n| (rank, n)))
            .unwrap_or_else(|| match &self.select {
                None => Some((0, 0)),
                Some(list) => best(list).map(|n| (0, n)),
            });
        let top = self.layers.len() + 1;
        let ignore: Option<Strength> = std::iter::once((0, &self.ignore))
            .chain(
                self.layers
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (i + 1, &l.ignore)),
            )
            .chain(std::iter::once((top, &self.cli_ignore)))
            .filter_map(|(rank, list)| best(list).map(|n| (rank, n)))
            .max();
        match (select, ignore) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// The severity override for a rule, if any: the strongest selector's.
    pub fn severity_for(&self, rule: &RuleId) -> Option<Severity> {
        std::iter::once((0, &self.severity))
            .chain(
                self.layers
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (i + 1, &l.severity)),
            )
            .flat_map(|(rank, list)| {
                list.iter()
                    .filter_map(move |(s, sev)| specificity(s, rule).map(|n| ((rank, n), *sev)))
            })
            .max_by_key(|(strength, _)| *strength)
            .map(|(_, sev)| sev)
    }
}

/// Whether `selector` (a code, name, prefix or `ALL`) names `rule`.
pub fn selector_matches(selector: &str, rule: &RuleId) -> bool {
    specificity(selector, rule).is_some()
}

/// How specifically `selector` names `rule`: None if not at all.
fn specificity(selector: &str, rule: &RuleId) -> Option<usize> {
    let sel = selector.trim();
    if sel.eq_ignore_ascii_case("ALL") {
        return Some(1);
    }
    if sel.eq_ignore_ascii_case(&rule.code) || sel == rule.name {
        return Some(usize::MAX);
    }
    let code = rule.code.as_bytes();
    (sel.len() < code.len() && code[..sel.len()].eq_ignore_ascii_case(sel.as_bytes()))
        .then_some(1 + sel.len())
}

/// The built-in rules and the user rules (`extra`: codes and names from vocabulary files).
fn known(extra: &[String]) -> impl Iterator<Item = RuleId> + '_ {
    rules::all()
        .map(|m| m.id())
        .chain(extra.iter().map(|c| RuleId {
            code: c.clone().into(),
            name: "".into(),
        }))
}

/// Whether `selector` names at least one known rule (or could name a user rule).
pub fn selector_is_known(selector: &str, extra_codes: &[String]) -> bool {
    let sel = selector.trim();
    sel.eq_ignore_ascii_case("ALL") || known(extra_codes).any(|id| specificity(sel, &id).is_some())
}

/// Whether a `--select`/`--ignore` value may name a rule: a built-in one, or a code or name
/// a config's vocabulary file may declare (checked again once the config is loaded).
pub fn cli_selector_is_plausible(selector: &str) -> bool {
    let sel = selector.trim();
    selector_is_known(sel, &[]) || !looks_like_a_code(sel)
}

/// `CCR` and digits: a built-in code or prefix, never a user rule's.
fn looks_like_a_code(sel: &str) -> bool {
    sel.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("CCR"))
}

/// The rule a mistyped selector most likely means: the one name it starts or is a word of
/// (`informal` → `informal-language`), else the nearest name or code by edits (at most a
/// quarter of its letters; `unfiled-placeholder` → `unfilled-placeholder`). A code that is
/// merely near another (`CCR999`) gets no suggestion: codes close in digits are unrelated.
pub fn suggestion(selector: &str, extra_codes: &[String]) -> Option<String> {
    let sel = selector.trim().to_ascii_lowercase();
    if sel.is_empty() {
        return None;
    }
    let names: Vec<String> = known(extra_codes)
        .flat_map(|id| [id.name.to_string(), id.code.to_string()])
        .filter(|n| !n.is_empty())
        .collect();
    let words: Vec<&String> = names
        .iter()
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            n.starts_with(&sel) || n.split('-').any(|w| w == sel)
        })
        .collect();
    if let [one] = words.as_slice() {
        return Some((*one).clone());
    }
    if looks_like_a_code(&sel) {
        return None;
    }
    let limit = (sel.chars().count() / 4).max(1);
    names
        .iter()
        .map(|n| (edits(&sel, &n.to_ascii_lowercase()), n))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.clone())
}

/// Levenshtein distance in characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(code: &'static str, name: &'static str) -> RuleId {
        RuleId::new_static(code, name)
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn most_specific_selector_wins() {
        let sel = Selection {
            ignore: strings(&["CCR1"]),
            ..Selection::default()
        };
        assert!(!sel.enabled(&id("CCR101", "missing-section")));
        assert!(sel.enabled(&id("CCR204", "unfilled-placeholder")));
        let sel = Selection {
            select: Some(strings(&["CCR101"])),
            ignore: strings(&["CCR1"]),
            ..Selection::default()
        };
        assert!(sel.enabled(&id("CCR101", "missing-section")));
        assert!(!sel.enabled(&id("CCR102", "empty-section")));
        let sel = Selection {
            select: Some(strings(&["missing-section"])),
            ..Selection::default()
        };
        assert!(sel.enabled(&id("CCR101", "missing-section")));
        assert!(!sel.enabled(&id("CCR204", "unfilled-placeholder")));
    }

    #[test]
    fn a_higher_layer_beats_a_more_specific_selector_below_it() {
        let section = id("CCR101", "missing-section");
        let order = id("CCR103", "section-order");
        let placeholder = id("CCR204", "unfilled-placeholder");
        let base = Selection {
            ignore: strings(&["CCR103"]),
            severity: vec![("CCR101".into(), Severity::Warning)],
            ..Selection::default()
        };
        // An override's ignore turns off what the base selects.
        let mut sel = base.clone();
        sel.layers.push(Layer {
            ignore: strings(&["CCR1"]),
            ..Layer::default()
        });
        assert!(!sel.enabled(&section) && sel.enabled(&placeholder));
        // An override's select replaces the rules chosen below it, the base's ignore too.
        let mut sel = base.clone();
        sel.layers.push(Layer {
            select: Some(strings(&["CCR1"])),
            severity: vec![("CCR1".into(), Severity::Info)],
            ..Layer::default()
        });
        assert!(sel.enabled(&order) && sel.enabled(&section) && !sel.enabled(&placeholder));
        assert_eq!(sel.severity_for(&section), Some(Severity::Info));
        assert_eq!(base.severity_for(&section), Some(Severity::Warning));
        // --ignore has the last word.
        sel.cli_ignore = strings(&["missing-section"]);
        assert!(!sel.enabled(&section) && sel.enabled(&order));
    }

    #[test]
    fn mistyped_selectors_get_the_rule_they_most_likely_mean() {
        let s = |sel: &str| suggestion(sel, &[]);
        assert_eq!(s("informal").as_deref(), Some("informal-language"));
        assert_eq!(s("informal-langauge").as_deref(), Some("informal-language"));
        assert_eq!(
            s("unfiled-placeholder").as_deref(),
            Some("unfilled-placeholder")
        );
        assert_eq!(s("shoutng").as_deref(), Some("shouting"));
        assert_eq!(s("placeholder").as_deref(), Some("unfilled-placeholder"));
        assert_eq!(s("CCR999"), None);
        assert_eq!(s("entry"), None, "many rules start with it");
        assert_eq!(s("frobnicate"), None);
        assert_eq!(
            suggestion("acme-jargn", &strings(&["ACME1", "acme-jargon"])).as_deref(),
            Some("acme-jargon")
        );
    }
}
