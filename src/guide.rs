//! `ccr-lint vocabulary` and `ccr-lint phrases`: a writer's quick reference to the report's
//! key terms and standard phrasing, printed from the same data the rules use (including the
//! key terms and purposes of the vocabulary files the config in the current folder adds).

use std::io::{self, Write};

use crate::app::{EXIT_OK, EXIT_TOOL};
use crate::cli::{ListFormat, PhrasesArgs, VocabularyArgs};
use crate::data::Vocabulary;
use crate::settings::{Overrides, discover};

/// The vocabulary in effect in the current folder: built-in plus the config's files.
fn current_vocabulary() -> Result<std::sync::Arc<Vocabulary>, u8> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let (_, settings) = discover(&cwd, &Overrides::default());
    match settings {
        Ok(s) => Ok(s.data.vocabulary.clone()),
        Err(e) => {
            eprintln!("{:?}", e.report());
            Err(EXIT_TOOL)
        }
    }
}

pub fn vocabulary_command(
    args: &VocabularyArgs,
    vocab: &Vocabulary,
    out: &mut impl Write,
) -> io::Result<u8> {
    let terms: Vec<_> = match &args.term {
        Some(t) => match vocab.key_term(t.trim()) {
            Some(k) => vec![k],
            None => {
                let known: Vec<&str> = vocab.key_terms.iter().map(|k| k.name.as_str()).collect();
                eprintln!(
                    "error: '{t}' is not a key term; key terms: {}",
                    known.join(", ")
                );
                return Ok(EXIT_TOOL);
            }
        },
        None => vocab.key_terms.iter().collect(),
    };
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &terms)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            for (i, k) in terms.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}", k.name)?;
                writeln!(out, "  {}", k.definition)?;
                writeln!(out, "  Example: {}", k.example)?;
                let replaces: Vec<&str> = vocab
                    .terms(crate::data::vocabulary::Kind::PreferredTerm)
                    .entries
                    .iter()
                    .filter(|e| {
                        e.key
                            .as_deref()
                            .is_some_and(|n| n.eq_ignore_ascii_case(&k.name))
                    })
                    .flat_map(|e| e.forms.iter().map(String::as_str))
                    .collect();
                if !replaces.is_empty() {
                    writeln!(out, "  Instead of: {}", replaces.join(", "))?;
                }
            }
        }
    }
    Ok(EXIT_OK)
}

pub fn phrases_command(
    args: &PhrasesArgs,
    vocab: &Vocabulary,
    out: &mut impl Write,
) -> io::Result<u8> {
    let purposes: Vec<_> = match &args.purpose {
        Some(p) => match vocab.purpose(p.trim()) {
            Some(p) => vec![p],
            None => {
                let known: Vec<&str> = vocab.purposes.iter().map(|p| p.id.as_str()).collect();
                eprintln!(
                    "error: '{p}' is not a purpose; purposes: {}",
                    known.join(", ")
                );
                return Ok(EXIT_TOOL);
            }
        },
        None => vocab.purposes.iter().collect(),
    };
    match args.format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &purposes)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            for (i, p) in purposes.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{} ({})", p.title, p.id)?;
                for phrase in &p.phrases {
                    writeln!(out, "  {phrase}")?;
                }
            }
        }
    }
    Ok(EXIT_OK)
}

/// `ccr-lint vocabulary [TERM]`.
pub fn vocabulary(args: &VocabularyArgs) -> io::Result<u8> {
    let vocab = match current_vocabulary() {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = vocabulary_command(args, &vocab, &mut out)?;
    out.flush()?;
    Ok(code)
}

/// `ccr-lint phrases [PURPOSE]`.
pub fn phrases(args: &PhrasesArgs) -> io::Result<u8> {
    let vocab = match current_vocabulary() {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = phrases_command(args, &vocab, &mut out)?;
    out.flush()?;
    Ok(code)
}
