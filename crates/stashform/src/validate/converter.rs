//! What `kubectl kubestash convert` (kubestash/cli `pkg/convert`) leaves for a person to
//! finish: `### Set Valid <Field> ###` values where it could not know the value
//! (`setValidValue`), and `# review: …` comments on values it guessed (`repositoryComments`,
//! `restoreSessionComments`). A text without either pays one substring search each.

use crate::diagnostic::{Diagnostic, Path, Segment};
use crate::registry;
use crate::source::Span;
use crate::source::node::{Node, Value};

/// What `setValidValue` writes: `### Set Valid Directory ###`.
pub const PLACEHOLDER: &str = "### Set Valid ";
/// What `repositoryComments` and `restoreSessionComments` begin their comments with.
pub const REVIEW: &str = "# review:";

/// Every placeholder value of a document (strings anywhere, whatever the kind).
pub fn values(root: &Node, out: &mut Vec<Diagnostic>) {
    let mut path = Vec::new();
    walk(root, &mut path, out);
}

fn walk(node: &Node, path: &mut Vec<Segment>, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Str(text) => {
            if let Some(field) = placeholder_field(text) {
                out.push(placeholder(
                    Diagnostic::new(
                        &registry::CONVERTER_PLACEHOLDER,
                        Path(path.clone()),
                        String::new(),
                    ),
                    text.trim(),
                    field,
                ));
            }
        }
        Value::Map(entries) => {
            for (key, value) in entries {
                path.push(Segment::Key(key.name.clone()));
                walk(value, path, out);
                path.pop();
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                walk(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// `Directory` of `### Set Valid Directory ###` (also inside a longer value, as the
/// converter's blueprint directory `### Set Valid Directory ###/${namespace}/${targetName}`).
fn placeholder_field(text: &str) -> Option<&str> {
    let at = text.find(PLACEHOLDER)?;
    let rest = &text[at + PLACEHOLDER.len()..];
    Some(rest.split(" ###").next().unwrap_or(rest).trim())
}

fn placeholder(mut d: Diagnostic, written: &str, field: &str) -> Diagnostic {
    d.message = format!("`{written}` is a placeholder left by `kubectl kubestash convert`");
    d.help = Some(format!(
        "write the real {field} here: KubeStash does not resolve the placeholder, so the backup or restore cannot run with it"
    ));
    d
}

/// The converter's comments in `text`: a placeholder whose quotes were lost (YAML reads
/// `name: ### Set Valid Name ###` as an empty value and a comment) and every `# review:`
/// note. `documents` are the offsets where the file's documents start, in order, to give each
/// finding its document.
pub fn comments(text: &str, documents: &[usize], out: &mut Vec<Diagnostic>) {
    for comment in stashform_yaml::comments::comments(text) {
        let body = &text[comment.span.start..comment.span.end];
        let document = documents
            .iter()
            .rposition(|&start| start <= comment.span.start)
            .unwrap_or(0);
        if let Some(rest) = body.strip_prefix(PLACEHOLDER) {
            let end = rest
                .find(" ###")
                .map_or(body.len(), |i| PLACEHOLDER.len() + i + 4);
            let written = &body[..end];
            let field = placeholder_field(written).unwrap_or_default();
            let span = Span::new(comment.span.start, comment.span.start + end);
            let mut d = placeholder(
                Diagnostic::at(&registry::CONVERTER_PLACEHOLDER, span, String::new()),
                written,
                field,
            );
            d.help = Some(format!(
                "without quotes YAML reads it as a comment and the value as empty: write the real {field} here"
            ));
            d.document = document;
            out.push(d);
        }
        if let Some(at) = body.find(REVIEW) {
            let start = comment.span.start + at;
            let note = body[at + REVIEW.len()..].trim();
            let mut d = Diagnostic::at(
                &registry::CONVERTER_REVIEW,
                Span::new(start, comment.span.end),
                format!("`kubectl kubestash convert` asks for this value to be reviewed: {note}"),
            )
            .help("check the value, then delete the comment");
            d.document = document;
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::placeholder_field;

    #[test]
    fn placeholder_fields() {
        assert_eq!(
            placeholder_field("### Set Valid Directory ###"),
            Some("Directory")
        );
        assert_eq!(
            placeholder_field("### Set Valid Directory ###/${namespace}/${targetName}"),
            Some("Directory")
        );
        assert_eq!(placeholder_field("/pg"), None);
    }
}
