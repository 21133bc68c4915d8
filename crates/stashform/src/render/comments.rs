//! Which node each comment of a text belongs to, so that the formatter can move comments with
//! their nodes when it reorders keys.
//!
//! - An own-line comment belongs to the entry or list item that starts after it; one above
//!   the first node of a document stays at the top of the document; one followed by a `---`
//!   before that node belongs before that document's `---`; one after every node ends the
//!   file.
//! - A trailing comment belongs to the innermost entry or item that starts before it on or
//!   above its line (`key: value # c`, `key: # c` above a block, `- a # c`).
//! - An own-line comment indented deeper than the node below it ends a block: the block of the
//!   last node before it that is indented like it or less (a commented-out key at the end of a
//!   block stays at the end of that block, wherever its keys move).
//! - A blank line above a comment or a node is kept as one blank line.

use stashform_yaml::comments::{Comment, comments};

use crate::source::Span;
use crate::source::node::{Key, Node, Value};
use crate::source::yaml::Document;

/// An entry (by its key's offset) or a list item (by its dash's offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub(crate) struct NodeId {
    offset: usize,
    /// Items sort before the entries that start on their line: the item is the outer node.
    is_entry: bool,
}

impl NodeId {
    pub(crate) fn entry(key: &Key) -> Self {
        Self {
            offset: key.span.start,
            is_entry: true,
        }
    }

    fn item(offset: usize) -> Self {
        Self {
            offset,
            is_entry: false,
        }
    }
}

/// A line the formatter writes before a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lead {
    Blank,
    Comment(String),
}

/// Where the formatter writes a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// On the lines above a node.
    Leading(NodeId),
    /// At the end of a node's line.
    Trailing(NodeId),
    /// At the end of a block (a collection, by its span start): own-line comments indented
    /// deeper than the node below them.
    End(usize),
}

/// Every comment of a text, attached to a node or a place between documents.
#[derive(Debug, Default)]
pub(crate) struct Attached {
    /// Sorted by place (one sorted list rather than maps: less code in wasm).
    places: Vec<(Place, Vec<Lead>)>,
    /// Before document `i`'s `---`; the last one ends the file.
    before: Vec<Vec<Lead>>,
    /// At the top of document `i`, above its first node wherever that moves.
    head: Vec<Vec<Lead>>,
    /// `(item span start, dash offset)` of every list item, sorted.
    dashes: Vec<(usize, usize)>,
}

struct Anchor {
    id: NodeId,
    document: usize,
    /// Where the collection holding the node starts.
    block: usize,
}

impl Attached {
    /// Whether `text` has anything to keep besides its values (a comment or a blank line):
    /// without, the plain renderer does the same work faster.
    pub(crate) fn needed(text: &str) -> bool {
        text.contains('#') || has_blank_line(text)
    }

    pub(crate) fn new(text: &str, documents: &[Document]) -> Self {
        let found = comments(text);
        let mut attached = Self {
            before: vec![Vec::new(); documents.len() + 1],
            head: vec![Vec::new(); documents.len()],
            ..Self::default()
        };
        let mut anchors = Vec::new();
        for (document, doc) in documents.iter().enumerate() {
            let mut stack = vec![&doc.root];
            while let Some(node) = stack.pop() {
                match &node.value {
                    Value::Map(entries) => {
                        for (key, value) in entries {
                            anchors.push(Anchor {
                                id: NodeId::entry(key),
                                document,
                                block: node.span.start,
                            });
                            stack.push(value);
                        }
                    }
                    Value::Seq(items) => {
                        for item in items {
                            let dash = item_dash(text, &found, item);
                            attached.dashes.push((item.span.start, dash));
                            anchors.push(Anchor {
                                id: NodeId::item(dash),
                                document,
                                block: node.span.start,
                            });
                            stack.push(item);
                        }
                    }
                    _ => {}
                }
            }
        }
        // Aliases copy nodes with their spans: one anchor per place in the text.
        stashform_yaml::order::sort_by_key(&mut anchors, |a| a.id);
        anchors.dedup_by_key(|a| a.id);
        let markers = document_markers(text);
        // Markers are in text order: the first one after `from` decides.
        let marker_between = |from: usize, to: usize| {
            markers
                .get(markers.partition_point(|&m| m <= from))
                .is_some_and(|&m| m < to)
        };

        // Each comment's place, in text order (kept by the stable sort below).
        let mut placed: Vec<(Place, Lead)> = Vec::new();
        for comment in &found {
            let at = comment.span.start;
            let lead = Lead::Comment(text[at..comment.span.end].trim_end().to_owned());
            if !comment.own_line {
                let before = anchors.partition_point(|a| a.id.offset <= at);
                if let Some(anchor) = before.checked_sub(1).map(|i| &anchors[i])
                    && !marker_between(anchor.id.offset, at)
                {
                    placed.push((Place::Trailing(anchor.id), lead));
                    continue;
                }
            }
            let blank = blank_above(text, at).then_some(Lead::Blank);
            let next = anchors.partition_point(|a| a.id.offset <= at);
            let first_of_document =
                |i: usize| i == 0 || anchors[i - 1].document != anchors[i].document;
            let place = if let Some(block) = ends_block(text, &anchors, next, at, &marker_between) {
                Place::End(block)
            } else {
                let target = match anchors.get(next) {
                    Some(anchor) if !marker_between(at, anchor.id.offset) => {
                        if !first_of_document(next) {
                            placed.extend(blank.map(|b| (Place::Leading(anchor.id), b)));
                            placed.push((Place::Leading(anchor.id), lead));
                            continue;
                        }
                        &mut attached.head[anchor.document]
                    }
                    Some(anchor) => &mut attached.before[anchor.document],
                    None => &mut attached.before[documents.len()],
                };
                target.extend(blank);
                target.push(lead);
                continue;
            };
            placed.extend(blank.map(|b| (place, b)));
            placed.push((place, lead));
        }
        for (i, anchor) in anchors.iter().enumerate() {
            let at = anchor.id.offset;
            let line = line_start(text, at);
            // First on its line (an explicit key's `?` aside): entries after a dash share the
            // item's line, and the item holds the blank line.
            let before = text[line..at].trim();
            if (before.is_empty() || before == "?") && blank_above(text, at) {
                if i == 0 || anchors[i - 1].document != anchor.document {
                    attached.head[anchor.document].push(Lead::Blank);
                } else {
                    placed.push((Place::Leading(anchor.id), Lead::Blank));
                }
            }
        }
        stashform_yaml::order::sort_by_key(&mut placed, |(place, _)| *place);
        for (place, lead) in placed {
            match attached.places.last_mut() {
                Some((last, leads)) if *last == place => match (place, leads.last_mut(), lead) {
                    // Several trailing comments of one node (a multi-line value): one line.
                    (Place::Trailing(_), Some(Lead::Comment(text)), Lead::Comment(more)) => {
                        text.push(' ');
                        text.push_str(&more);
                    }
                    (_, _, lead) => leads.push(lead),
                },
                _ => attached.places.push((place, vec![lead])),
            }
        }
        stashform_yaml::order::sort(&mut attached.dashes);
        attached
    }

    fn take(&mut self, place: Place) -> Vec<Lead> {
        match self.places.binary_search_by_key(&place, |(p, _)| *p) {
            Ok(i) => std::mem::take(&mut self.places[i].1),
            Err(_) => Vec::new(),
        }
    }

    pub(crate) fn item_id(&self, item: &Node) -> NodeId {
        let dash = match self
            .dashes
            .binary_search_by_key(&item.span.start, |(start, _)| *start)
        {
            Ok(i) => self.dashes[i].1,
            Err(_) => item.span.start,
        };
        NodeId::item(dash)
    }

    pub(crate) fn take_leading(&mut self, id: NodeId) -> Vec<Lead> {
        self.take(Place::Leading(id))
    }

    pub(crate) fn take_trailing(&mut self, id: NodeId) -> Option<String> {
        match self.take(Place::Trailing(id)).pop() {
            Some(Lead::Comment(text)) => Some(text),
            _ => None,
        }
    }

    /// The comments that end the block (collection) starting at `block`.
    pub(crate) fn take_end(&mut self, block: usize) -> Vec<Lead> {
        self.take(Place::End(block))
    }

    pub(crate) fn take_before(&mut self, document: usize) -> Vec<Lead> {
        self.before
            .get_mut(document)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    pub(crate) fn take_head(&mut self, document: usize) -> Vec<Lead> {
        self.head
            .get_mut(document)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Comments of nodes in `span` that were not written (in text order).
    pub(crate) fn take_within(&mut self, span: Span) -> Vec<Lead> {
        let mut left: Vec<(usize, Vec<Lead>)> = Vec::new();
        for (place, leads) in &mut self.places {
            let offset = match *place {
                Place::Leading(id) | Place::Trailing(id) => id.offset,
                Place::End(block) => block,
            };
            if span.start <= offset && offset <= span.end && !leads.is_empty() {
                left.push((offset, std::mem::take(leads)));
            }
        }
        stashform_yaml::order::sort_by_key(&mut left, |(offset, _)| *offset);
        left.into_iter()
            .flat_map(|(_, leads)| leads)
            .filter(|lead| matches!(lead, Lead::Comment(_)))
            .collect()
    }
}

/// Where a list item's `-` is (the item's own start for flow items): comments between the
/// dash and the item (`- # note` above a mapping) and a block scalar's header (`- | # note`:
/// the scalar starts at its content) are stepped over.
pub(crate) fn item_dash(text: &str, comments: &[Comment], item: &Node) -> usize {
    let bytes = text.as_bytes();
    let mut at = item.span.start.min(text.len());
    let mut header = matches!(item.value, Value::Str(_));
    loop {
        while at > 0 && bytes[at - 1].is_ascii_whitespace() {
            at -= 1;
        }
        let in_comment = comments.partition_point(|c| c.span.end < at);
        match comments.get(in_comment) {
            Some(c) if c.span.end == at && c.span.start < at => at = c.span.start,
            _ => {
                // `|`, `>-`, `|2+`…
                let token = text[..at]
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
                if !(header && token.ends_with(['|', '>'])) {
                    break;
                }
                header = false;
                at = token.len() - 1;
            }
        }
    }
    if at > 0 && bytes[at - 1] == b'-' {
        at - 1
    } else {
        item.span.start
    }
}

/// The block (collection) an own-line comment at `at` ends: the comment is indented deeper
/// than the node after it (or than column 0, at the end of a document), and the last node
/// before it in its document that is indented like it or less is in that block.
fn ends_block(
    text: &str,
    anchors: &[Anchor],
    next: usize,
    at: usize,
    marker_between: &dyn Fn(usize, usize) -> bool,
) -> Option<usize> {
    let column = |offset: usize| offset - line_start(text, offset);
    let own = column(at);
    let below = anchors
        .get(next)
        .filter(|a| !marker_between(at, a.id.offset))
        .map_or(0, |a| column(a.id.offset));
    if own <= below {
        return None;
    }
    let previous = next.checked_sub(1).map(|i| &anchors[i])?;
    if marker_between(previous.id.offset, at) {
        return None;
    }
    anchors[..next]
        .iter()
        .rev()
        .take_while(|a| a.document == previous.document)
        .find(|a| column(a.id.offset) <= own)
        .map(|a| a.block)
}

/// Offsets of the lines that start with a `---` marker.
fn document_markers(text: &str) -> Vec<usize> {
    let mut markers = Vec::new();
    let mut line = 0;
    for part in text.split_inclusive('\n') {
        let rest = part.strip_prefix("---");
        if rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\r', '\n'])) {
            markers.push(line);
        }
        line += part.len();
    }
    markers
}

/// Whether a line between two others holds nothing but blanks.
fn has_blank_line(text: &str) -> bool {
    // A CRLF break is one break (splitting at `\r` and `\n` alike would see a blank line in
    // each); a lone `\r` is a break too.
    text.trim_end()
        .split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
        .skip(1)
        .any(|line| line.trim().is_empty())
}

/// YAML breaks lines at `\n`, `\r\n` and a lone `\r`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The line above the one holding `at` has nothing but blanks.
fn blank_above(text: &str, at: usize) -> bool {
    let line = line_start(text, at);
    if line == 0 {
        return false;
    }
    let mut end = line - 1;
    if text[..end].ends_with('\r') && text[end..].starts_with('\n') {
        end -= 1;
    }
    text[line_start(text, end)..end].trim().is_empty()
}
