//! A BackupBlueprint's `${...}` variables. Auto-backup fills them from the target's
//! `variables.kubestash.com/<name>` annotations when it makes a BackupConfiguration of the
//! template (KubeStash docs, "Auto Backup": `variables.kubestash.com/<variable-name>:
//! <Variable value>`), so a value holding one is judged by its form only after that: the
//! BackupConfiguration rules that judge a value's own text (a name, a schedule, a duration, an
//! addon, task or parameter of the catalog) are not run on it. Rules that compare values (two
//! sessions, repositories, backends or directories written the same) still apply: the same
//! text becomes the same value. What the blueprint's own CRD says (types, enums) applies too:
//! the API server checks the blueprint as written.

use crate::diagnostic::{Diagnostic, Path, Segment};
use crate::registry;
use crate::source::node::{Node, Value};

/// Whether `text` holds a variable: `${` and a closing `}` with a name between them.
#[must_use]
pub fn has_variable(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        rest = &rest[start + 2..];
        match rest.find('}') {
            Some(end) if !rest[..end].trim().is_empty() => return true,
            Some(end) => rest = &rest[end + 1..],
            None => return false,
        }
    }
    false
}

/// Drop the findings about a templated value among `diagnostics[from..]`: the BackupConfiguration
/// rules' findings on a blueprint (those before `from` are the CRD's, which stand).
pub fn drop_templated(root: &Node, from: usize, diagnostics: &mut Vec<Diagnostic>) {
    let mut index = 0;
    diagnostics.retain(|d| {
        index += 1;
        index <= from
            || compares_values(d)
            || !matches!(at(root, &d.path), Some(Node { value: Value::Str(text), .. }) if has_variable(text))
    });
}

/// Rules that compare two values rather than judge one.
fn compares_values(d: &Diagnostic) -> bool {
    [
        &registry::DUPLICATE_BACKEND,
        &registry::DUPLICATE_SESSION,
        &registry::DUPLICATE_REPOSITORY,
        &registry::DUPLICATE_DIRECTORY,
    ]
    .iter()
    .any(|rule| std::ptr::eq(d.rule, *rule))
}

fn at<'n>(root: &'n Node, path: &Path) -> Option<&'n Node> {
    let mut node = root;
    for segment in &path.0 {
        node = match segment {
            Segment::Key(key) => node.get(key)?,
            Segment::Index(i) => node.items().get(*i)?,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::has_variable;

    #[test]
    fn variables() {
        for text in [
            "${repoName}",
            "${namespace}/${targetName}",
            "pre-${x}-post",
            "${a:=b}",
        ] {
            assert!(has_variable(text), "{text}");
        }
        for text in [
            "repo",
            "${}",
            "${ }",
            "${unclosed",
            "$repoName",
            "{repoName}",
        ] {
            assert!(!has_variable(text), "{text}");
        }
    }
}
