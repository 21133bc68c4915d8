//! The validator: text in, a flat list of diagnostics out. Each layer of DESIGN.md is a
//! module; rules speak paths, and [`locate`] turns every path into a span afterwards.

mod addon;
mod admission;
mod advice;
mod bundle;
mod kubernetes;
pub mod structure;

use serde::Serialize;

use crate::diagnostic::{Anchor, Diagnostic, Path, Segment};
use crate::registry::{self, Severity};
use crate::schema;
use crate::source::Span;
use crate::source::node::{Node, Value};
use crate::source::yaml::{self, Document};
use structure::Walker;

/// What a document is, for faces that list documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    pub index: usize,
    pub api_version: Option<String>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub namespace: Option<String>,
    /// Whether stashform validates this kind.
    pub checked: bool,
    /// Byte offset where the document starts.
    pub offset: usize,
}

/// The outcome of checking one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub documents: Vec<DocumentInfo>,
    /// Sorted by position; every diagnostic has a span.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Load and validate a whole file. Each document is validated as soon as it is loaded and
/// then dropped, keeping only what the bundle check needs: memory stays near one document's
/// tree, whatever the size of the file.
#[must_use]
pub fn check(text: &str) -> Report {
    let mut checker = Checker::new(text);
    // A single-document file (the common case) needs no bundle summary: keep the first
    // document until a second one shows that the file is a bundle.
    let mut first: Option<Document> = None;
    let mut count = 0;
    let loader_diagnostics = yaml::load_each(text, &mut |document| {
        checker.validate(&document);
        count += 1;
        if count == 1 {
            first = Some(document);
        } else {
            if let Some(first) = first.take() {
                checker.summarize(&first);
            }
            checker.summarize(&document);
        }
    });
    let mut report = checker.finish();
    report.diagnostics.extend(loader_diagnostics);
    sort(&mut report.diagnostics);
    report
}

/// Validate loaded documents (as one bundle) and locate every diagnostic.
#[must_use]
pub fn validate_documents(text: &str, documents: &[Document]) -> Report {
    let mut checker = Checker::new(text);
    for document in documents {
        checker.validate(document);
        if documents.len() > 1 {
            checker.summarize(document);
        }
    }
    checker.finish()
}

/// Validation of one file's documents, one at a time.
struct Checker<'t> {
    text: &'t str,
    report: Report,
    summaries: Vec<bundle::Summary>,
}

impl<'t> Checker<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            report: Report::default(),
            summaries: Vec::new(),
        }
    }

    fn validate(&mut self, document: &Document) {
        let mut diagnostics = validate_document(&document.root);
        for d in &mut diagnostics {
            d.document = document.index;
            locate(d, &document.root, self.text);
        }
        self.report.diagnostics.extend(diagnostics);
        self.report.documents.push(info(document));
    }

    fn summarize(&mut self, document: &Document) {
        self.summaries
            .push(bundle::Summary::of(document, self.text));
    }

    fn finish(mut self) -> Report {
        if self.summaries.len() > 1 {
            self.report
                .diagnostics
                .extend(bundle::check(&self.summaries));
        }
        sort(&mut self.report.diagnostics);
        self.report
    }
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.map_or(0, |s| s.start), d.severity, d.rule.code));
}

fn info(document: &Document) -> DocumentInfo {
    let root = &document.root;
    let kind = root.str_at("kind");
    let metadata = root.get("metadata");
    DocumentInfo {
        index: document.index,
        api_version: root.str_at("apiVersion").map(str::to_owned),
        kind: kind.map(str::to_owned),
        name: metadata.and_then(|m| m.str_at("name")).map(str::to_owned),
        namespace: metadata
            .and_then(|m| m.str_at("namespace"))
            .map(str::to_owned),
        checked: kind.and_then(schema::crd).is_some(),
        offset: root.span.start,
    }
}

/// All single-document layers, in the order a cluster applies them.
#[must_use]
pub fn validate_document(root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !matches!(root.value, Value::Map(_)) {
        out.push(Diagnostic::new(
            &registry::NOT_AN_OBJECT,
            Path::root(),
            format!(
                "a document must be a Kubernetes object, not {}",
                match root.type_name() {
                    "array" => "a list",
                    "integer" => "an integer",
                    "string" => "a string",
                    "boolean" => "a boolean",
                    _ => "a number",
                }
            ),
        ));
        return out;
    }
    let kind = root.str_at("kind").unwrap_or_default();
    if kind.is_empty() {
        out.push(
            Diagnostic::new(
                &registry::MISSING_REQUIRED,
                Path::root().key("kind"),
                "`kind` is required",
            )
            .upstream("Object 'Kind' is missing")
            .help(format!("stashform checks {}", schema::KINDS.join(", "))),
        );
        return out;
    }
    let Some(crd) = schema::crd(kind) else {
        let mut d = Diagnostic::new(
            &registry::UNKNOWN_KIND,
            Path::root().key("kind"),
            format!("kind `{kind}` is not checked by stashform"),
        );
        if let Some(help) = schema::suggest(kind, schema::KINDS.iter().copied()) {
            d.help = Some(help);
            d.severity = Severity::Warning;
        }
        out.push(d);
        return out;
    };
    match root.str_at("apiVersion").unwrap_or_default() {
        "" => out.push(
            Diagnostic::new(
                &registry::MISSING_REQUIRED,
                Path::root().key("apiVersion"),
                "`apiVersion` is required",
            )
            .upstream("Object 'apiVersion' is missing")
            .help(format!("apiVersion: {}", crd.api_version)),
        ),
        api_version if api_version != crd.api_version => out.push(
            Diagnostic::new(
                &registry::WRONG_API_VERSION,
                Path::root().key("apiVersion"),
                format!(
                    "{kind} is served as `{}`, not `{api_version}`",
                    crd.api_version
                ),
            )
            .help(format!("apiVersion: {}", crd.api_version))
            .upstream(format!(
                "no matches for kind \"{kind}\" in version \"{api_version}\""
            )),
        ),
        _ => {}
    }
    let mut on_resources = |node: &Node, path: &Path, diagnostics: &mut Vec<Diagnostic>| {
        kubernetes::resources(node, path, diagnostics);
    };
    let mut walker = Walker::new(&mut on_resources);
    walker.document(root, crd);
    out.append(&mut walker.diagnostics);
    admission::check(kind, root, &mut out);
    kubernetes::check(kind, root, &mut out);
    addon::check(kind, root, &mut out);
    advice::check(kind, root, &mut out);
    out
}

/// Resolve a diagnostic's path to a span in its document (no-op when it has one).
pub fn locate(diagnostic: &mut Diagnostic, root: &Node, text: &str) {
    if diagnostic.span.is_some() {
        return;
    }
    let segments = &diagnostic.path.0;
    let mut node = root;
    let mut key_span: Option<Span> = None;
    let mut found = 0;
    for segment in segments {
        let next = match segment {
            Segment::Key(name) => node.entry(name).map(|(k, v)| (Some(k.span), v)),
            Segment::Index(i) => node.items().get(*i).map(|v| (None, v)),
        };
        let Some((span, child)) = next else { break };
        key_span = span;
        node = child;
        found += 1;
    }
    let complete = found == segments.len();
    let span = match diagnostic.anchor {
        // An empty value (`target:`) has no width: point at its key instead.
        Anchor::Value if complete && node.span.start == node.span.end => {
            key_span.unwrap_or(node.span)
        }
        // A whole mapping or list: its first line is enough.
        Anchor::Value if complete && matches!(node.value, Value::Map(_) | Value::Seq(_)) => {
            first_line(text, node.span)
        }
        Anchor::Value if complete => node.span,
        Anchor::Key if complete => key_span.unwrap_or(node.span),
        // Missing (or a path that ran out): the key of the deepest existing node.
        _ => key_span.unwrap_or_else(|| first_line(text, node.span)),
    };
    diagnostic.span = Some(span);
}

/// Collections span many lines; for a missing field point at the first one only.
#[must_use]
pub fn first_line(text: &str, span: Span) -> Span {
    let end = text
        .get(span.start..span.end)
        .and_then(|s| s.find(['\n', '\r']))
        .map_or(span.end, |i| span.start + i);
    Span::new(span.start, end)
}
