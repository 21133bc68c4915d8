//! Fixes: the corrections rules propose, made on the text they were found in and verified
//! there ([`resolve`], run by every check that finds one), and [`fix`], which makes every fix
//! of a file.
//!
//! A fix is made through the lossless edit layer, so only its own bytes change. The fixes of a
//! check are spliced into the text together (those whose bytes overlap wait for the next
//! round) and the result is loaded once and compared, document by document, with what the
//! edits mean; a fix that cannot be made that way, or in a document with anchors, is verified
//! alone, and one that cannot be made exactly is dropped: a fix never writes a wrong file, and
//! each fix's replacement is right on its own (a face may make any one of them).

use std::collections::{BTreeMap, BTreeSet};

use stashform_yaml::comments::comments;

use crate::diagnostic::{Diagnostic, Path, Replacement};
use crate::edit;
use crate::registry::Rule;
use crate::source::Span;
use crate::source::node::Node;
use crate::source::yaml::Document;
use crate::validate::{self, CheckOptions, Report};

/// At most this many fixes of one check are verified one at a time (each reloads the text);
/// the rest of those that cannot join the batch are dropped.
const MAX_ALONE: usize = 16;

/// `fix` stops after this many rounds even if a round still fixed something.
const MAX_ROUNDS: usize = 8;

/// What [`fix`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    /// The text with every fix made (the input itself when there was nothing to fix).
    pub text: String,
    /// The findings fixed, in the order they were fixed.
    pub applied: Vec<Applied>,
    /// The check of the fixed text.
    pub report: Report,
}

/// One finding that [`fix`] fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub rule: &'static Rule,
    pub message: String,
    /// The fix's title.
    pub title: String,
    pub path: Path,
    pub document: usize,
}

/// Make every fix of `text`: in rounds (check, make the fixes that do not overlap, check
/// again) until nothing is left to fix. Nothing else in the text changes: comments, quotes,
/// order and blank lines stay byte for byte.
///
/// ```
/// let text = "apiVersion: v1alpha1 # which one?\nkind: RetentionPolicy\nmetadata:\n  name: keep\n  namespace: demo\nspec:\n  maxRetentionPeriod: 30d\n";
/// let fixed = stashform::fix(text);
/// assert_eq!(fixed.text, text.replace("v1alpha1", "storage.kubestash.com/v1alpha1"));
/// assert_eq!(fixed.applied[0].rule.name, "wrong-api-version");
/// assert!(fixed.report.diagnostics.is_empty());
/// ```
#[must_use]
pub fn fix(text: &str) -> Fixed {
    fix_with(text, &CheckOptions::default())
}

/// [`fix`] with the user's options: findings of rules set `off` are not fixed.
#[must_use]
pub fn fix_with(text: &str, options: &CheckOptions) -> Fixed {
    let mut current = text.to_owned();
    let mut applied = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let (report, batch) = validate::run(&current, options);
        let next = match batch {
            Some(batch) => Some((batch.text, batch.fixed)),
            // No batch: a fix verified alone, if there is one, is made by itself.
            None => report.diagnostics.iter().enumerate().find_map(|(i, d)| {
                let replacement = d.fix.as_ref()?.replacement.as_ref()?;
                let mut text = current.clone();
                text.replace_range(
                    replacement.span.start..replacement.span.end,
                    &replacement.text,
                );
                Some((text, vec![i]))
            }),
        };
        let Some((text, fixed)) = next.filter(|(text, _)| *text != current) else {
            return Fixed {
                text: current,
                applied,
                report,
            };
        };
        applied.extend(fixed.iter().map(|&i| {
            let d = &report.diagnostics[i];
            Applied {
                rule: d.rule,
                message: d.message.clone(),
                title: d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default(),
                path: d.path.clone(),
                document: d.document,
            }
        }));
        current = text;
    }
    let report = validate::check_with(&current, options);
    Fixed {
        text: current,
        applied,
        report,
    }
}

/// The fixes of a check made together: the text with all of them, and the diagnostics (indices
/// into the report) they fix.
pub(crate) struct Batch {
    pub text: String,
    pub fixed: Vec<usize>,
}

/// One fix's bytes, as spliced into the text it was found in.
struct Change {
    /// The diagnostics it fixes (two rules may propose the same change).
    fixes: Vec<usize>,
    document: usize,
    span: Span,
    with: String,
}

/// Verify the fixes of `diagnostics` (found in `text`, which loads to `documents`) and set the
/// bytes each one changes; drop those that cannot be made exactly. Gives the text with every
/// fix that could be made together.
pub(crate) fn resolve(
    text: &str,
    documents: &[Document],
    diagnostics: &mut [Diagnostic],
) -> Option<Batch> {
    let comments = comments(text);
    // Through an anchor, two fixes can be right together and wrong alone (one changes what an
    // alias reads, the other replaces the alias); each fix of a document that may hold one is
    // verified on its own, since a face may make any one of them.
    let anchored = |doc: &Document| {
        text.get(doc.root.span.start..doc.root.span.end)
            .is_none_or(|t| t.contains('&'))
    };
    let mut changes: Vec<Change> = Vec::new();
    let mut alone = Vec::new();
    for (i, d) in diagnostics.iter_mut().enumerate() {
        let Some(fix) = &d.fix else { continue };
        let splice = match (documents.get(d.document), fix.edits.as_slice()) {
            (Some(doc), [edit]) if !anchored(doc) => edit::splice(text, &doc.root, &comments, edit),
            // Several edits (each one splices the text the one before made), or an anchor.
            _ => {
                alone.push(i);
                continue;
            }
        };
        let Ok(splice) = splice else {
            d.fix = None;
            continue;
        };
        let Some(old) = text.get(splice.start..splice.end) else {
            d.fix = None;
            continue;
        };
        let change = Replacement::between(old, &splice.with);
        if change.span.start == change.span.end && change.text.is_empty() {
            d.fix = None;
            continue;
        }
        changes.push(Change {
            fixes: vec![i],
            document: d.document,
            span: Span::new(
                splice.start + change.span.start,
                splice.start + change.span.end,
            ),
            with: change.text,
        });
    }
    // Only changes that do not touch each other go together.
    changes.sort_by_key(|c| (c.span.start, c.span.end));
    let mut chosen: Vec<Change> = Vec::new();
    for change in changes {
        match chosen.last_mut() {
            Some(last) if last.span == change.span && last.with == change.with => {
                last.fixes.extend(change.fixes);
            }
            Some(last)
                if change.span.start < last.span.end || change.span.start == last.span.start =>
            {
                alone.extend(change.fixes);
            }
            _ => chosen.push(change),
        }
    }
    let mut batch = None;
    // A document whose fixes do not verify together is taken out, once.
    for _ in 0..2 {
        if chosen.is_empty() {
            break;
        }
        match together(text, documents, diagnostics, &chosen) {
            Ok(combined) => {
                let mut fixed = Vec::new();
                for change in &chosen {
                    for &i in &change.fixes {
                        if let Some(fix) = &mut diagnostics[i].fix {
                            fix.replacement = Some(Replacement {
                                span: change.span,
                                text: change.with.clone(),
                            });
                        }
                        fixed.push(i);
                    }
                }
                fixed.sort_unstable();
                batch = Some(Batch {
                    text: combined,
                    fixed,
                });
                break;
            }
            Err(failed) => {
                let (out, kept): (Vec<Change>, Vec<Change>) = std::mem::take(&mut chosen)
                    .into_iter()
                    .partition(|c| failed.as_ref().is_none_or(|f| f.contains(&c.document)));
                alone.extend(out.into_iter().flat_map(|c| c.fixes));
                chosen = kept;
            }
        }
    }
    alone.extend(chosen.into_iter().flat_map(|c| c.fixes));
    alone.sort_unstable();
    for (n, &i) in alone.iter().enumerate() {
        let replacement = if n < MAX_ALONE {
            diagnostics[i].fix_replacement(text, documents)
        } else {
            None
        };
        if let Some(fix) = &mut diagnostics[i].fix {
            fix.replacement = replacement;
        }
    }
    for d in diagnostics.iter_mut() {
        if d.fix.as_ref().is_some_and(|f| f.replacement.is_none()) {
            d.fix = None;
        }
    }
    batch
}

/// The text with every change made, if it loads to what the fixes mean: every document with
/// its fixes' edits (the last first: a value's edit names the path its key has before a rename
/// of that key), every other one unchanged. Else the documents that do not (`None`: all).
fn together(
    text: &str,
    documents: &[Document],
    diagnostics: &[Diagnostic],
    changes: &[Change],
) -> Result<String, Option<BTreeSet<usize>>> {
    let mut expected: BTreeMap<usize, Node> = BTreeMap::new();
    for change in changes.iter().rev() {
        let Some(document) = documents.get(change.document) else {
            return Err(None);
        };
        let tree = expected
            .entry(change.document)
            .or_insert_with(|| document.root.clone());
        let fix = diagnostics[change.fixes[0]].fix.as_ref();
        for edit in fix.map(|f| f.edits.as_slice()).unwrap_or_default() {
            if edit::meaning(tree, edit).is_err() {
                return Err(Some(BTreeSet::from([change.document])));
            }
        }
    }
    let mut combined = String::with_capacity(text.len());
    let mut at = 0;
    for change in changes {
        combined.push_str(&text[at..change.span.start]);
        combined.push_str(&change.with);
        at = change.span.end;
    }
    combined.push_str(&text[at..]);
    let after = edit::loaded(&combined).map_err(|_| None)?;
    if after.documents.len() != documents.len() {
        return Err(None);
    }
    let mut failed = BTreeSet::new();
    for (i, (new, old)) in after.documents.iter().zip(documents).enumerate() {
        match expected.get(&i) {
            Some(want) if !edit::same_value(&new.root, want) => {
                failed.insert(i);
            }
            None if !edit::same_value(&new.root, &old.root) => return Err(None),
            _ => {}
        }
    }
    if failed.is_empty() {
        Ok(combined)
    } else {
        Err(Some(failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::registry;
    use crate::source::yaml;

    fn fixing(path: &str, value: &str) -> Diagnostic {
        let path = Path::parse(path).unwrap_or_default();
        let d = Diagnostic::new(&registry::UNKNOWN_FIELD, path.clone(), "x");
        d.fix(Fix::replace(path, "", value))
    }

    #[test]
    fn the_same_change_is_made_once_and_overlapping_ones_are_verified_alone() {
        let text = "a: 1\nb: x # keep\n";
        let loaded = yaml::load(text);
        let mut diagnostics = vec![
            fixing("b", "w"),
            fixing("b", "w"),
            fixing("b", "z"),
            fixing("a", "2"),
            fixing("c", "new"),
        ];
        let batch = resolve(text, &loaded.documents, &mut diagnostics).unwrap();
        assert_eq!(batch.text, "a: \"2\"\nb: w # keep\nc: new\n");
        assert_eq!(batch.fixed, [0, 1, 3, 4]);
        let replacement = |i: usize| {
            let r = diagnostics[i]
                .fix
                .as_ref()
                .unwrap()
                .replacement
                .clone()
                .unwrap();
            (r.span.start, r.span.end, r.text)
        };
        assert_eq!(replacement(0), (8, 9, "w".to_owned()));
        assert_eq!(replacement(1), replacement(0));
        // Not made with the others, but verified (and shown) on its own.
        assert_eq!(replacement(2), (8, 9, "z".to_owned()));
        assert_eq!(replacement(3), (3, 4, "\"2\"".to_owned()));
        assert_eq!(replacement(4), (17, 17, "c: new\n".to_owned()));
    }

    #[test]
    fn a_fix_that_would_change_another_node_is_dropped() {
        let text = "a: &x 1\nb: *x\n";
        let loaded = yaml::load(text);
        let mut diagnostics = vec![fixing("a", "2"), fixing("b", "3")];
        // Together they would be right; but `a` alone changes `b` too.
        assert!(resolve(text, &loaded.documents, &mut diagnostics).is_none());
        assert!(diagnostics[0].fix.is_none());
        let replacement = diagnostics[1].fix.as_ref().unwrap().replacement.clone();
        assert_eq!(
            replacement.map(|r| (r.span.start, r.text)),
            Some((11, "\"3\"".to_owned()))
        );
    }
}
