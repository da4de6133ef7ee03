//! The typed report view over a [`Document`]: which headings are the report's sections.
//! Built from the one pass; never parses Markdown again.

use crate::data::SectionSet;

use super::Document;

/// A heading recognised as one of the report's sections.
#[derive(Debug, Clone)]
pub struct FoundSection {
    /// Index into [`SectionSet::sections`].
    pub kind: usize,
    /// Index into [`Document::sections`] (and [`Document::headings`]).
    pub section: usize,
    /// A second occurrence of a kind already found.
    pub duplicate: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Recognised sections in document order.
    pub sections: Vec<FoundSection>,
    /// The level most sections are written at (ties: the higher level).
    pub section_level: Option<u8>,
    /// What the sections say (client, period, dates, entries, tasks, …).
    pub content: super::content::Content,
}

impl Report {
    pub fn build(doc: &Document<'_>, set: &SectionSet) -> Self {
        let candidates: Vec<(usize, usize)> = doc
            .headings
            .iter()
            .enumerate()
            .filter_map(|(i, h)| set.match_heading(&h.text).map(|kind| (kind, i)))
            .collect();
        let nested = |i: usize| is_nested_in(doc, &candidates, i);
        let top_kinds: Vec<usize> = candidates
            .iter()
            .filter(|(_, i)| !nested(*i))
            .map(|(k, _)| *k)
            .collect();
        let mut sections: Vec<FoundSection> = Vec::new();
        for &(kind, i) in &candidates {
            // A heading inside another section that names a kind the report has at the top
            // (e.g. "#### Summary" inside an interaction entry) is a sub-heading, not a section.
            if nested(i) && top_kinds.contains(&kind) {
                continue;
            }
            let duplicate = sections.iter().any(|f| f.kind == kind);
            sections.push(FoundSection {
                kind,
                section: i,
                duplicate,
            });
        }
        let mut counts = [0usize; 7];
        for f in sections.iter().filter(|f| !f.duplicate) {
            counts[usize::from(doc.headings[f.section].level.min(6))] += 1;
        }
        let section_level = (1..=6u8)
            .filter(|&l| counts[usize::from(l)] > 0)
            .max_by_key(|&l| (counts[usize::from(l)], std::cmp::Reverse(l)));
        Report {
            sections,
            section_level,
            content: Default::default(),
        }
    }

    /// The sections and their content, as the rules see them.
    pub fn build_with(doc: &Document<'_>, settings: &crate::settings::Settings) -> Self {
        let mut report = Report::build(doc, &settings.data.sections);
        report.content = super::content::Content::build(
            doc,
            &settings.data.sections,
            &report.sections,
            &settings.data.fields,
            settings.date_order,
        );
        report
    }

    /// The first occurrence of a section kind.
    pub fn first(&self, kind: usize) -> Option<&FoundSection> {
        self.sections.iter().find(|f| f.kind == kind)
    }

    /// The first occurrence of the section with this id (e.g. `"executive-summary"`).
    pub fn section<'d>(
        &self,
        doc: &'d Document<'_>,
        set: &SectionSet,
        id: &str,
    ) -> Option<&'d super::Section> {
        let kind = set.find(id)?;
        self.first(kind).map(|f| &doc.sections[f.section])
    }
}

fn is_nested_in(doc: &Document<'_>, candidates: &[(usize, usize)], heading: usize) -> bool {
    let mut parent = doc.sections[heading].parent;
    while let Some(p) = parent {
        if candidates.iter().any(|&(_, i)| i == p) {
            return true;
        }
        parent = doc.sections[p].parent;
    }
    false
}
