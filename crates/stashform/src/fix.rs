//! Fixes: the corrections rules propose, made on the text they were found in and verified
//! there (`resolve`, run by every check that finds one), and [`fix`], which makes every fix
//! of a file.
//!
//! A fix is made through the lossless edit layer, so only its own bytes change. The fixes of a
//! check are spliced into the text together (those whose bytes overlap wait for the next
//! round) and the result is loaded once and compared, document by document, with what the
//! edits mean; a fix that cannot be made that way, or in a document with anchors, is verified
//! alone, and one that cannot be made exactly is dropped: a fix never writes a wrong file, and
//! each fix's replacement is right on its own (a face may make any one of them).

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
    // (start, change): sorted, the changes in text order (of those that start at one place,
    // the first is made; `(usize, usize)` is the element type the formatter sorts too).
    let mut order: Vec<(usize, usize)> = Vec::new();
    let mut alone = vec![false; diagnostics.len()];
    for (i, d) in diagnostics.iter_mut().enumerate() {
        let Some(fix) = &d.fix else { continue };
        let splice = match (documents.get(d.document), fix.edits.as_slice()) {
            (Some(doc), [edit]) if !anchored(doc) => edit::splice(text, &doc.root, &comments, edit),
            // Several edits (each one splices the text the one before made), or an anchor.
            _ => {
                alone[i] = true;
                continue;
            }
        };
        let change = splice.ok().and_then(|splice| {
            let old = text.get(splice.start..splice.end)?;
            let change = Replacement::between(old, &splice.with);
            let span = Span::new(
                splice.start + change.span.start,
                splice.start + change.span.end,
            );
            (span.start < span.end || !change.text.is_empty()).then_some((span, change.text))
        });
        let Some((span, with)) = change else {
            d.fix = None;
            continue;
        };
        order.push((span.start, changes.len()));
        changes.push(Change {
            fixes: vec![i],
            document: d.document,
            span,
            with,
        });
    }
    stashform_yaml::order::sort(&mut order);
    // Only changes that do not touch each other go together.
    let mut chosen: Vec<usize> = Vec::new();
    for &(_, c) in &order {
        let Some(&l) = chosen.last() else {
            chosen.push(c);
            continue;
        };
        let (last, this) = (&changes[l], &changes[c]);
        if last.span == this.span && last.with == this.with {
            let twin = std::mem::take(&mut changes[c].fixes);
            changes[l].fixes.extend(twin);
        } else if this.span.start < last.span.end || this.span.start == last.span.start {
            this.fixes.iter().for_each(|&i| alone[i] = true);
        } else {
            chosen.push(c);
        }
    }
    let mut batch = None;
    // A document whose fixes do not verify together is taken out, once.
    for _ in 0..2 {
        if chosen.is_empty() {
            break;
        }
        match together(text, documents, diagnostics, &changes, &chosen) {
            Ok(combined) => {
                let mut in_batch = vec![false; diagnostics.len()];
                for change in chosen.iter().map(|&c| &changes[c]) {
                    for &i in &change.fixes {
                        if let Some(fix) = &mut diagnostics[i].fix {
                            fix.replacement = Some(Replacement {
                                span: change.span,
                                text: change.with.clone(),
                            });
                        }
                        in_batch[i] = true;
                    }
                }
                let fixed = (0..diagnostics.len()).filter(|&i| in_batch[i]).collect();
                batch = Some(Batch {
                    text: combined,
                    fixed,
                });
                chosen.clear();
                break;
            }
            Err(failed) => chosen.retain(|&c| {
                let out = failed.as_ref().is_none_or(|f| f[changes[c].document]);
                if out {
                    changes[c].fixes.iter().for_each(|&i| alone[i] = true);
                }
                !out
            }),
        }
    }
    for &c in &chosen {
        changes[c].fixes.iter().for_each(|&i| alone[i] = true);
    }
    let mut verified = 0;
    for (i, alone) in alone.into_iter().enumerate() {
        if alone && verified < MAX_ALONE {
            verified += 1;
            let replacement = diagnostics[i].fix_replacement(text, documents);
            if let Some(fix) = &mut diagnostics[i].fix {
                fix.replacement = replacement;
            }
        }
    }
    for d in diagnostics.iter_mut() {
        if d.fix.as_ref().is_some_and(|f| f.replacement.is_none()) {
            d.fix = None;
        }
    }
    batch
}

/// The text with the `chosen` changes made, if it loads to what their fixes mean: every
/// document with its fixes' edits (the last first: a value's edit names the path its key has
/// before a rename of that key), every other one unchanged. Else which documents do not
/// (`None`: all).
fn together(
    text: &str,
    documents: &[Document],
    diagnostics: &[Diagnostic],
    changes: &[Change],
    chosen: &[usize],
) -> Result<String, Option<Vec<bool>>> {
    // (document, tree) in document order, built from the last change back.
    let mut expected: Vec<(usize, Node)> = Vec::new();
    for change in chosen.iter().rev().map(|&c| &changes[c]) {
        if expected.last().is_none_or(|(d, _)| *d != change.document) {
            let document = documents.get(change.document).ok_or(None)?;
            expected.push((change.document, document.root.clone()));
        }
        let Some((_, tree)) = expected.last_mut() else {
            return Err(None);
        };
        let fix = diagnostics[change.fixes[0]].fix.as_ref();
        for edit in fix.map(|f| f.edits.as_slice()).unwrap_or_default() {
            if edit::meaning(tree, edit).is_err() {
                let mut failed = vec![false; documents.len()];
                failed[change.document] = true;
                return Err(Some(failed));
            }
        }
    }
    expected.reverse();
    let mut combined = String::with_capacity(text.len());
    let mut at = 0;
    for change in chosen.iter().map(|&c| &changes[c]) {
        combined.push_str(&text[at..change.span.start]);
        combined.push_str(&change.with);
        at = change.span.end;
    }
    combined.push_str(&text[at..]);
    let after = edit::loaded(&combined).map_err(|_| None)?;
    if after.documents.len() != documents.len() {
        return Err(None);
    }
    let mut failed = vec![false; documents.len()];
    let mut wanted = expected.iter().peekable();
    for (i, (new, old)) in after.documents.iter().zip(documents).enumerate() {
        match wanted.next_if(|(d, _)| *d == i) {
            Some((_, want)) => failed[i] = !edit::same_value(&new.root, want),
            None if !edit::same_value(&new.root, &old.root) => return Err(None),
            None => {}
        }
    }
    if failed.contains(&true) {
        Err(Some(failed))
    } else {
        Ok(combined)
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
