//! Quoted material: the words in a report that are someone else's (DESIGN §9, "Quoted material
//! is the client's words"). Part of the one Markdown pass: after the events are read, this marks
//! the segments of the prose runs that hold blockquotes (marked while building), quoted speech,
//! transcript turns and speaker lines, and records their source ranges in
//! [`Document::quoted`]. The cue words are data (`rules/quotations.toml`); field names come from
//! `rules/fields.toml`, so that `Owner: Ana` is a field, not a speaker.

use std::ops::Range;

use super::bytes::ByteSet;
use super::{BlockKind, Document, Prose, ProseContext, Seg};
use crate::data::Fields;
use crate::data::quotations::Quotations;

/// What tells quoted material from the author's prose.
#[derive(Debug, Clone, Copy)]
pub struct QuoteCues<'d> {
    pub quotations: &'d Quotations,
    pub fields: &'d Fields,
}

impl QuoteCues<'static> {
    /// The built-in cues.
    pub fn builtin() -> Self {
        let data = crate::settings::builtin_data()
            .expect("built-in data files are valid: tests/data.rs checks every one");
        QuoteCues {
            quotations: &data.quotations,
            fields: &data.fields,
        }
    }
}

/// Marks the quoted material of `doc` (its blockquotes are marked already).
pub(super) fn mark(doc: &mut Document<'_>, cues: &QuoteCues<'_>) {
    let mut marks: Vec<(usize, Range<usize>)> = Vec::new();
    transcript_sections(doc, cues, &mut marks);
    turns(doc, cues, &mut marks);
    speaker_lines(doc, cues, &mut marks);
    // Straight quotes (the run's byte set says), or curly ones (`“` is `E2 80 9C`): those
    // are found once in the whole source, then looked up for each run that is a slice of it
    // and holds an `E2`; a rendered run (`&quot;`) is searched itself, with the curly quote's
    // searcher built once per process.
    static CURLY: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{201c}"));
    let curly = super::marks::Marks::new(doc.source, &["\u{201c}"]);
    for (i, prose) in doc.prose.iter().enumerate() {
        let holds = prose.bytes.any(ByteSet::QUOTE)
            || prose.bytes.any(ByteSet::E2)
                && match &prose.text {
                    std::borrow::Cow::Borrowed(t) => curly.any_in_slice(doc.source, t),
                    std::borrow::Cow::Owned(_) => None,
                }
                .unwrap_or_else(|| CURLY.find(prose.text.as_bytes()).is_some());
        if prose.all_quoted() || !holds {
            continue;
        }
        quoted_speech(prose, cues.quotations, |r| marks.push((i, r)));
    }
    marks.sort_by_key(|(i, r)| (*i, r.start));
    for (i, range) in marks {
        if let Some(prose) = doc.prose.get_mut(i) {
            mark_range(prose, range);
        }
    }
    let mut quoted = std::mem::take(&mut doc.quoted);
    for prose in &doc.prose {
        for s in prose.segs.iter().filter(|s| s.quoted) {
            match quoted.last_mut() {
                Some(last) if last.end == s.src().start => last.end = s.src().end,
                _ => quoted.push(s.src()),
            }
        }
    }
    quoted.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(quoted.len());
    for r in quoted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    doc.quoted = merged;
}

/// Marks `range` of a run's text as quoted: segments inside it, split where a verbatim one
/// crosses its ends (one that is not verbatim is marked whole).
fn mark_range(prose: &mut Prose<'_>, range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    let mut out: Vec<Seg> = Vec::with_capacity(prose.segs.len() + 2);
    for seg in prose.segs.drain(..) {
        let (ts, te) = (seg.text_start(), seg.text_end());
        if te <= range.start || ts >= range.end || seg.quoted {
            out.push(seg);
            continue;
        }
        if !seg.verbatim || (range.start <= ts && te <= range.end) {
            out.push(Seg {
                quoted: true,
                ..seg
            });
            continue;
        }
        // A verbatim segment crossing an end: split it there.
        let cuts = [range.start.max(ts), range.end.min(te)];
        let mut at = ts;
        for (n, end) in cuts.into_iter().chain([te]).enumerate() {
            if end <= at {
                continue;
            }
            let src = seg.src().start + (at - ts)..seg.src().start + (end - ts);
            let mut piece = Seg::new(at..end, src, true, seg.kind);
            piece.quoted = n == 1;
            out.push(piece);
            at = end;
        }
    }
    prose.segs = out;
}

/// The words of a text (lower case), as a heading's cue words are compared.
fn words_lower(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !crate::chars::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Sections under a transcript heading: every run in their body.
fn transcript_sections(
    doc: &Document<'_>,
    cues: &QuoteCues<'_>,
    marks: &mut Vec<(usize, Range<usize>)>,
) {
    for section in &doc.sections {
        let Some(h) = doc.headings.get(section.heading) else {
            continue;
        };
        // Most headings hold no cue word: test the letters before splitting into words.
        if !cues.quotations.may_name_transcript(&h.text)
            || !words_lower(&h.text).any(|w| cues.quotations.is_transcript_word(&w))
        {
            continue;
        }
        for (i, p) in doc.prose_in(section.body.clone()) {
            if !matches!(p.context, ProseContext::Heading(_)) {
                marks.push((i, 0..p.text.len()));
            }
        }
    }
}

/// A time `1:45`, `01:45:10`, `00:00:05:39` at the start of `s`: its length and number of parts.
fn time_at(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first = digits(0);
    if !(1..=2).contains(&first) {
        return None;
    }
    let (mut at, mut parts) = (first, 1);
    while b.get(at) == Some(&b':') && digits(at + 1) == 2 {
        at += 3;
        parts += 1;
    }
    (parts >= 2 && !b.get(at).is_some_and(u8::is_ascii_digit)).then_some((at, parts))
}

/// `[01:45]` or `(01:45)` at the start of a line.
fn bracketed_time(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['[', '(']) else {
        return false;
    };
    time_at(rest).is_some_and(|(len, _)| rest[len..].starts_with([']', ')']))
}

/// A time-code range `00:00:05:39 - 00:00:31:13` (times with seconds) at the start of a line.
fn timecode_range(line: &str) -> bool {
    let Some((len, parts)) = time_at(line) else {
        return false;
    };
    let rest = line[len..].trim_start();
    let Some(rest) = rest.strip_prefix(['-', '\u{2013}', '\u{2014}']) else {
        return false;
    };
    parts >= 3 && time_at(rest.trim_start()).is_some_and(|(_, p)| p >= 3)
}

/// Whether a label reads as a person's name: one to four capitalised words (`Eric Holk`,
/// `David A. Wheeler`, `CRob`, initials such as `VM`), not words in capitals (`ACTION`).
fn is_name(label: &str) -> bool {
    let mut words = 0;
    for w in label.split_whitespace() {
        words += 1;
        if words > 4 {
            return false;
        }
        let mut letters = 0;
        let mut lower = false;
        let mut digits = false;
        let mut chars = w.chars();
        if !chars.next().is_some_and(char::is_uppercase) {
            return false;
        }
        for c in w.chars() {
            if crate::chars::is_alphabetic(c) {
                letters += 1;
                lower |= c.is_lowercase();
            } else if c.is_ascii_digit() {
                digits = true;
            } else if !matches!(c, '.' | '\'' | '-' | '\u{2019}') {
                return false;
            }
        }
        // A handle may hold digits (`Str4d`) when it has lower-case letters; a word in
        // capitals is a name only when short (initials: `VM`), not a label (`ACTION`).
        if !lower && (digits || letters > 3) {
            return false;
        }
    }
    words > 0
}

/// What a line opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// `Name: statement` or `Q: …`.
    Speaker { qa: bool },
    /// Another `Label: …` (a field, `Note:`, `Action:`): the author's.
    Label,
    /// No label.
    Plain,
}

/// The label before a line's colon, without a topic before a dash: `Support burden for 2FA
/// - Jacques` is Jacques speaking about the topic.
fn speaker_label(before_colon: &str) -> &str {
    let label = before_colon.trim();
    // The last spaced dash: found from the end, at a byte that ends one (`-`, or the last
    // byte of `–` `E2 80 93` or `—` `E2 80 94`).
    let b = label.as_bytes();
    let mut end = b.len();
    while let Some(at) = memchr::memrchr3(b'-', 0x93, 0x94, &b[..end]) {
        end = at;
        let dash = match b[at] {
            b'-' => Some(at..at + 1),
            _ if at >= 2 && b[at - 2] == 0xE2 && b[at - 1] == 0x80 => Some(at - 2..at + 1),
            _ => None,
        };
        if let Some(d) = dash
            && d.start > 0
            && b[d.start - 1] == b' '
            && b.get(d.end) == Some(&b' ')
        {
            return label[d.end + 1..].trim();
        }
    }
    label
}

/// What a label says of its line, whatever follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    /// Not a label (too long, or a sentence's punctuation in it).
    Plain,
    /// A field, a note's label, a label known not to name a speaker.
    Label,
    /// `Q`, `A`, `Question`, …
    QuestionAnswer,
    /// A name that is none of the above: a speaker when a statement follows.
    Name,
}

fn label_kind(label: &str, cues: &QuoteCues<'_>) -> LabelKind {
    if label.is_empty()
        || label.split_whitespace().count() > 4
        || label.contains(['.', ',', ';', '!', '?']) && !is_name(label)
    {
        return LabelKind::Plain;
    }
    // The cheap tests first: most `Label:` leads are fields of a log or a task list.
    let qa = label.len() <= 2;
    let name = is_name(label);
    if !qa && !name {
        return LabelKind::Label;
    }
    let key = label.to_lowercase();
    if cues.quotations.is_question_answer(&key) {
        return LabelKind::QuestionAnswer;
    }
    if !name
        || cues.quotations.is_not_speaker(&key)
        || cues.fields.field(label).is_some()
        || cues.fields.log_column(label).is_some()
        || cues.fields.task_column(label).is_some()
    {
        return LabelKind::Label;
    }
    LabelKind::Name
}

/// The kinds of the labels seen so far in a document, by the text before their colon: a
/// report repeats its few labels (`Method:`, `Summary:`) on every entry, and reading one
/// costs several lookups.
type LabelKinds<'a> = foldhash::HashMap<&'a str, LabelKind>;

fn lead<'a>(line: &'a str, cues: &QuoteCues<'_>, kinds: &mut LabelKinds<'a>) -> Lead {
    // A label is short: its colon is in the first 48 bytes (a byte search: the 48th byte may
    // fall inside a character).
    let Some(colon) = line.bytes().take(48).position(|b| b == b':') else {
        return Lead::Plain;
    };
    let after = &line[colon + 1..];
    if !after.starts_with(char::is_whitespace) {
        return Lead::Plain;
    }
    // Keyed by the text before the colon, which decides the label: a repeated label costs a
    // lookup and nothing more.
    let before = &line[..colon];
    let kind = *kinds
        .entry(before)
        .or_insert_with(|| label_kind(speaker_label(before), cues));
    let words = || {
        after
            .split_whitespace()
            .filter(|w| w.chars().any(crate::chars::is_alphanumeric))
            .take(3)
            .count()
    };
    match kind {
        LabelKind::Plain => Lead::Plain,
        LabelKind::Label => Lead::Label,
        // `A: !!` is an answer too, whatever its words.
        LabelKind::QuestionAnswer if words() > 0 || !after.trim().is_empty() => {
            Lead::Speaker { qa: true }
        }
        LabelKind::QuestionAnswer => Lead::Label,
        LabelKind::Name if words() < 3 => Lead::Label,
        LabelKind::Name => Lead::Speaker { qa: false },
    }
}

/// The ranges of the lines of a text (without their `\n`).
fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    text.split('\n').map(move |l| {
        let r = at..at + l.len();
        at += l.len() + 1;
        r
    })
}

/// Whether the source of a run opens with strong emphasis (`**` or `__` before its text).
fn opens_bold(doc: &Document<'_>, p: &Prose<'_>) -> bool {
    doc.source
        .get(..p.span.start)
        .is_some_and(|s| s.ends_with("**") || s.ends_with("__"))
}

/// Whether the source of a run closes with strong emphasis (`**` or `__` after its text).
fn closes_bold(doc: &Document<'_>, p: &Prose<'_>) -> bool {
    doc.source
        .get(p.span.end..)
        .is_some_and(|s| s.starts_with("**") || s.starts_with("__"))
}

/// A run that is a name alone in bold: `**Nate**`, `**Daira:**`.
fn bold_name_alone(doc: &Document<'_>, p: &Prose<'_>, cues: &QuoteCues<'_>) -> bool {
    // A name is a few words: a longer run is not one (tested before anything scans it).
    if p.text.len() > 64 || !opens_bold(doc, p) || !closes_bold(doc, p) {
        return false;
    }
    let text = p.text.trim().trim_end_matches(':').trim_end();
    if text.contains('\n') || !is_name(text) {
        return false;
    }
    let key = text.to_lowercase();
    !cues.quotations.is_not_speaker(&key)
        && cues.fields.field(text).is_none()
        && cues.fields.log_column(text).is_none()
        && cues.fields.task_column(text).is_none()
}

/// A run that opens a transcript turn with a time stamp: `[01:45] - **Dodger**`, a time-code
/// range, or `**Phil  3:54** We are …` (a name and a time in bold).
fn timed_turn(doc: &Document<'_>, p: &Prose<'_>) -> bool {
    // A time stamp opens with `[`, `(` or a digit; otherwise a name in bold opens the run.
    let bold = opens_bold(doc, p);
    if !bold
        && !p
            .text
            .trim_start()
            .starts_with(|c: char| c == '[' || c == '(' || c.is_ascii_digit())
    {
        return false;
    }
    let first = p.text.split('\n').next().unwrap_or("").trim_start();
    if bracketed_time(first) || timecode_range(first) {
        return true;
    }
    // `Name 3:54`: up to four name words, then the time.
    if !bold {
        return false;
    }
    let mut rest = first;
    for n in 0..4 {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_end);
        if n > 0 && time_at(word).is_some() {
            return true;
        }
        if !is_name(word) {
            return false;
        }
        rest = after.trim_start();
    }
    time_at(rest).is_some()
}

/// Transcript turns: from a run that opens one to the next heading, thematic break or turn.
fn turns(doc: &Document<'_>, cues: &QuoteCues<'_>, marks: &mut Vec<(usize, Range<usize>)>) {
    let alone: Vec<bool> = doc
        .prose
        .iter()
        .map(|p| p.context == ProseContext::Paragraph && bold_name_alone(doc, p, cues))
        .collect();
    // A name alone in bold opens a turn in a document where one such name recurs (`**Nate**`
    // twice): a bold line such as `**Hyperledger Project**` said once is a title, not a speaker.
    let mut seen: Vec<&str> = Vec::new();
    let mut named_turns = false;
    for (p, _) in doc.prose.iter().zip(&alone).filter(|(_, a)| **a) {
        let name = p.text.trim().trim_end_matches(':').trim_end();
        if seen.contains(&name) {
            named_turns = true;
            break;
        }
        seen.push(name);
    }
    let breaks: Vec<usize> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ThematicBreak)
        .map(|b| b.span.start)
        .collect();
    let mut next_break = 0;
    let mut in_turn = false;
    for (i, p) in doc.prose.iter().enumerate() {
        while breaks.get(next_break).is_some_and(|&b| b < p.span.start) {
            next_break += 1;
            in_turn = false;
        }
        match p.context {
            ProseContext::Heading(_) => {
                in_turn = false;
                continue;
            }
            ProseContext::TableCell { .. } => continue,
            ProseContext::Paragraph | ProseContext::ListItem(_) => {}
        }
        if (named_turns && alone[i]) || timed_turn(doc, p) {
            in_turn = true;
        }
        if in_turn {
            marks.push((i, 0..p.text.len()));
        }
    }
}

/// `Name: statement` lines with their continuation lines, and list items that are a `Name:`
/// alone with the items under them (the speaker's points), in a document where one speaker
/// speaks twice (a list of labels such as `Appreciations:`, `Concerns:` names each once);
/// `Q:`/`A:` lines always.
fn speaker_lines(doc: &Document<'_>, cues: &QuoteCues<'_>, marks: &mut Vec<(usize, Range<usize>)>) {
    let mut found: Vec<(usize, Range<usize>, bool)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut recurs = false;
    let mut kinds = LabelKinds::default();
    for (i, p) in doc.prose.iter().enumerate() {
        if !matches!(
            p.context,
            ProseContext::Paragraph | ProseContext::ListItem(_)
        ) || p.all_quoted()
            || !p.bytes.any(ByteSet::COLON)
        {
            continue;
        }
        // `* Abhishek:` alone: the speaker of the items nested under it.
        if let ProseContext::ListItem(item) = p.context
            && let Some(label) = p.text.trim().strip_suffix(':')
            && is_name(label.trim())
            && !cues.quotations.is_not_speaker(&label.trim().to_lowercase())
            && cues.fields.field(label).is_none()
            && cues.fields.log_column(label).is_none()
            && cues.fields.task_column(label).is_none()
        {
            let name = label.trim().to_lowercase();
            recurs |= names.contains(&name);
            names.push(name);
            found.push((i, 0..p.text.len(), false));
            let span = doc.items[item].span.clone();
            for (j, q) in doc.prose_in(span) {
                if j != i {
                    found.push((j, 0..q.text.len(), false));
                }
            }
            continue;
        }
        let mut open: Option<(usize, bool)> = None;
        for line in line_ranges(&p.text) {
            let text = p.text[line.clone()].trim_start();
            match lead(text, cues, &mut kinds) {
                Lead::Speaker { qa } => {
                    if !qa {
                        let name =
                            speaker_label(&text[..text.find(':').unwrap_or(0)]).to_lowercase();
                        recurs |= names.contains(&name);
                        names.push(name);
                    }
                    if let Some((start, qa)) = open.take() {
                        found.push((i, start..line.start.saturating_sub(1), qa));
                    }
                    open = Some((line.start, qa));
                }
                Lead::Label => {
                    if let Some((start, qa)) = open.take() {
                        found.push((i, start..line.start.saturating_sub(1), qa));
                    }
                }
                Lead::Plain => {}
            }
        }
        if let Some((start, qa)) = open {
            found.push((i, start..p.text.len(), qa));
        }
    }
    for (i, range, qa) in found {
        if qa || recurs {
            marks.push((i, range));
        }
    }
}

/// Quoted speech in a run's text: a stretch in double quotes (straight or curly) of at least
/// `min-quote-words` words, or one a speech verb or a colon introduces.
fn quoted_speech(p: &Prose<'_>, q: &Quotations, mut mark: impl FnMut(Range<usize>)) {
    let text = p.text.as_ref();
    let mut at = 0;
    while let Some(open) = text[at..].find(['"', '\u{201c}']).map(|o| at + o) {
        let (close_char, open_len) = if text[open..].starts_with('"') {
            ('"', 1)
        } else {
            ('\u{201d}', '\u{201c}'.len_utf8())
        };
        let Some(close) = text[open + open_len..]
            .find(close_char)
            .map(|c| open + open_len + c)
        else {
            break;
        };
        let end = close + close_char.len_utf8();
        at = end;
        let inner = &text[open + open_len..close];
        if !p.is_plain(open..end) {
            continue;
        }
        let words = inner
            .split_whitespace()
            .filter(|w| w.chars().any(crate::chars::is_alphanumeric))
            .count();
        if words == 0 {
            continue;
        }
        let before = text[..open].trim_end();
        let introduced = before.ends_with(':')
            || before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .map(|w| w.trim_end_matches(',').to_lowercase())
                .is_some_and(|w| q.is_speech_verb(&w));
        if words >= q.min_quote_words || introduced {
            mark(open..end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_names() {
        assert_eq!(time_at("01:45]"), Some((5, 2)));
        assert_eq!(time_at("00:00:05:39 -"), Some((11, 4)));
        assert_eq!(time_at("2024-06"), None);
        assert_eq!(time_at("123:45"), None);
        assert!(bracketed_time("[01:45] - Dodger"));
        assert!(timecode_range("00:00:05:39 - 00:00:31:13"));
        assert!(!timecode_range("10:32 - we noticed"));
        for name in ["Eric Holk", "David A. Wheeler", "CRob", "VM", "Mdawson"] {
            assert!(is_name(name), "{name}");
        }
        for label in ["ACTION", "next steps", "We agreed on things today now"] {
            assert!(!is_name(label), "{label}");
        }
    }

    proptest::proptest! {
        /// The label after the last spaced dash, as searching for each dash gives it.
        #[test]
        fn speaker_label_is_after_the_last_spaced_dash(text in "[a -\u{2013}\u{2014}\u{e9}\u{2093}]{0,16}") {
            let defined = {
                let label = text.trim();
                [" - ", " \u{2013} ", " \u{2014} "]
                    .iter()
                    .filter_map(|sep| label.rfind(sep).map(|i| i + sep.len()))
                    .max()
                    .map_or(label, |from| label[from..].trim())
            };
            proptest::prop_assert_eq!(speaker_label(&text), defined);
        }
    }

    #[test]
    fn splitting_a_verbatim_segment_keeps_the_mapping() {
        let src = "He said \"we are not happy\" today.\n";
        let doc = Document::parse(src);
        let p = &doc.prose[0];
        assert_eq!(p.segs.len(), 3);
        let q = p.text.find('"').unwrap();
        assert!(p.is_quoted(q..q + 1));
        assert!(!p.is_quoted(0..2));
        let t = p.text.find("today").unwrap();
        assert!(!p.is_quoted(t..t + 5));
        assert_eq!(&src[p.to_source(t..t + 5).unwrap()], "today");
        assert_eq!(doc.quoted, vec![8..26]);
    }
}
