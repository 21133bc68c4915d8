//! `cargo xtask vendor`: turn the reference CRDs and Addon manifests (`../shared/reference`)
//! into the compact data the core embeds: CRD schemas without descriptions, and the addon
//! catalog. Run it when the reference data changes; the output is committed.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};
use stashform::catalog::Catalog;
use stashform::source::yaml;

/// The kinds the core validates, by CRD file: the ones users write, then the ones the operator
/// creates (pasted from `kubectl get -o yaml`).
const CRDS: &[(&str, &str)] = &[
    (
        "BackupConfiguration",
        "core.kubestash.com_backupconfigurations.yaml",
    ),
    ("RestoreSession", "core.kubestash.com_restoresessions.yaml"),
    ("BackupStorage", "storage.kubestash.com_backupstorages.yaml"),
    (
        "RetentionPolicy",
        "storage.kubestash.com_retentionpolicies.yaml",
    ),
    (
        "BackupBlueprint",
        "core.kubestash.com_backupblueprints.yaml",
    ),
    ("HookTemplate", "core.kubestash.com_hooktemplates.yaml"),
    ("BackupSession", "core.kubestash.com_backupsessions.yaml"),
    ("Repository", "storage.kubestash.com_repositories.yaml"),
    ("Snapshot", "storage.kubestash.com_snapshots.yaml"),
];

pub fn run(root: &Path) -> Result<(), String> {
    let out = root.join("crates/stashform/data");
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    for (name, text) in generate(root)? {
        let path = out.join(name);
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Fail when the committed data differs from what the reference would generate now (skipped,
/// with a note, where `../shared/reference` is not beside the checkout).
pub fn check(root: &Path) -> Result<(), String> {
    if !root.join("../shared/reference").is_dir() {
        eprintln!("xtask: ../shared/reference not found; vendored data not re-checked");
        return Ok(());
    }
    check_installers(&root.join("../shared/reference"))?;
    for (name, text) in generate(root)? {
        let path = root.join("crates/stashform/data").join(name);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            return Err(format!(
                "{} is out of date: run `cargo xtask vendor`",
                path.display()
            ));
        }
    }
    println!("xtask: vendored data matches ../shared/reference");
    Ok(())
}

/// The data files, by name: `crds.json` and `addons.json`.
fn generate(root: &Path) -> Result<Vec<(&'static str, String)>, String> {
    let reference = root.join("../shared/reference");
    if !reference.is_dir() {
        return Err(format!("{} not found", reference.display()));
    }
    let mut kinds = Vec::new();
    for (kind, file) in CRDS {
        let crd = read_yaml(&reference.join("crds").join(file))?;
        let crd = crd.first().ok_or("empty CRD file")?;
        let group = crd["spec"]["group"].as_str().ok_or("CRD without group")?;
        let version = &crd["spec"]["versions"][0];
        kinds.push(json!({
            "kind": kind,
            "apiVersion": format!("{group}/{}", version["name"].as_str().unwrap_or_default()),
            "source": format!("shared/reference/crds/{file} (kubestash/apimachinery@0116a4cb4eff)"),
            "schema": strip(&version["schema"]["openAPIV3Schema"]),
        }));
    }
    let bundle = dedupe(kinds);
    let catalog = addon_catalog(&reference.join("addons"))?;
    Ok(vec![
        (
            "crds.json",
            serde_json::to_string(&bundle).map_err(|e| e.to_string())?,
        ),
        (
            "addons.json",
            serde_json::to_string(&catalog).map_err(|e| e.to_string())?,
        ),
    ])
}

fn read_yaml(path: &Path) -> Result<Vec<Value>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let loaded = yaml::load(&text);
    if let Some(d) = loaded.diagnostics.first() {
        return Err(format!("{}: {}", path.display(), d.message));
    }
    Ok(loaded.documents.iter().map(|d| d.root.to_json()).collect())
}

/// Drop documentation and what neither validation nor the editor schema reads: every kind's
/// data is in every wasm. `x-kubernetes-map-type` and `x-kubernetes-list-type: atomic` only
/// say how server-side apply merges; the list types that constrain items (`map`, `set`) stay.
fn strip(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                match key.as_str() {
                    "description" | "default" | "x-kubernetes-map-type" => {}
                    "x-kubernetes-list-type" if value == "atomic" => {}
                    "properties" => {
                        let props = value
                            .as_object()
                            .map(|p| p.iter().map(|(k, v)| (k.clone(), strip(v))).collect())
                            .unwrap_or_default();
                        out.insert(key.clone(), Value::Object(props));
                    }
                    _ => {
                        out.insert(key.clone(), strip(value));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
        other => other.clone(),
    }
}

/// Share repeated subschemas (pod specs, volumes, probes appear in every kind, often several
/// times): each one that occurs twice or more is stored once in `defs` and replaced by
/// `{"$ref": index}`. A def refers only to earlier defs, so the core resolves them in order.
fn dedupe(kinds: Vec<Value>) -> Value {
    use std::collections::HashMap;
    fn count(schema: &Value, counts: &mut HashMap<String, usize>) {
        let Value::Object(map) = schema else { return };
        for child in children(map) {
            count(child, counts);
        }
        *counts.entry(schema.to_string()).or_default() += 1;
    }
    fn children(map: &Map<String, Value>) -> Vec<&Value> {
        let mut out: Vec<&Value> = Vec::new();
        if let Some(Value::Object(props)) = map.get("properties") {
            out.extend(props.values());
        }
        for key in ["items", "additionalProperties"] {
            if let Some(child @ Value::Object(_)) = map.get(key) {
                out.push(child);
            }
        }
        out
    }
    fn rewrite(
        schema: &Value,
        counts: &HashMap<String, usize>,
        defs: &mut Vec<Value>,
        index: &mut HashMap<String, usize>,
    ) -> Value {
        let Value::Object(map) = schema else {
            return schema.clone();
        };
        let text = schema.to_string();
        if let Some(&i) = index.get(&text) {
            return json!({"$ref": i});
        }
        let mut out = map.clone();
        if let Some(Value::Object(props)) = map.get("properties") {
            let props: Map<String, Value> = props
                .iter()
                .map(|(k, v)| (k.clone(), rewrite(v, counts, defs, index)))
                .collect();
            out.insert("properties".to_owned(), Value::Object(props));
        }
        for key in ["items", "additionalProperties"] {
            if let Some(child @ Value::Object(_)) = map.get(key) {
                out.insert(key.to_owned(), rewrite(child, counts, defs, index));
            }
        }
        let shared = counts.get(&text).copied().unwrap_or(0) > 1 && text.len() >= 64;
        if shared {
            defs.push(Value::Object(out));
            index.insert(text, defs.len() - 1);
            json!({"$ref": defs.len() - 1})
        } else {
            Value::Object(out)
        }
    }
    let mut counts = HashMap::new();
    for kind in &kinds {
        count(&kind["schema"], &mut counts);
    }
    let mut defs = Vec::new();
    let mut index = HashMap::new();
    let kinds: Vec<Value> = kinds
        .into_iter()
        .map(|mut kind| {
            kind["schema"] = rewrite(&kind["schema"], &counts, &mut defs, &mut index);
            kind
        })
        .collect();
    json!({"defs": defs, "kinds": kinds})
}

/// Every Addon manifest under `addons/` (the raw catalogs, not the helm templates), read by
/// the core's catalog parser, the one that reads a user's `--catalog`.
fn addon_catalog(dir: &Path) -> Result<Value, String> {
    let mut files = Vec::new();
    for sub in ["kubedb-raw", "kubestash-raw"] {
        collect_yaml(&dir.join(sub), &mut files)?;
    }
    files.sort();
    let mut texts = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let relative = file
            .strip_prefix(dir)
            .unwrap_or(&file)
            .display()
            .to_string();
        texts.push((format!("shared/reference/addons/{relative}"), text));
    }
    let catalog = Catalog::from_manifests(
        texts
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
    )
    .map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let mut addons = catalog.own().to_vec();
    addons.sort_by(|a, b| a.name.cmp(&b.name));
    serde_json::to_value(addons).map_err(|e| e.to_string())
}

/// The installers the core names as the vendored catalog's sources must be those of
/// `SOURCES.md`, at the same commits.
fn check_installers(reference: &Path) -> Result<(), String> {
    let path = reference.join("SOURCES.md");
    let sources = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for installer in stashform::catalog::INSTALLERS {
        let row = format!(
            "| {} | {} | {} |",
            installer.repository, installer.commit, installer.date
        );
        if !sources.contains(&row) {
            return Err(format!(
                "{}: no row `{row}`: update `INSTALLERS` in crates/stashform/src/catalog.rs",
                path.display()
            ));
        }
    }
    Ok(())
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_yaml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    Ok(())
}
