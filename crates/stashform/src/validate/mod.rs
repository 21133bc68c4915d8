//! The validator: text in, a flat list of diagnostics out. Each layer of DESIGN.md is a
//! module; rules speak paths, and [`locate`] turns every path into a span afterwards.

mod addon;
mod admission;
mod advice;
mod bundle;
mod converter;
mod kubernetes;
mod options;
mod secret;
pub mod structure;
mod suppress;
pub mod variables;

pub use options::{CheckOptions, Level, UnknownRule};
pub use suppress::Suppressed;
use suppress::Suppressions;

use std::borrow::Cow;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::diagnostic::{Anchor, Correct, Diagnostic, Fix, Path, Related, Segment};
use crate::edit::Edit;
use crate::fix::Batch;
use crate::registry::{self, Rule, Severity};
use crate::schema;
use crate::source::Span;
use crate::source::node::{Node, Value};
use crate::source::yaml::{self, Document, Loaded};
use crate::values::duration::go_quote;
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
    /// Whether stashform validates this kind (BackupVerifier: its apiVersion and metadata only;
    /// a `v1 Secret`: what the API server checks of it).
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
    /// The findings that suppressions in the file silenced (not those of rules turned off).
    pub suppressed: Vec<Suppressed>,
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
/// tree, whatever the size of the file. Every fix of the report is verified on `text` (see
/// [`mod@crate::fix`]).
#[must_use]
pub fn check(text: &str) -> Report {
    check_with(text, &CheckOptions::default())
}

/// [`check`] with the user's options: each rule's level.
///
/// ```
/// use stashform::{CheckOptions, Level, Severity};
/// let text = "apiVersion: storage.kubestash.com/v1alpha1\nkind: RetentionPolicy\nmetadata:\n  name: keep\nspec:\n  maxRetentionPeriod: 30d\n";
/// assert_eq!(stashform::check(text).diagnostics[0].rule.code, "KS604");
/// let mut options = CheckOptions::default();
/// options.set("missing-namespace", Level::Error).unwrap();
/// assert_eq!(stashform::check_with(text, &options).diagnostics[0].severity, Severity::Error);
/// options.set("KS604", Level::Off).unwrap();
/// assert!(stashform::check_with(text, &options).diagnostics.is_empty());
/// ```
#[must_use]
pub fn check_with(text: &str, options: &CheckOptions) -> Report {
    run(text, options).0
}

/// [`check_with`], and the text with every fix that could be made together.
pub(crate) fn run(text: &str, options: &CheckOptions) -> (Report, Option<Batch>) {
    let mut suppressions = Suppressions::scan(text);
    let mut checker = Checker::new(text, options.catalog());
    // A single-document file (the common case) needs no bundle summary: keep the first
    // document until a second one shows that the file is a bundle.
    let mut first: Option<Document> = None;
    let mut count = 0;
    let loader_diagnostics = yaml::load_each(text, &mut |document| {
        checker.validate(&document);
        if let Some(suppressions) = &mut suppressions {
            suppressions.document(&document, text);
        }
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
    let loads = !loader_diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    report.diagnostics.extend(loader_diagnostics);
    account_for_documents(text, &mut report, count, loads);
    sort(&mut report.diagnostics);
    judge(&mut report, options, suppressions, loads);
    let batch = fixes(text, &mut report, loads, || match first {
        Some(first) if count == 1 => Cow::Owned(vec![first]),
        // A bundle's trees were dropped as it was checked.
        _ => Cow::Owned(yaml::load(text).documents),
    });
    (report, batch)
}

/// [`check_with`] for a text already loaded (`loaded` is what `text` loads to): the same
/// findings, suppressions, levels and fixes, without loading the text again.
#[must_use]
pub fn check_loaded(text: &str, loaded: &Loaded, options: &CheckOptions) -> Report {
    let mut report = validate_with(text, &loaded.documents, options.catalog());
    report
        .diagnostics
        .extend(loaded.diagnostics.iter().cloned());
    let loads = !loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    account_for_documents(text, &mut report, loaded.documents.len(), loads);
    sort(&mut report.diagnostics);
    let mut suppressions = Suppressions::scan(text);
    if let Some(suppressions) = &mut suppressions {
        for document in &loaded.documents {
            suppressions.document(document, text);
        }
    }
    judge(&mut report, options, suppressions, loads);
    fixes(text, &mut report, loads, || {
        Cow::Borrowed(&loaded.documents)
    });
    report
}

/// After loading `read` documents: a text with a YAML error still lists the documents it has;
/// a text without any is a finding of its own.
fn account_for_documents(text: &str, report: &mut Report, read: usize, loads: bool) {
    if report
        .diagnostics
        .iter()
        .any(|d| std::ptr::eq(d.rule, &registry::YAML_SYNTAX))
    {
        unread_documents(text, report);
    } else if read == 0 && loads {
        report.diagnostics.push(no_documents(text));
    }
}

/// The documents the loader could not read, from the one after the last it read to the end
/// of the text, listed unchecked (with their `apiVersion` and `kind` when a top-level line
/// says them), so that a file with a YAML error still counts its documents.
fn unread_documents(text: &str, report: &mut Report) {
    let read_end = report.documents.last().map(|d| d.offset);
    // Line starts of `---`: the first after the last document read starts the one that failed.
    let mut markers = vec![0];
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("---") && at > 0 {
            markers.push(at);
        }
        at += line.len();
    }
    markers.push(text.len());
    let first = match read_end {
        None => 0,
        Some(end) => match markers.iter().position(|&m| m > end) {
            Some(i) if i + 1 < markers.len() => i,
            _ => return,
        },
    };
    for pair in markers[first..].windows(2) {
        let part = &text[pair[0]..pair[1]];
        let content = |l: &str| {
            let l = l.strip_prefix("---").unwrap_or(l).trim();
            !l.is_empty() && !l.starts_with('#')
        };
        if !part.lines().any(content) {
            continue;
        }
        let top = |key: &str| {
            part.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().trim_matches(['"', '\'']).to_owned())
                .filter(|v| !v.is_empty())
        };
        report.documents.push(DocumentInfo {
            index: report.documents.len(),
            api_version: top("apiVersion:"),
            kind: top("kind:"),
            name: None,
            namespace: None,
            checked: false,
            offset: pair[0],
        });
    }
}

/// A text that loads to no document at all (empty, comments, `---`): kubectl refuses it.
fn no_documents(text: &str) -> Diagnostic {
    let what = if text.trim().is_empty() {
        "the file is empty"
    } else {
        "the file holds no document, only comments or `---`"
    };
    Diagnostic::at(
        &registry::NO_DOCUMENTS,
        first_line(text, Span::new(0, text.len())),
        what,
    )
    .upstream("error: no objects passed to apply")
    .help("write a KubeStash object in it, or remove the file")
}

/// Suppressions first (judged on every finding, so that none is unused only because a rule is
/// off), then the user's levels: findings of rules set `off` go, the others take the severity
/// set.
fn judge(
    report: &mut Report,
    options: &CheckOptions,
    suppressions: Option<Suppressions>,
    loads: bool,
) {
    let off = |rule: &Rule| options.level(rule) == Some(Level::Off);
    if let Some(suppressions) = suppressions {
        report.suppressed = suppressions.apply(&mut report.diagnostics, &off, loads);
    } else if options.is_empty() {
        return;
    }
    let level = |d: &mut Diagnostic| match options.level(d.rule).map(Level::severity) {
        Some(None) => false,
        Some(Some(severity)) => {
            d.severity = severity;
            true
        }
        None => true,
    };
    report.diagnostics.retain_mut(level);
    for suppressed in &mut report.suppressed {
        level(&mut suppressed.diagnostic);
    }
    sort(&mut report.diagnostics);
}

/// Verify the report's fixes on `text` (none when it does not load: the edit layer edits only
/// text that does); `documents` gives what it loads to, asked for only when there is a fix.
fn fixes<'d>(
    text: &str,
    report: &mut Report,
    loads: bool,
    documents: impl FnOnce() -> Cow<'d, [Document]>,
) -> Option<Batch> {
    if !report.diagnostics.iter().any(|d| d.fix.is_some()) {
        return None;
    }
    if !loads {
        report.diagnostics.iter_mut().for_each(|d| d.fix = None);
        return None;
    }
    crate::fix::resolve(text, &documents(), &mut report.diagnostics)
}

/// Validate loaded documents (as one bundle) and locate every diagnostic; their fixes are not
/// verified yet (see [`check_loaded`]).
#[must_use]
pub fn validate_documents(text: &str, documents: &[Document]) -> Report {
    validate_with(text, documents, Catalog::vendored())
}

fn validate_with(text: &str, documents: &[Document], catalog: &Catalog) -> Report {
    let mut checker = Checker::new(text, catalog);
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
    catalog: &'t Catalog,
    report: Report,
    summaries: Vec<bundle::Summary>,
    /// The text holds a placeholder of `kubectl kubestash convert`.
    placeholders: bool,
}

impl<'t> Checker<'t> {
    fn new(text: &'t str, catalog: &'t Catalog) -> Self {
        Self {
            text,
            catalog,
            report: Report::default(),
            summaries: Vec::new(),
            placeholders: text.contains(converter::PLACEHOLDER),
        }
    }

    fn validate(&mut self, document: &Document) {
        let mut diagnostics = document_with(&document.root, self.catalog);
        if self.placeholders {
            let mut found = Vec::new();
            converter::values(&document.root, &mut found);
            // `### Set Valid Name ###` is no unknown addon: the placeholder says it all.
            diagnostics.retain(|d| !found.iter().any(|p| p.path == d.path));
            diagnostics.append(&mut found);
        }
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
        if self.placeholders || self.text.contains(converter::REVIEW) {
            let starts: Vec<usize> = self.report.documents.iter().map(|d| d.offset).collect();
            converter::comments(self.text, &starts, &mut self.report.diagnostics);
        }
        if self.summaries.len() > 1 {
            self.report
                .diagnostics
                .extend(bundle::check(&self.summaries));
        }
        sort(&mut self.report.diagnostics);
        self.report
    }
}

fn sort(diagnostics: &mut Vec<Diagnostic>) {
    stashform_yaml::order::sort_by_key(diagnostics, |d| {
        (d.span.map_or(0, |s| s.start), d.severity, d.rule.code)
    });
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
        checked: kind.is_some_and(|kind| {
            let group = root
                .str_at("apiVersion")
                .and_then(|v| v.rsplit_once('/'))
                .map_or("", |(group, _)| group);
            schema::crd(kind).is_some()
                || schema::is_schemaless(group, kind)
                || (kind == "Secret" && matches!(root.str_at("apiVersion"), Some("v1" | "") | None))
        }),
        offset: root.span.start,
    }
}

/// All single-document layers, in the order a cluster applies them. Not located yet: a fix
/// without edits (a value to quote as written) is completed or dropped by [`locate`].
#[must_use]
pub fn validate_document(root: &Node) -> Vec<Diagnostic> {
    document_with(root, Catalog::vendored())
}

fn document_with(root: &Node, catalog: &Catalog) -> Vec<Diagnostic> {
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
    if kind == "Secret" {
        match root.str_at("apiVersion").unwrap_or_default() {
            "v1" => {
                secret_document(root, catalog, &mut out);
                return out;
            }
            "" => {
                out.push(
                    Diagnostic::new(
                        &registry::MISSING_REQUIRED,
                        Path::root().key("apiVersion"),
                        "`apiVersion` is required",
                    )
                    .upstream("Object 'apiVersion' is missing")
                    .help("apiVersion: v1")
                    .fix(set_api_version("v1", "add")),
                );
                secret_document(root, catalog, &mut out);
                return out;
            }
            // Another group's kind of that name: not the core Secret.
            _ => {}
        }
    }
    let Some(crd) = schema::crd(kind) else {
        let api_version = root.str_at("apiVersion").unwrap_or_default();
        let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
        if schema::is_schemaless(group, kind) {
            schemaless(kind, group, api_version, root, catalog, &mut out);
            return out;
        }
        if let Some(kinds) = schema::kubestash_group_kinds(group)
            && !kinds.contains(&kind)
        {
            let mut d = Diagnostic::new(
                &registry::NONEXISTENT_KIND,
                Path::root().key("kind"),
                format!("{group} has no kind `{kind}`"),
            )
            .upstream(format!(
                "no matches for kind {} in version {}",
                go_quote(kind),
                go_quote(api_version)
            ));
            if !d.did_you_mean(kind, kinds.iter().copied(), Correct::Value) {
                d.help = Some(format!("kinds of {group}: {}", kinds.join(", ")));
            }
            out.push(d);
            return out;
        }
        let mut d = Diagnostic::new(
            &registry::UNKNOWN_KIND,
            Path::root().key("kind"),
            format!("kind `{kind}` is not checked by stashform"),
        );
        if d.did_you_mean(kind, schema::KINDS.iter().copied(), Correct::Value) {
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
            .help(format!("apiVersion: {}", crd.api_version))
            .fix(set_api_version(crd.api_version.as_str(), "add")),
        ),
        api_version if api_version != crd.api_version => {
            let mut d = Diagnostic::new(
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
            ));
            // Another KubeStash group or version, or none: not another product's kind.
            let group = api_version.rsplit_once('/').map_or("", |(group, _)| group);
            if group.is_empty() || group.ends_with("kubestash.com") {
                d.fix = Some(set_api_version(crd.api_version.as_str(), "write"));
            }
            out.push(d);
        }
        _ => {}
    }
    let mut on_resources = |node: &Node, path: &Path, diagnostics: &mut Vec<Diagnostic>| {
        kubernetes::resources(node, path, diagnostics);
    };
    let mut walker = Walker::new(&mut on_resources);
    walker.document(root, crd);
    out.append(&mut walker.diagnostics);
    let walked = out.len();
    admission::check(kind, root, &mut out);
    kubernetes::check(kind, root, &mut out);
    addon::check(kind, root, catalog, &mut out);
    advice::check(kind, root, catalog, &mut out);
    if kind == "BackupBlueprint" {
        variables::drop_templated(root, walked, &mut out);
    }
    out
}

/// A core `v1 Secret`: its structure (strict, as the API server decodes it), name and
/// namespace, what `ValidateSecret` checks, and the namespace advice.
fn secret_document(root: &Node, catalog: &Catalog, out: &mut Vec<Diagnostic>) {
    let mut no_resources = |_: &Node, _: &Path, _: &mut Vec<Diagnostic>| {};
    let mut walker = Walker::new(&mut no_resources);
    let secret = schema::secret();
    walker.document(root, &secret);
    out.append(&mut walker.diagnostics);
    admission::check("Secret", root, out);
    secret::check(root, out);
    advice::check("Secret", root, catalog, out);
}

/// A kind a KubeStash group serves without a vendored CRD (BackupVerifier): only what is
/// certain without its schema, the version it is served at and the object's name and
/// namespace.
fn schemaless(
    kind: &str,
    group: &str,
    api_version: &str,
    root: &Node,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    let served = format!("{group}/v1alpha1");
    if api_version != served {
        out.push(
            Diagnostic::new(
                &registry::WRONG_API_VERSION,
                Path::root().key("apiVersion"),
                format!("{kind} is served as `{served}`, not `{api_version}`"),
            )
            .help(format!("apiVersion: {served}"))
            .upstream(format!(
                "no matches for kind {} in version {}",
                go_quote(kind),
                go_quote(api_version)
            ))
            .fix(set_api_version(&served, "write")),
        );
    }
    admission::check(kind, root, out);
    advice::check(kind, root, catalog, out);
}

/// A kind is served at one apiVersion: the fix writes it.
fn set_api_version(api_version: &str, verb: &str) -> Fix {
    let value = Node::new(Value::Str(api_version.to_owned()), Span::default());
    let path = Path::root().key("apiVersion");
    Fix::new(
        format!("{verb} `apiVersion: {api_version}`"),
        vec![Edit::Set { path, value }],
    )
}

/// Resolve a diagnostic's path to a span in its document (no-op when it has one).
pub fn locate(diagnostic: &mut Diagnostic, root: &Node, text: &str) {
    for related in &mut diagnostic.related {
        if related.span.is_none() {
            let mut at = Diagnostic::new(diagnostic.rule, related.path.clone(), String::new());
            locate(&mut at, root, text);
            related.span = at.span;
        }
    }
    if diagnostic.span.is_some() {
        return;
    }
    let segments = &diagnostic.path.0;
    let mut node = root;
    let mut key_span: Option<Span> = None;
    let mut found = 0;
    // The first alias on the path (its span, and how deep it is): what lies under it is
    // written at its anchor.
    let mut alias: Option<(Span, usize)> = None;
    for segment in segments {
        let next = match segment {
            Segment::Key(name) => node.entry(name).map(|(k, v)| (Some(k.span), v)),
            Segment::Index(i) => node.items().get(*i).map(|v| (None, v)),
        };
        let Some((span, child)) = next else { break };
        if alias.is_none() {
            if alias_name(text, child.span).is_some() {
                alias = Some((child.span, found + 1));
            } else if child.span.start < node.span.start || child.span.end > node.span.end {
                // Written outside its mapping: an entry a `<<: *name` merge key brought in.
                alias = merge_alias(text, node.span).map(|used| (used, found));
            }
        }
        key_span = span;
        node = child;
        found += 1;
    }
    let complete = found == segments.len();
    if diagnostic.fix.as_ref().is_some_and(|f| f.edits.is_empty()) {
        // `quote_as_written`: the value's own text, which must be a one-line plain scalar.
        let written = text.get(node.span.start..node.span.end).filter(|written| {
            complete
                && matches!(node.value, Value::Int(_) | Value::Float(_) | Value::Bool(_))
                && !written.is_empty()
                && !written.starts_with(['!', '&', '*'])
                && !written.contains(['\n', '\r'])
        });
        diagnostic.fix = written.map(|written| {
            let value = Node::new(Value::Str(written.to_owned()), Span::default());
            let path = diagnostic.path.clone();
            Fix::new(
                format!("quote `{written}` to keep it a string"),
                vec![Edit::Set { path, value }],
            )
        });
    }
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
    if let Some((used, depth)) = alias {
        aliased(diagnostic, text, used, found > depth);
    }
}

/// A diagnostic whose path goes through an alias points at the alias, where the content is
/// used; the anchor is a related location: the place inside the anchored content (`inside`),
/// or the anchor itself when the alias is the diagnostic's own node.
fn aliased(diagnostic: &mut Diagnostic, text: &str, used: Span, inside: bool) {
    let Some(name) = alias_name(text, used) else {
        return;
    };
    let (span, message) = if inside {
        let Some(place) = diagnostic.span.replace(used) else {
            return;
        };
        (
            place,
            format!("written here, in the content of anchor `&{name}`"),
        )
    } else {
        let Some(anchor) = anchor_of(text, name, used.start) else {
            return;
        };
        (anchor, format!("anchor `&{name}` is defined here"))
    };
    diagnostic.related.push(Related {
        path: diagnostic.path.clone(),
        span: Some(span),
        message,
    });
}

/// The name of the alias (`*name`) that `span` covers exactly.
fn alias_name(text: &str, span: Span) -> Option<&str> {
    text.get(span.start..span.end)?
        .strip_prefix('*')
        .filter(|name| !name.is_empty() && !name.contains(char::is_whitespace))
}

/// The alias of the first `<<` merge key written in `span` (a mapping).
fn merge_alias(text: &str, span: Span) -> Option<Span> {
    let written = text.get(span.start..span.end)?;
    let merge = written.find("<<")?;
    let rest = &written[merge + 2..];
    let star = rest.find('*')?;
    // Only `:`, blanks and a `[` between the key and its (first) alias.
    if !rest[..star]
        .chars()
        .all(|c| c.is_whitespace() || c == ':' || c == '[')
    {
        return None;
    }
    let length = rest[star..]
        .find(|c: char| c.is_whitespace() || ",]}".contains(c))
        .unwrap_or(rest.len() - star);
    let start = span.start + merge + 2 + star;
    Some(Span::new(start, start + length))
}

/// The span of `&name` that an alias at `before` refers to: the last one written before it.
fn anchor_of(text: &str, name: &str, before: usize) -> Option<Span> {
    let head = text.get(..before)?;
    let anchor = format!("&{name}");
    let mut end = head.len();
    while let Some(start) = head[..end].rfind(&anchor) {
        let after = head[start + anchor.len()..].chars().next();
        let prior = head[..start].chars().next_back();
        if after.is_none_or(|c| c.is_whitespace() || ",]}".contains(c))
            && prior.is_none_or(|c| c.is_whitespace() || "[{,:-".contains(c))
        {
            return Some(Span::new(start, start + anchor.len()));
        }
        end = start;
    }
    None
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
