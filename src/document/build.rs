//! The one Markdown pass. Every later stage reads what this collects; nothing parses again.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::marks::Marks;
use super::source::bom_len;
use super::*;

/// The pulldown-cmark options ccr-lint parses with (the benchmark's floor uses the same).
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Open containers while walking events.
#[derive(Debug, Clone, Copy)]
enum Open {
    Paragraph,
    Heading(usize),
    Item(usize),
    Cell {
        table: usize,
        row: Option<usize>,
        column: usize,
    },
    Other,
}

#[derive(Default)]
struct ProseBuf {
    text: String,
    segs: Vec<Seg>,
}

impl ProseBuf {
    /// The finished run's text: the source itself when the run is one verbatim segment (its
    /// text is then byte for byte `source[src]`); else a copy of the buffer, of its exact
    /// size. The buffer is kept for the next run either way: it has grown to a run's size
    /// once, where a new one would grow again, a reallocation at every doubling.
    fn text_of<'a>(&mut self, source: &'a str, segs: &[Seg]) -> Cow<'a, str> {
        let text = if let [seg] = segs
            && seg.verbatim
            && let Some(verbatim) = source.get(seg.src())
            && verbatim == self.text
        {
            Cow::Borrowed(verbatim)
        } else {
            Cow::Owned(self.text.clone())
        };
        self.text.clear();
        text
    }

    fn push(&mut self, text: &str, src: Range<usize>, verbatim: bool, kind: SegKind) {
        if text.is_empty() {
            return;
        }
        // Merge with the previous segment when both are verbatim text and contiguous in the source.
        if let Some(last) = self.segs.last_mut()
            && last.kind == kind
            && last.verbatim
            && verbatim
            && last.src().end == src.start
        {
            last.extend(text.len(), src.end);
            self.text.push_str(text);
            return;
        }
        let start = self.text.len();
        self.segs
            .push(Seg::new(start..start + text.len(), src, verbatim, kind));
        self.text.push_str(text);
    }
}

struct Builder<'a> {
    doc: Document<'a>,
    stack: Vec<Open>,
    buf: ProseBuf,
    in_code: usize,
    in_html_block: bool,
    in_meta: bool,
    image_depth: usize,
    /// Open lists: whether each is ordered.
    lists: Vec<bool>,
    /// Open links: (start offset in the prose buffer, kind, dest, is image, span).
    links: Vec<(usize, LinkKind, String, bool, Range<usize>)>,
    /// Table being built: (index, current row or None for the header, next column).
    table: Option<(usize, Option<usize>, usize)>,
    /// Open blockquotes: their prose runs are quoted material.
    in_quote: usize,
    /// Where bare URLs may start in the source: `://` and `www.`, found in one pass, so
    /// that a text event asks a lookup instead of searching its text.
    url_marks: Marks,
}

pub(super) fn build<'a>(source: &'a str, cues: &QuoteCues<'_>) -> Document<'a> {
    let base = bom_len(source);
    let doc = Document {
        source,
        bom: base,
        front_matter: None,
        headings: Vec::new(),
        sections: Vec::new(),
        // Reserved generously: untouched capacity costs address space, not time, and
        // growing these by copying showed in profiles of large reports.
        blocks: Vec::with_capacity(source.len() / 128),
        items: Vec::new(),
        tables: Vec::new(),
        links: Vec::new(),
        comments: Vec::new(),
        inline_html: Vec::new(),
        prose: Vec::with_capacity(source.len() / 64),
        quoted: Vec::new(),
    };
    let mut b = Builder {
        doc,
        stack: Vec::new(),
        buf: ProseBuf::default(),
        in_code: 0,
        in_html_block: false,
        in_meta: false,
        image_depth: 0,
        lists: Vec::new(),
        links: Vec::new(),
        table: None,
        in_quote: 0,
        url_marks: Marks::new(source, &["://", "www."]),
    };
    let text = &source[base..];
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        let range = range.start + base..range.end + base;
        b.event(event, range);
    }
    b.flush();
    let mut doc = b.doc;
    doc.blocks.sort_by_key(|b| b.span.start);
    doc.sections = sections(&doc.headings, source.len());
    super::quoted::mark(&mut doc, cues);
    doc
}

impl<'a> Builder<'a> {
    fn src(&self, range: &Range<usize>) -> &'a str {
        self.doc.source.get(range.clone()).unwrap_or("")
    }

    fn block(&mut self, kind: BlockKind, span: Range<usize>) {
        let depth = self
            .stack
            .iter()
            .filter(|o| matches!(o, Open::Item(_) | Open::Other))
            .count();
        self.doc.blocks.push(Block { kind, span, depth });
    }

    /// Ends the current prose run and files it under the innermost container.
    fn flush(&mut self) -> Option<usize> {
        if self.buf.segs.is_empty() {
            self.buf.text.clear();
            return None;
        }
        let context = self
            .stack
            .iter()
            .rev()
            .find_map(|o| match *o {
                Open::Paragraph => None,
                Open::Heading(i) => Some(ProseContext::Heading(i)),
                Open::Item(i) => Some(ProseContext::ListItem(i)),
                Open::Cell { table, row, column } => {
                    Some(ProseContext::TableCell { table, row, column })
                }
                Open::Other => Some(ProseContext::Paragraph),
            })
            .unwrap_or(ProseContext::Paragraph);
        // A copy of exact size (most runs are one segment); the buffer stays for the next run.
        let mut segs = self.buf.segs.clone();
        self.buf.segs.clear();
        if self.in_quote > 0 {
            for s in &mut segs {
                s.quoted = true;
            }
        }
        let span = segs[0].src().start..segs.last().map_or(0, |s| s.src().end);
        let text = self.buf.text_of(self.doc.source, &segs);
        let idx = self.doc.prose.len();
        if let ProseContext::ListItem(i) = context {
            self.doc.items[i].prose.push(idx);
        }
        let bytes = super::bytes::ByteSet::of(&text);
        self.doc.prose.push(Prose {
            text,
            segs,
            span,
            context,
            bytes,
        });
        Some(idx)
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.in_code > 0 || self.in_meta || self.in_html_block {
            return;
        }
        if self.image_depth > 0 {
            return self.buf.push(text, range, false, SegKind::Other);
        }
        let in_autolink = matches!(
            self.links.last(),
            Some((_, LinkKind::Autolink | LinkKind::Email, ..))
        );
        let kind = if in_autolink {
            SegKind::Url
        } else {
            SegKind::Text
        };
        let src = self.src(&range);
        // Find where the rendered text sits in its source (escapes put a backslash before it).
        let (src_range, verbatim) = if src == text {
            (range, true)
        } else if src.strip_suffix(text) == Some("\\") {
            (range.start + 1..range.end, true)
        } else {
            (range, false)
        };
        if kind == SegKind::Text && verbatim && self.url_marks.any_in(&src_range) {
            return self.text_with_urls(text, src_range.start);
        }
        self.buf.push(text, src_range, verbatim, kind);
    }

    /// Splits bare URLs out of verbatim text so language rules never look inside them.
    fn text_with_urls(&mut self, text: &str, src_start: usize) {
        let mut last = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let is_url = at_word_start
                && (rest.starts_with("http://")
                    || rest.starts_with("https://")
                    || rest.starts_with("www."));
            if is_url {
                let len = rest
                    .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
                    .unwrap_or(rest.len());
                // Trailing punctuation ends a sentence, not the URL.
                let len = rest[..len]
                    .trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '\''])
                    .len();
                self.buf.push(
                    &text[last..i],
                    src_start + last..src_start + i,
                    true,
                    SegKind::Text,
                );
                self.buf.push(
                    &text[i..i + len],
                    src_start + i..src_start + i + len,
                    true,
                    SegKind::Url,
                );
                i += len.max(1);
                last = i;
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        self.buf.push(
            &text[last..],
            src_start + last..src_start + text.len(),
            true,
            SegKind::Text,
        );
    }

    fn comments_in(&mut self, range: Range<usize>) {
        let src = self.src(&range);
        let mut from = 0;
        while let Some(open) = src[from..].find("<!--") {
            let start = from + open;
            let Some(close) = src[start + 4..].find("-->") else {
                break;
            };
            let end = start + 4 + close + 3;
            self.doc.comments.push(Comment {
                span: range.start + start..range.start + end,
                body: src[start + 4..end - 3].trim().to_string(),
            });
            from = end;
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => self.text(&t, range),
            Event::Code(t) => {
                if !self.in_meta && self.in_code == 0 {
                    self.buf.push(&t, range, false, SegKind::Code);
                }
            }
            Event::InlineHtml(h) => {
                self.comments_in(range.clone());
                // Comments are neither prose nor HTML the author meant to show.
                let kind = if h.starts_with("<!--") {
                    SegKind::Other
                } else {
                    SegKind::Html
                };
                if kind == SegKind::Html {
                    self.doc.inline_html.push(range.clone());
                }
                self.buf.push(&h, range, true, kind);
            }
            Event::Html(_) => {}
            Event::SoftBreak | Event::HardBreak => {
                if self.in_code == 0 && !self.in_meta {
                    self.buf.push("\n", range, false, SegKind::Break);
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(Open::Item(i)) =
                    self.stack.iter().rev().find(|o| matches!(o, Open::Item(_)))
                {
                    self.doc.items[*i].task = Some(checked);
                }
            }
            Event::FootnoteReference(_) | Event::Rule => {
                if matches!(event, Event::Rule) {
                    self.flush();
                    self.block(BlockKind::ThematicBreak, range);
                }
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.block(BlockKind::Paragraph, range);
                self.stack.push(Open::Paragraph);
            }
            Tag::Heading { level, .. } => {
                self.flush();
                let idx = self.doc.headings.len();
                self.doc.headings.push(Heading {
                    level: level as u8,
                    span: trim_end_newline(self.doc.source, range),
                    text: String::new(),
                    plain_text_span: None,
                    prose: None,
                });
                self.stack.push(Open::Heading(idx));
            }
            Tag::Item => {
                self.flush();
                let parent = self.stack.iter().rev().find_map(|o| match o {
                    Open::Item(i) => Some(*i),
                    _ => None,
                });
                let depth = self
                    .stack
                    .iter()
                    .filter(|o| matches!(o, Open::Item(_)))
                    .count();
                let ordered = self.lists.last().copied().unwrap_or(false);
                let idx = self.doc.items.len();
                self.doc.items.push(ListItem {
                    span: trim_end_newline(self.doc.source, range),
                    depth,
                    parent,
                    ordered,
                    task: None,
                    prose: Vec::new(),
                });
                self.stack.push(Open::Item(idx));
            }
            Tag::List(start) => {
                self.flush();
                self.block(BlockKind::List, range);
                self.lists.push(start.is_some());
                self.stack.push(Open::Other);
            }
            Tag::Table(_) => {
                self.flush();
                self.block(BlockKind::Table, range.clone());
                let idx = self.doc.tables.len();
                self.doc.tables.push(Table {
                    span: range,
                    header: Vec::new(),
                    rows: Vec::new(),
                });
                self.table = Some((idx, None, 0));
                self.stack.push(Open::Other);
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.1 = None;
                    t.2 = 0;
                }
            }
            Tag::TableRow => {
                if let Some((idx, row, col)) = self.table.as_mut() {
                    let table = &mut self.doc.tables[*idx];
                    table.rows.push(Vec::new());
                    *row = Some(table.rows.len() - 1);
                    *col = 0;
                }
            }
            Tag::TableCell => {
                self.flush();
                if let Some((table, row, column)) = self.table {
                    self.stack.push(Open::Cell { table, row, column });
                } else {
                    self.stack.push(Open::Other);
                }
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.block(BlockKind::CodeBlock, range);
                self.in_code += 1;
            }
            Tag::HtmlBlock => {
                self.flush();
                self.block(BlockKind::Html, range);
                self.in_html_block = true;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.block(BlockKind::BlockQuote, range.clone());
                if self.in_code == 0 && !self.in_meta && !self.in_html_block {
                    self.doc
                        .quoted
                        .push(trim_end_newline(self.doc.source, range));
                }
                self.in_quote += 1;
                self.stack.push(Open::Other);
            }
            Tag::FootnoteDefinition(_) => {
                self.flush();
                self.stack.push(Open::Other);
            }
            Tag::MetadataBlock(_) => {
                self.flush();
                // YAML (`---`) and TOML (`+++`) front matter alike.
                self.doc.front_matter = Some(range.start..line_end(self.doc.source, range.end));
                self.in_meta = true;
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            }
            | Tag::Image {
                link_type,
                dest_url,
                ..
            } => {
                let image = self.src(&range).starts_with("![");
                let kind = match link_type {
                    LinkType::Autolink => LinkKind::Autolink,
                    LinkType::Email => LinkKind::Email,
                    LinkType::Inline => LinkKind::Inline,
                    _ => LinkKind::Reference,
                };
                if image {
                    self.image_depth += 1;
                }
                self.links.push((
                    self.buf.text.len(),
                    kind,
                    dest_url.to_string(),
                    image,
                    range,
                ));
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {}
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush();
                self.stack.push(Open::Other);
            }
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph => {
                self.flush();
                self.pop();
            }
            TagEnd::Heading(_) => {
                let prose = self.flush();
                if let Some(Open::Heading(i)) = self.stack.last().copied() {
                    let h = &mut self.doc.headings[i];
                    if let Some(p) = prose {
                        let p = &self.doc.prose[p];
                        h.text = p.text.trim().to_string();
                        if let [seg] = p.segs.as_slice()
                            && seg.verbatim
                            && seg.kind == SegKind::Text
                            && let Some(s) = self.doc.source.get(seg.src())
                        {
                            let lead = s.len() - s.trim_start().len();
                            let trail = s.len() - s.trim_end().len();
                            h.plain_text_span = Some(seg.src().start + lead..seg.src().end - trail);
                        }
                    }
                    h.prose = prose;
                }
                self.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.pop();
            }
            TagEnd::TableCell => {
                let prose = self.flush();
                if let Some(Open::Cell { table, row, .. }) = self.stack.last().copied() {
                    let (text, span) = match prose {
                        Some(p) => {
                            let p = &self.doc.prose[p];
                            (p.text.trim().to_string(), p.span.clone())
                        }
                        None => (String::new(), trimmed(self.doc.source, range.clone())),
                    };
                    let cell = Cell { span, text, prose };
                    let t = &mut self.doc.tables[table];
                    match row {
                        None => t.header.push(cell),
                        Some(r) => t.rows[r].push(cell),
                    }
                    if let Some(tb) = self.table.as_mut() {
                        tb.2 += 1;
                    }
                }
                self.pop();
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.1 = Some(usize::MAX);
                }
            }
            TagEnd::TableRow => {}
            TagEnd::Table => {
                self.table = None;
                self.pop();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                self.pop();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.in_quote = self.in_quote.saturating_sub(1);
                self.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.pop();
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                self.flush();
                self.pop();
            }
            TagEnd::CodeBlock => self.in_code = self.in_code.saturating_sub(1),
            TagEnd::HtmlBlock => {
                self.in_html_block = false;
                if let Some(b) = self
                    .doc
                    .blocks
                    .iter()
                    .rev()
                    .find(|b| b.kind == BlockKind::Html)
                {
                    let span = b.span.clone();
                    self.comments_in(span);
                }
            }
            TagEnd::MetadataBlock(_) => self.in_meta = false,
            TagEnd::Link | TagEnd::Image => {
                if let Some((start, kind, dest, image, span)) = self.links.pop() {
                    if image {
                        self.image_depth = self.image_depth.saturating_sub(1);
                    }
                    let text = self.buf.text.get(start..).unwrap_or("").to_string();
                    self.doc.links.push(Link {
                        span,
                        text,
                        dest,
                        kind,
                        image,
                    });
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }

    fn pop(&mut self) {
        self.stack.pop();
    }
}

/// Drops a trailing line break from a block's range, so spans end on the line they describe.
fn trim_end_newline(source: &str, range: Range<usize>) -> Range<usize> {
    let s = source.get(range.clone()).unwrap_or("");
    let trimmed = s.trim_end_matches(['\n', '\r']);
    range.start..range.start + trimmed.len()
}

fn trimmed(source: &str, range: Range<usize>) -> Range<usize> {
    let s = source.get(range.clone()).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    let start = range.start + lead;
    start..start + t.len()
}

fn line_end(source: &str, at: usize) -> usize {
    let at = at.min(source.len());
    source[at..]
        .find('\n')
        .map_or(source.len(), |i| at + i + 1)
        .max(at)
}

/// Sections from headings: each runs to the next heading of the same or a higher level.
fn sections(headings: &[Heading], len: usize) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::with_capacity(headings.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while let Some(&top) = open.last() {
            if out[top].level >= h.level {
                out[top].span.end = h.span.start;
                out[top].body.end = h.span.start;
                open.pop();
            } else {
                break;
            }
        }
        let parent = open.last().copied();
        out.push(Section {
            heading: i,
            level: h.level,
            span: h.span.start..len,
            body: h.span.end.min(len)..len,
            parent,
        });
        open.push(i);
    }
    for s in &mut out {
        if s.body.start > s.body.end {
            s.body.start = s.body.end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_texts(doc: &Document<'_>) -> Vec<String> {
        doc.prose.iter().map(|p| p.text.to_string()).collect()
    }

    #[test]
    fn verbatim_runs_borrow_the_source_and_rendered_ones_own_their_text() {
        let src = "Plain words here.\n\n| Date | Note |\n| --- | --- |\n| June 3 | Call &amp; notes |\n\n- An *emphasised* item\n- A plain item\n";
        let doc = Document::parse(src);
        let runs: Vec<(&str, bool)> = doc
            .prose
            .iter()
            .map(|p| (p.text.as_ref(), matches!(p.text, Cow::Borrowed(_))))
            .collect();
        assert_eq!(
            runs,
            [
                ("Plain words here.", true),
                ("Date", true),
                ("Note", true),
                ("June 3", true),
                ("Call & notes", false),
                ("An emphasised item", false),
                ("A plain item", true),
            ]
        );
    }

    #[test]
    fn headings_sections_and_items() {
        let src = "# Report\n\n## Executive Summary\n\nText here.\n\n## Action Items\n\n- [ ] Send it — Owner: Jane\n  - nested\n- [x] Done\n";
        let doc = Document::parse(src);
        assert_eq!(doc.headings.len(), 3);
        assert_eq!(doc.headings[1].text, "Executive Summary");
        assert_eq!(&src[doc.headings[1].span.clone()], "## Executive Summary");
        assert_eq!(
            &src[doc.headings[1].plain_text_span.clone().unwrap()],
            "Executive Summary"
        );
        assert_eq!(doc.sections[0].span, 0..src.len());
        assert_eq!(doc.sections[1].parent, Some(0));
        assert_eq!(&src[doc.sections[1].body.clone()], "\n\nText here.\n\n");
        assert_eq!(doc.items.len(), 3);
        assert_eq!(doc.items[0].task, Some(false));
        assert_eq!(doc.items[2].task, Some(true));
        assert_eq!(doc.item_text(0), "Send it — Owner: Jane");
        assert_eq!(doc.items[1].parent, Some(0));
        assert_eq!(doc.item_text(1), "nested");
    }

    #[test]
    fn prose_maps_back_to_source_bytes() {
        let src = "Hello **Zoë** and `code` &amp; [link text](http://x.y) done\\* end\n";
        let doc = Document::parse(src);
        let p = &doc.prose[0];
        assert_eq!(p.text, "Hello Zoë and code & link text done* end");
        let zoe = p.text.find("Zoë").unwrap();
        assert_eq!(&src[p.to_source(zoe..zoe + "Zoë".len()).unwrap()], "Zoë");
        let lt = p.text.find("link text").unwrap();
        assert_eq!(&src[p.to_source(lt..lt + 9).unwrap()], "link text");
        let amp = p.text.find('&').unwrap();
        assert_eq!(&src[p.to_source(amp..amp + 1).unwrap()], "&amp;");
        let code = p.text.find("code").unwrap();
        assert!(!p.is_plain(code..code + 4));
        assert!(p.is_plain(zoe..zoe + 3));
        let end = p.text.find("end").unwrap();
        assert_eq!(&src[p.to_source(end..end + 3).unwrap()], "end");
    }

    #[test]
    fn code_front_matter_and_html_are_not_prose() {
        let src = "---\ntitle: gonna\n---\n\n```\ngonna\n```\n\n<div>gonna</div>\n\nplain <!-- ccr-lint-disable CCR601 --> text\n";
        let doc = Document::parse(src);
        assert!(doc.front_matter.is_some());
        assert_eq!(
            &src[doc.front_matter.clone().unwrap()],
            "---\ntitle: gonna\n---\n"
        );
        let texts = prose_texts(&doc);
        assert_eq!(texts.len(), 1);
        assert!(texts[0].starts_with("plain"));
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(doc.comments[0].body, "ccr-lint-disable CCR601");
    }

    #[test]
    fn tables_have_cells_with_spans() {
        let src = "| Date | Method |\n| --- | --- |\n| June 16, 2024 | Call |\n|  | Email |\n";
        let doc = Document::parse(src);
        let t = &doc.tables[0];
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(&src[t.rows[0][0].span.clone()], "June 16, 2024");
        assert_eq!(t.rows[1][0].text, "");
        assert_eq!(t.rows[1][1].text, "Email");
    }

    #[test]
    fn bom_and_crlf_keep_original_offsets() {
        let src = "\u{feff}# Title\r\n\r\nClient: Zoë\r\nCompany: Ünal GmbH\r\n";
        let doc = Document::parse(src);
        assert_eq!(doc.bom, 3);
        assert_eq!(&src[doc.headings[0].span.clone()], "# Title");
        let p = &doc.prose[1];
        let c = p.text.find("Ünal").unwrap();
        assert_eq!(&src[p.to_source(c..c + "Ünal".len()).unwrap()], "Ünal");
        assert_eq!(doc.newline(), "\r\n");
    }

    #[test]
    fn bare_urls_are_not_text() {
        let src = "See https://example.com/gonna for stuff.\n";
        let doc = Document::parse(src);
        let p = &doc.prose[0];
        let g = p.text.find("gonna").unwrap();
        assert!(!p.is_plain(g..g + 5));
        let s = p.text.find("stuff").unwrap();
        assert!(p.is_plain(s..s + 5));
    }
}
