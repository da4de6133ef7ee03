use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::data::Vocabulary;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Prose, ProseContext};
use crate::vocab::check::ProseTokens;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Ordinary words written in capitals for emphasis (`URGENT`, `PLEASE NOTE`, `NOT
    /// IMPLEMENTED`). The ordinary words are listed in `vocabulary/acronyms.toml`
    /// (`ordinary-words`); a word in capitals that is not one of them is taken for an acronym
    /// or a name (`KNIME`, `LATO`) and never reported. Consecutive capitalised words are one
    /// finding.
    ///
    /// The capitals a document owns are not shouting either: acronyms it defines
    /// (`Controller Area Network (CAN)`, `SOW (Statement of Work)`) or lists in a glossary (a
    /// table cell or a list item that is the word alone); words in its headings, table header
    /// rows and link text; labels (`ACTION:`, `NOTE:`, a line-leading `Key:`, a tag at the end
    /// of a line such as `- ACTION POINT`, a short title line such as `ROADMAP Review`); a word
    /// before a number (`EPIC 3052`); a word it writes in capitals more than once and never in
    /// lower case; code and file names (`README.md`, `RETRY_LIMIT`, anything next to `_`, `.`,
    /// `/`, `&`, `@`); the built-in acronyms (`acronyms`: government, IT, finance, time zones,
    /// repository files) and `[vocabulary] accept`; and quoted material (see `[language]
    /// quotes`).
    ///
    /// ## Why
    /// Capitals read as shouting; emphasis in a report comes from clear wording and structure.
    ///
    /// ## Example
    /// ```markdown
    /// The invoice is OVERDUE and the GDPR review is pending.
    /// ```
    /// reports `OVERDUE`; `GDPR` is an acronym.
    ///
    /// ## Fix safety
    /// No fix: whether a word is an acronym, a name or emphasis is for the writer to decide.
    pub struct Shouting {
        code: "CCR608",
        name: "shouting",
        severity: Info,
        fix: None,
        summary: "Ordinary words written in capitals for emphasis",
    }
}

/// A word token in capitals: at least two letters, all of them capitals, no digits.
fn is_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_numeric() || c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

/// The word as the ordinary-words list is keyed: lower case, `'` for a curly apostrophe.
fn key(word: &str) -> String {
    word.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

/// Whether a word in capitals is an ordinary word (`DON'T`, `FOLLOW-UP`: each part).
fn is_ordinary(word: &str, vocab: &Vocabulary) -> bool {
    let k = key(word);
    vocab.ordinary.contains(&k)
        || (k.contains('-') && k.split('-').all(|p| vocab.ordinary.contains(p)))
}

/// Whether a word in capitals is a known acronym (or its plural: `APIS`).
fn is_acronym(word: &str, vocab: &Vocabulary) -> bool {
    vocab.acronyms.contains(word)
        || word
            .strip_suffix('S')
            .is_some_and(|base| vocab.acronyms.contains(base))
}

/// Whether `text` may hold a word in capitals, checked before tokenising: a capital followed
/// by another capital or a joiner (`'`, `-`, a curly apostrophe). ASCII text is checked byte by
/// byte.
fn may_shout(text: &str) -> bool {
    if text.is_ascii() {
        return text
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_uppercase() && matches!(w[1], b'A'..=b'Z' | b'\'' | b'-'));
    }
    let mut prev_upper = false;
    text.chars().any(|c| {
        let hit =
            prev_upper && (c.is_uppercase() || matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '-'));
        prev_upper = c.is_uppercase();
        hit
    })
}

/// Characters that make a word next to them code, a path or a file name.
fn is_code_char(c: char) -> bool {
    matches!(
        c,
        '_' | '/'
            | '\\'
            | '@'
            | '#'
            | '$'
            | '%'
            | '&'
            | '='
            | '<'
            | '>'
            | '{'
            | '}'
            | '['
            | ']'
            | '|'
            | '~'
            | '^'
    )
}

/// Whether the letters of `acronym` can be read, in order, off `words`, the first letter
/// being the first letter of the first word: `UPRN` off `Unique Property Reference Number`,
/// `TOPS` off `Transform to Open Science`.
fn spells(acronym: &str, words: &[&str]) -> bool {
    let mut wanted = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase);
    let Some(first) = wanted.next() else {
        return false;
    };
    let Some(start) = words.first() else {
        return false;
    };
    if !start
        .chars()
        .next()
        .is_some_and(|c| c.to_lowercase().eq(std::iter::once(first)))
    {
        return false;
    }
    let mut letters = start
        .chars()
        .skip(1)
        .chain(words[1..].iter().flat_map(|w| w.chars()))
        .flat_map(char::to_lowercase);
    wanted.all(|c| letters.any(|l| l == c))
}

/// Whether the caps word at `range` of `text` is defined there: `Long Form (ACR)` or
/// `ACR (Long Form)`.
fn defined_at(text: &str, range: &Range<usize>, word: &str) -> bool {
    let before = text[..range.start].trim_end_matches(' ');
    let after = text[range.end..].trim_start_matches(' ');
    let n = letters(word);
    if before.ends_with('(') && after.trim_start_matches(['s', '\'']).starts_with(')') {
        // The long form is the few words before: a bounded tail of the text.
        let mut from = before.len().saturating_sub(200);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let words: Vec<&str> = before[from..before.len() - 1]
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        let window = &words[words.len().saturating_sub(n + 3)..];
        return (0..window.len()).any(|i| spells(word, &window[i..]));
    }
    if let Some(inner) = after.strip_prefix('(') {
        let Some(close) = inner.bytes().take(200).position(|b| b == b')') else {
            return false;
        };
        let inner = &inner[..close];
        let words: Vec<&str> = inner
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        return words.len() >= 2 && spells(word, &words);
    }
    false
}

/// Whether a source range lies inside one of `links` (sorted by start).
fn within(links: &[Range<usize>], src: &Range<usize>) -> bool {
    let i = links.partition_point(|l| l.start <= src.start);
    // Links do not nest, so the one that starts last before the word is the only candidate.
    i > 0 && src.end <= links[i - 1].end
}

/// What the rule reads off a line once: its line-leading `Key:` label, and whether it is a
/// short title line.
#[derive(Debug, Clone, Default)]
struct LineInfo {
    /// The label's text range (before the colon), when the line opens with `Key:`.
    label: Option<Range<usize>>,
    /// Up to four words, each capitalised, no sentence punctuation, and not several words all
    /// in capitals (`ROADMAP Review`, `NOTES`; not `NOT IMPLEMENTED`).
    title: bool,
}

/// The lines of one prose run, each read once when first asked for (a run may be one long
/// line of a megabyte: nothing here may scan it per word).
struct RunLines {
    starts: Vec<usize>,
    infos: Vec<Option<LineInfo>>,
}

impl RunLines {
    fn new(text: &str) -> Self {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let infos = vec![None; starts.len()];
        RunLines { starts, infos }
    }

    /// The line holding byte `at`, and what it is.
    fn line(&mut self, text: &str, at: usize) -> (Range<usize>, LineInfo) {
        let n = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let start = self.starts[n];
        let end = self.starts.get(n + 1).map_or(text.len(), |&s| s - 1);
        let info = self.infos[n]
            .get_or_insert_with(|| LineInfo::read(text, start..end))
            .clone();
        (start..end, info)
    }
}

impl LineInfo {
    fn read(text: &str, line: Range<usize>) -> Self {
        let line_text = &text[line.clone()];
        let lead = line_text.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lead_start = line.start + (line_text.len() - lead.len());
        // A label is short: its colon is within the first 80 bytes.
        let label = lead
            .bytes()
            .take(80)
            .position(|b| b == b':')
            .map(|colon| (colon, &lead[..colon]))
            .filter(|(_, l)| l.split_whitespace().count() <= 5 && !l.contains(['.', '!', '?']))
            .map(|(colon, _)| lead_start..lead_start + colon);
        let mut words = line_text.split_whitespace();
        let few: Vec<&str> = words.by_ref().take(5).collect();
        let title = !few.is_empty()
            && few.len() <= 4
            && !line_text.trim_end().ends_with(['.', '!', '?', ','])
            && few.iter().all(|w| {
                w.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
            && (few.len() == 1 || few.iter().any(|w| !is_caps(w)));
        LineInfo { label, title }
    }
}

/// A run of capitalised words, as found in one prose run.
struct Run {
    prose: usize,
    /// Its words: text range, the word, and whether this place makes it not shouting.
    words: Vec<(Range<usize>, String, bool)>,
}

/// Why a place makes capitals a label, a name or code rather than emphasis; `true` in the
/// second place when the place also gives the word to the whole document (a heading, a table
/// header, a link, a definition, a glossary entry).
fn place(
    links: &[Range<usize>],
    prose: &Prose<'_>,
    lines: &mut RunLines,
    run: &[(Range<usize>, String)],
    i: usize,
) -> (bool, bool) {
    let text = prose.text.as_ref();
    let (range, word) = (&run[i].0, run[i].1.as_str());
    let first = &run[0].0;
    let last = &run[run.len() - 1].0;
    // Headings, table headers and single-word cells.
    match prose.context {
        ProseContext::Heading(_) => return (true, true),
        ProseContext::TableCell { row: None, .. } => return (true, true),
        ProseContext::TableCell { .. } if text.split_whitespace().nth(1).is_none() => {
            return (true, true);
        }
        _ => {}
    }
    // Link text names the linked thing.
    if let Some(src) = prose.to_source(range.clone())
        && within(links, &src)
    {
        return (true, true);
    }
    // Code, paths and file names: a code character next to the word, or a file extension.
    let prev = text[..range.start].chars().next_back();
    let next = text[range.end..].chars().next();
    let after_next = text[range.end..].chars().nth(1);
    if prev.is_some_and(is_code_char)
        || next.is_some_and(is_code_char)
        || (next == Some('.') && after_next.is_some_and(char::is_alphanumeric))
        || (prev == Some('.')
            && text[..range.start.saturating_sub(1)]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric))
    {
        return (true, false);
    }
    // Definitions.
    if defined_at(text, range, word) {
        return (true, true);
    }
    let (line, info) = lines.line(text, range.start);
    let line_text = &text[line.clone()];
    let after_run = text[last.end..line.end].trim_start();
    // A label: the run followed by a colon; a word of a line-leading `Key:`.
    if after_run.starts_with(':') {
        return (true, false);
    }
    if info
        .label
        .as_ref()
        .is_some_and(|l| l.start <= range.start && range.end <= l.end)
    {
        return (true, false);
    }
    // A glossary entry: a list item that opens with the word and a dash or an equals sign.
    if matches!(prose.context, ProseContext::ListItem(_))
        && first.start == line.start + (line_text.len() - line_text.trim_start().len())
        && i == 0
        && after_run.starts_with(['-', '\u{2013}', '\u{2014}', '='])
    {
        return (true, true);
    }
    // A tag at the end of a line: `… - ACTION POINT`.
    let before_run = text[line.start..first.start].trim_end();
    if after_run
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '*' | '_'))
        .is_empty()
        && before_run.ends_with(['-', '\u{2013}', '\u{2014}'])
    {
        return (true, false);
    }
    // A word before a number: `EPIC 3052`, `PHASE 2`.
    if after_run.starts_with(|c: char| c.is_ascii_digit()) && i == run.len() - 1 {
        return (true, false);
    }
    // A short title line (`ROADMAP Review`, `NOTES`).
    if info.title {
        return (true, false);
    }
    (false, false)
}

/// Whether `word` (lower case) is written as a word in the document's own prose.
fn written_lower(doc: &Document<'_>, lower: &str) -> bool {
    doc.prose.iter().any(|p| {
        if !crate::document::contains_ignore_ascii_case(&p.text, lower) {
            return false;
        }
        let text = p.text.as_ref();
        text.match_indices(lower).any(|(at, m)| {
            let before = text[..at].chars().next_back();
            let after = text[at + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
                && p.is_plain(at..at + m.len())
                && !p.is_quoted(at..at + m.len())
        })
    })
}

impl Rule for Shouting {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let vocab = &cx.settings.data.vocabulary;
        let doc = cx.doc;
        let mut runs: Vec<Run> = Vec::new();
        let mut owned: HashSet<String> = HashSet::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut links: Vec<Range<usize>> = doc.links.iter().map(|l| l.span.clone()).collect();
        links.sort_by_key(|l| l.start);
        for (p, prose) in doc.prose.iter().enumerate() {
            if cx.skips_run(prose) || !may_shout(&prose.text) {
                continue;
            }
            let pt = ProseTokens::new(prose, vocab);
            let toks = &pt.toks;
            let mut current: Vec<(Range<usize>, String)> = Vec::new();
            let mut groups: Vec<Vec<(Range<usize>, String)>> = Vec::new();
            for (i, t) in toks.toks.iter().enumerate() {
                let r = t.range();
                let word = toks.str(i);
                let usable = t.word
                    && is_caps(word)
                    && prose.is_plain(r.clone())
                    && cx.is_checked(prose, r.clone());
                if !usable {
                    if !current.is_empty() {
                        groups.push(std::mem::take(&mut current));
                    }
                    continue;
                }
                // Words separated only by spaces are one run; anything else splits them.
                let joined = current.last().is_some_and(|(prev, _)| {
                    prose.text[prev.end..r.start]
                        .chars()
                        .all(|c| c == ' ' || c == '\t')
                });
                if !joined && !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
                current.push((r, word.to_string()));
            }
            if !current.is_empty() {
                groups.push(current);
            }
            let mut lines = RunLines::new(&prose.text);
            for g in groups {
                let mut words = Vec::with_capacity(g.len());
                for i in 0..g.len() {
                    let (exempt, owns) = place(&links, prose, &mut lines, &g, i);
                    let (r, w) = &g[i];
                    let exempt = exempt || pt.is_accepted(r);
                    if owns {
                        owned.insert(w.clone());
                    }
                    *counts.entry(w.clone()).or_default() += 1;
                    words.push((r.clone(), w.clone(), exempt));
                }
                runs.push(Run { prose: p, words });
            }
        }
        // Words the document writes in capitals more than once and never in lower case are
        // its own (a project's or a product's name).
        let mut own_term: HashMap<String, bool> = HashMap::new();
        let mut is_own_term = |w: &str| {
            *own_term.entry(w.to_string()).or_insert_with(|| {
                counts.get(w).is_some_and(|&n| n >= 2) && !written_lower(doc, &key(w))
            })
        };
        for run in runs {
            let prose = &doc.prose[run.prose];
            let shouted: Vec<bool> = run
                .words
                .iter()
                .map(|(_, w, exempt)| {
                    !exempt
                        && is_ordinary(w, vocab)
                        && !is_acronym(w, vocab)
                        && !owned.contains(w)
                        && !w.strip_suffix('S').is_some_and(|b| owned.contains(b))
                        && !is_own_term(w)
                })
                .collect();
            if !run
                .words
                .iter()
                .zip(&shouted)
                .any(|((_, w, _), s)| *s && letters(w) >= 3)
            {
                continue;
            }
            // The run's ends are trimmed of words that are not emphasis (an acronym, a label).
            let keep = |i: usize| {
                let (_, w, exempt) = &run.words[i];
                shouted[i] || (!exempt && !is_acronym(w, vocab) && !owned.contains(w))
            };
            let Some(first) = (0..run.words.len()).find(|&i| keep(i)) else {
                continue;
            };
            let last = (0..run.words.len())
                .rev()
                .find(|&i| keep(i))
                .unwrap_or(first);
            let range = run.words[first].0.start..run.words[last].0.end;
            let source = cx.doc.source;
            let Some(span) = prose.to_source(range.clone()).filter(|s| {
                source.get(s.clone()).is_some_and(|t| {
                    t.split_whitespace()
                        .eq(prose.text[range.clone()].split_whitespace())
                })
            }) else {
                continue;
            };
            let shown = crate::vocab::check::one_line(&prose.text[range]);
            out.push(
                cx.diagnostic(&Self::META, span, format!("'{shown}' is written in capitals"))
                    .with_help("write it in normal case; if it is an acronym or a name, add it to `[vocabulary] accept`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Tokens;
    use proptest::prelude::*;

    /// Whether the text holds a word in capitals, as the rule tokenises it.
    fn has_caps_word(text: &str) -> bool {
        let toks = Tokens::new(text);
        (0..toks.toks.len()).any(|i| toks.toks[i].word && is_caps(toks.str(i)))
    }

    #[test]
    fn the_byte_check_lets_every_word_in_capitals_through() {
        for text in [
            "URGENT: call",
            "we DON'T agree",
            "FOLLOW-UP now",
            "Ana ist ÜBERALL",
            "DO it",
        ] {
            assert!(has_caps_word(text), "{text}");
            assert!(may_shout(text), "{text}");
        }
        assert!(!may_shout("Call with Ana on June 3, 2024; a Q3 review."));
        assert!(!may_shout("Call with Zoë and Łukasz Żółć."));
    }

    #[test]
    fn acronyms_are_spelled_by_their_long_form() {
        assert!(spells(
            "UPRN",
            &["Unique", "Property", "Reference", "Number"]
        ));
        assert!(spells("TOPS", &["Transform", "to", "Open", "Science"]));
        assert!(!spells("MMIS", &["quality"]));
        let t = "the Controller Area Network (CAN) bus";
        let at = t.find("CAN").unwrap();
        assert!(defined_at(t, &(at..at + 3), "CAN"));
        let t = "the SOW (Statement of Work) is signed";
        assert!(defined_at(t, &(4..7), "SOW"));
        let t = "ship it (URGENT) today";
        let at = t.find("URGENT").unwrap();
        assert!(!defined_at(t, &(at..at + 6), "URGENT"));
    }

    proptest! {
        #[test]
        fn no_word_in_capitals_is_skipped(text in "[A-Za-zÄÖÜäöüßŁłÉé'’‘\\- .,!0-9]{0,40}") {
            if has_caps_word(&text) {
                prop_assert!(may_shout(&text));
            }
        }
    }
}
