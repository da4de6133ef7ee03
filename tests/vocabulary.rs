//! The vocabulary data files and the engine: every file's own examples, tidy and
//! conflict-free lists, user vocabulary files through the config. (The fixed text of every
//! fixture is snapshotted by `tests/rules.rs`.)

mod common;

use std::collections::HashMap;
use std::path::Path;

use ccr_lint::data::vocabulary::{self, BUILTIN, Kind, Vocabulary};
use ccr_lint::settings::{Overrides, Settings};
use ccr_lint::vocab::check::find_in_text;
use ccr_lint::vocab::{apply_edits, normalise_term};
use ccr_lint::{Applicability, Diagnostic, lint};

fn builtin() -> Vocabulary {
    Vocabulary::builtin().expect("built-in vocabulary compiles")
}

#[test]
fn every_vocabulary_file_passes_its_examples() {
    let vocab = builtin();
    for f in &BUILTIN {
        let file = vocabulary::parse_file(f.path, f.text).expect("parses");
        let Some(kind) = file.kind.as_ref().map(|k| *k.get_ref()) else {
            // A file of word classes only: the other files' examples exercise them.
            assert!(
                !file.word_class.is_empty(),
                "{} names no kind and holds no word classes",
                f.path
            );
            continue;
        };
        assert!(
            !file.examples.is_empty(),
            "{} carries no [[examples]]",
            f.path
        );
        for ex in &file.examples {
            let found: Vec<(&str, Option<_>)> = if kind == Kind::Acronyms {
                // Linted as a report, for the document's own acronyms to count.
                let mut settings = Settings::default();
                settings.selection.select = Some(vec!["CCR608".into()]);
                lint(&ex.text, &settings)
                    .into_iter()
                    .map(|d| (&ex.text[d.span], None))
                    .collect()
            } else {
                find_in_text(&vocab, vocab.terms(kind), &ex.text)
            };
            if let Some(flags) = &ex.flags {
                let got: Vec<&str> = found.iter().map(|(m, _)| *m).collect();
                assert_eq!(&got, flags, "{}: text {:?}", f.path, ex.text);
            }
            if let Some(fixed) = &ex.fixed {
                let edits: Vec<_> = found.into_iter().filter_map(|(_, e)| e).collect();
                assert_eq!(
                    &apply_edits(&ex.text, &edits),
                    fixed,
                    "{}: text {:?}",
                    f.path,
                    ex.text
                );
            }
            assert!(
                ex.flags.is_some() || ex.fixed.is_some(),
                "{}: example {:?} checks nothing",
                f.path,
                ex.text
            );
        }
    }
}

#[test]
fn entries_are_sorted_and_never_matched_twice() {
    // A form in two files (or twice in one) would be reported twice or contradict itself.
    let mut owner: HashMap<String, &str> = HashMap::new();
    let mut total = 0;
    for f in &BUILTIN {
        let file = vocabulary::parse_file(f.path, f.text).expect("parses");
        let firsts: Vec<String> = file
            .term
            .iter()
            .map(|t| t.forms[0].get_ref().to_lowercase())
            .collect();
        for pair in firsts.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{}: '{}' must come after '{}'",
                f.path,
                pair[0],
                pair[1]
            );
        }
        let acronyms: Vec<&String> = file.acronyms.iter().map(|a| a.get_ref()).collect();
        for pair in acronyms.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{}: acronyms out of order at '{}'",
                f.path,
                pair[1]
            );
        }
        let ordinary: Vec<&String> = file.ordinary_words.iter().map(|a| a.get_ref()).collect();
        for pair in ordinary.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{}: ordinary words out of order at '{}'",
                f.path,
                pair[1]
            );
        }
        total += file.term.len() + file.acronyms.len();
        for t in &file.term {
            for form in &t.forms {
                let key = normalise_term(form.get_ref())
                    .expect("a word")
                    .to_ascii_lowercase();
                if let Some(prev) = owner.insert(key, f.path) {
                    panic!("'{}' is in {} and {}", form.get_ref(), prev, f.path);
                }
            }
        }
    }
    assert!(total >= 150, "only {total} vocabulary entries");
}

#[test]
fn key_terms_and_purposes_are_complete() {
    let vocab = builtin();
    let names: Vec<&str> = vocab.key_terms.iter().map(|k| k.name.as_str()).collect();
    for term in [
        "interaction",
        "consensus",
        "resolution",
        "follow-up",
        "acknowledge",
        "escalation",
        "feedback",
        "stakeholder",
        "proposal",
        "deliverable",
        "clarification",
        "documentation",
    ] {
        assert!(names.contains(&term), "key term {term} is missing");
    }
    let purposes: Vec<&str> = vocab.purposes.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        purposes,
        [
            "opening",
            "interaction",
            "decisions",
            "problems",
            "analysis",
            "proposals",
            "empathy",
            "closing"
        ]
    );
    // Every key term is reachable from at least one flagged wording.
    let terms = vocab.terms(Kind::PreferredTerm);
    for k in &vocab.key_terms {
        assert!(
            terms
                .entries
                .iter()
                .any(|e| e.key.as_deref() == Some(&k.name)),
            "no wording leads to '{}'",
            k.name
        );
    }
}

fn settings_with(dir: &Path, config: &str) -> Result<Settings, String> {
    let path = dir.join(".ccr-lint.toml");
    std::fs::write(&path, config).expect("writable temp dir");
    let overrides = Overrides {
        today: Some(common::fixture_today()),
        ..Overrides::default()
    };
    Settings::from_config_text(&path, config, &overrides).map_err(|e| e.to_string())
}

#[test]
fn user_files_declare_their_own_rules_and_selectors_accept_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("style")).expect("mkdir");
    std::fs::write(
        dir.path().join("style/acme.toml"),
        "[rule]\ncode = \"ACME001\"\nname = \"acme-terms\"\nseverity = \"error\"\n\n\
         [[term]]\nmatch = [\"widget\"]\nreplace = \"Acme Widget\"\napplicability = \"safe\"\n\
         message = \"write the product's full name\"\n",
    )
    .expect("write");
    let config = "[vocabulary]\npaths = [\"style/acme.toml\"]\n[rules]\nignore = [\"CCR6\"]\n[rules.severity]\nacme-terms = \"warning\"\n";
    let settings = settings_with(dir.path(), config).expect("config loads");
    let diags = lint("# Report\n\nThe widget ships in July.\n", &settings);
    let acme: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule.code == "ACME001").collect();
    assert_eq!(acme.len(), 1, "{diags:#?}");
    assert_eq!(acme[0].rule.name, "acme-terms");
    assert_eq!(acme[0].severity, ccr_lint::Severity::Warning);
    assert_eq!(acme[0].span, 14..20);
    let fix = acme[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.applicability, Applicability::Safe);
    assert_eq!(fix.edits[0].replacement, "Acme Widget");

    let ignored = settings_with(
        dir.path(),
        "[vocabulary]\npaths = [\"style/acme.toml\"]\n[rules]\nignore = [\"ACME\"]\n",
    )
    .expect("a prefix of a user code is a selector");
    assert!(
        lint("The widget.\n", &ignored)
            .iter()
            .all(|d| d.rule.code != "ACME001")
    );

    let err = settings_with(dir.path(), "[rules]\nignore = [\"ACME001\"]\n").unwrap_err();
    assert!(err.contains("unknown rule or prefix 'ACME001'"), "{err}");
}

#[test]
fn errors_in_user_files_point_at_file_line_and_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.toml"),
        "kind = \"informal\"\n\n[[term]]\nmatch = [\"synergy\"]\nmesage = \"typo\"\n",
    )
    .expect("write");
    let err = settings_with(dir.path(), "[vocabulary]\npaths = [\"bad.toml\"]\n").unwrap_err();
    assert!(
        err.contains("bad.toml:5:1:") && err.contains("mesage"),
        "{err}"
    );

    std::fs::write(dir.path().join("key.toml"), "kind = \"preferred-term\"\n\n[[term]]\nmatch = [\"sync\"]\nkey = \"synchronisation\"\nmessage = \"m\"\n")
        .expect("write");
    let err = settings_with(dir.path(), "[vocabulary]\npaths = [\"key.toml\"]\n").unwrap_err();
    assert!(
        err.contains("key.toml:5:7:") && err.contains("unknown key term 'synchronisation'"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("code.toml"),
        "[rule]\ncode = \"CCR999\"\nname = \"mine\"\n",
    )
    .expect("write");
    let err = settings_with(dir.path(), "[vocabulary]\npaths = [\"code.toml\"]\n").unwrap_err();
    assert!(
        err.contains("code.toml:2:8:") && err.contains("invalid rule code"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("acr.toml"),
        "kind = \"informal\"\nacronyms = [\"ACME\"]\n",
    )
    .expect("write");
    let err = settings_with(dir.path(), "[vocabulary]\npaths = [\"acr.toml\"]\n").unwrap_err();
    assert!(
        err.contains("acr.toml:2:13:") && err.contains("kind = \"acronyms\""),
        "{err}"
    );

    std::fs::write(
        dir.path().join("ours.toml"),
        "kind = \"acronyms\"\nacronyms = [\"ACME\", \"CONTOSO\"]\n",
    )
    .expect("write");
    let ours = settings_with(dir.path(), "[vocabulary]\npaths = [\"ours.toml\"]\n").expect("loads");
    assert!(
        ours.data.vocabulary.acronyms.contains("CONTOSO")
            && ours.data.vocabulary.acronyms.contains("GDPR")
    );

    std::fs::write(
        dir.path().join("sense.toml"),
        "kind = \"filler\"\n\n[[term]]\nmatch = [\"quite\"]\nmessage = \"m\"\nunless-before = [\"@amounts\"]\n",
    )
    .expect("write");
    let err = settings_with(dir.path(), "[vocabulary]\npaths = [\"sense.toml\"]\n").unwrap_err();
    assert!(
        err.contains("sense.toml:6:18:") && err.contains("unknown word class '@amounts'"),
        "{err}"
    );

    // A user file's entry with a sense of its own class, defined in the same file.
    std::fs::write(
        dir.path().join("senses.toml"),
        "kind = \"filler\"\n\n[[word-class]]\nname = \"amounts\"\nwords = [\"a lot\"]\n\n[[term]]\nmatch = [\"quite\"]\nmessage = \"'{matched}' adds nothing\"\nunless-before = [\"@amounts\", \"@number\"]\n",
    )
    .expect("write");
    let ours =
        settings_with(dir.path(), "[vocabulary]\npaths = [\"senses.toml\"]\n").expect("loads");
    let found: Vec<String> = lint("It was quite late, quite a lot and quite 3 days.\n", &ours)
        .into_iter()
        .filter(|d| d.rule.code == "CCR606")
        .map(|d| d.message)
        .collect();
    assert_eq!(found, ["'quite' adds nothing"]);

    let err = settings_with(dir.path(), "[vocabulary]\npaths = [\"missing.toml\"]\n").unwrap_err();
    assert!(
        err.contains(".ccr-lint.toml:2:10:") && err.contains("cannot read vocabulary file"),
        "{err}"
    );
}

#[test]
fn accepted_terms_silence_every_vocabulary_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = settings_with(
        dir.path(),
        "[vocabulary]\naccept = [\"Stuff Inc.\", \"ASAP\", \"URGENT\"]\n",
    )
    .expect("loads");
    let diags = lint(
        "# Report\n\nStuff Inc. wants it ASAP. URGENT review of the stuff.\n",
        &settings,
    );
    let shown: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| (d.rule.name.as_ref(), &d.message[..]))
        .collect();
    assert!(
        shown
            .iter()
            .all(|(_, m)| !m.contains("Stuff") && !m.contains("ASAP") && !m.contains("URGENT")),
        "{shown:#?}"
    );
    assert!(
        shown.contains(&("informal-language", "'stuff' is informal")),
        "{shown:#?}"
    );
}
