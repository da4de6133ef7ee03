//! The built-in data files: strict parsing, their own examples, and tidy lists.

use ccr_lint::data::sections::HeadingMatch;
use ccr_lint::data::{self, Placeholders, SectionSet};

#[test]
fn section_examples_match_as_documented() {
    let mut set = SectionSet::default();
    let examples = set
        .extend(data::SECTIONS.path, data::SECTIONS.text)
        .expect("sections.toml parses");
    assert!(
        examples.len() >= 10,
        "sections.toml should carry its examples"
    );
    for ex in examples {
        let got: Vec<String> = match set.read_heading(&ex.heading, true) {
            None => Vec::new(),
            Some(HeadingMatch::Exact(i)) => vec![set.sections[i].id.clone()],
            Some(HeadingMatch::Head(kinds)) => {
                kinds.iter().map(|&i| set.sections[i].id.clone()).collect()
            }
        };
        let want: Vec<String> = ex.section.iter().chain(&ex.sections).cloned().collect();
        assert_eq!(got, want, "heading {:?}", ex.heading);
    }
}

#[test]
fn section_names_and_aliases_are_unique() {
    let mut set = SectionSet::default();
    set.extend(data::SECTIONS.path, data::SECTIONS.text)
        .expect("sections.toml parses");
    let mut seen = std::collections::HashMap::new();
    for (i, s) in set.sections.iter().enumerate() {
        for name in std::iter::once(&s.name).chain(&s.aliases) {
            let key = ccr_lint::data::sections::normalize_heading(name);
            if let Some(prev) = seen.insert(key.clone(), i) {
                panic!(
                    "'{name}' ({}) collides with a name of section {}",
                    s.id, set.sections[prev].id
                );
            }
        }
    }
}

#[test]
fn placeholder_examples_flag_exactly_what_they_say() {
    let (ph, examples) =
        Placeholders::load(data::PLACEHOLDERS.path, data::PLACEHOLDERS.text).expect("parses");
    assert!(examples.len() >= 8);
    for ex in examples {
        let got: Vec<&str> = ph.find_iter(&ex.text).map(|m| m.matched).collect();
        assert_eq!(got, ex.flags, "text {:?}", ex.text);
    }
}

/// Each instruction example's Markdown holds exactly the instructions it lists (as reported:
/// their first line).
#[test]
fn instruction_examples_find_exactly_what_they_say() {
    let (ph, _, examples) =
        Placeholders::load_all(data::PLACEHOLDERS.path, data::PLACEHOLDERS.text).expect("parses");
    assert!(
        examples.len() >= 4,
        "placeholders.toml carries instruction examples"
    );
    for ex in examples {
        let doc = ccr_lint::document::Document::parse(&ex.markdown);
        let got: Vec<&str> = ccr_lint::document::instructions::find(&doc, &ph)
            .into_iter()
            .map(|i| &ex.markdown[i.span])
            .collect();
        assert_eq!(got, ex.flags, "markdown {:?}", ex.markdown);
    }
}

#[test]
fn unknown_keys_in_data_files_are_errors_with_line_and_key() {
    let text = "[[section]]\nid = \"x\"\nname = \"X\"\nrequried = \"error\"\n";
    let mut set = SectionSet::default();
    let err = set
        .extend("my-sections.toml", text)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("my-sections.toml:4:1:"), "{err}");
    assert!(err.contains("requried"), "{err}");
}

#[test]
fn bad_patterns_point_at_the_pattern() {
    let text = "[[placeholder]]\nid = \"x\"\npattern = '[unclosed'\nmessage = \"m\"\n";
    let err = Placeholders::load("p.toml", text).unwrap_err().to_string();
    assert!(err.starts_with("p.toml:3:11:"), "{err}");
}

/// `rules/quotations.toml`: each example's Markdown has exactly the quoted stretches it lists.
#[test]
fn quotation_examples_mark_exactly_what_they_say() {
    use ccr_lint::data::quotations::{QUOTATIONS, Quotations};
    use ccr_lint::document::Document;
    let (_, examples) = Quotations::load(QUOTATIONS.path, QUOTATIONS.text).expect("parses");
    assert!(
        examples.len() >= 8,
        "quotations.toml should carry its examples"
    );
    for ex in examples {
        let doc = Document::parse(&ex.text);
        let mut got: Vec<String> = Vec::new();
        for p in &doc.prose {
            let mut open: Option<usize> = None;
            let mut end = 0;
            for s in &p.segs {
                match (s.quoted, open) {
                    (true, None) => open = Some(s.text_start()),
                    (false, Some(start)) => {
                        got.push(p.text[start..end].to_string());
                        open = None;
                    }
                    _ => {}
                }
                end = s.text_end();
            }
            if let Some(start) = open {
                got.push(p.text[start..end].to_string());
            }
        }
        assert_eq!(got, ex.quoted, "text {:?}", ex.text);
    }
}

#[test]
fn quotation_lists_are_sorted_lowercase_and_free_of_duplicates() {
    use ccr_lint::data::quotations::{QUOTATIONS, Quotations};
    for (key, list) in Quotations::lists(QUOTATIONS.text).expect("parses") {
        let mut sorted = list.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(list, sorted, "{key} must be sorted and free of duplicates");
        assert!(
            list.iter().all(|w| *w == w.to_lowercase()),
            "{key} must be lower case"
        );
    }
}
