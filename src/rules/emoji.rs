use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::bytes::ByteSet;
use crate::document::{BlockKind, SegKind};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Emoji in the report's prose: pictographs (`🎉`, `🙂`, `🐢`), GitHub shortcodes
    /// (`:mailbox:`, `:tada:`) and text emoticons (`:)`, `:-(`, `^^`). A cluster of emoji
    /// written together (with skin tones or joiners) is one finding. Status marks that stand
    /// for a box (`✅`, `✔`, `✓`, `✖`, `❌`, `☑`, `🔲`) and arrows and shapes (`▲`, `●`) are not
    /// emoji. Code, URLs, HTML and quoted material (see `[language] quotes`) are not searched,
    /// and an emoji that also stands in the document's code (a code block or inline code) is a
    /// marker the text points at there (`the 🍓 line`), not tone.
    /// Teams whose reports use emoji on purpose turn the rule off: `[rules] ignore = ["emoji"]`.
    ///
    /// ## Why
    /// A client communication report is a formal record. Emoji carry tone, not information, and
    /// render differently (or not at all) in the tools a report is read and archived in.
    ///
    /// ## Example
    /// ```markdown
    /// The pilot went live on June 3 🎉 and the client is happy :)
    /// ```
    /// reports `🎉` and `:)`.
    ///
    /// ## Fix safety
    /// No fix: whether the emoji carried meaning that words should now say is for the writer.
    pub struct Emoji {
        code: "CCR611",
        name: "emoji",
        severity: Info,
        fix: None,
        summary: "Emoji and emoticons in a formal report",
    }
}

/// Marks that stand for a status box or a list bullet, not emoji.
const STATUS_MARKS: &[char] = &[
    '\u{2705}',
    '\u{2713}',
    '\u{2714}',
    '\u{2716}',
    '\u{2717}',
    '\u{2718}',
    '\u{274c}',
    '\u{274e}',
    '\u{2610}',
    '\u{2611}',
    '\u{2612}',
    '\u{1f532}',
    '\u{1f533}',
    '\u{2b1c}',
    '\u{2b1b}',
];

/// Whether a character is an emoji pictograph (the Unicode emoji blocks; not status marks).
fn is_pictograph(c: char) -> bool {
    // The ranges first: most characters asked about are dashes and quotes, in none of them.
    in_pictograph_ranges(c) && !STATUS_MARKS.contains(&c)
}

fn in_pictograph_ranges(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1F02F   // mahjong, dominoes
        | 0x1F0A0..=0x1F0FF // playing cards
        | 0x1F170..=0x1F251 // enclosed letters used as emoji (🅰, 🆗), regional indicators (flags)
        | 0x1F300..=0x1F5FF // symbols and pictographs
        | 0x1F600..=0x1F64F // emoticons
        | 0x1F680..=0x1F6FF // transport and map
        | 0x1F900..=0x1F9FF // supplemental symbols and pictographs
        | 0x1FA70..=0x1FAFF // extended pictographs
        | 0x2600..=0x26FF   // miscellaneous symbols (☀, ⚡, ⚠)
        | 0x2700..=0x27BF   // dingbats (✨, ✂)
        | 0x2B50 | 0x2B55   // ⭐, ⭕
    )
}

/// Characters that join or modify an emoji: zero-width joiner, variation selectors, skin tones,
/// the keycap mark.
fn is_modifier(c: char) -> bool {
    matches!(
        u32::from(c),
        0x200D | 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3
    )
}

/// Text emoticons, matched as whole words (a space, the start or the end of the text around).
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", "^^", "^_^", ":'(", "<3",
];

/// The emoji of a text: pictograph clusters, shortcodes and emoticons (byte ranges). One pass
/// over the bytes: pictographs start with `E2` (U+2600 to U+2BFF) or `F0` (U+1F000 and up),
/// shortcodes and emoticons with `:`, `;`, `^` or `<`.
pub fn emoji_in(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    let bounded = |start: usize, end: usize| {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        before.is_none_or(char::is_whitespace)
            && after
                .is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | '!' | '?' | ')'))
    };
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that may start one.
        match next_start(bytes, i) {
            Some(at) => i = at,
            None => break,
        }
        let b = bytes[i];
        // U+2000 to U+25FF (`E2 80`..`E2 97`: dashes, quotes, bullets, arrows) hold no
        // pictograph: passed over without decoding.
        if b == 0xE2 && bytes.get(i + 1).is_some_and(|&n| n < 0x98) {
            i += 3;
            continue;
        }
        if b >= 0xE2 {
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                i += 1;
                continue;
            };
            if !is_pictograph(c) {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            i += c.len_utf8();
            while let Some(d) = text.get(i..).and_then(|t| t.chars().next()) {
                if is_pictograph(d) || is_modifier(d) {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
            out.push(start..i);
            continue;
        }
        if !matches!(b, b':' | b';' | b'^' | b'<') {
            i += 1;
            continue;
        }
        // Shortcodes: `:name:` with a letter in the name.
        if b == b':' {
            let name_len = bytes[i + 1..]
                .iter()
                .take_while(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'_' | b'+' | b'-')
                })
                .count();
            let close = i + 1 + name_len;
            if (2..=32).contains(&name_len)
                && bytes.get(close) == Some(&b':')
                && bytes[i + 1..close].iter().any(u8::is_ascii_lowercase)
                && bounded(i, close + 1)
            {
                out.push(i..close + 1);
                i = close + 1;
                continue;
            }
        }
        // An emoticon's second byte is one of few (`)`, `(`, `-`, `D`, …): tested first.
        if bytes
            .get(i + 1)
            .is_some_and(|&n| EMOTICON_SECOND[usize::from(n)])
            && let Some(e) = EMOTICONS
                .iter()
                .find(|e| bytes[i..].starts_with(e.as_bytes()) && bounded(i, i + e.len()))
        {
            out.push(i..i + e.len());
            i += e.len();
            continue;
        }
        i += 1;
    }
    out
}

/// The second bytes of the emoticons.
const EMOTICON_SECOND: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < EMOTICONS.len() {
        let e = EMOTICONS[i].as_bytes();
        assert!(e.len() > 1, "every emoticon is at least two bytes");
        table[e[1] as usize] = true;
        i += 1;
    }
    table
};

/// The bytes an emoji may start with: the first byte of a character from U+2000 to U+2FFF
/// (`E2`: miscellaneous symbols, dingbats, `⭐`) or from U+10000 to U+3FFFF (`F0`: the
/// pictograph planes), or a colon, semicolon, caret or `<`. No other first byte starts a
/// character of [`in_pictograph_ranges`].
const STARTS: [u8; 6] = [b':', b';', b'<', b'^', 0xE2, 0xF0];

/// The byte classes of [`STARTS`]: a prose run whose byte set has none holds no emoji.
const START_CLASSES: ByteSet = ByteSet::of_bytes(&STARTS);

/// [`STARTS`] as a table: for the last few bytes of a text, read one by one.
const MAY_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < STARTS.len() {
        table[STARTS[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether a text may hold an emoji: a byte one may start with.
fn may_hold(text: &str) -> bool {
    next_start(text.as_bytes(), 0).is_some()
}

/// The bytes of [`STARTS`] in eight bytes: the high bit of each.
#[inline]
fn starts_in(w: u64) -> u64 {
    use crate::swar::eq_mask;
    STARTS.into_iter().fold(0, |m, b| m | eq_mask(w, b))
}

/// The position, from `from` on, of the next byte of [`STARTS`]. Eight bytes at a time, each
/// candidate found exactly by its bit (no byte of the eight is read again, so accented letters
/// and dashes cost nothing more than plain ASCII).
fn next_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let m = starts_in(u64::from_le_bytes(word));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let rest = bytes.get(i..)?;
    rest.iter()
        .position(|&b| MAY_START[usize::from(b)])
        .map(|n| i + n)
}

/// The document's code: its code blocks and inline code spans.
fn code_text<'a>(cx: &Context<'a>) -> Vec<&'a str> {
    let doc = cx.doc;
    let blocks = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::CodeBlock)
        .filter_map(|b| doc.source.get(b.span.clone()));
    let spans = doc.prose.iter().flat_map(|p| {
        p.segs
            .iter()
            .filter(|s| s.kind == SegKind::Code)
            .filter_map(|s| p.text.get(s.text_range()))
    });
    blocks.chain(spans).filter(|t| may_hold(t)).collect()
}

impl Rule for Emoji {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let code = code_text(cx);
        for prose in &cx.doc.prose {
            if !prose.bytes.any(START_CLASSES) || cx.skips_run(prose) {
                continue;
            }
            for seg in prose.segs.iter().filter(|s| s.kind == SegKind::Text) {
                let text = &prose.text[seg.text_range()];
                for r in emoji_in(text) {
                    let range = seg.text_start() + r.start..seg.text_start() + r.end;
                    if !cx.is_checked(prose, range.clone()) {
                        continue;
                    }
                    let Some(span) = prose.to_source(range.clone()) else {
                        continue;
                    };
                    let shown = &prose.text[range];
                    if code.iter().any(|c| c.contains(shown)) {
                        continue;
                    }
                    out.push(
                        cx.diagnostic(
                            &Self::META,
                            span,
                            format!("'{shown}' is an emoji in a formal report"),
                        )
                        .with_help(
                            "say it in words, or leave it out: a report's tone stays neutral",
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MAY_START, START_CLASSES, STARTS, emoji_in, next_start};
    use crate::document::bytes::ByteSet;
    use proptest::prelude::*;

    proptest! {
        /// Eight bytes at a time finds what a byte-by-byte search of the table finds.
        #[test]
        fn the_next_start_is_the_first_table_byte(
            text in "([a-z :;<^é—🎉⭐中.]|ab|cd){0,40}",
            from in 0usize..48,
        ) {
            let bytes = text.as_bytes();
            let by_table = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| MAY_START[usize::from(b)]))
                .map(|n| from + n);
            prop_assert_eq!(next_start(bytes, from), by_table);
        }
    }

    /// A text with a byte of [`STARTS`] has one of their classes (`—` and `🎉` stand for `E2`
    /// and `F0`).
    #[test]
    fn every_start_byte_has_its_class() {
        for sample in [":", ";", "<", "^", "\u{2014}", "\u{1f389}"] {
            let b = sample.as_bytes()[0];
            assert!(STARTS.contains(&b), "{sample}");
            assert!(ByteSet::of(sample).any(START_CLASSES), "{sample}");
        }
        assert_eq!(STARTS.len(), 6, "a new start byte needs its class here");
    }

    /// Every pictograph starts with a byte of the table, and none from U+2000 to U+25FF
    /// (passed over undecoded) is one.
    #[test]
    fn the_table_holds_every_pictograph_start() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if super::in_pictograph_ranges(c) {
                assert!(MAY_START[usize::from(bytes[0])], "{c:?}");
            }
            if bytes[0] == 0xE2 && bytes[1] < 0x98 {
                assert!(!super::in_pictograph_ranges(c), "{c:?}");
            }
        }
    }

    fn found(text: &str) -> Vec<&str> {
        emoji_in(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn pictographs_shortcodes_and_emoticons() {
        assert_eq!(found("Live 🎉🎉 today 👍🏽 and 👩‍💻."), ["🎉🎉", "👍🏽", "👩‍💻"]);
        assert_eq!(
            found("Delivery :mailbox: and :tada: done"),
            [":mailbox:", ":tada:"]
        );
        assert_eq!(found("happy :) sad :-( ok ^^"), [":)", ":-(", "^^"]);
        assert!(
            found("✅ Done, ✔ checked, ▲ 3 %, ● item, at 10:30:45, see https://x.y/a:b:")
                .is_empty()
        );
        assert!(found("Time:10:30 and a:b:c and (note:)").is_empty());
    }
}
