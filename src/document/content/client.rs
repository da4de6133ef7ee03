//! Client Details: `Key: value` lines and items, and two-column or header tables.

use super::super::ProseContext;
use super::toolkit::{key_value, lines, shift, val};
use super::{ClientField, Cx, Val};

impl Cx<'_, '_> {
    pub(super) fn client(&mut self) {
        let Some(section) = self.content.client_section else {
            return;
        };
        let Some(body) = self.body(Some(section)) else {
            return;
        };
        let mut out = Vec::new();
        for (_, p) in self.doc.prose_in(body.clone()) {
            if matches!(
                p.context,
                ProseContext::TableCell { .. } | ProseContext::Heading(_)
            ) {
                continue;
            }
            for line in lines(&p.text) {
                let Some(l) = p.text.get(line.clone()) else {
                    continue;
                };
                let Some((k, v)) = key_value(l) else { continue };
                let Some(id) = self.fields.field(&l[k.clone()]) else {
                    continue;
                };
                let key = val(p, shift(k, line.start));
                let mut value = val(p, shift(v, line.start));
                if value.is_empty() {
                    value.span = key.span.clone();
                }
                out.push(ClientField {
                    id: id.to_string(),
                    key,
                    value,
                });
            }
        }
        for t in self
            .doc
            .tables
            .iter()
            .filter(|t| body.contains(&t.span.start))
        {
            let cell_val = |c: &super::super::Cell| Val {
                text: c.text.clone(),
                span: c.span.clone(),
            };
            // Header names the fields, first row holds the values.
            if t.header
                .iter()
                .filter(|c| self.fields.field(&c.text).is_some())
                .count()
                >= 2
            {
                for (col, h) in t.header.iter().enumerate() {
                    let (Some(id), Some(row)) = (self.fields.field(&h.text), t.rows.first()) else {
                        continue;
                    };
                    let value = row.get(col).map_or(
                        Val {
                            text: String::new(),
                            span: h.span.clone(),
                        },
                        cell_val,
                    );
                    out.push(ClientField {
                        id: id.to_string(),
                        key: cell_val(h),
                        value,
                    });
                }
                continue;
            }
            // Two columns: field name, value (the header row may itself be a field).
            for row in std::iter::once(&t.header).chain(&t.rows) {
                let (Some(k), Some(v)) = (row.first(), row.get(1)) else {
                    continue;
                };
                if let Some(id) = self.fields.field(&k.text) {
                    out.push(ClientField {
                        id: id.to_string(),
                        key: cell_val(k),
                        value: cell_val(v),
                    });
                }
            }
        }
        self.content.client = out;
    }
}
