//! Completion at a cursor: the keys the CRD schema allows where the cursor is (those not
//! written yet), the values its `enum` allows, and from the addon catalog the addon names, the
//! task names of the addon, their parameter names and the values a parameter allows.
//!
//! The text being typed rarely loads, so the place is read from the lines themselves: the
//! indentation and the `key:` and `- ` of the lines above the cursor give its path, as they give
//! it to a YAML reader in block style (the style of Kubernetes files).
//!
//! ```
//! let text = "apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\nspec:\n  sessions:\n    - sched";
//! let found = stashform::complete::complete(text, text.len());
//! assert_eq!(found.items[0].label, "scheduler");
//! assert_eq!(&text[found.from..found.to], "sched");
//! ```

use serde::Serialize;

use crate::catalog::{self, Direction};
use crate::diagnostic::{Path, Segment};
use crate::schema::{self, Schema};

/// What may be written at the cursor, and the text it replaces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Completions {
    /// Byte range the chosen item replaces (the word typed so far).
    pub from: usize,
    pub to: usize,
    pub items: Vec<Completion>,
}

/// One candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    /// What replaces `from..to` (`schedule: ` for a key).
    pub insert: String,
    /// A short note: the field's type, a parameter's default, where a value comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One line above the cursor, as far as the path is concerned.
struct Line<'t> {
    /// Columns of its list dashes (`- - a` has two).
    dashes: Vec<usize>,
    /// Column of its key (or value), after the dashes.
    column: usize,
    key: Option<&'t str>,
    /// The scalar after `key: `, if any.
    value: Option<&'t str>,
}

fn read_line(line: &str) -> Option<Line<'_>> {
    let mut column = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[column..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let mut dashes = Vec::new();
    while rest == "-" || rest.starts_with("- ") {
        dashes.push(column);
        let after = rest[1..].trim_start_matches(' ');
        column += rest.len() - after.len();
        rest = after;
    }
    let (key, value) = match rest.split_once(':') {
        Some((key, value)) if value.is_empty() || value.starts_with([' ', '\t']) => {
            let value = value.split(" #").next().unwrap_or_default().trim();
            let key = key.trim().trim_matches(['"', '\'']);
            (Some(key), (!value.is_empty()).then_some(value))
        }
        _ => (None, None),
    };
    Some(Line {
        dashes,
        column,
        key,
        value,
    })
}

/// The candidates at byte `offset` of `text` (none when the place is not one stashform knows).
#[must_use]
pub fn complete(text: &str, offset: usize) -> Completions {
    let offset = floor_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let Some(current) = read_line(&format!("{before}x")).map(|l| (l.dashes, l.column)) else {
        return Completions::default();
    };
    let (current_dashes, column) = current;
    let typed = &before[column.min(before.len())..];
    // `key: val|` completes a value, `ke|` a key.
    let (key, word_start) = match typed.split_once(':') {
        Some((key, value)) => {
            let value_start = typed.len() - value.trim_start().len();
            (
                Some(key.trim().trim_matches(['"', '\''])),
                line_start + column + value_start,
            )
        }
        None => (None, line_start + column),
    };
    let word = &text[word_start..offset];
    if word.contains([' ', '{', '[', ',']) && key.is_none() {
        return Completions::default();
    }
    let word = word.trim_matches(['"', '\'']);
    let (mut path, levels) = place(&text[..line_start], column, &current_dashes);
    let kind = document_kind(text, offset);
    let direction = if kind.as_deref() == Some("RestoreSession") {
        Direction::Restore
    } else {
        Direction::Backup
    };
    let schema = kind.as_deref().and_then(schema::crd).map(|crd| &crd.schema);
    let mut items = Vec::new();
    match key {
        None => {
            let present: Vec<&str> = levels.first().map_or(Vec::new(), |l| l.keys.clone());
            if let Some(schema) = schema.and_then(|s| s.at(&path.0)) {
                for (name, property) in &schema.properties {
                    // The operator writes `status`; nobody types it.
                    let typed_by_people = !(path.0.is_empty() && name == "status");
                    if typed_by_people && !present.contains(&name.as_str()) {
                        items.push(key_item(name, type_name(property)));
                    }
                }
            }
            // CRDs leave ObjectMeta open: the fields people write in it.
            if schema.is_some() && path.0 == [Segment::Key("metadata".to_owned())] {
                for name in ["name", "namespace", "labels", "annotations", "generateName"] {
                    if !present.contains(&name) {
                        let detail = if matches!(name, "labels" | "annotations") {
                            "object"
                        } else {
                            "string"
                        };
                        items.push(key_item(name, detail.to_owned()));
                    }
                }
            }
            // Parameters of the task this `params` belongs to.
            if path.0.last() == Some(&Segment::Key("params".to_owned()))
                && let Some(task) = task_here(&levels[1..], direction)
            {
                for parameter in &task.parameters {
                    if !present.contains(&parameter.name.as_str()) {
                        let detail = parameter.default.as_ref().map_or_else(
                            || "parameter".to_owned(),
                            |d| format!("parameter, default {d}"),
                        );
                        items.push(key_item(&parameter.name, detail));
                    }
                }
            }
        }
        Some(key) => {
            path = path.key(key);
            if let Some(schema) = schema.and_then(|s| s.at(&path.0)) {
                for value in &schema.allowed {
                    items.push(value_item(value, "allowed value"));
                }
                if schema.kind.as_deref() == Some("boolean") {
                    items.extend(["true", "false"].map(|b| value_item(b, "boolean")));
                }
            }
            let parent = path.0.len().checked_sub(2).and_then(|i| path.0.get(i));
            match (parent, key) {
                (Some(Segment::Key(addon)), "name") if addon == "addon" => {
                    for addon in catalog::addons() {
                        if !addon.tasks(direction).is_empty() {
                            items.push(value_item(&addon.name, "addon"));
                        }
                    }
                }
                (Some(Segment::Index(_)), "name") if is_task_list(&path) => {
                    if let Some(addon) = addon_here(&levels[1..]) {
                        for task in addon.tasks(direction) {
                            items.push(value_item(&task.name, &format!("task of {}", addon.name)));
                        }
                    }
                }
                (Some(Segment::Key(params)), name) if params == "params" => {
                    if let Some(parameter) =
                        task_here(&levels[1..], direction).and_then(|task| task.parameter(name))
                    {
                        for value in &parameter.allowed {
                            items.push(value_item(value, "allowed by the addon"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let lower = word.to_ascii_lowercase();
    items.retain(|item| item.label.to_ascii_lowercase().contains(&lower));
    stashform_yaml::order::sort_by(&mut items, |a, b| {
        let rank = |item: &Completion| !item.label.to_ascii_lowercase().starts_with(&lower);
        rank(a).cmp(&rank(b)).then_with(|| a.label.cmp(&b.label))
    });
    items.dedup_by(|a, b| a.label == b.label);
    Completions {
        from: word_start,
        to: offset,
        items,
    }
}

/// The keys and scalar values of one mapping on the way up from the cursor.
#[derive(Default)]
struct Level<'t> {
    keys: Vec<&'t str>,
    values: Vec<(&'t str, &'t str)>,
}

impl Level<'_> {
    fn value(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim_matches(['"', '\'']))
    }
}

/// The path of the mapping the cursor's line belongs to (its key at `column`, after the
/// dashes at `dashes`), and the levels on the way up, the cursor's mapping first: a mapping
/// for each key crossed, an empty level for each list item crossed.
fn place<'t>(above: &'t str, column: usize, dashes: &[usize]) -> (Path, Vec<Level<'t>>) {
    struct Walk<'t> {
        segments: Vec<Segment>,
        levels: Vec<Level<'t>>,
        /// The column of the node whose parent is looked for next.
        want: usize,
        /// The last step up crossed a list item: its list's key is looked for.
        in_list: bool,
    }
    impl<'t> Walk<'t> {
        fn item(&mut self, dash: usize) {
            self.segments.push(Segment::Index(0));
            self.levels.push(Level::default());
            self.want = dash;
            self.in_list = true;
        }
        fn parent(&mut self, key: &'t str, column: usize) {
            self.segments.push(Segment::Key(key.to_owned()));
            self.levels.push(Level {
                keys: vec![key],
                values: Vec::new(),
            });
            self.want = column;
            self.in_list = false;
        }
        fn sibling(&mut self, line: &Line<'t>) {
            if let (Some(level), Some(key)) = (self.levels.last_mut(), line.key) {
                level.keys.push(key);
                if let Some(value) = line.value {
                    level.values.push((key, value));
                }
            }
        }
    }
    let mut walk = Walk {
        segments: Vec::new(),
        levels: vec![Level::default()],
        want: column,
        in_list: false,
    };
    // The cursor's own item: its mapping ends at the dash.
    for &dash in dashes.iter().rev() {
        walk.item(dash);
    }
    for text in above.lines().rev() {
        if text.trim() == "---" {
            break;
        }
        let Some(line) = read_line(text) else {
            continue;
        };
        if line.column < walk.want
            || (walk.in_list && line.column == walk.want && line.dashes.is_empty())
        {
            // A key that opens the block the cursor is in (`key:` at a list's dash column too,
            // as in `sessions:` above `- name: …` written at the same indentation).
            let Some(key) = line.key.filter(|_| line.value.is_none()) else {
                break;
            };
            walk.parent(key, line.column);
            for &dash in line.dashes.iter().rev() {
                walk.item(dash);
            }
        } else if line.column == walk.want && !walk.in_list {
            walk.sibling(&line);
            for &dash in line.dashes.iter().rev() {
                walk.item(dash);
            }
        }
    }
    let mut segments = walk.segments;
    segments.reverse();
    (Path(segments), walk.levels)
}

/// The addon of the `tasks` list the cursor is in: `levels[0]` is the task item's mapping,
/// `levels[1]` the addon's.
fn addon_here(levels: &[Level<'_>]) -> Option<&'static catalog::Addon> {
    levels.get(1)?.value("name").and_then(catalog::addon)
}

/// The task whose `params` the cursor is in: `levels[0]` is the task item's mapping.
fn task_here(levels: &[Level<'_>], direction: Direction) -> Option<&'static catalog::Task> {
    let task = levels.first()?.value("name")?;
    addon_here(&levels[1..])?.task(direction, task)
}

fn is_task_list(path: &Path) -> bool {
    let n = path.0.len();
    n >= 3 && path.0[n - 3] == Segment::Key("tasks".to_owned())
}

/// The `kind:` of the document the cursor is in.
fn document_kind(text: &str, offset: usize) -> Option<String> {
    let start = text[..offset].rfind("\n---").map_or(0, |i| i + 4);
    let end = text[offset..]
        .find("\n---")
        .map_or(text.len(), |i| offset + i);
    text[start..end]
        .lines()
        .find_map(|line| line.strip_prefix("kind:"))
        .map(|kind| {
            kind.split(" #")
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .and_then(|kind| schema::resolve_kind(&kind).map(str::to_owned))
}

fn type_name(schema: &Schema) -> String {
    match schema.kind.as_deref() {
        Some("object") => "object".to_owned(),
        Some("array") => "list".to_owned(),
        Some(kind) => kind.to_owned(),
        None if schema.int_or_string => "integer or string".to_owned(),
        None => "value".to_owned(),
    }
}

fn key_item(name: &str, detail: String) -> Completion {
    Completion {
        label: name.to_owned(),
        insert: format!("{name}: "),
        detail: Some(detail),
    }
}

fn value_item(value: &str, detail: &str) -> Completion {
    // A value YAML would read as something else (`yes`, `1.0`) keeps its quotes.
    let insert = match stashform_yaml::resolve::plain(value) {
        stashform_yaml::node::Value::Str(_) => value.to_owned(),
        _ => format!("\"{value}\""),
    };
    Completion {
        label: value.to_owned(),
        insert,
        detail: Some(detail.to_owned()),
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\nmetadata:\n  name: a\n";

    fn labels(text: &str) -> Vec<String> {
        complete(text, text.len())
            .items
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn keys_of_the_schema_not_yet_written() {
        let text = format!("{HEAD}  nam");
        assert_eq!(
            labels(&text),
            ["namespace", "generateName"],
            "prefix matches first"
        );
        let text = format!("{HEAD}spec:\n  sessions:\n    - name: s\n      ");
        let found = labels(&text);
        assert!(found.contains(&"scheduler".to_owned()), "{found:?}");
        assert!(
            !found.contains(&"name".to_owned()),
            "already written: {found:?}"
        );
    }

    /// `- ` written at its key's own indentation, as `kubectl get -o yaml` does.
    #[test]
    fn lists_at_their_key_indentation() {
        let text = format!("{HEAD}spec:\n  sessions:\n  - name: s\n    sched");
        assert_eq!(labels(&text), ["scheduler"]);
        let text = format!(
            "{HEAD}spec:\n  sessions:\n  - name: s\n    addon:\n      tasks:\n      - name: x\n        par"
        );
        assert_eq!(labels(&text), ["params"]);
    }

    #[test]
    fn values_the_crd_allows() {
        let text = format!(
            "{HEAD}spec:\n  sessions:\n    - repositories:\n        - name: r\n          deletionPolicy: W"
        );
        assert_eq!(labels(&text), ["WipeOut"]);
        let found = complete(&text, text.len());
        assert_eq!(&text[found.from..found.to], "W");
        assert_eq!(found.items[0].insert, "WipeOut");
    }

    #[test]
    fn addons_tasks_params_and_their_values_from_the_catalog() {
        let base = format!("{HEAD}spec:\n  sessions:\n    - addon:\n        name: ");
        assert!(labels(&format!("{base}postg")).contains(&"postgres-addon".to_owned()));
        let tasks = format!("{base}postgres-addon\n        tasks:\n          - name: ");
        assert!(labels(&tasks).contains(&"logical-backup".to_owned()));
        let params = format!("{tasks}logical-backup\n            params:\n              ");
        let found = labels(&params);
        assert!(found.contains(&"backupCmd".to_owned()), "{found:?}");
        let value = format!("{params}backupCmd: pg_d");
        assert_eq!(labels(&value), ["pg_dump", "pg_dumpall"]);
    }

    #[test]
    fn restore_sessions_offer_restore_tasks() {
        let text = "kind: RestoreSession\nspec:\n  addon:\n    name: postgres-addon\n    tasks:\n      - name: ";
        assert!(labels(text).contains(&"logical-backup-restore".to_owned()));
        assert!(!labels(text).contains(&"logical-backup".to_owned()));
    }

    #[test]
    fn nothing_where_nothing_is_known() {
        assert_eq!(labels(""), Vec::<String>::new());
        assert_eq!(labels("kind: Pod\nspec:\n  "), Vec::<String>::new());
        assert_eq!(labels(&format!("{HEAD}  # a comm")), Vec::<String>::new());
        // Any offset, any text: no panic.
        let text = "é: [ü\n- - x: \"y\n  ";
        for offset in 0..=text.len() {
            let _ = complete(text, offset);
        }
    }
}
