//! `rules/fields.toml`: strict parsing, its own examples, and tidy lists.

use ccr_lint::data::{self, Fields};

fn builtin() -> (Fields, Vec<ccr_lint::data::fields::FieldsExample>) {
    let mut fields = Fields::default();
    let examples = fields
        .extend(data::FIELDS.path, data::FIELDS.text)
        .expect("fields.toml parses");
    (fields, examples)
}

#[test]
fn field_examples_give_what_they_say() {
    let (f, examples) = builtin();
    assert!(
        examples.len() >= 15,
        "fields.toml should carry its examples"
    );
    for ex in examples {
        let yes = |b: bool| if b { "yes".to_string() } else { String::new() };
        let got = match ex.kind.as_str() {
            "field" => f.field(&ex.text).unwrap_or("").to_string(),
            "method" => f.method(&ex.text).unwrap_or("").to_string(),
            "log-column" => f
                .log_column(&ex.text)
                .map(|c| format!("{c:?}"))
                .map_or(String::new(), |c| kebab(&c)),
            "task-column" => f
                .task_column(&ex.text)
                .map(|c| format!("{c:?}"))
                .map_or(String::new(), |c| kebab(&c)),
            "vague-owner" => yes(f.is_vague_owner(&ex.text)),
            "closed-status" => yes(f.is_closed_status(&ex.text)),
            "no-issues" => yes(f.says_no_issues(&ex.text)),
            "vague-time" => f
                .vague_times(&ex.text)
                .first()
                .map_or(String::new(), |r| ex.text[r.clone()].to_string()),
            "task-deadline" => task_deadline(&ex.text),
            other => panic!("unknown example kind {other}"),
        };
        assert_eq!(got, ex.expect, "{} example {:?}", ex.kind, ex.text);
    }
}

/// The deadline read from `text` written as the one task of an Action Items list.
fn task_deadline(text: &str) -> String {
    let src = format!("# Report\n\n## Action Items\n\n- {text}\n");
    let settings = ccr_lint::Settings::default();
    let doc = ccr_lint::Document::parse(&src);
    let report = ccr_lint::Report::build_with(&doc, &settings);
    let tasks = &report.content.tasks;
    assert_eq!(tasks.len(), 1, "one task in {src:?}");
    tasks[0]
        .deadline
        .as_ref()
        .map_or(String::new(), |v| src[v.span.clone()].to_string())
}

fn kebab(variant: &str) -> String {
    let mut out = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[test]
fn lists_are_sorted_lowercase_and_free_of_duplicates() {
    let (f, _) = builtin();
    for (name, list) in f.lists() {
        assert!(!list.is_empty(), "{name} is empty");
        for pair in list.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{name}: '{}' then '{}' (keep sorted, no duplicates)",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn names_and_aliases_do_not_collide() {
    let file: ccr_lint::data::fields::FieldsFile =
        data::parse_toml(data::FIELDS.path, data::FIELDS.text).expect("parses");
    let check = |what: &str, names: Vec<&String>| {
        let mut seen = std::collections::HashSet::new();
        for n in names {
            assert!(
                seen.insert(ccr_lint::data::fields::normalize_key(n)),
                "{what}: '{n}' appears twice"
            );
        }
    };
    check(
        "fields",
        file.field
            .iter()
            .flat_map(|f| std::iter::once(&f.name).chain(&f.aliases))
            .collect(),
    );
    check(
        "methods",
        file.method
            .iter()
            .flat_map(|m| std::iter::once(&m.name).chain(&m.aliases))
            .collect(),
    );
    check(
        "log columns",
        file.log_column.iter().flat_map(|c| &c.aliases).collect(),
    );
    check(
        "task columns",
        file.task_column.iter().flat_map(|c| &c.aliases).collect(),
    );
}

#[test]
fn unknown_keys_and_column_ids_point_into_the_file() {
    let mut f = Fields::default();
    let err = f
        .extend(
            "my-fields.toml",
            "[[method]]\nname = \"fax\"\nalias = [\"telefax\"]\n",
        )
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("my-fields.toml:3:1:"), "{err}");
    let err = f
        .extend(
            "my-fields.toml",
            "[[log-column]]\nid = \"mood\"\naliases = [\"Mood\"]\n",
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("my-fields.toml:2:6:") && err.contains("mood"),
        "{err}"
    );
}

#[test]
fn config_fields_paths_extend_the_builtin_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("team-fields.toml"),
        "[[method]]\nname = \"fax\"\n\n[lists]\nvague-owners = [\"ops\"]\n",
    )
    .expect("write");
    let config = dir.path().join(".ccr-lint.toml");
    let text = "[fields]\npaths = [\"team-fields.toml\"]\n";
    let s = ccr_lint::settings::Settings::from_config_text(&config, text, &Default::default())
        .expect("valid config");
    assert_eq!(s.data.fields.method("Fax"), Some("fax"));
    assert_eq!(s.data.fields.method("Email"), Some("email"));
    assert!(s.data.fields.is_vague_owner("Ops") && s.data.fields.is_vague_owner("TBD"));
}
