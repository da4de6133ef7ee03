//! The parsed document: one pulldown-cmark pass (`build.rs`) producing headings, sections,
//! blocks, list items, tables, links, comments and prose runs, all with byte spans into the
//! original source; the typed report view over it (`report.rs`); line index; dates.

mod build;
pub mod bytes;
pub mod content;
pub mod dates;
pub mod instructions;
pub mod lines;
mod marks;
mod quoted;
pub mod report;
pub mod source;

use std::borrow::Cow;
use std::ops::Range;

pub use build::parser_options;
pub use lines::{LineCol, LineIndex};
pub use quoted::QuoteCues;
pub use report::Report;
pub use source::{SourceError, decode};

/// Whether `hay` contains `needle` ignoring ASCII case, byte by byte: the check that lets a
/// rule or the report view skip text before a pattern or the tokeniser runs on it.
pub fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    contains_ignore_ascii_case_at(hay, needle, 0)
}

/// [`contains_ignore_ascii_case`], searching for the needle's byte at `anchor` (in either
/// case) and comparing the needle around each: a needle searched for often is best anchored
/// at its rarest byte (see [`rarest_byte`]).
pub fn contains_ignore_ascii_case_at(hay: &str, needle: &str, anchor: usize) -> bool {
    // An anchor past the needle's end falls back to its first byte.
    let anchor = if anchor < needle.len() { anchor } else { 0 };
    let Some(&byte) = needle.as_bytes().get(anchor) else {
        return true;
    };
    contains_any_ignore_ascii_case_at(hay, byte, &[(needle, anchor)])
}

/// Whether `hay` contains any of `needles` ignoring ASCII case, each given with its anchor:
/// the position of a byte that is `byte` in one case or the other. One search for that
/// byte serves them all (`yesterday` and `the other day` are both anchored at a `y`).
pub fn contains_any_ignore_ascii_case_at<S: AsRef<str>>(
    hay: &str,
    byte: u8,
    needles: &[(S, usize)],
) -> bool {
    debug_assert!(
        needles.iter().all(|(n, at)| {
            n.as_ref()
                .as_bytes()
                .get(*at)
                .is_some_and(|b| b.eq_ignore_ascii_case(&byte))
        }),
        "every needle holds the searched byte at its anchor"
    );
    let hay = hay.as_bytes();
    let (lower, upper) = (byte.to_ascii_lowercase(), byte.to_ascii_uppercase());
    // `i` is where the anchor byte is in `hay`; a needle starts `at` bytes before it.
    memchr::memchr2_iter(lower, upper, hay).any(|i| {
        needles.iter().any(|(n, at)| {
            let n = n.as_ref().as_bytes();
            i.checked_sub(*at)
                .and_then(|start| hay.get(start..start + n.len()))
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
    })
}

/// The position of the rarest byte of an English phrase, by letter frequency (`y` in `the
/// other day`, not the `t` of every `the`); 0 for an empty one.
pub fn rarest_byte(phrase: &str) -> usize {
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let rarity = |b: u8| match b {
        b' ' => 0,
        _ => BY_FREQUENCY
            .iter()
            .position(|&l| l == b.to_ascii_lowercase())
            .map_or(13, |p| p + 1),
    };
    phrase
        .bytes()
        .enumerate()
        .rev()
        .max_by_key(|&(_, b)| rarity(b))
        .map_or(0, |(i, _)| i)
}

/// The marker that closes an HTML block, for the blocks CommonMark closes by one (kinds 1
/// to 5: `</script>`, `</pre>`, `</style>`, `</textarea>`, `-->`, `?>`, `>` after `<!X`,
/// `]]>`); `None` for the others, which a blank line ends. `block` is the block's source.
/// Such a block runs to the end of the document when the marker never comes, and text
/// removed from inside it may move its end: fixes that insert or delete check this.
pub fn html_block_closer(block: &str) -> Option<String> {
    let text = block.trim_start();
    let opener = text
        .get(..text.len().min(12))
        .unwrap_or(text)
        .to_ascii_lowercase();
    let tag = ["script", "pre", "style", "textarea"]
        .into_iter()
        .find(|t| {
            opener
                .strip_prefix('<')
                .and_then(|o| o.strip_prefix(t))
                .is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with([' ', '\t', '>', '\n', '\r'])
                })
        });
    let closer = match tag {
        Some(tag) => format!("</{tag}>"),
        None if opener.starts_with("<!--") => "-->".to_string(),
        None if opener.starts_with("<?") => "?>".to_string(),
        None if opener.starts_with("<![cdata[") => "]]>".to_string(),
        None if opener.starts_with("<!")
            && opener
                .as_bytes()
                .get(2)
                .is_some_and(u8::is_ascii_alphabetic) =>
        {
            ">".to_string()
        }
        None => return None,
    };
    Some(closer)
}

/// Everything the rules need from the Markdown, built in one pass.
#[derive(Debug)]
pub struct Document<'a> {
    /// The whole original source (including a BOM, if any).
    pub source: &'a str,
    /// Byte length of the UTF-8 BOM at the start (0 or 3).
    pub bom: usize,
    pub front_matter: Option<Range<usize>>,
    pub headings: Vec<Heading>,
    /// One per heading, in document order (`sections[i].heading == i`).
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub items: Vec<ListItem>,
    pub tables: Vec<Table>,
    pub links: Vec<Link>,
    pub comments: Vec<Comment>,
    /// Inline HTML tags outside code (e.g. `<insert client name>`), by span.
    pub inline_html: Vec<Range<usize>>,
    /// Prose runs in document order; each is one paragraph, heading, list item line or table cell.
    pub prose: Vec<Prose<'a>>,
    /// Source ranges of quoted material (blockquotes, quoted speech, transcripts: DESIGN §9),
    /// sorted and disjoint. Its segments are marked [`Seg::quoted`]; no fix edits inside these.
    pub quoted: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// The whole heading, markers included.
    pub span: Range<usize>,
    /// The heading's text as rendered (inline markup removed).
    pub text: String,
    /// Where the text sits in the source when it is one plain run (no inline markup,
    /// escapes or entities): the range a rename can safely replace.
    pub plain_text_span: Option<Range<usize>>,
    pub prose: Option<usize>,
}

/// A heading and everything up to the next heading of the same or a higher level.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: usize,
    pub level: u8,
    /// Heading start to section end.
    pub span: Range<usize>,
    /// After the heading to section end (includes sub-sections).
    pub body: Range<usize>,
    /// Index of the enclosing section, if any.
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    List,
    Table,
    CodeBlock,
    BlockQuote,
    Html,
    ThematicBreak,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Range<usize>,
    /// 0 for blocks at the top level, more inside lists and quotes.
    pub depth: usize,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    /// The whole item, including nested lists.
    pub span: Range<usize>,
    /// 0 for a top-level item.
    pub depth: usize,
    pub parent: Option<usize>,
    pub ordered: bool,
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    /// Prose runs that belong to this item directly (not to nested items).
    pub prose: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub span: Range<usize>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// The cell's content, trimmed; an empty cell is an empty span at its position.
    pub span: Range<usize>,
    pub text: String,
    pub prose: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Inline,
    Reference,
    Autolink,
    Email,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub span: Range<usize>,
    pub text: String,
    pub dest: String,
    pub kind: LinkKind,
    pub image: bool,
}

/// An HTML comment: `<!-- body -->`.
#[derive(Debug, Clone)]
pub struct Comment {
    pub span: Range<usize>,
    pub body: String,
}

/// Where a prose run sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseContext {
    Paragraph,
    Heading(usize),
    ListItem(usize),
    TableCell {
        table: usize,
        row: Option<usize>,
        column: usize,
    },
}

/// What a segment of a prose run is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegKind {
    /// Words the author wrote: the only kind language rules look at.
    Text,
    /// Inline code (the text is the code's content).
    Code,
    /// A URL: autolink text or a bare `https://…` in text.
    Url,
    /// Inline HTML (the text is the tag as written).
    Html,
    /// A soft or hard line break (the text is `\n`).
    Break,
    /// Image alt text and other text that is not prose.
    Other,
}

/// One stretch of a prose run's text and the source bytes it comes from. Offsets are 32-bit:
/// runs are many, and this halves their segment lists; sources of 4 GiB or more are refused
/// before parsing ([`MAX_SOURCE_LEN`]).
#[derive(Debug, Clone)]
pub struct Seg {
    text_start: u32,
    text_len: u32,
    src_start: u32,
    src_end: u32,
    /// The text is byte-for-byte the source (so inner offsets map one to one).
    pub verbatim: bool,
    pub kind: SegKind,
    /// Someone else's words: a blockquote, quoted speech, a transcript (see `quoted.rs`).
    pub quoted: bool,
}

/// The largest source the 32-bit offsets of [`Seg`] can address; a larger text is refused
/// by [`source::decode`], and [`Document::parse`] saturates rather than panics.
pub const MAX_SOURCE_LEN: usize = u32::MAX as usize;

fn offset32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Seg {
    pub fn new(text: Range<usize>, src: Range<usize>, verbatim: bool, kind: SegKind) -> Self {
        Seg {
            text_start: offset32(text.start),
            text_len: offset32(text.len()),
            src_start: offset32(src.start),
            src_end: offset32(src.end),
            verbatim,
            kind,
            quoted: false,
        }
    }
    /// Start of this segment in [`Prose::text`].
    pub fn text_start(&self) -> usize {
        self.text_start as usize
    }
    pub fn text_len(&self) -> usize {
        self.text_len as usize
    }
    pub fn text_end(&self) -> usize {
        self.text_start() + self.text_len()
    }
    /// Its range in [`Prose::text`].
    pub fn text_range(&self) -> Range<usize> {
        self.text_start()..self.text_end()
    }
    /// The source bytes it comes from.
    pub fn src(&self) -> Range<usize> {
        self.src_start as usize..self.src_end as usize
    }
    /// Appends `len` bytes of text that come from the source up to `src_end`.
    pub fn extend(&mut self, len: usize, src_end: usize) {
        self.text_len = offset32(self.text_len() + len);
        self.src_end = offset32(src_end);
    }
}

/// A run of rendered text with an exact mapping back to source bytes.
#[derive(Debug, Clone)]
pub struct Prose<'a> {
    /// The source itself when the run is one verbatim stretch of it (most cells, items and
    /// plain paragraphs), else a rendered copy.
    pub text: Cow<'a, str>,
    pub segs: Vec<Seg>,
    /// First source byte to last source byte of the run.
    pub span: Range<usize>,
    pub context: ProseContext,
    /// Which bytes of interest [`Prose::text`] holds.
    pub bytes: bytes::ByteSet,
}

impl Prose<'_> {
    /// Maps a byte range of [`Prose::text`] to source bytes. `None` when an end falls inside
    /// a segment that is not a verbatim copy of its source (an entity, an escape, a code span).
    pub fn to_source(&self, range: Range<usize>) -> Option<Range<usize>> {
        let start = self.map_offset(range.start, false)?;
        let end = self.map_offset(range.end, true)?;
        (start <= end).then_some(start..end)
    }

    /// Maps source bytes back to a range of [`Prose::text`] (the inverse of
    /// [`Prose::to_source`]); `None` when an end falls inside a segment that is not a
    /// verbatim copy of its source.
    pub fn to_text(&self, src: Range<usize>) -> Option<Range<usize>> {
        let at = |pos: usize, is_end: bool| {
            self.segs.iter().find_map(|s| {
                let r = s.src();
                if pos == r.start && !(is_end && s.text_len() > 0 && pos == r.end) {
                    Some(s.text_start())
                } else if pos == r.end {
                    Some(s.text_end())
                } else if s.verbatim && r.start < pos && pos < r.end {
                    Some(s.text_start() + (pos - r.start))
                } else {
                    None
                }
            })
        };
        let start = at(src.start, false)?;
        let end = at(src.end, true)?;
        (start <= end).then_some(start..end)
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> Option<usize> {
        // The segment containing `offset` (for an end, the one it closes).
        let idx = self.segs.partition_point(|s| {
            if is_end {
                s.text_end() < offset
            } else {
                s.text_end() <= offset
            }
        });
        let seg = self
            .segs
            .get(idx)
            .or_else(|| if is_end { None } else { self.segs.last() })?;
        let inner = offset.checked_sub(seg.text_start())?;
        if inner == 0 {
            return Some(seg.src().start);
        }
        if inner == seg.text_len() {
            return Some(seg.src().end);
        }
        if seg.verbatim && inner < seg.text_len() {
            return Some(seg.src().start + inner);
        }
        None
    }

    /// Whether the whole text range lies in segments of kind `Text` (or line breaks between them).
    pub fn is_plain(&self, range: Range<usize>) -> bool {
        let first = self.segs.partition_point(|s| s.text_end() <= range.start);
        self.segs[first.min(self.segs.len())..]
            .iter()
            .take_while(|s| s.text_start() < range.end.max(range.start + 1))
            .all(|s| matches!(s.kind, SegKind::Text | SegKind::Break))
    }

    /// Whether any of the text range lies in quoted material.
    pub fn is_quoted(&self, range: Range<usize>) -> bool {
        let first = self.segs.partition_point(|s| s.text_end() <= range.start);
        self.segs[first.min(self.segs.len())..]
            .iter()
            .take_while(|s| s.text_start() < range.end.max(range.start + 1))
            .any(|s| s.quoted)
    }

    /// Whether the whole run is quoted material (a blockquote's paragraph, a transcript turn).
    pub fn all_quoted(&self) -> bool {
        !self.segs.is_empty() && self.segs.iter().all(|s| s.quoted)
    }

    /// Ranges in [`Prose::text`] of the words in `Text` segments (runs of non-space
    /// characters containing a letter or digit), for word counts.
    pub fn word_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.segs
            .iter()
            .filter(|s| s.kind == SegKind::Text)
            .flat_map(move |s| {
                let seg = &self.text[s.text_range()];
                crate::chars::whitespace_words(seg)
                    .filter(|(_, w)| crate::chars::first_alphanumeric(w).is_some())
                    .map(move |(at, w)| {
                        let start = s.text_start() + at;
                        start..start + w.len()
                    })
            })
    }
}

impl<'a> Document<'a> {
    /// Parses `source` (already decoded; may start with a BOM) with the built-in data.
    /// Never panics.
    pub fn parse(source: &'a str) -> Self {
        build::build(source, &QuoteCues::builtin())
    }

    /// Parses `source`, reading quoted material with `cues` (the settings' data).
    pub fn parse_with(source: &'a str, cues: &QuoteCues<'_>) -> Self {
        build::build(source, cues)
    }

    /// Whether a source range overlaps quoted material (an empty range: lies strictly inside).
    pub fn overlaps_quoted(&self, range: &Range<usize>) -> bool {
        let i = self.quoted.partition_point(|q| q.end <= range.start);
        self.quoted.get(i).is_some_and(|q| {
            if range.is_empty() {
                q.start < range.start && range.start < q.end
            } else {
                q.start < range.end
            }
        })
    }

    /// The line ending the file uses (from its first line break).
    pub fn newline(&self) -> &'static str {
        match self.source.find('\n') {
            Some(i) if i > 0 && self.source.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// Prose runs that start inside `range`, in order.
    pub fn prose_in(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &Prose<'a>)> {
        let first = self.prose.partition_point(|p| p.span.start < range.start);
        self.prose[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, p)| p.span.start < range.end)
            .map(move |(i, p)| (first + i, p))
    }

    /// Blocks that start inside `range`.
    pub fn blocks_in(&self, range: Range<usize>) -> impl Iterator<Item = &Block> {
        let first = self.blocks.partition_point(|b| b.span.start < range.start);
        self.blocks[first..]
            .iter()
            .take_while(move |b| b.span.start < range.end)
    }

    /// The text of a list item's own prose runs, joined by line breaks.
    pub fn item_text(&self, item: usize) -> String {
        let mut out = String::new();
        for (n, &p) in self.items[item].prose.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&self.prose[p].text);
        }
        out
    }

    /// Where the content starts (after a BOM and front matter).
    pub fn content_start(&self) -> usize {
        self.front_matter.as_ref().map_or(self.bom, |fm| fm.end)
    }
}

#[cfg(test)]
mod tests {
    use super::{
        contains_any_ignore_ascii_case_at, contains_ignore_ascii_case,
        contains_ignore_ascii_case_at, rarest_byte,
    };
    use proptest::prelude::*;

    /// The definition: some window of the haystack equals the needle, ASCII case ignored.
    fn by_windows(hay: &str, needle: &str) -> bool {
        needle.is_empty()
            || hay
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    }

    #[test]
    fn finds_any_case_anywhere() {
        assert!(contains_ignore_ascii_case("We met YESTERDAY.", "yesterday"));
        assert!(contains_ignore_ascii_case("x", ""));
        assert!(!contains_ignore_ascii_case("yesterda", "yesterday"));
        assert!(contains_ignore_ascii_case(
            "the the other Day",
            "the other day"
        ));
    }

    #[test]
    fn the_rarest_letter_anchors_a_phrase() {
        assert_eq!(rarest_byte("the other day"), 12);
        assert_eq!(rarest_byte("yesterday"), 0);
        assert_eq!(rarest_byte(""), 0);
    }

    proptest! {
        #[test]
        fn anchored_anywhere_is_the_window_search(
            hay in "[aAbB yYzZé-]{0,24}",
            needle in "[aAbB yYzZé-]{0,4}",
            anchor in 0usize..5,
        ) {
            prop_assert_eq!(
                contains_ignore_ascii_case_at(&hay, &needle, anchor),
                by_windows(&hay, &needle)
            );
        }

        /// Needles that share their anchor byte (`y`, in either case) are found in one search.
        #[test]
        fn sharing_an_anchor_is_the_window_search_for_each(
            hay in "[aAbB yYzZé-]{0,24}",
            first in "[aAbB -]{0,3}[yY][aAbB yY-]{0,3}",
            second in "[aAbB -]{0,3}[yY][aAbB yY-]{0,3}",
        ) {
            let at = |n: &str| n.bytes().position(|b| b.eq_ignore_ascii_case(&b'y')).unwrap_or(0);
            let needles = [(first.as_str(), at(&first)), (second.as_str(), at(&second))];
            prop_assert_eq!(
                contains_any_ignore_ascii_case_at(&hay, b'y', &needles),
                by_windows(&hay, &first) || by_windows(&hay, &second)
            );
        }

        #[test]
        fn is_the_window_search(hay in "[aAbB yY-]{0,24}", needle in "[aAbB yY-]{0,4}") {
            prop_assert_eq!(contains_ignore_ascii_case(&hay, &needle), by_windows(&hay, &needle));
        }
    }
}
