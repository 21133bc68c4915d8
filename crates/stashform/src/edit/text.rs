//! The text side of an edit: which bytes change, and to what.

use stashform_yaml::comments::{Comment, comments};

use crate::diagnostic::Segment;
use crate::render::{
    entry_text, flow_text, item_dash, item_text, key_like, key_order, key_rank, render,
    scalar_like, value_text,
};
use crate::source::Span;
use crate::source::node::{Key, Node, Value};

use super::tree::{node, wrap};
use super::{Edit, EditError};

/// Apply `edit` to the document `root` of `text`.
pub(super) fn apply(text: &str, root: &Node, edit: &Edit) -> Result<String, EditError> {
    splice(text, root, &comments(text), edit)?.apply(text)
}

/// The bytes `edit` changes in the document `root` of `text` (whose comments are `comments`).
pub(super) fn splice(
    text: &str,
    root: &Node,
    comments: &[Comment],
    edit: &Edit,
) -> Result<Splice, EditError> {
    let doc = Doc {
        text,
        root,
        comments,
    };
    Ok(match edit {
        Edit::Set { path, value } => doc.set(&path.0, value)?,
        Edit::Remove { path } => match doc.walk(&path.0)? {
            Walk::Found(steps) => doc.remove(&steps)?,
            Walk::Missing { .. } => Splice::new(0, 0, ""),
        },
        Edit::Insert { path, index, value } => match doc.walk(&path.0)? {
            Walk::Found(steps) if matches!(last(&steps).node.value, Value::Seq(_)) => {
                doc.insert_items(&steps, *index, std::slice::from_ref(value))?
            }
            _ => doc.set(&path.0, &node(Value::Seq(vec![value.clone()])))?,
        },
        Edit::Move { path, from, to } => match doc.walk(&path.0)? {
            Walk::Found(steps) => doc.move_item(&steps, *from, *to)?,
            Walk::Missing { .. } => {
                return Err(EditError::new(format!("there is no list at `{path}`")));
            }
        },
        Edit::Rename { path, to } => match doc.walk(&path.0)? {
            Walk::Found(steps) => doc.rename(&steps, to)?,
            Walk::Missing { .. } => {
                return Err(EditError::new(format!(
                    "there is no key `{path}` to rename"
                )));
            }
        },
    })
}

/// A new document at the end of `text` (which holds `documents` non-empty documents) holding
/// what `edit` sets.
pub(super) fn append_document(
    text: &str,
    documents: usize,
    edit: &Edit,
) -> Result<String, EditError> {
    let root = match edit {
        Edit::Set { path, value } => wrap(&path.0, value),
        Edit::Insert { path, value, .. } => wrap(&path.0, &node(Value::Seq(vec![value.clone()]))),
        Edit::Remove { .. } | Edit::Move { .. } | Edit::Rename { .. } => {
            return Err(EditError::new("there is no document to edit"));
        }
    };
    let mut out = text.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    // After only comments (or nothing), the new document follows them without a `---`.
    if documents > 0 {
        out.push_str("---\n");
    }
    out.push_str(&render(&root));
    Ok(out)
}

/// Replace `start..end` of the text with `with`.
pub(crate) struct Splice {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) with: String,
}

impl Splice {
    fn new(start: usize, end: usize, with: impl Into<String>) -> Self {
        Self {
            start,
            end,
            with: with.into(),
        }
    }

    /// The spliced text. The offsets come from spans and line breaks, so they fall between
    /// characters; should one not, the edit fails instead of the program.
    fn apply(self, text: &str) -> Result<String, EditError> {
        let (Some(before), Some(after)) = (text.get(..self.start), text.get(self.end..)) else {
            return Err(EditError::new(
                "the edit does not fall between characters (please report this text)",
            ));
        };
        let mut out = String::with_capacity(text.len() + self.with.len());
        out.push_str(before);
        out.push_str(&self.with);
        out.push_str(after);
        Ok(out)
    }
}

/// How a node is reached from its parent.
#[derive(Clone, Copy)]
enum Via<'n> {
    Root,
    Key(&'n Key),
    Index,
}

#[derive(Clone, Copy)]
struct Step<'n> {
    node: &'n Node,
    via: Via<'n>,
}

enum Walk<'n> {
    Found(Vec<Step<'n>>),
    /// The steps that exist; the path goes on from `steps.len() - 1` segments in.
    Missing {
        steps: Vec<Step<'n>>,
    },
}

fn last<'a, 'n>(steps: &'a [Step<'n>]) -> &'a Step<'n> {
    steps.last().expect("a walk starts at the root")
}

struct Doc<'t> {
    text: &'t str,
    root: &'t Node,
    comments: &'t [Comment],
}

impl<'t> Doc<'t> {
    // ---- reading the text ----

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Just after the line break of the line holding `at` (the end of the text on the last
    /// line).
    fn next_line(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i + 1)
    }

    /// The end of the line holding `at`, before its line break.
    fn line_end(&self, at: usize) -> usize {
        let end = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i);
        if end > at && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    fn column(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    /// Only blanks before `at` on its line.
    fn first_on_line(&self, at: usize) -> bool {
        self.text[self.line_start(at)..at].trim().is_empty()
    }

    /// The start of the line of `at`, or of the own-line comments directly above it (the
    /// node's own comment lines; not those indented deeper than `at`, which are inside the
    /// block above: see [`Self::block_end`]).
    fn leading_start(&self, at: usize) -> usize {
        let col = self.column(at);
        let mut line = self.line_start(at);
        while line > 0 {
            let above = self.line_start(line - 1);
            let first =
                above + (self.text[above..line].len() - self.text[above..line].trim_start().len());
            let is_comment = self
                .comments
                .binary_search_by_key(&first, |c| c.span.start)
                .is_ok_and(|i| self.comments[i].own_line);
            if !is_comment || first - above > col {
                break;
            }
            line = above;
        }
        line
    }

    /// Where the own lines of a node starting at `at` start: its own comment lines above it,
    /// but for the first node of a document, whose comments above are the document's (as
    /// `fmt` keeps them at its top).
    fn own_lines_start(&self, at: usize, first_of_document: bool) -> usize {
        if first_of_document {
            self.line_start(at)
        } else {
            self.leading_start(at)
        }
    }

    /// Just after the line break of the own-line comment lines right below the line holding
    /// `end` that are indented deeper than `col`: they are inside the block that ends at
    /// `end`, and go (remove, replace, move) or stay (insert after it) with it. (Just after
    /// the line of `end` when there are none.)
    fn block_end(&self, end: usize, col: usize) -> usize {
        self.comments_below(end, col, false)
    }

    /// Where lines inserted after the block ending at `end` go: [`Self::block_end`], and past
    /// deeper comment lines after blank lines too. Such a comment stays where it is when its
    /// block is removed or replaced, but a key inserted above it would end there, and a block
    /// scalar value would take the comment as its text.
    fn insertion_point(&self, end: usize, col: usize) -> usize {
        self.comments_below(end, col, true)
    }

    fn comments_below(&self, end: usize, col: usize, through_blank_lines: bool) -> usize {
        let mut at = self.next_line(end);
        let mut probe = at;
        while probe < self.text.len() {
            let rest = &self.text[probe..];
            let first = probe + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
            if through_blank_lines && self.text[first..].starts_with(['\n', '\r']) {
                probe = self.next_line(first);
                continue;
            }
            let own_comment = self
                .comments
                .binary_search_by_key(&first, |c| c.span.start)
                .is_ok_and(|i| self.comments[i].own_line);
            if !own_comment || first - probe <= col {
                break;
            }
            probe = self.next_line(first);
            at = probe;
        }
        at
    }

    /// The end of the last line of [`Self::block_end`]'s block, before its line break.
    fn block_line_end(&self, end: usize, col: usize) -> usize {
        let after = self.block_end(end, col);
        if after > self.next_line(end) {
            self.line_end(after - 1)
        } else {
            self.line_end(end)
        }
    }

    /// The end of a node's own text: the last byte of its last descendant.
    fn content_end(&self, node: &Node) -> usize {
        let own = node.span.start
            + self.text[node.span.start..node.span.end.min(self.text.len())]
                .trim_end()
                .len();
        // A block collection's span runs on over the comment lines after its last content,
        // which belong to what follows: it ends where its last entry or item does.
        let block = matches!(node.value, Value::Map(_) | Value::Seq(_)) && !self.is_flow(node);
        let mut end = if block { node.span.start } else { own };
        let mut own_children = false;
        match &node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    if key.span.start >= node.span.start {
                        end = end.max(self.entry_end(key, value));
                        own_children = true;
                    }
                }
            }
            Value::Seq(items) => {
                for item in items {
                    if item.span.start >= node.span.start {
                        end = end.max(self.content_end(item));
                        own_children = true;
                    }
                }
            }
            _ => {}
        }
        if block && !own_children { own } else { end }
    }

    fn entry_end(&self, key: &Key, value: &Node) -> usize {
        let empty_null = value.is_null() && value.span.start == value.span.end;
        if empty_null || value.span.start < key.span.end {
            key.span.end
        } else {
            key.span.end.max(self.content_end(value))
        }
    }

    /// Where a node's own text starts, after its anchor and tag.
    fn value_start(&self, node: &Node) -> usize {
        self.token_start(node.span)
    }

    /// Where the text of a node or key at `span` starts, after its anchor and tag.
    fn token_start(&self, span: Span) -> usize {
        let mut at = span.start;
        let bytes = self.text.as_bytes();
        while at < span.end && matches!(bytes.get(at), Some(b'&' | b'!')) {
            while at < span.end && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            while at < span.end && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
        }
        at
    }

    fn is_flow(&self, node: &Node) -> bool {
        // A block collection starts where its first entry or item does: `- [a, b]` starts
        // with `[` but is a block list.
        let first = match &node.value {
            Value::Map(entries) => entries.first().map(|(k, _)| k.span.start),
            Value::Seq(items) => items.first().map(|i| i.span.start),
            _ => None,
        };
        first != Some(node.span.start)
            && matches!(
                self.text.as_bytes().get(self.value_start(node)),
                Some(b'[' | b'{')
            )
    }

    fn is_block_scalar(&self, node: &Node) -> bool {
        // A block scalar's span starts at its content; its header (`|`, `>-`, `|2+`…) is the
        // token before it, comments aside.
        if matches!(node.value, Value::Map(_) | Value::Seq(_)) {
            return false;
        }
        let mut end = node.span.start;
        loop {
            end = self.text[..end].trim_end().len();
            match self
                .comments
                .iter()
                .find(|c| c.span.end == end && c.span.start < end)
            {
                Some(comment) => end = comment.span.start,
                None => break,
            }
        }
        let before = &self.text[..end];
        let token = before
            .rfind(|c: char| c.is_ascii_whitespace())
            .map_or(before, |i| &before[i + 1..]);
        token.starts_with(['|', '>'])
    }

    /// A trailing comment after `at` on its line (with the blanks before it), if any.
    fn comment_after(&self, at: usize) -> &'t str {
        let rest = &self.text[at..self.line_end(at)];
        if rest.trim_start().starts_with('#') {
            rest
        } else {
            ""
        }
    }

    /// The trailing comment on the line of `at` after it, with the blanks before it.
    fn comment_on_line(&self, at: usize) -> &'t str {
        let end = self.line_end(at);
        match self
            .comments
            .iter()
            .find(|c| at < c.span.start && c.span.start < end)
        {
            Some(c) => {
                let from = self.text[..c.span.start]
                    .trim_end_matches([' ', '\t'])
                    .len();
                &self.text[from..end]
            }
            None => "",
        }
    }

    /// The `:` after a key.
    fn colon_after(&self, key: &Key) -> Result<usize, EditError> {
        let rest = &self.text[key.span.end..];
        let skipped = rest.len() - rest.trim_start().len();
        if rest[skipped..].starts_with(':') {
            Ok(key.span.end + skipped)
        } else {
            Err(EditError::new(format!(
                "the key `{}` is not followed by `:`",
                key.name
            )))
        }
    }

    fn dash(&self, item: &Node) -> usize {
        item_dash(self.text, self.comments, item)
    }

    // ---- finding the path ----

    fn walk(&self, path: &[Segment]) -> Result<Walk<'t>, EditError> {
        let mut steps = vec![Step {
            node: self.root,
            via: Via::Root,
        }];
        for (depth, segment) in path.iter().enumerate() {
            let parent = last(&steps).node;
            let step = match (segment, &parent.value) {
                (Segment::Key(name), Value::Map(entries)) => entries
                    .iter()
                    .find(|(k, _)| k.name == *name)
                    .map(|(key, value)| {
                        let inside = key.span.start >= parent.span.start
                            && (value.span.start >= key.span.end
                                || (value.is_null() && value.span.start == value.span.end));
                        (
                            inside,
                            Step {
                                node: value,
                                via: Via::Key(key),
                            },
                        )
                    }),
                (Segment::Index(i), Value::Seq(items)) => items.get(*i).map(|item| {
                    (
                        item.span.start >= parent.span.start,
                        Step {
                            node: item,
                            via: Via::Index,
                        },
                    )
                }),
                _ => None,
            };
            match step {
                Some((true, step)) => steps.push(step),
                Some((false, _)) => {
                    let here = crate::diagnostic::Path(path[..=depth].to_vec());
                    return Err(EditError::new(format!(
                        "`{here}` comes from an alias or a merge key (`<<`): edit the anchored node instead"
                    )));
                }
                None => return Ok(Walk::Missing { steps }),
            }
        }
        Ok(Walk::Found(steps))
    }

    /// The key the renderer orders a mapping's keys by: its own key, or its list's key.
    fn parent_name(steps: &[Step<'_>]) -> String {
        steps
            .iter()
            .rev()
            .find_map(|s| match s.via {
                Via::Key(key) => Some(key.name.clone()),
                Via::Index => None,
                Via::Root => Some(String::new()),
            })
            .unwrap_or_default()
    }

    // ---- edits ----

    fn set(&self, path: &[Segment], value: &Node) -> Result<Splice, EditError> {
        match self.walk(path)? {
            Walk::Found(steps) => self.replace(&steps, value),
            Walk::Missing { steps } => {
                let depth = steps.len() - 1;
                let existing = last(&steps).node;
                let rest = &path[depth + 1..];
                let child = wrap(rest, value);
                match (&path[depth], &existing.value) {
                    (Segment::Key(name), Value::Map(entries))
                        if !entries.is_empty() || !self.is_empty_flow(existing) =>
                    {
                        self.insert_entry(&steps, name, &child)
                    }
                    (Segment::Index(i), Value::Seq(items)) if !items.is_empty() => {
                        let mut new = vec![node(Value::Map(Vec::new())); i - items.len()];
                        new.push(child);
                        self.insert_items(&steps, None, &new)
                    }
                    (segment, _) => {
                        let whole = wrap(std::slice::from_ref(segment), &child);
                        self.replace(&steps, &whole)
                    }
                }
            }
        }
    }

    fn is_empty_flow(&self, node: &Node) -> bool {
        let empty = match &node.value {
            Value::Map(entries) => entries.is_empty(),
            Value::Seq(items) => items.is_empty(),
            _ => false,
        };
        empty && self.is_flow(node)
    }

    /// Replace the node the steps end at with `value`.
    fn replace(&self, steps: &[Step<'_>], value: &Node) -> Result<Splice, EditError> {
        let step = last(steps);
        let old = step.node;
        let parent = steps.len().checked_sub(2).map(|i| steps[i].node);
        let key_name = match step.via {
            Via::Key(key) => key.name.as_str(),
            _ => "",
        };
        let new_is_scalar = !matches!(&value.value, Value::Map(m) if !m.is_empty())
            && !matches!(&value.value, Value::Seq(s) if !s.is_empty());
        // An indentless list of one empty item (`key:\n-`) has an empty span: it is a block.
        let old_is_block_collection = match &old.value {
            Value::Map(entries) => !entries.is_empty(),
            Value::Seq(items) => !items.is_empty(),
            _ => false,
        } && !self.is_flow(old);
        let in_flow = parent.is_some_and(|p| self.is_flow(p));
        let old_has_text = !(old.is_null() && old.span.start == old.span.end);

        // A scalar in place of a scalar: only its own bytes change.
        if new_is_scalar
            && old_has_text
            && !old_is_block_collection
            && !self.is_block_scalar(old)
            && !matches!(&value.value, Value::Str(s) if s.contains('\n'))
        {
            let start = self.value_start(old);
            let end = self.content_end(old);
            let style = self.text.as_bytes().get(start).copied().unwrap_or(b' ');
            let with = if in_flow || style == b'*' {
                // In a flow, or in place of an alias (which has no style of its own): as the
                // renderer writes it on one line.
                flow_text(value, key_name)
            } else if matches!(style, b'[' | b'{') {
                // An empty flow collection becomes a scalar: write it canonically.
                scalar_like(value, key_name, b' ')
            } else {
                scalar_like(value, key_name, style)
            };
            return Ok(Splice::new(start, end, with));
        }
        if in_flow {
            let start = self.value_start(old);
            return Ok(Splice::new(
                start,
                self.content_end(old),
                flow_text(value, key_name),
            ));
        }
        match step.via {
            Via::Root => {
                let start = self.line_start(old.span.start);
                let end = self.next_line(self.content_end(old));
                let mut with = render(value);
                if end == self.text.len() && !self.text.ends_with('\n') {
                    with.pop();
                }
                Ok(Splice::new(start, end, with))
            }
            Via::Key(key) => {
                let col = self.column(key.span.start);
                let rendered = value_text(value, &key.name);
                let rendered = rendered.strip_suffix('\n').unwrap_or(&rendered);
                let block = indent_after_first(rendered, col);
                let colon = self.colon_after(key)?;
                let old_end = if old_has_text && old.span.start > colon {
                    self.content_end(old)
                } else {
                    colon + 1
                };
                if !new_is_scalar
                    && old_is_block_collection
                    && self.line_start(old.span.start) > colon
                {
                    // `key: # comment` above a block: keep the key's line as it is.
                    let start = self.line_end(colon);
                    return Ok(Splice::new(start, self.block_line_end(old_end, col), block));
                }
                if old_is_block_collection || self.is_block_scalar(old) {
                    // `key: # comment` above a block, `key: | # comment`: the comment stays on
                    // the key's line.
                    let comment = self.comment_on_line(colon);
                    let with = on_first_line(&block, comment);
                    let end = self.block_line_end(old_end, col);
                    return Ok(Splice::new(colon + 1, end, with));
                }
                if !new_is_scalar || block.contains('\n') {
                    // A block (or a block scalar) replaces a one-line value: its comment stays
                    // on the key's line.
                    let comment = self.comment_after(old_end);
                    let end = old_end + comment.len();
                    return Ok(Splice::new(colon + 1, end, on_first_line(&block, comment)));
                }
                Ok(Splice::new(colon + 1, old_end, block))
            }
            Via::Index => {
                let dash = self.dash(old);
                if self.text.as_bytes().get(dash) != Some(&b'-') {
                    return Err(EditError::new("this list item has no `-` to edit at"));
                }
                let col = self.column(dash);
                let parent_name = Self::parent_name(steps);
                let rendered = item_text(value, &parent_name);
                let rendered = rendered.strip_suffix('\n').unwrap_or(&rendered);
                let after_dash = rendered.strip_prefix('-').unwrap_or(rendered);
                let after_dash = after_dash
                    .strip_prefix(" \n")
                    .map_or_else(|| after_dash.to_owned(), |rest| format!("\n{rest}"));
                let block = indent_after_first(&after_dash, col);
                if old_has_text
                    && !self.is_block_scalar(old)
                    && self.line_start(old.span.start) > dash
                {
                    // `- # comment` above the item's value: the dash's line stays.
                    let pad = " ".repeat(col + 2);
                    let body = after_dash.trim_start_matches([' ', '\n']);
                    // `body`'s lines after the first are indented for a dash at column 0.
                    let with = format!("\n{pad}{}", indent_after_first(body, col));
                    let end = if old_is_block_collection {
                        self.block_line_end(self.content_end(old), col)
                    } else {
                        self.content_end(old)
                    };
                    return Ok(Splice::new(self.line_end(dash), end, with));
                }
                let end = if old_has_text {
                    self.content_end(old).max(dash + 1)
                } else {
                    dash + 1
                };
                if self.is_block_scalar(old) {
                    // `- | # comment`: the comment stays on the dash's line.
                    let comment = self.comment_on_line(dash);
                    let with = on_first_line(&block, comment);
                    return Ok(Splice::new(dash + 1, self.block_line_end(end, col), with));
                }
                if (!new_is_scalar || block.contains('\n')) && !old_is_block_collection {
                    // The comment stays on the dash's line (after a block scalar's header).
                    let comment = self.comment_after(end);
                    if !comment.is_empty() && block.contains('\n') {
                        let with = on_first_line(&block, comment);
                        return Ok(Splice::new(dash + 1, end + comment.len(), with));
                    }
                }
                let end = if old_is_block_collection || self.is_block_scalar(old) {
                    self.block_line_end(end, col)
                } else {
                    end
                };
                Ok(Splice::new(dash + 1, end, block))
            }
        }
    }

    /// Rename the key the steps end at: only the key's own bytes change, in its quote style
    /// where that can hold `to`.
    fn rename(&self, steps: &[Step<'_>], to: &str) -> Result<Splice, EditError> {
        let Via::Key(key) = last(steps).via else {
            return Err(EditError::new("only a mapping key can be renamed"));
        };
        let start = self.token_start(key.span);
        let in_flow = steps.len() > 1 && self.is_flow(steps[steps.len() - 2].node);
        let style = self.text.as_bytes().get(start).copied().unwrap_or(b' ');
        Ok(Splice::new(
            start,
            key.span.end,
            key_like(to, style, in_flow),
        ))
    }

    /// Add `name: value` to the mapping the steps end at.
    fn insert_entry(
        &self,
        steps: &[Step<'_>],
        name: &str,
        value: &Node,
    ) -> Result<Splice, EditError> {
        let map = last(steps).node;
        let own: Vec<&(Key, Node)> = map
            .entries()
            .iter()
            .filter(|(k, _)| k.span.start >= map.span.start)
            .collect();
        let Some(first) = own.first() else {
            let whole = wrap(&[Segment::Key(name.to_owned())], value);
            return self.replace(steps, &whole);
        };
        if self.is_flow(map) {
            let close = self.content_end(map) - 1;
            let before = self.text[..close].trim_end().len();
            let key = crate::render::flow_text(
                &node(Value::Map(vec![(
                    Key {
                        name: name.to_owned(),
                        span: Span::default(),
                    },
                    value.clone(),
                )])),
                "",
            );
            let inner = &key[1..key.len() - 1];
            return Ok(Splice::new(before, before, format!(", {inner}")));
        }
        let parent_name = Self::parent_name(steps);
        let order = key_order(&parent_name);
        let rank = key_rank(order, name);
        let col = self.column(first.0.span.start);
        let lines = indent_all(&entry_text(name, value, &parent_name), col);
        match own.iter().find(|(k, _)| key_rank(order, &k.name) > rank) {
            Some((next, _)) if self.first_on_line(next.span.start) => {
                let first_of_document = steps.len() == 1 && next.span == first.0.span;
                let at = self.own_lines_start(next.span.start, first_of_document);
                Ok(Splice::new(at, at, lines))
            }
            Some((next, _)) => {
                // The first key of a list item shares the dash's line: the new key takes it.
                let with = format!("{}{}", &lines[col..], " ".repeat(col));
                Ok(Splice::new(next.span.start, next.span.start, with))
            }
            None => {
                let (key, last_value) = own.last().expect("not empty");
                Ok(self.append_lines(self.entry_end(key, last_value), col, lines))
            }
        }
    }

    /// Insert `lines` (at column `col`) after the block ending at `end`.
    fn append_lines(&self, end: usize, col: usize, lines: String) -> Splice {
        let at = self.insertion_point(end, col);
        if at == self.text.len() && !self.text.ends_with('\n') {
            Splice::new(
                at,
                at,
                format!("\n{}", lines.strip_suffix('\n').unwrap_or(&lines)),
            )
        } else {
            Splice::new(at, at, lines)
        }
    }

    /// Insert `values` into the list the steps end at, before item `index` (at the end when
    /// `None` or past it).
    fn insert_items(
        &self,
        steps: &[Step<'_>],
        index: Option<usize>,
        values: &[Node],
    ) -> Result<Splice, EditError> {
        let list = last(steps).node;
        let items: Vec<&Node> = list
            .items()
            .iter()
            .filter(|i| i.span.start >= list.span.start)
            .collect();
        let Some(first) = items.first() else {
            return self.replace(steps, &node(Value::Seq(values.to_vec())));
        };
        let index = index.filter(|i| *i < items.len());
        let parent_name = Self::parent_name(steps);
        if self.is_flow(list) {
            let flow: Vec<String> = values.iter().map(|v| flow_text(v, &parent_name)).collect();
            return Ok(match index {
                Some(i) => {
                    let at = self.value_start(items[i]);
                    Splice::new(at, at, format!("{}, ", flow.join(", ")))
                }
                None => {
                    let close = self.content_end(list) - 1;
                    let before = self.text[..close].trim_end().len();
                    Splice::new(before, before, format!(", {}", flow.join(", ")))
                }
            });
        }
        let dash = self.dash(first);
        if !self.first_on_line(dash) {
            return Err(EditError::new(
                "a list that starts on its parent item's line (`- - a`) cannot be edited in place",
            ));
        }
        let col = self.column(dash);
        let lines: String = values
            .iter()
            .map(|v| indent_all(&item_text(v, &parent_name), col))
            .collect();
        Ok(match index {
            Some(i) => {
                let at = self.own_lines_start(self.dash(items[i]), steps.len() == 1 && i == 0);
                Splice::new(at, at, lines)
            }
            None => {
                let last_item = items.last().expect("not empty");
                self.append_lines(self.content_end(last_item), col, lines)
            }
        })
    }

    /// Remove the key or item the steps end at.
    fn remove(&self, steps: &[Step<'_>]) -> Result<Splice, EditError> {
        let step = last(steps);
        let parent_steps = &steps[..steps.len() - 1];
        let Some(parent) = parent_steps.last().map(|s| s.node) else {
            return Err(EditError::new("cannot remove the whole document"));
        };
        // Each sibling: where it starts (key or dash), where its text ends.
        let siblings: Vec<(usize, usize)> = match &parent.value {
            Value::Map(entries) => entries
                .iter()
                .filter(|(k, _)| k.span.start >= parent.span.start)
                .map(|(k, v)| (k.span.start, self.entry_end(k, v)))
                .collect(),
            Value::Seq(items) => items
                .iter()
                .filter(|i| i.span.start >= parent.span.start)
                .map(|i| {
                    let start = if self.is_flow(parent) {
                        self.value_start(i)
                    } else {
                        self.dash(i)
                    };
                    (start, self.content_end(i).max(start + 1))
                })
                .collect(),
            _ => Vec::new(),
        };
        let start = match step.via {
            Via::Key(key) => key.span.start,
            Via::Index if self.is_flow(parent) => self.value_start(step.node),
            Via::Index => self.dash(step.node),
            Via::Root => return Err(EditError::new("cannot remove the whole document")),
        };
        let Some(at) = siblings.iter().position(|(s, _)| *s == start) else {
            return Err(EditError::new(
                "this node is not where its parent's text is",
            ));
        };
        if siblings.len() == 1 {
            let empty = match parent.value {
                Value::Seq(_) => Value::Seq(Vec::new()),
                _ => Value::Map(Vec::new()),
            };
            if parent_steps.len() == 1 {
                // The document's root: `{}` alone.
                let end = self.block_end(self.content_end(parent), self.column(start));
                let with = if empty == Value::Seq(Vec::new()) {
                    "[]\n"
                } else {
                    "{}\n"
                };
                let from = self.own_lines_start(start, at == 0);
                return Ok(Splice::new(from, end, with));
            }
            return self.replace(parent_steps, &node(empty));
        }
        let end = siblings[at].1;
        if self.is_flow(parent) {
            return Ok(match siblings.get(at + 1) {
                Some((next, _)) => Splice::new(start, *next, ""),
                None => {
                    let previous_end = siblings[at - 1].1;
                    Splice::new(previous_end, end, "")
                }
            });
        }
        if self.first_on_line(start) {
            let first_of_document = parent_steps.len() == 1 && at == 0;
            return Ok(Splice::new(
                self.own_lines_start(start, first_of_document),
                self.block_end(end, self.column(start)),
                "",
            ));
        }
        // The first key of a list item, on the dash's line: what follows its block (the next
        // key or a comment line) moves up to it.
        match siblings.get(at + 1) {
            Some((next, _)) if self.first_on_line(*next) => {
                let after = self.block_end(end, self.column(start));
                let rest = &self.text[after..];
                let to = after + (rest.len() - rest.trim_start().len());
                Ok(Splice::new(start, to, ""))
            }
            _ => Err(EditError::new(
                "this key shares its line with another: cannot remove it in place",
            )),
        }
    }

    fn move_item(&self, steps: &[Step<'_>], from: usize, to: usize) -> Result<Splice, EditError> {
        let list = last(steps).node;
        let items = list.items();
        if from >= items.len() || to >= items.len() {
            return Err(EditError::new(format!(
                "the list has {} items: cannot move item {from} to {to}",
                items.len()
            )));
        }
        if items.iter().any(|i| i.span.start < list.span.start) {
            return Err(EditError::new("the list holds items from an alias"));
        }
        if from == to {
            return Ok(Splice::new(0, 0, ""));
        }
        if self.is_flow(list) {
            let mut texts: Vec<&str> = items
                .iter()
                .map(|i| &self.text[self.value_start(i)..self.content_end(i)])
                .collect();
            let moved = texts.remove(from);
            texts.insert(to, moved);
            let start = self.value_start(&items[0]);
            let end = self.content_end(&items[items.len() - 1]);
            return Ok(Splice::new(start, end, texts.join(", ")));
        }
        let block = |i: usize| -> Result<(usize, usize), EditError> {
            let dash = self.dash(&items[i]);
            if !self.first_on_line(dash) {
                return Err(EditError::new(
                    "a list that starts on its parent item's line (`- - a`) cannot be edited in place",
                ));
            }
            Ok((
                self.leading_start(dash),
                self.block_end(self.content_end(&items[i]), self.column(dash)),
            ))
        };
        let (from_start, from_end) = block(from)?;
        let (to_start, to_end) = block(to)?;
        let mut moved = self.text[from_start..from_end].to_owned();
        if !moved.ends_with('\n') {
            moved.push('\n');
        }
        // Rewrite the span covering both items: the others between them stay byte for byte.
        Ok(if to > from {
            let between = &self.text[from_end..to_end];
            let mut with = between.to_owned();
            if !with.ends_with('\n') {
                with.push('\n');
            }
            with.push_str(&moved);
            if to_end == self.text.len() && !self.text.ends_with('\n') {
                with.pop();
            }
            Splice::new(from_start, to_end, with)
        } else {
            let between = &self.text[to_start..from_start];
            let mut with = moved;
            with.push_str(between);
            if from_end == self.text.len() && !self.text.ends_with('\n') {
                with.pop();
            }
            Splice::new(to_start, from_end, with)
        })
    }
}

/// `block` with `comment` at the end of its first line.
fn on_first_line(block: &str, comment: &str) -> String {
    match block.split_once('\n') {
        Some((first, rest)) => format!("{first}{comment}\n{rest}"),
        None => format!("{block}{comment}"),
    }
}

/// Indent every non-empty line by `col` spaces.
fn indent_all(text: &str, col: usize) -> String {
    let pad = " ".repeat(col);
    text.split_inclusive('\n')
        .map(|line| {
            if line.trim().is_empty() {
                line.to_owned()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect()
}

/// Indent every non-empty line but the first by `col` spaces.
fn indent_after_first(text: &str, col: usize) -> String {
    match text.split_once('\n') {
        Some((first, rest)) => format!("{first}\n{}", indent_all(rest, col)),
        None => text.to_owned(),
    }
}
