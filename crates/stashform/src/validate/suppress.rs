//! Suppressions in the file: `# stashform-ignore KS401,KS505 -- reason` as an own-line comment
//! covers the entry or item that starts on the next line that is not a comment (its key and
//! all of its value); as a trailing comment, the entry or item that starts on its own line;
//! `# stashform-ignore-document KS401 -- reason` anywhere in a document, and the annotation
//! `stashform.io/ignore: "KS401,KS505"`, the whole document. Rules are named by code or, as a
//! convenience, by name; `-- reason` is optional.
//!
//! A finding is covered when it starts inside what a suppression covers. The loader's findings
//! (KS001-KS008: the text does not read as written) and the suppressions' own are never
//! suppressed. A suppression is judged before the options' levels, so that it is used or
//! unused whatever a configuration turns off.
//!
//! A text that holds no `stashform` costs one substring search.

use stashform_yaml::comments::comments;

use crate::diagnostic::Diagnostic;
use crate::registry::{self, Rule};
use crate::source::Span;
use crate::source::node::{Node, Value};
use crate::source::yaml::Document;

use super::options::UnknownRule;

/// A finding a suppression silenced.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppressed {
    pub diagnostic: Diagnostic,
    /// The comment, or the annotation's value, that silenced it.
    pub by: Span,
    /// What the suppression says after ` -- `.
    pub reason: Option<String>,
}

/// The suppressions of one text.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    directives: Vec<Directive>,
    /// How many of `directives` are comments (in text order; annotations follow).
    comments: usize,
    /// The first comment not yet given a document.
    next: usize,
    /// Codes that name no rule, and the like (`invalid-suppression`).
    problems: Vec<Diagnostic>,
}

#[derive(Debug)]
struct Directive {
    /// The comment, or the annotation's value.
    span: Span,
    /// Where the entry or item it covers starts (`None`: the whole document).
    target: Option<usize>,
    document: Option<usize>,
    /// What it covers in its document (`None`: all of it).
    scope: Option<Span>,
    rules: Vec<(&'static Rule, bool)>,
    reason: Option<String>,
}

/// Rules whose findings cannot be suppressed: the loader's, and the suppressions' own.
fn suppressible(rule: &Rule) -> bool {
    !matches!(
        rule.code,
        "KS001" | "KS002" | "KS003" | "KS004" | "KS005" | "KS006" | "KS007" | "KS008"
    ) && !std::ptr::eq(rule, &registry::UNUSED_SUPPRESSION)
        && !std::ptr::eq(rule, &registry::INVALID_SUPPRESSION)
}

impl Suppressions {
    /// The suppression comments of `text`; `None` when it holds none and no annotation can
    /// either (the common case, which then costs nothing more).
    pub(crate) fn scan(text: &str) -> Option<Self> {
        if !text.contains("stashform") {
            return None;
        }
        let mut found = Self::default();
        for comment in comments(text) {
            let body = &text[comment.span.start + 1..comment.span.end];
            let start = comment.span.end - body.trim_start().len();
            let body = body.trim_start();
            let (whole, rest) = match body.strip_prefix("stashform-ignore-document") {
                Some(rest) => (true, rest),
                None => match body.strip_prefix("stashform-ignore") {
                    Some(rest) => (false, rest),
                    None => continue,
                },
            };
            if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
                continue;
            }
            let target = match (whole, comment.own_line) {
                (true, _) => None,
                (false, true) => next_line_start(text, comment.span.end),
                (false, false) => Some(first_on_line(text, comment.span.start)),
            };
            let at = start + body.len() - rest.len();
            found.directive(comment.span, target, rest, at);
        }
        found.comments = found.directives.len();
        (!found.directives.is_empty()
            || !found.problems.is_empty()
            || text.contains("stashform.io/ignore"))
        .then_some(found)
    }

    /// Read `codes -- reason` (at byte `at` of the text) into a directive at `span`.
    fn directive(&mut self, span: Span, target: Option<usize>, text: &str, at: usize) {
        let (codes, reason) = match text.find("--") {
            Some(i) => (
                &text[..i],
                Some(text[i + 2..].trim()).filter(|r| !r.is_empty()),
            ),
            None => (text, None),
        };
        let mut rules: Vec<(&'static Rule, bool)> = Vec::new();
        let mut offset = at;
        for token in codes.split(',') {
            let name = token.trim();
            let token_span = Span::new(
                offset + (token.len() - token.trim_start().len()),
                offset + token.trim_end().len(),
            );
            offset += token.len() + 1;
            if name.is_empty() {
                continue;
            }
            match registry::find(name) {
                Some(rule) if suppressible(rule) => {
                    if !rules.iter().any(|(r, _)| std::ptr::eq(*r, rule)) {
                        rules.push((rule, false));
                    }
                }
                Some(rule) => self.problems.push(
                    Diagnostic::at(
                        &registry::INVALID_SUPPRESSION,
                        token_span,
                        format!("{} ({}) cannot be suppressed", rule.code, rule.name),
                    )
                    .help(
                        "the YAML loader's findings and the suppressions' own are never suppressed",
                    ),
                ),
                None => {
                    let mut d = Diagnostic::at(
                        &registry::INVALID_SUPPRESSION,
                        token_span,
                        format!("`{name}` is not a rule code or name"),
                    );
                    d.help = match name.split_once([' ', '\t']) {
                        Some((first, _)) if registry::find(first).is_some() => Some(
                            "separate codes with commas and write the reason after ` -- `"
                                .to_owned(),
                        ),
                        _ => UnknownRule::new(name).help,
                    };
                    self.problems.push(d);
                }
            }
        }
        if rules.is_empty() {
            if codes.trim().is_empty() {
                self.problems.push(
                    Diagnostic::at(
                        &registry::INVALID_SUPPRESSION,
                        span,
                        "the suppression names no rule",
                    )
                    .help("name the codes it silences: `# stashform-ignore KS401 -- reason`"),
                );
            }
            return;
        }
        self.directives.push(Directive {
            span,
            target,
            document: None,
            scope: None,
            rules,
            reason: reason.map(str::to_owned),
        });
    }

    /// Give the comments up to the end of `document` to it (documents come in text order),
    /// resolve what each covers, and read its annotation.
    pub(crate) fn document(&mut self, document: &Document, text: &str) {
        let root = &document.root;
        while self.next < self.comments && self.directives[self.next].span.start <= root.span.end {
            let directive = &mut self.directives[self.next];
            directive.document = Some(document.index);
            directive.scope = directive.target.map(|at| covered(text, root, at));
            self.next += 1;
        }
        let annotation = root
            .get("metadata")
            .and_then(|m| m.get("annotations"))
            .and_then(|a| a.get("stashform.io/ignore"));
        if let Some(node) = annotation
            && let Value::Str(codes) = &node.value
        {
            // Codes are located in the value's text when it is written as read (plain or
            // simply quoted); else at the whole value.
            let span = node.span;
            let at = match text[span.start..span.end].find(codes.as_str()) {
                Some(i) if !codes.is_empty() => span.start + i,
                _ => span.start,
            };
            let before = self.directives.len();
            self.directive(node.span, None, codes, at);
            if let Some(directive) = self.directives.get_mut(before) {
                directive.document = Some(document.index);
            }
        }
    }

    /// Move the covered findings out of `diagnostics` (those of rules `off` are dropped, not
    /// counted), and add the suppressions' own findings: unused ones (unless the text does not
    /// load, when findings are missing) and invalid ones.
    pub(crate) fn apply(
        mut self,
        diagnostics: &mut Vec<Diagnostic>,
        off: &dyn Fn(&Rule) -> bool,
        loads: bool,
    ) -> Vec<Suppressed> {
        // What each suppression covers of each rule it names, grouped by document and rule:
        // (group, k), with `covers[k]` = (start, end, directive, rule). Those of the whole
        // document come first, then the others in text order, which is the order of what they
        // cover (a comment covers what starts on its line or the next): so within a group,
        // by start. `(usize, usize)` is the element type the formatter sorts too.
        let group = |document: usize, rule: &Rule| {
            let index = registry::RULES.iter().position(|r| std::ptr::eq(*r, rule));
            document * registry::RULES.len() + index.unwrap_or_default()
        };
        let mut scopes: Vec<(usize, usize)> = Vec::new();
        let mut covers = Vec::new();
        for whole in [true, false] {
            for (d, directive) in self.directives.iter().enumerate() {
                let Some(document) = directive
                    .document
                    .filter(|_| directive.scope.is_none() == whole)
                else {
                    continue;
                };
                let (start, end) = directive
                    .scope
                    .map_or((0, usize::MAX), |s| (s.start, s.end.max(s.start + 1)));
                for (r, (rule, _)) in directive.rules.iter().enumerate() {
                    scopes.push((group(document, rule), covers.len()));
                    covers.push((start, end, d, r));
                }
            }
        }
        stashform_yaml::order::sort(&mut scopes);
        // The findings of each group, in text order (diagnostics are sorted by start).
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut groups: Vec<usize> = scopes.iter().map(|(g, _)| *g).collect();
        groups.dedup();
        found.resize_with(groups.len(), Vec::new);
        for (i, d) in diagnostics.iter().enumerate() {
            if suppressible(d.rule)
                && let Ok(g) = groups.binary_search(&group(d.document, d.rule))
            {
                found[g].push(i);
            }
        }
        let start_of = |i: usize| diagnostics[i].span.map_or(0, |s| s.start);
        let mut covered_by = vec![usize::MAX; diagnostics.len()];
        let mut from = 0;
        for (g, found) in found.iter().enumerate() {
            let count = scopes[from..]
                .iter()
                .take_while(|(x, _)| *x == groups[g])
                .count();
            let list = &scopes[from..from + count];
            from += count;
            debug_assert!(
                list.windows(2)
                    .all(|w| covers[w[0].1].0 <= covers[w[1].1].0)
            );
            // A suppression is used when a finding starts inside what it covers.
            let mut first = 0;
            for &(_, k) in list {
                let (start, end, d, r) = covers[k];
                while found.get(first).is_some_and(|&i| start_of(i) < start) {
                    first += 1;
                }
                if found.get(first).is_some_and(|&i| start_of(i) < end) {
                    self.directives[d].rules[r].1 = true;
                }
            }
            // A finding is covered when a suppression that starts before it ends after it.
            let mut next = 0;
            let mut widest = (0, usize::MAX);
            for &i in found {
                let at = start_of(i);
                while let Some(&(_, k)) = list.get(next).filter(|(_, k)| covers[*k].0 <= at) {
                    if covers[k].1 > widest.0 {
                        widest = (covers[k].1, covers[k].2);
                    }
                    next += 1;
                }
                if widest.0 > at {
                    covered_by[i] = widest.1;
                }
            }
        }
        let mut suppressed = Vec::new();
        let mut index = 0;
        diagnostics.retain_mut(|d| {
            let by = covered_by[index];
            index += 1;
            let Some(directive) = self.directives.get(by) else {
                return true;
            };
            if !off(d.rule) {
                let mut diagnostic = d.clone();
                diagnostic.fix = None;
                suppressed.push(Suppressed {
                    diagnostic,
                    by: directive.span,
                    reason: directive.reason.clone(),
                });
            }
            false
        });
        if loads {
            for directive in &self.directives {
                let unused: Vec<String> = directive
                    .rules
                    .iter()
                    .filter(|(_, used)| !used)
                    .map(|(rule, _)| format!("{} ({})", rule.code, rule.name))
                    .collect();
                if unused.is_empty() {
                    continue;
                }
                let place = if directive.target.is_some() {
                    "here"
                } else {
                    "in this document"
                };
                let mut d = Diagnostic::at(
                    &registry::UNUSED_SUPPRESSION,
                    directive.span,
                    format!("nothing {place} to suppress for {}", unused.join(", ")),
                )
                .help("remove the suppression, or the codes that no longer apply");
                d.document = directive.document.unwrap_or_default();
                diagnostics.push(d);
            }
        }
        diagnostics.append(&mut self.problems);
        suppressed
    }
}

/// The start of the first line after `at`'s that holds more than blanks and a comment.
fn next_line_start(text: &str, at: usize) -> Option<usize> {
    let mut at = at;
    loop {
        at += text[at..].find(['\n', '\r'])? + 1;
        let line = &text[at..];
        let content = line.trim_start_matches([' ', '\t']);
        if !content.is_empty() && !content.starts_with(['#', '\n', '\r']) {
            return Some(at + line.len() - content.len());
        }
    }
}

/// The first character of the line holding `at` that is not a blank.
fn first_on_line(text: &str, at: usize) -> usize {
    let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    start + text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len()
}

/// What a suppression aimed at `at` covers in `root`: the entry or item that starts there (from
/// its key or dash to the end of its value); the line, when none does.
fn covered(text: &str, root: &Node, at: usize) -> Span {
    let mut node = root;
    'descend: loop {
        match &node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    // Keys of a merge (`<<`) are written elsewhere.
                    if key.span.start < node.span.start {
                        continue;
                    }
                    let end = end(value).max(key.span.end);
                    if key.span.start == at {
                        return Span::new(at, end);
                    }
                    if key.span.start < at && at < end {
                        node = value;
                        continue 'descend;
                    }
                }
            }
            Value::Seq(items) => {
                let mut after = node.span.start;
                for item in items {
                    if item.span.start < node.span.start {
                        continue;
                    }
                    let end = end(item);
                    // The item's dash, or (in a flow list) the item itself.
                    let dash = after <= at && at < item.span.start && text.as_bytes()[at] == b'-';
                    if dash || item.span.start == at {
                        return Span::new(at, end);
                    }
                    if item.span.start < at && at < end {
                        node = item;
                        continue 'descend;
                    }
                    after = end;
                }
            }
            _ => {}
        }
        break;
    }
    let line_end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    Span::new(at, line_end)
}

/// Where a node's own text ends: its last entry or item's, for a collection (a block
/// collection's span runs on over the comment lines after it).
fn end(node: &Node) -> usize {
    let mut node = node;
    loop {
        let last = match &node.value {
            Value::Map(entries) => entries
                .iter()
                .rev()
                .find(|(k, _)| k.span.start >= node.span.start)
                .map(|(k, v)| (k.span.end, v)),
            Value::Seq(items) => items
                .iter()
                .rev()
                .find(|i| i.span.start >= node.span.start)
                .map(|i| (i.span.start, i)),
            _ => None,
        };
        match last {
            Some((at, child)) if child.span.end > at => node = child,
            Some((at, _)) => return at,
            None => return node.span.end,
        }
    }
}
