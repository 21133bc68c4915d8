//! Property tests of the lossless edit layer (`stashform::edit`): for generated block-style
//! documents with comments in every position and random edits, every byte outside the edited
//! node (and the lines an insertion adds) is unchanged, the result loads to the expected data,
//! and no comment is lost except those attached to a removed or replaced node. The formatter
//! keeps every comment of the same texts and is a fixed point.
//!
//! The documents are generated as text (not rendered from trees), so that the layouts are the
//! ones people write: comments above keys and items, after scalars, after `key:` that opens a
//! block, after a list dash; blank lines; indentless lists; quoted text holding ` # `; flow
//! collections and block scalars holding lines that start with `#`; a second document.

use std::collections::HashMap;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Value as Json, json};
use stashform::Path;
use stashform::diagnostic::Segment;
use stashform::edit::{Edit, apply};
use stashform::registry::Severity;
use stashform::source::node::{Node, Value};
use stashform::source::yaml::load;
use stashform_yaml::comments::{Comment, comments};

// ---------------------------------------------------------------------------------------------
// Generated texts
// ---------------------------------------------------------------------------------------------

/// Keys of the generated mappings: some have a place in the KubeStash key order (so where an
/// inserted key goes depends on its neighbours), `x1`..`x5` go last.
const KEYS: &[&str] = &[
    "name",
    "namespace",
    "spec",
    "sessions",
    "backends",
    "addon",
    "tasks",
    "params",
    "args",
    "x1",
    "x2",
    "x3",
    "x4",
    "x5",
];

/// Scalars as written: plain, single- and double-quoted (some holding ` # `, which is not a
/// comment there), nulls (`""` is the empty null: `key:` with nothing after it).
const SCALARS: &[&str] = &[
    "demo",
    "pg-1",
    "3",
    "true",
    "1.5",
    "a#b",
    "0 2 * * *",
    "--clean",
    "é",
    "~",
    "null",
    "",
    "'it''s'",
    "'a # b'",
    "''",
    "'yes'",
    "'# lead'",
    "\"x # y\"",
    "\"tab\\t\"",
    "\"\"",
    "\"q\\\" # not\"",
    "\"# lead\"",
];

/// Small flow collections, on one line.
const FLOWS: &[&str] = &[
    "[a, b]",
    "{k: v}",
    "[]",
    "{}",
    "[x1, 'q # not', 3]",
    "{name: a, x1: [1, 2]}",
];

/// Block scalars, header and lines: lines starting with `#` are text there.
const BLOCK_SCALARS: &[(&str, &[&str])] = &[
    ("|", &["# not a comment", "text"]),
    ("|", &["text", "#also text", "  more # x"]),
    ("|-", &["# not a comment"]),
    (">", &["folded", "# text too"]),
];

/// The comment decoration of an entry or a list item.
#[derive(Debug, Clone)]
struct Deco {
    /// A blank line above it.
    blank: bool,
    /// Own-line comments above it, at its indentation.
    above: u8,
    /// A trailing comment on its first line: `key: v # c`, `key: # c` above a block,
    /// `- # c` above an item's keys.
    trailing: bool,
    /// `#c` rather than `# c`.
    tight: bool,
    /// An own-line comment after its block (when its value is one), at the block's
    /// indentation.
    after: bool,
}

#[derive(Debug, Clone)]
enum Gen {
    Scalar(&'static str),
    BlockScalar(&'static str, &'static [&'static str]),
    Flow(&'static str),
    Map(Vec<(&'static str, Deco, Gen)>),
    /// List items are scalars, block scalars, flow collections or mappings.
    Seq {
        indentless: bool,
        items: Vec<(Deco, Gen)>,
    },
}

#[derive(Debug, Clone)]
struct GenText {
    header: u8,
    blank_after_header: bool,
    marker_first: bool,
    root: Vec<(&'static str, Deco, Gen)>,
    second: Option<SecondDocument>,
    end_comment: bool,
    final_newline: bool,
}

#[derive(Debug, Clone)]
struct SecondDocument {
    before_marker: u8,
    on_marker: bool,
    after_marker: u8,
    root: Vec<(&'static str, Deco, Gen)>,
}

const MAX_DEPTH: u32 = 4;

fn deco() -> impl Strategy<Value = Deco> {
    (
        prop::bool::weighted(0.2),
        prop_oneof![5 => Just(0u8), 3 => Just(1u8), 1 => Just(2u8)],
        prop::bool::weighted(0.4),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(blank, above, trailing, tight, after)| Deco {
            blank,
            above,
            trailing,
            tight,
            after,
        })
}

fn leaf() -> BoxedStrategy<Gen> {
    prop_oneof![
        10 => select(SCALARS).prop_map(Gen::Scalar),
        1 => select(FLOWS).prop_map(Gen::Flow),
        1 => select(BLOCK_SCALARS).prop_map(|(header, lines)| Gen::BlockScalar(header, lines)),
    ]
    .boxed()
}

/// Mapping entries with unique keys.
fn entries(
    depth: u32,
    sizes: std::ops::Range<usize>,
) -> BoxedStrategy<Vec<(&'static str, Deco, Gen)>> {
    prop::collection::vec((select(KEYS), deco(), value(depth + 1)), sizes)
        .prop_map(|mut entries| {
            let mut seen = Vec::new();
            entries.retain(|(k, _, _)| {
                let new = !seen.contains(k);
                seen.push(*k);
                new
            });
            entries
        })
        .boxed()
}

fn value(depth: u32) -> BoxedStrategy<Gen> {
    if depth >= MAX_DEPTH {
        return leaf();
    }
    let item = prop_oneof![4 => leaf(), 3 => entries(depth + 1, 1..4).prop_map(Gen::Map)];
    prop_oneof![
        5 => leaf(),
        2 => entries(depth, 1..4).prop_map(Gen::Map),
        2 => (
            prop::bool::weighted(0.25),
            prop::collection::vec((deco(), item), 1..4),
        )
            .prop_map(|(indentless, items)| Gen::Seq { indentless, items }),
    ]
    .boxed()
}

fn gen_text() -> impl Strategy<Value = GenText> {
    let second = (0..3u8, any::<bool>(), 0..3u8, entries(2, 1..3)).prop_map(
        |(before_marker, on_marker, after_marker, root)| SecondDocument {
            before_marker,
            on_marker,
            after_marker,
            root,
        },
    );
    (
        0..3u8,
        any::<bool>(),
        prop::bool::weighted(0.15),
        entries(0, 1..5),
        prop::option::weighted(0.25, second),
        any::<bool>(),
        prop::bool::weighted(0.9),
    )
        .prop_map(
            |(
                header,
                blank_after_header,
                marker_first,
                root,
                second,
                end_comment,
                final_newline,
            )| {
                GenText {
                    header,
                    blank_after_header,
                    marker_first,
                    root,
                    second,
                    end_comment,
                    final_newline,
                }
            },
        )
}

/// Writes a generated text, numbering its comments (`# note 7;`) so that each is unique.
#[derive(Default)]
struct Printer {
    out: String,
    comments: Vec<String>,
}

impl Printer {
    fn comment(&mut self, tight: bool) -> String {
        let id = self.comments.len();
        let text = if tight {
            format!("#note{id};")
        } else {
            format!("# note {id};")
        };
        self.comments.push(text.clone());
        text
    }

    fn indent(&mut self, col: usize) {
        self.out.push_str(&" ".repeat(col));
    }

    fn comment_line(&mut self, col: usize, tight: bool) {
        self.indent(col);
        let comment = self.comment(tight);
        self.out.push_str(&comment);
        self.out.push('\n');
    }

    /// Blank line and comments above a node.
    fn above(&mut self, deco: &Deco, col: usize) {
        if deco.blank {
            self.out.push('\n');
        }
        for _ in 0..deco.above {
            self.comment_line(col, deco.tight);
        }
    }

    /// ` # c` when the node has a trailing comment.
    fn trailing(&mut self, deco: &Deco) -> String {
        if deco.trailing {
            format!(" {}", self.comment(deco.tight))
        } else {
            String::new()
        }
    }

    /// `first_inline`: the first key shares the line of its list item's dash.
    fn map(&mut self, entries: &[(&str, Deco, Gen)], col: usize, first_inline: bool) {
        for (i, (key, deco, value)) in entries.iter().enumerate() {
            if !(i == 0 && first_inline) {
                self.above(deco, col);
                self.indent(col);
            }
            self.out.push_str(key);
            self.out.push(':');
            self.after(value, deco, col);
        }
    }

    /// What follows `key:` or `-` at column `col`.
    fn after(&mut self, value: &Gen, deco: &Deco, col: usize) {
        match value {
            Gen::Scalar(text) => {
                if !text.is_empty() {
                    self.out.push(' ');
                    self.out.push_str(text);
                }
                let trailing = self.trailing(deco);
                self.out.push_str(&trailing);
                self.out.push('\n');
            }
            Gen::Flow(text) => {
                self.out.push(' ');
                self.out.push_str(text);
                let trailing = self.trailing(deco);
                self.out.push_str(&trailing);
                self.out.push('\n');
            }
            Gen::BlockScalar(header, lines) => {
                self.out.push(' ');
                self.out.push_str(header);
                let trailing = self.trailing(deco);
                self.out.push_str(&trailing);
                self.out.push('\n');
                for line in *lines {
                    self.indent(col + 2);
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
            Gen::Map(entries) => {
                let trailing = self.trailing(deco);
                self.out.push_str(&trailing);
                self.out.push('\n');
                self.map(entries, col + 2, false);
                if deco.after {
                    self.comment_line(col + 2, deco.tight);
                }
            }
            Gen::Seq { indentless, items } => {
                let trailing = self.trailing(deco);
                self.out.push_str(&trailing);
                self.out.push('\n');
                let inner = if *indentless { col } else { col + 2 };
                self.seq(items, inner);
                if deco.after {
                    self.comment_line(inner, deco.tight);
                }
            }
        }
    }

    fn seq(&mut self, items: &[(Deco, Gen)], col: usize) {
        for (deco, value) in items {
            self.above(deco, col);
            self.indent(col);
            self.out.push('-');
            match value {
                Gen::Map(entries) if deco.trailing => {
                    // `- # c`, the item's keys on the lines below.
                    let trailing = self.trailing(deco);
                    self.out.push_str(&trailing);
                    self.out.push('\n');
                    self.map(entries, col + 2, false);
                }
                Gen::Map(entries) => {
                    self.out.push(' ');
                    self.map(entries, col + 2, true);
                }
                other => self.after(other, deco, col),
            }
            if deco.after && matches!(value, Gen::Map(_)) {
                self.comment_line(col + 2, deco.tight);
            }
        }
    }

    fn text(generated: &GenText) -> (String, Vec<String>) {
        let mut p = Self::default();
        for _ in 0..generated.header {
            p.comment_line(0, false);
        }
        if generated.header > 0 && generated.blank_after_header {
            p.out.push('\n');
        }
        if generated.marker_first {
            p.out.push_str("---\n");
        }
        p.map(&generated.root, 0, false);
        if let Some(second) = &generated.second {
            for _ in 0..second.before_marker {
                p.comment_line(0, false);
            }
            p.out.push_str("---");
            if second.on_marker {
                let comment = p.comment(false);
                p.out.push_str("   ");
                p.out.push_str(&comment);
            }
            p.out.push('\n');
            for _ in 0..second.after_marker {
                p.comment_line(0, false);
            }
            p.map(&second.root, 0, false);
        }
        if generated.end_comment {
            p.comment_line(0, false);
        }
        if !generated.final_newline {
            p.out.pop();
        }
        (p.out, p.comments)
    }
}

fn text() -> impl Strategy<Value = (String, Vec<String>)> {
    gen_text().prop_map(|g| Printer::text(&g))
}

// ---------------------------------------------------------------------------------------------
// Reading the old text: places, lines and regions
// ---------------------------------------------------------------------------------------------

/// An entry or list item of document 0 (or its root).
#[derive(Debug, Clone)]
struct Place {
    path: Vec<Segment>,
    node: Node,
    /// Where it starts: its key, its dash, or (in a flow collection) its value.
    start: usize,
    /// Where a replacement may start: after its key or dash (at its value in a flow).
    after: usize,
    /// Inside a flow collection.
    in_flow: bool,
    /// How many entries or items its parent has (0 for the root).
    siblings: usize,
    /// Index of the parent among the places (None for the root).
    parent: Option<usize>,
}

struct Old<'t> {
    text: &'t str,
    comments: Vec<Comment>,
    places: Vec<Place>,
}

impl<'t> Old<'t> {
    fn new(text: &'t str, root: &Node) -> Self {
        let mut old = Self {
            text,
            comments: comments(text),
            places: Vec::new(),
        };
        old.places.push(Place {
            path: Vec::new(),
            node: root.clone(),
            start: 0,
            after: 0,
            in_flow: false,
            siblings: 0,
            parent: None,
        });
        old.collect(0);
        old
    }

    fn collect(&mut self, at: usize) {
        let parent = self.places[at].clone();
        let in_flow = self.is_flow(&parent.node);
        match &parent.node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    let mut path = parent.path.clone();
                    path.push(Segment::Key(key.name.clone()));
                    self.places.push(Place {
                        path,
                        node: value.clone(),
                        start: key.span.start,
                        after: key.span.end,
                        in_flow,
                        siblings: entries.len(),
                        parent: Some(at),
                    });
                    self.collect(self.places.len() - 1);
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut path = parent.path.clone();
                    path.push(Segment::Index(i));
                    let start = if in_flow {
                        item.span.start
                    } else {
                        self.dash(item)
                    };
                    self.places.push(Place {
                        path,
                        node: item.clone(),
                        start,
                        after: if in_flow { start } else { start + 1 },
                        in_flow,
                        siblings: items.len(),
                        parent: Some(at),
                    });
                    self.collect(self.places.len() - 1);
                }
            }
            _ => {}
        }
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    fn next_line(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i + 1)
    }

    fn first_on_line(&self, at: usize) -> bool {
        self.text[self.line_start(at)..at].trim().is_empty()
    }

    fn column(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    /// Just after the own-line comment lines right below the line of `end` indented deeper
    /// than `col` (inside the block that ends at `end`).
    fn block_end(&self, end: usize, col: usize) -> usize {
        self.comments_below(end, col, false)
    }

    /// Where new lines after a block may go: past its deeper comment lines, also those after
    /// blank lines (a block scalar added above them would take them as text).
    fn insertion_point(&self, end: usize, col: usize) -> usize {
        self.comments_below(end, col, true)
    }

    fn comments_below(&self, end: usize, col: usize, through_blank_lines: bool) -> usize {
        let mut at = self.next_line(end);
        let mut probe = at;
        while probe < self.text.len() {
            let rest = &self.text[probe..];
            let first = probe + (rest.len() - rest.trim_start_matches(' ').len());
            if through_blank_lines && self.text[first..].starts_with('\n') {
                probe = self.next_line(first);
                continue;
            }
            let own_comment = self
                .comments
                .iter()
                .any(|c| c.own_line && c.span.start == first);
            if !own_comment || first - probe <= col {
                break;
            }
            probe = self.next_line(first);
            at = probe;
        }
        at
    }

    /// The end of the last line of that block, before its line break.
    fn block_line_end(&self, end: usize, col: usize) -> usize {
        let after = self.block_end(end, col);
        if after > self.next_line(end) {
            self.line_end(after - 1)
        } else {
            self.line_end(end)
        }
    }

    /// The start of the line of `at`, or of the own-line comment lines directly above it (not
    /// those indented deeper than `at`: they are inside the block above).
    fn leading_start(&self, at: usize) -> usize {
        let col = self.column(at);
        let mut line = self.line_start(at);
        while line > 0 {
            let above = self.line_start(line - 1);
            let content = &self.text[above..line];
            let first = above + (content.len() - content.trim_start().len());
            if !self
                .comments
                .iter()
                .any(|c| c.own_line && c.span.start == first)
                || first - above > col
            {
                break;
            }
            line = above;
        }
        line
    }

    /// The `-` of a block list item: back from the item over blanks, comments and a block
    /// scalar's header (`- | # c`: the scalar's span starts at its content).
    fn dash(&self, item: &Node) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = item.span.start;
        let mut header = matches!(item.value, Value::Str(_));
        loop {
            while at > 0 && bytes[at - 1].is_ascii_whitespace() {
                at -= 1;
            }
            if let Some(c) = self
                .comments
                .iter()
                .find(|c| c.span.end == at && c.span.start < at)
            {
                at = c.span.start;
                continue;
            }
            // `|`, `|-`, `>+`, `|2`…
            let token = self.text[..at]
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
            if !(header && token.ends_with(['|', '>'])) {
                break;
            }
            header = false;
            at = token.len() - 1;
        }
        assert_eq!(bytes[at - 1], b'-', "no dash before {:?}", item.span);
        at - 1
    }

    /// A flow collection (a block one starts where its first entry or item does, which may
    /// be a `[`: `- [a, b]`).
    fn is_flow(&self, node: &Node) -> bool {
        let first = match &node.value {
            Value::Map(entries) => entries.first().map(|(k, _)| k.span.start),
            Value::Seq(items) => items.first().map(|i| i.span.start),
            _ => return false,
        };
        first != Some(node.span.start)
            && matches!(self.text.as_bytes().get(node.span.start), Some(b'[' | b'{'))
    }

    fn is_block_scalar(&self, place: &Place) -> bool {
        !matches!(place.node.value, Value::Map(_) | Value::Seq(_))
            && self.text[place.start..place.node.span.start.max(place.start)].contains(['|', '>'])
    }

    /// The last byte of a node's text, its descendants' included (comments after it not: a
    /// block collection's span runs on over the comment lines after it, so its end is its
    /// last child's).
    fn content_end(&self, node: &Node) -> usize {
        let children = match &node.value {
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| k.span.end.max(self.value_end(v)))
                .max(),
            Value::Seq(items) => items.iter().map(|i| self.content_end(i)).max(),
            _ => None,
        };
        match children {
            Some(end) if !self.is_flow(node) => end,
            _ => self.without_comments(node.span.start, node.span.end),
        }
    }

    /// `end` moved back over blanks and comments, not before `start`.
    fn without_comments(&self, start: usize, mut end: usize) -> usize {
        loop {
            end = start + self.text[start..end].trim_end().len();
            match self
                .comments
                .iter()
                .find(|c| c.span.end == end && c.span.start >= start)
            {
                Some(c) => end = c.span.start,
                None => return end,
            }
        }
    }

    fn value_end(&self, node: &Node) -> usize {
        if node.is_null() && node.span.start == node.span.end {
            0
        } else {
            self.content_end(node)
        }
    }

    /// The end of a place's text: its value, or its key or dash when the value is empty.
    fn place_end(&self, place: &Place) -> usize {
        (place.start + 1).max(self.value_end(&place.node))
    }

    fn is_empty_collection(node: &Node) -> bool {
        match &node.value {
            Value::Map(entries) => entries.is_empty(),
            Value::Seq(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The bytes a replacement of `place` may change: from after its key (or dash) to the end
    /// of the line its content ends on (for a block, of the comment lines indented inside it
    /// below that); and the comments it may drop: those inside its value.
    fn replaced(&self, place: &Place) -> Expect {
        if place.parent.is_none() {
            // An empty root (`{}` after its only key went): its lines.
            let node = &place.node;
            let changed = (
                self.line_start(node.span.start),
                self.next_line(self.content_end(node)),
            );
            return Expect::Replaced {
                changed,
                lost: (node.span.start, self.content_end(node)),
            };
        }
        let end = self.place_end(place);
        let value_start = place.node.span.start;
        // A block's last line ends with its last entry or item (so does a trailing comment
        // there), and the comment lines below it indented inside it are its.
        let block = (matches!(place.node.value, Value::Map(_) | Value::Seq(_))
            && !self.is_flow(&place.node)
            && !Self::is_empty_collection(&place.node))
            || self.is_block_scalar(place);
        let block_end = self.block_line_end(end, self.column(place.start));
        let changed = (
            place.after,
            if block { block_end } else { self.line_end(end) },
        );
        let lost_end = if block { block_end } else { end };
        let lost = if Self::is_empty_collection(&place.node)
            || (place.node.is_null() && place.node.span.start == place.node.span.end)
        {
            (end, end)
        } else if self.line_start(value_start) > self.line_start(place.start)
            && !self.is_block_scalar(place)
        {
            // A block under `key:` or `- `: the own comments of its first entry or item go
            // with it.
            let first = match &place.node.value {
                Value::Seq(items) => self.dash(&items[0]),
                _ => value_start,
            };
            (
                self.leading_start(first).max(self.next_line(place.start)),
                lost_end,
            )
        } else {
            (value_start, lost_end)
        };
        Expect::Replaced { changed, lost }
    }

    /// Removing `place`: its own comment lines above it, its lines and the comment lines
    /// indented inside it below them; all of its parent when it is the only child (the parent
    /// becomes `{}` or `[]`).
    fn removed(&self, place: &Place) -> Expect {
        let end = self.place_end(place);
        if place.in_flow {
            let changed = (self.line_start(place.start), self.line_end(end));
            if place.siblings == 1 {
                let parent = &self.places[place.parent.expect("not the root")];
                return self.widen(self.replaced(parent), changed, (place.start, end));
            }
            return Expect::Replaced {
                changed,
                lost: (place.start, end),
            };
        }
        let (from, lost_from) = if self.first_of_document(place) {
            // The comments above a document's first node are the document's (`fmt` keeps
            // them at its top): they stay.
            let from = self.line_start(place.start);
            (from, from)
        } else if self.first_on_line(place.start) {
            let from = self.leading_start(place.start);
            (from, from)
        } else {
            (self.line_start(place.start), place.start)
        };
        let block_end = self.block_end(end, self.column(place.start));
        let mut to = block_end;
        if !self.first_on_line(place.start) {
            // The first key of a list item, on its dash's line: the next key moves up.
            let rest = &self.text[to..];
            to += rest.len() - rest.trim_start().len();
        }
        let lost = (lost_from, block_end);
        if place.siblings == 1 && place.parent != Some(0) {
            let parent = &self.places[place.parent.expect("not the root")];
            return self.widen(self.replaced(parent), (from, to), lost);
        }
        Expect::Replaced {
            changed: (from, to),
            lost,
        }
    }

    /// The first entry of the root: the first node of document 0.
    fn first_of_document(&self, place: &Place) -> bool {
        place.parent == Some(0) && place.start == self.places[1].start
    }

    fn widen(&self, expect: Expect, changed: (usize, usize), lost: (usize, usize)) -> Expect {
        match expect {
            Expect::Replaced {
                changed: (a, b),
                lost: (c, d),
            } => Expect::Replaced {
                changed: (a.min(changed.0), b.max(changed.1)),
                lost: (c.min(lost.0), d.max(lost.1)),
            },
            Expect::Inserted { .. } => unreachable!("replaced gives no insertion"),
        }
    }

    /// Adding to the collection at `place`: only new text, somewhere in its lines (an empty
    /// flow collection is replaced).
    fn added_to(&self, place: &Place) -> Expect {
        if Self::is_empty_collection(&place.node) {
            return self.replaced(place);
        }
        let from = if place.parent.is_none() {
            // Below the comments at the top of the document.
            self.line_start(self.places[1].start)
        } else {
            self.line_start(place.start)
        };
        let end = self.content_end(&place.node);
        Expect::Inserted {
            within: (from, self.insertion_point(end, self.column(place.start))),
        }
    }

    /// Moving item `from` of the list at `place` to `to`: the lines of the items between.
    fn moved(&self, place: &Place, from: usize, to: usize) -> Expect {
        let items = place.node.items();
        let (a, b) = (from.min(to), from.max(to));
        let in_flow = self.is_flow(&place.node);
        let start = |i: usize| {
            if in_flow {
                self.line_start(items[i].span.start)
            } else {
                self.leading_start(self.dash(&items[i]))
            }
        };
        let last = if in_flow {
            self.next_line(items[b].span.end)
        } else {
            self.block_end(
                self.content_end(&items[b]),
                self.column(self.dash(&items[b])),
            )
        };
        let changed = (start(a), last);
        Expect::Replaced {
            changed,
            lost: (0, 0),
        }
    }
}

/// What an edit may change in the old text.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Only bytes in `changed` change; only comments starting in `lost` may go.
    Replaced {
        changed: (usize, usize),
        lost: (usize, usize),
    },
    /// Only new text, inserted at one place in `within`; no comment goes.
    Inserted { within: (usize, usize) },
}

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

/// New scalar values, many of which need quotes somewhere.
fn scalar_values() -> Vec<Json> {
    vec![
        json!("yes"),
        json!("1.5"),
        json!("a: b"),
        json!(""),
        json!("x # y"),
        json!("it's"),
        json!("no"),
        json!("0 2 * * *"),
        json!("- a"),
        json!("two\nlines"),
        json!("é"),
        json!("[a]"),
        json!("~"),
        json!("#lead"),
        json!(" padded "),
        json!("plain"),
        json!(7),
        json!(-1),
        json!(0),
        json!(2.5),
        json!(true),
        json!(false),
        json!(null),
    ]
}

fn any_values() -> Vec<Json> {
    let mut values = scalar_values();
    values.extend([
        json!({"name": "n"}),
        json!({"name": "n", "x2": [1, "b # c"]}),
        json!(["a", "b"]),
        json!([{"x1": 1, "args": "--x"}]),
        json!({}),
        json!([]),
    ]);
    values
}

/// What to do, as indices into what the text holds.
#[derive(Debug, Clone)]
struct Plan {
    kind: u8,
    target: Index,
    other: Index,
    key: Index,
    value: Index,
    at: Option<Index>,
    depth: usize,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        0..8u8,
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        any::<Option<Index>>(),
        2..4usize,
    )
        .prop_map(|(kind, target, other, key, value, at, depth)| Plan {
            kind,
            target,
            other,
            key,
            value,
            at,
            depth,
        })
}

fn edit_path(path: &[Segment]) -> Path {
    Path(path.to_vec())
}

/// A key the mapping at `place` does not have.
fn new_key(place: &Place, pick: &Index) -> String {
    let free: Vec<&str> = KEYS
        .iter()
        .copied()
        .filter(|k| place.node.get(k).is_none())
        .collect();
    pick.get(&free).to_string()
}

impl Old<'_> {
    /// The edit the plan names in this text, and what it may change.
    fn resolve(&self, plan: &Plan) -> (Edit, Expect) {
        let pick = |filter: &dyn Fn(&Place) -> bool, index: &Index| -> Option<&Place> {
            let found: Vec<&Place> = self.places.iter().filter(|p| filter(p)).collect();
            (!found.is_empty()).then(|| *index.get(&found))
        };
        let scalars = scalar_values();
        let values = any_values();
        let is_map = |p: &Place| matches!(p.node.value, Value::Map(_));
        let is_list = |p: &Place| matches!(p.node.value, Value::Seq(_));
        let not_root = |p: &Place| p.parent.is_some();
        let kind = plan.kind;
        // Set an existing scalar to a new scalar.
        if kind == 0
            && let Some(place) = pick(
                &|p| not_root(p) && !matches!(p.node.value, Value::Map(_) | Value::Seq(_)),
                &plan.target,
            )
        {
            let value = plan.value.get(&scalars);
            return (
                Edit::Set {
                    path: edit_path(&place.path),
                    value: Node::from_json(value),
                },
                self.replaced(place),
            );
        }
        // Remove an existing key or item.
        if kind == 1
            && let Some(place) = pick(&not_root, &plan.target)
        {
            return (
                Edit::Remove {
                    path: edit_path(&place.path),
                },
                self.removed(place),
            );
        }
        // Insert into an existing list.
        if kind == 2
            && let Some(place) = pick(&is_list, &plan.target)
        {
            let len = place.node.items().len();
            let index = plan.at.as_ref().map(|i| i.index(len + 1));
            return (
                Edit::Insert {
                    path: edit_path(&place.path),
                    index,
                    value: Node::from_json(plan.value.get(&values)),
                },
                self.added_to(place),
            );
        }
        // Move an item within its list.
        if kind == 3
            && let Some(place) = pick(&|p| is_list(p) && p.node.items().len() > 1, &plan.target)
        {
            let len = place.node.items().len();
            let (from, to) = (plan.other.index(len), plan.key.index(len));
            return (
                Edit::Move {
                    path: edit_path(&place.path),
                    from,
                    to,
                },
                self.moved(place, from, to),
            );
        }
        // Set a nested missing path under an existing mapping.
        if kind == 4
            && let Some(place) = pick(&is_map, &plan.target)
        {
            let mut path = place.path.clone();
            path.push(Segment::Key(new_key(place, &plan.key)));
            for i in 1..plan.depth {
                if plan.other.index(3) == 0 && i == plan.depth - 1 {
                    path.push(Segment::Index(0));
                } else {
                    path.push(Segment::Key(plan.other.get(KEYS).to_string()));
                }
            }
            return (
                Edit::Set {
                    path: edit_path(&path),
                    value: Node::from_json(plan.value.get(&values)),
                },
                self.added_to(place),
            );
        }
        // Replace any existing node with any value.
        if kind == 5
            && let Some(place) = pick(&not_root, &plan.target)
        {
            return (
                Edit::Set {
                    path: edit_path(&place.path),
                    value: Node::from_json(plan.value.get(&values)),
                },
                self.replaced(place),
            );
        }
        // Rename an existing key to one its mapping does not have: only the key's bytes change.
        if kind == 7
            && let Some(place) = pick(
                &|p| matches!(p.path.last(), Some(Segment::Key(_))),
                &plan.target,
            )
        {
            let parent = &self.places[place.parent.expect("a key has a parent")];
            return (
                Edit::Rename {
                    path: edit_path(&place.path),
                    to: new_key(parent, &plan.key),
                },
                Expect::Replaced {
                    changed: (place.start, place.after),
                    lost: (place.start, place.start),
                },
            );
        }
        // Set a new key under an existing mapping (the root has one, always).
        let place = pick(&is_map, &plan.target).expect("the root is a mapping");
        let mut path = place.path.clone();
        path.push(Segment::Key(new_key(place, &plan.key)));
        (
            Edit::Set {
                path: edit_path(&path),
                value: Node::from_json(plan.value.get(&values)),
            },
            self.added_to(place),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// What an edit means, on JSON (independent of `edit/tree.rs`)
// ---------------------------------------------------------------------------------------------

fn ensure<'a>(value: &'a mut Json, path: &[Segment]) -> &'a mut Json {
    let mut current = value;
    for segment in path {
        current = match segment {
            Segment::Key(key) => {
                if !current.is_object() {
                    *current = json!({});
                }
                current
                    .as_object_mut()
                    .expect("an object")
                    .entry(key.clone())
                    .or_insert(Json::Null)
            }
            Segment::Index(i) => {
                if !current.is_array() {
                    *current = json!([]);
                }
                let items = current.as_array_mut().expect("an array");
                while items.len() <= *i {
                    items.push(json!({}));
                }
                &mut items[*i]
            }
        };
    }
    current
}

fn get_mut<'a>(value: &'a mut Json, path: &[Segment]) -> Option<&'a mut Json> {
    let mut current = value;
    for segment in path {
        current = match segment {
            Segment::Key(key) => current.as_object_mut()?.get_mut(key)?,
            Segment::Index(i) => current.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(current)
}

fn expected(root: &mut Json, edit: &Edit) {
    match edit {
        Edit::Set { path, value } => *ensure(root, &path.0) = value.to_json(),
        Edit::Remove { path } => {
            let (last, parent) = path.0.split_last().expect("not the root");
            match (last, get_mut(root, parent)) {
                (Segment::Key(key), Some(Json::Object(map))) => {
                    map.shift_remove(key);
                }
                (Segment::Index(i), Some(Json::Array(items))) => {
                    items.remove(*i);
                }
                _ => panic!("nothing to remove at {path}"),
            }
        }
        Edit::Insert { path, index, value } => {
            let Some(Json::Array(items)) = get_mut(root, &path.0) else {
                panic!("no list at {path}")
            };
            let at = index.unwrap_or(items.len()).min(items.len());
            items.insert(at, value.to_json());
        }
        Edit::Move { path, from, to } => {
            let Some(Json::Array(items)) = get_mut(root, &path.0) else {
                panic!("no list at {path}")
            };
            let item = items.remove(*from);
            items.insert(*to, item);
        }
        Edit::Rename { path, to } => {
            let (Segment::Key(from), parent) = path.0.split_last().expect("a key") else {
                panic!("not a key: {path}")
            };
            let Some(Json::Object(map)) = get_mut(root, parent) else {
                panic!("no mapping at {path}")
            };
            *map = std::mem::take(map)
                .into_iter()
                .map(|(k, v)| if k == *from { (to.clone(), v) } else { (k, v) })
                .collect();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

fn values(text: &str) -> Result<Vec<Json>, String> {
    let loaded = load(text);
    if let Some(d) = loaded
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        return Err(d.message.clone());
    }
    Ok(loaded.documents.iter().map(|d| d.root.to_json()).collect())
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn diff(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .to_string()
}

fn describe(edit: &Edit) -> String {
    match edit {
        Edit::Set { path, value } => format!("set {path} = {}", value.to_json()),
        Edit::Remove { path } => format!("remove {path}"),
        Edit::Insert { path, index, value } => {
            format!("insert {path}[{index:?}] = {}", value.to_json())
        }
        Edit::Move { path, from, to } => format!("move {path} {from} -> {to}"),
        Edit::Rename { path, to } => format!("rename {path} -> {to}"),
    }
}

/// Every comment of `old` outside `lost` is a comment of `new`, byte for byte, as often.
fn comments_kept(old: &str, new: &str, lost: (usize, usize)) -> Result<(), String> {
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for c in comments(old) {
        if !(lost.0 <= c.span.start && c.span.start < lost.1) {
            *kept.entry(&old[c.span.start..c.span.end]).or_default() += 1;
        }
    }
    let mut found: HashMap<&str, usize> = HashMap::new();
    for c in comments(new) {
        *found.entry(&new[c.span.start..c.span.end]).or_default() += 1;
    }
    for (text, count) in kept {
        let as_comment = found.get(text).copied().unwrap_or(0);
        let as_text = new.matches(text).count();
        if as_comment < count || as_text < count {
            return Err(format!(
                "the comment {text:?} is lost ({count} before, {as_comment} comments and {as_text} occurrences after)"
            ));
        }
    }
    Ok(())
}

/// Apply the edit `plan` names to `text`, check it, and give the new text.
fn check_edit(text: &str, plan: &Plan) -> Result<String, TestCaseError> {
    let before = values(text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    let loaded = load(text);
    let old = Old::new(text, &loaded.documents[0].root);
    let (edit, expect) = old.resolve(plan);
    let shown = describe(&edit);
    let new = match apply(text, 0, &edit) {
        Ok(new) => new,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "{shown} failed: {e}\n--- text ---\n{text}"
            )));
        }
    };
    let context = || {
        format!(
            "{shown}\n--- text ---\n{text}--- diff ---\n{}",
            diff(text, &new)
        )
    };

    // The result loads to what the edit means, every other document unchanged.
    let after = values(&new).map_err(|e| TestCaseError::fail(format!("{e}\n{}", context())))?;
    let mut wanted = before;
    expected(&mut wanted[0], &edit);
    prop_assert_eq!(&after, &wanted, "{}", context());

    // Every byte outside the edited node is unchanged.
    let prefix = common_prefix(text, &new);
    let suffix = common_suffix(text, &new);
    let lost = match expect {
        Expect::Replaced { changed, lost } => {
            let (from, to) = changed;
            prop_assert!(
                prefix >= from && suffix >= text.len() - to && from + text.len() - to <= new.len(),
                "changed bytes outside {from}..{to} ({:?}..{:?}): {}",
                &text[..from].lines().last(),
                &text[to..].lines().next(),
                context()
            );
            lost
        }
        Expect::Inserted { within: (from, to) } => {
            // Some place p in from..=to with new == old[..p] + added + old[p..].
            let lowest = text.len().saturating_sub(suffix).max(from);
            let highest = prefix.min(to);
            prop_assert!(
                new.len() >= text.len() && lowest <= highest,
                "not an insertion within {from}..{to}: {}",
                context()
            );
            (0, 0)
        }
    };

    // No comment is lost but those of the removed or replaced node.
    comments_kept(text, &new, lost)
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", context())))?;

    // The edited text formats too.
    check_format(&new).map_err(|e| TestCaseError::fail(format!("{e}\n(after {})", context())))?;
    Ok(new)
}

fn check_format(text: &str) -> Result<(), String> {
    let formatted = stashform::format(text)
        .map_err(|r| format!("format refused: {:?}\n{text}", r.diagnostics))?;
    let context = || format!("--- text ---\n{text}--- formatted ---\n{formatted}");
    for c in comments(text) {
        let comment = text[c.span.start..c.span.end].trim_end();
        if !formatted.contains(comment) {
            return Err(format!("format lost {comment:?}\n{}", context()));
        }
    }
    let again = stashform::format(&formatted).map_err(|r| {
        format!(
            "the formatted text does not load: {:?}\n{}",
            r.diagnostics,
            context()
        )
    })?;
    if again != formatted {
        return Err(format!(
            "format is not a fixed point:\n{}\n{}",
            diff(&formatted, &again),
            context()
        ));
    }
    if values(text) != values(&formatted) {
        return Err(format!("format changed the values\n{}", context()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// The generator writes YAML that loads, and the comment scanner finds exactly the
    /// comments it wrote (none inside quoted or block scalars).
    #[test]
    fn generated_texts_load_and_their_comments_are_found((text, written) in text()) {
        prop_assert!(values(&text).is_ok(), "{:?}\n{}", values(&text), text);
        let found: Vec<&str> = comments(&text).iter().map(|c| &text[c.span.start..c.span.end]).collect();
        prop_assert_eq!(found, written, "{}", text);
    }

    /// Edits change only the edited node's bytes, load to what they mean and keep comments.
    #[test]
    fn edits_are_local_exact_and_keep_comments((text, _) in text(), plan in plan()) {
        check_edit(&text, &plan)?;
    }

    /// Edits of edited texts (the layouts the edit layer writes itself) hold to the same.
    #[test]
    fn edit_sequences_are_local_exact_and_keep_comments((text, _) in text(), plans in prop::collection::vec(plan(), 2..5)) {
        let mut text = text;
        for plan in &plans {
            text = check_edit(&text, plan)?;
        }
    }

    /// `format` keeps every comment, is a fixed point and keeps the values.
    #[test]
    fn format_keeps_every_comment_and_is_a_fixed_point((text, _) in text()) {
        check_format(&text).map_err(TestCaseError::fail)?;
    }
}

/// The minimal cases the properties found, each fixed in `edit/text.rs` or
/// `render/comments.rs`, with the exact text they now give.
#[test]
fn regressions_found_by_the_properties() {
    let p = |s: &str| Path::parse(s).unwrap();
    let set = |s: &str, v: Json| Edit::Set {
        path: p(s),
        value: Node::from_json(&v),
    };
    let remove = |s: &str| Edit::Remove { path: p(s) };
    let cases: Vec<(&str, usize, Edit, &str)> = vec![
        // A block list whose first item is a flow collection is not a flow list.
        (
            "name:\n  - name:\n    - [a, b]\n    x1: demo\n",
            0,
            remove("name[0].name[0]"),
            "name:\n  - name: []\n    x1: demo\n",
        ),
        // A block scalar item's dash is before its header (`- |`).
        (
            "l:\n  - |\n    # text\n  - | # c\n    text\n",
            0,
            set("l[1]", json!("yes")),
            "l:\n  - |\n    # text\n  - \"yes\" # c\n",
        ),
        // A multi-line string in place of a commented scalar: the comment goes after the
        // block scalar's header, not into its text.
        (
            "name: demo # c\n",
            0,
            set("name", json!("two\nlines")),
            "name: |- # c\n  two\n  lines\n",
        ),
        (
            "l:\n  - demo # c\n",
            0,
            set("l[0]", json!("two\nlines")),
            "l:\n  - |- # c\n    two\n    lines\n",
        ),
        // The comment after a block scalar's header or after `key:` above a block stays
        // when a scalar replaces them.
        (
            "spec: | # c\n  text\nname: demo\n",
            0,
            set("spec", json!("yes")),
            "spec: \"yes\" # c\nname: demo\n",
        ),
        (
            "spec: # c\n  a: 1\nname: demo\n",
            0,
            set("spec", json!("yes")),
            "spec: \"yes\" # c\nname: demo\n",
        ),
        (
            "l:\n  - >- # c\n    text\n",
            0,
            set("l[0]", json!({"a": 1})),
            "l:\n  - a: 1 # c\n",
        ),
        // A mapping under `- # c`: its lines at the item's indentation, not deeper.
        (
            "l:\n  - # c\n    name: demo\n",
            0,
            set("l[0]", json!({"name": "n", "x2": [1, 2]})),
            "l:\n  - # c\n    name: \"n\"\n    x2:\n      - 1\n      - 2\n",
        ),
        // A comment inside a block after a blank line is still the block's: a key added after
        // the block goes below it, or a block scalar value would take the comment as text.
        (
            "m:\n  l:\n    - a\n\n    # note\nspec: 1\n",
            0,
            set("m.x", json!("two\nlines")),
            "m:\n  l:\n    - a\n\n    # note\n  x: |-\n    two\n    lines\nspec: 1\n",
        ),
        // The comment lines after a block are not its own unless indented inside it.
        (
            "a:\n  b: 1\n# about c\nc: 2\n",
            0,
            remove("a"),
            "# about c\nc: 2\n",
        ),
        (
            "name: demo\n# before the marker\n---\nname: demo\n",
            0,
            remove("name"),
            "{}\n# before the marker\n---\nname: demo\n",
        ),
        // The comments above a document's first node are the document's.
        (
            "# header\nname: a\nspec: b\n",
            0,
            remove("name"),
            "# header\nspec: b\n",
        ),
        ("# header\nname: a\n", 0, remove("name"), "# header\n{}\n"),
        (
            "# header\nname: a\nspec: b\n",
            0,
            set("apiVersion", json!("v1")),
            "# header\napiVersion: v1\nname: a\nspec: b\n",
        ),
        (
            "a: 1\n--- # m\n# top\nname: a\nspec: b\n",
            1,
            remove("name"),
            "a: 1\n--- # m\n# top\nspec: b\n",
        ),
        // A value on the line after `- # c` keeps that line.
        (
            "l:\n  - # c\n    {}\n",
            0,
            set("l[0].name", json!("x")),
            "l:\n  - # c\n    name: x\n",
        ),
        // An indentless list of one empty item has an empty span.
        ("name:\n-", 0, remove("name[0]"), "name: []"),
        (
            "x:\n  name:\n  -\nname: demo\n",
            0,
            set("x.name", json!("yes")),
            "x:\n  name: \"yes\"\nname: demo\n",
        ),
        // Comment lines indented inside a block are its: a new sibling goes after them (a
        // block scalar before them would take them as text), a removed or replaced block
        // takes them.
        (
            "name:\n  - name: demo\n    # inside the item\n",
            0,
            Edit::Insert {
                path: p("name"),
                index: None,
                value: Node::from_json(&json!("two\nlines")),
            },
            "name:\n  - name: demo\n    # inside the item\n  - |-\n    two\n    lines\n",
        ),
        (
            "addon:\n  name:\n    name: demo\n    # inside name\n",
            0,
            set("addon.x1", json!("two\nlines")),
            "addon:\n  name:\n    name: demo\n    # inside name\n  x1: |-\n    two\n    lines\n",
        ),
        (
            "l:\n  - a: |\n      text\n  - b: 1\n    # inside b\nx: 1\n",
            0,
            remove("l[1]"),
            "l:\n  - a: |\n      text\nx: 1\n",
        ),
        (
            "a:\n  b: 1\n  # inside a\nc: 2\n",
            0,
            set("a", json!("two\nlines")),
            "a: |-\n  two\n  lines\nc: 2\n",
        ),
        (
            "l:\n  - a: 1\n    # inside 0\n  - b: 2\n",
            0,
            Edit::Move {
                path: p("l"),
                from: 0,
                to: 1,
            },
            "l:\n  - b: 2\n  - a: 1\n    # inside 0\n",
        ),
        // …and are not the own comments of the node below them.
        (
            "l:\n  - a:\n      - 1\n      # inside a\n  - b\n",
            0,
            Edit::Insert {
                path: p("l"),
                index: Some(1),
                value: Node::from_json(&json!("two\nlines")),
            },
            "l:\n  - a:\n      - 1\n      # inside a\n  - |-\n    two\n    lines\n  - b\n",
        ),
        ("name:\n  a: 1\n  # inside\n", 0, remove("name"), "{}\n"),
        // A comment between the block of an item's first key and the next key stays.
        (
            "l:\n  - a:\n    - 1\n    # free\n\n    b: 2\n",
            0,
            remove("l[0].a"),
            "l:\n  - # free\n\n    b: 2\n",
        ),
    ];
    for (text, document, edit, want) in cases {
        let got = apply(text, document, &edit);
        assert_eq!(got.as_deref(), Ok(want), "{text:?} {}", describe(&edit));
    }
    // `fmt` keeps a block scalar item's header comment with its item.
    let text = "l:\n  - |\n    # text\n  - | # c\n    text\n";
    assert_eq!(stashform::format(text).ok().as_deref(), Some(text));
}
