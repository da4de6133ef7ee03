//! Running a term set over a document's prose: only author-written text (never code, URLs,
//! HTML, link destinations or front matter), minus accepted terms, mapped to exact source bytes.

use std::ops::Range;

use super::{Hit, TextEdit, TokenIndex, Tokens, replacement_edit};
use crate::data::vocabulary::{Entry, FixSafety, Kind, TermSet, Vocabulary};
use crate::diagnostic::{Diagnostic, Edit, Fix, RuleId, Severity};
use crate::document::Prose;
use crate::rules::{Context, RuleMeta};

/// One prose run, tokenised, with the ranges `[vocabulary] accept` covers.
pub struct ProseTokens<'p> {
    pub prose: &'p Prose<'p>,
    pub toks: Tokens<'p>,
    accepted: Vec<Range<usize>>,
}

impl<'p> ProseTokens<'p> {
    pub fn new(prose: &'p Prose, vocab: &Vocabulary) -> Self {
        Self::with_tokens(prose, vocab, Tokens::new(&prose.text))
    }

    fn with_tokens(prose: &'p Prose, vocab: &Vocabulary, toks: Tokens<'p>) -> Self {
        let accepted = vocab
            .accept
            .matcher()
            .find(&toks)
            .map(|h| h.range(&toks))
            .collect();
        ProseTokens {
            prose,
            toks,
            accepted,
        }
    }

    /// Whether `range` of the prose text is accepted by the config.
    pub fn is_accepted(&self, range: &Range<usize>) -> bool {
        let i = self.accepted.partition_point(|a| a.end <= range.start);
        self.accepted.get(i).is_some_and(|a| a.start < range.end)
    }

    /// The source span of a text range when the source holds exactly that text (no markup,
    /// escapes or entities inside), else `None`.
    pub fn verbatim_source(&self, source: &str, range: Range<usize>) -> Option<Range<usize>> {
        let src = self.prose.to_source(range.clone())?;
        (source.get(src.clone())? == self.prose.text.get(range)?).then_some(src)
    }

    /// The source span of a text range whose source holds the same words: verbatim, or
    /// differing only in the whitespace of line breaks (`\r\n`, a list item's indentation).
    pub fn source_span(&self, source: &str, range: Range<usize>) -> Option<Range<usize>> {
        let src = self.prose.to_source(range.clone())?;
        let (a, b) = (source.get(src.clone())?, self.prose.text.get(range)?);
        (a == b || a.split_whitespace().eq(b.split_whitespace())).then_some(src)
    }

    /// A source edit for a text edit, when it maps verbatim.
    pub fn source_edit(&self, source: &str, edit: TextEdit) -> Option<Edit> {
        let span = self.verbatim_source(source, edit.range)?;
        Some(Edit::replace(span, edit.replacement))
    }
}

/// Where a term set's findings go: a built-in rule or a user rule.
pub struct Target<'a> {
    pub id: RuleId,
    pub severity: Severity,
    pub terms: &'a TermSet,
    /// A built-in kind: its hits come from the shared one-scan cache.
    pub kind: Option<Kind>,
}

/// Runs a built-in kind's terms for the rule `meta`.
pub fn check_kind(
    cx: &Context<'_>,
    kind: Kind,
    meta: &'static RuleMeta,
    out: &mut Vec<Diagnostic>,
) {
    let vocab = &cx.settings.data.vocabulary;
    let target = Target {
        id: meta.id(),
        severity: meta.severity,
        terms: vocab.terms(kind),
        kind: Some(kind),
    };
    check_terms(cx, &target, out);
}

/// One prose run's hits of the built-in kinds, with its token index when it has any.
#[derive(Debug, Default)]
pub struct RunHits {
    pub hits: Vec<(Kind, Hit)>,
    index: Option<Box<TokenIndex>>,
}

/// Every prose run's hits of every built-in kind, from one scan per run (cached in the context).
fn all_kind_hits<'c>(cx: &'c Context<'_>) -> &'c [RunHits] {
    cx.vocab_hits.get_or_init(|| {
        let combined = &cx.settings.data.vocabulary.combined;
        cx.doc
            .prose
            .iter()
            .map(|prose| {
                // Only the runs with hits keep their token index for the rules to report
                // from: keeping every run's index was most of the memory on large reports.
                let index = TokenIndex::build(&prose.text);
                let hits = combined.find(&Tokens::with_index(&prose.text, &index));
                let index = (!hits.is_empty()).then(|| Box::new(index));
                RunHits { hits, index }
            })
            .collect()
    })
}

/// Runs every rule declared by the config's vocabulary files.
pub fn check_user_rules(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let vocab = &cx.settings.data.vocabulary;
    for rule in &vocab.user_rules {
        if !cx.settings.selection.enabled(&rule.id) {
            continue;
        }
        let target = Target {
            id: rule.id.clone(),
            severity: rule.severity,
            terms: &rule.terms,
            kind: None,
        };
        check_terms(cx, &target, out);
    }
}

/// Whole-word matches of `terms` in one tokenised prose run that a rule may report.
pub fn hits<'a>(
    pt: &'a ProseTokens<'_>,
    terms: &'a TermSet,
) -> impl Iterator<Item = (Hit, &'a Entry)> + 'a {
    reportable(pt, terms, terms.matcher().find(&pt.toks))
}

/// Whether `tokens` (folded phrases) are the text's tokens from `at` on.
fn phrase_at(toks: &Tokens<'_>, at: usize, phrase: &[String]) -> bool {
    phrase.iter().enumerate().all(|(k, want)| {
        let got = toks.str(at + k);
        !got.is_empty() && fold_eq(got, want)
    })
}

/// Whether a text token reads as a folded word (ASCII case aside, curly apostrophes as `'`).
fn fold_eq(token: &str, folded: &str) -> bool {
    if token.len() == folded.len() {
        return token.eq_ignore_ascii_case(folded);
    }
    token
        .replace(['\u{2019}', '\u{2018}'], "'")
        .eq_ignore_ascii_case(folded)
}

/// Whether an entry applies where it matched tokens `first..=last`: not when the words right
/// after it are in its `unless-before`, nor when those right before it are in its
/// `unless-after` (its sense in data: `just` before a number means "only").
pub fn applies(entry: &Entry, toks: &Tokens<'_>, first: usize, last: usize) -> bool {
    let after = last + 1;
    let before = &entry.unless_before;
    if !before.is_empty() {
        if before.digits && toks.str(after).starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        if before.phrases.iter().any(|p| phrase_at(toks, after, p)) {
            return false;
        }
    }
    let prior = &entry.unless_after;
    if !prior.is_empty() {
        if prior.digits
            && first
                .checked_sub(1)
                .is_some_and(|p| toks.str(p).starts_with(|c: char| c.is_ascii_digit()))
        {
            return false;
        }
        if prior.phrases.iter().any(|p| {
            first
                .checked_sub(p.len())
                .is_some_and(|start| phrase_at(toks, start, p))
        }) {
            return false;
        }
    }
    true
}

/// The hits a rule may report: sentence-start entries at a sentence start, entries where their
/// sense applies, in the author's own text, not covered by `[vocabulary] accept`.
fn reportable<'a>(
    pt: &'a ProseTokens<'_>,
    terms: &'a TermSet,
    found: impl Iterator<Item = Hit> + 'a,
) -> impl Iterator<Item = (Hit, &'a Entry)> + 'a {
    found.filter_map(move |hit| {
        let entry = terms.entries.get(hit.entry)?;
        if entry.sentence_start && !pt.toks.starts_sentence(hit.first) {
            return None;
        }
        if !applies(entry, &pt.toks, hit.first, hit.last) {
            return None;
        }
        let range = hit.range(&pt.toks);
        (pt.prose.is_plain(range.clone()) && !pt.is_accepted(&range)).then_some((hit, entry))
    })
}

fn check_terms(cx: &Context<'_>, target: &Target<'_>, out: &mut Vec<Diagnostic>) {
    if target.terms.entries.is_empty() {
        return;
    }
    let vocab = &cx.settings.data.vocabulary;
    let source = cx.doc.source;
    let cached = target.kind.map(|kind| (kind, all_kind_hits(cx)));
    for (p, prose) in cx.doc.prose.iter().enumerate() {
        // The shared scan's hits first: most runs have none of this kind.
        if let Some((kind, all)) = cached
            && !all
                .get(p)
                .is_some_and(|h| h.hits.iter().any(|(k, _)| *k == kind))
        {
            continue;
        }
        if cx.skips_run(prose) {
            continue;
        }
        let pt = match cached.and_then(|(_, all)| all.get(p)?.index.as_deref()) {
            Some(index) => {
                ProseTokens::with_tokens(prose, vocab, Tokens::with_index(&prose.text, index))
            }
            None => ProseTokens::new(prose, vocab),
        };
        let found: Box<dyn Iterator<Item = Hit>> = match cached {
            Some((kind, all)) => Box::new(
                all.get(p)
                    .into_iter()
                    .flat_map(|h| h.hits.iter())
                    .filter(move |(k, _)| *k == kind)
                    .map(|(_, h)| *h),
            ),
            None => Box::new(target.terms.matcher().find(&pt.toks)),
        };
        for (hit, entry) in reportable(&pt, target.terms, found) {
            let range = hit.range(&pt.toks);
            if !cx.is_checked(prose, range.clone()) {
                continue;
            }
            let Some(span) = pt.source_span(source, range.clone()) else {
                continue;
            };
            let matched = one_line(&prose.text[range]);
            let matched = matched.as_str();
            let mut d = Diagnostic {
                rule: target.id.clone(),
                severity: target.severity,
                span,
                message: entry.message.replace("{matched}", matched),
                help: entry_help(vocab, entry),
                fix: None,
            };
            if let Some(replace) = &entry.replace {
                let edit = replacement_edit(&pt.toks, hit.first, hit.last, replace, entry.acronym);
                let shown = edit.replacement.clone();
                if let Some(edit) = pt.source_edit(source, edit) {
                    let message = if replace.is_empty() {
                        format!("Remove '{matched}'")
                    } else {
                        format!("Replace with '{shown}'")
                    };
                    d = d.with_fix(Fix::new(entry.applicability.into(), message, vec![edit]));
                }
            }
            out.push(d);
        }
    }
}

/// The help for an entry: its own text, then the key term's definition and example, or the
/// standard phrasing for its purpose.
pub fn entry_help(vocab: &Vocabulary, entry: &Entry) -> Option<String> {
    let mut parts: Vec<String> = entry.help.iter().cloned().collect();
    if let Some(k) = entry.key.as_deref().and_then(|k| vocab.key_term(k)) {
        parts.push(format!(
            "{}: {}. Example: \u{201c}{}\u{201d}",
            capitalise(&k.name),
            k.definition,
            k.example
        ));
    }
    if let Some(p) = entry.purpose.as_deref().and_then(|p| vocab.purpose(p)) {
        let phrases: Vec<String> = p
            .phrases
            .iter()
            .map(|s| format!("\u{201c}{s}\u{201d}"))
            .collect();
        parts.push(format!(
            "Standard phrasing ({}): {}",
            p.title.to_lowercase(),
            phrases.join(" · ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// A text with its line breaks and runs of spaces as single spaces, for messages.
pub fn one_line(text: &str) -> String {
    if !text.contains(char::is_whitespace) {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The findings of a term set in a plain text (no Markdown): `(matched, edit)` pairs, as the
/// data files' `[[examples]]` describe them.
pub fn find_in_text<'t>(
    vocab: &Vocabulary,
    terms: &TermSet,
    text: &'t str,
) -> Vec<(&'t str, Option<TextEdit>)> {
    let toks = Tokens::new(text);
    let accepted: Vec<Range<usize>> = vocab
        .accept
        .matcher()
        .find(&toks)
        .map(|h| h.range(&toks))
        .collect();
    terms
        .matcher()
        .find(&toks)
        .filter_map(|hit| {
            let entry = terms.entries.get(hit.entry)?;
            if entry.sentence_start && !toks.starts_sentence(hit.first) {
                return None;
            }
            if !applies(entry, &toks, hit.first, hit.last) {
                return None;
            }
            let range = hit.range(&toks);
            if accepted
                .iter()
                .any(|a| a.start < range.end && range.start < a.end)
            {
                return None;
            }
            let edit = entry
                .replace
                .as_deref()
                .filter(|_| entry.applicability != FixSafety::DisplayOnly)
                .map(|r| replacement_edit(&toks, hit.first, hit.last, r, entry.acronym));
            Some((&text[range], edit))
        })
        .collect()
}
