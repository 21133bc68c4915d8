//! The forms of the objects a BackupConfiguration refers to: BackupStorage, RetentionPolicy
//! and the Secrets (credentials, restic password). Their fields come from the CRD schemas
//! (`schema_fields`), so every provider and volume source the CRD has is there.
//!
//! One component ([`Companion`]) with a plain function per kind: each component type costs
//! the page a copy of Yew's generic component machinery (a few KB of wasm).

use stashform::values::retention::parse_retention_period;
use yew::prelude::*;

use super::metadata::Metadata;
use super::{Field, Instance, Kind, Scope, Scoped, Section, use_instance, use_scope};
use crate::bundle;
use crate::state::Action;
use crate::tree;

/// `secretName` → `Secret name`.
fn label(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else if c.is_ascii_uppercase() {
            out.push(' ');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn choices(kind: &str, path: &str) -> Kind {
    let values = stashform::schema::allowed_values(kind, &tree::path(path));
    Kind::Choice(values.into_iter().map(AttrValue::from).collect())
}

/// The companion kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanionKind {
    Storage,
    Retention,
    Secret,
}

#[derive(Properties, PartialEq)]
pub struct CompanionProps {
    pub kind: CompanionKind,
}

/// The form of a companion kind's document (the view's, or the bundle document in scope).
#[function_component]
pub fn Companion(props: &CompanionProps) -> Html {
    let state = use_scope();
    let instance = use_instance();
    match props.kind {
        CompanionKind::Storage => storage(&state, &instance),
        CompanionKind::Retention => retention(&state),
        CompanionKind::Secret => secret(&state, &instance),
    }
}

/// A control for every scalar property of the CRD schema of `kind` at `base`
/// (`spec.storage.gcs`): integers, booleans, enums and strings, labelled by their key.
fn schema_fields(kind: &str, base: &str) -> Html {
    let Some(schema) =
        stashform::schema::crd(kind).and_then(|crd| crd.schema.at(&tree::path(base).0))
    else {
        return Html::default();
    };
    let mut fields = Vec::new();
    for (name, s) in &schema.properties {
        let path = format!("{base}.{name}");
        let control = match s.kind.as_deref() {
            _ if !s.allowed.is_empty() => choices(kind, &path),
            Some("integer") => Kind::Int,
            Some("boolean") => Kind::Bool,
            Some("string") => Kind::Text,
            _ => continue,
        };
        let help = (name == "secretName").then(|| {
            let provider = base.rsplit('.').next().unwrap_or_default();
            AttrValue::from(format!(
                "The Secret (same namespace) with the credentials: {}.",
                bundle::credential_keys(provider).join(", ")
            ))
        });
        fields.push(html! { <Field {path} label={label(name)} kind={control} {help} /> });
    }
    fields.into_iter().collect()
}

/// Which namespaces may use the object: Same, All, or those a label selector picks.
fn usage_policy(state: &Scope) -> Html {
    let from = "spec.usagePolicy.allowedNamespaces.from";
    let kind = state.value("kind");
    html! {
        <>
            <Field path={from} label="Namespaces that may use it" kind={choices(&kind, from)}
                help="Same: only its own namespace (the default). All: every namespace. Selector: the namespaces a label selector picks." />
            if state.value(from) == "Selector" {
                <p class="help">{"Write the label selector under "}<code>{"spec.usagePolicy.allowedNamespaces.selector"}</code>{" in the YAML pane (matchLabels or matchExpressions)."}</p>
            }
        </>
    }
}

/// A BackupStorage: provider and its settings, default, deletion and usage policy.
fn storage(state: &Scope, instance: &Instance) -> Html {
    let provider = state.value("spec.storage.provider");
    let providers: Vec<AttrValue> = bundle::providers()
        .into_iter()
        .map(AttrValue::from)
        .collect();
    let known = bundle::providers().contains(&provider.as_str());
    let base = format!("spec.storage.{provider}");
    let local = if provider == "local" {
        let volumes = bundle::object_properties("BackupStorage", "spec.storage.local");
        let present = state.keys("spec.storage.local");
        let chosen = volumes
            .iter()
            .find(|v| present.iter().any(|k| k == *v))
            .copied();
        let onchange = {
            let state = state.clone();
            let choices: Vec<String> = volumes.iter().map(|v| (*v).to_owned()).collect();
            Callback::from(move |e: Event| {
                let volume = e
                    .target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value();
                if !volume.is_empty() {
                    state.dispatch(Action::Switch {
                        path: state.full(&format!("spec.storage.local.{volume}")),
                        choices: choices.clone(),
                    });
                }
            })
        };
        let id = instance.id(&state.full("spec.storage.local.volume"));
        html! {
            <>
                <div class="field">
                    <label for={id.clone()}>{"Volume"}</label>
                    <select {id} {onchange} data-switch={state.full("spec.storage.local")}>
                        <option value="" selected={chosen.is_none()}>{"— choose a volume —"}</option>
                        { for volumes.iter().map(|v| html! {
                            <option value={*v} selected={chosen == Some(*v)}>{*v}</option>
                        }) }
                    </select>
                    <p class="help">{"The volume the backups are written to (nfs, persistentVolumeClaim …); another choice replaces it."}</p>
                </div>
                if let Some(volume) = chosen {
                    {schema_fields("BackupStorage", &format!("spec.storage.local.{volume}"))}
                }
            </>
        }
    } else {
        Html::default()
    };
    html! {
        <>
            <Scoped paths={vec![AttrValue::from("metadata")]}>
                <Metadata example="e.g. gcs-storage" />
            </Scoped>
            <Scoped paths={vec![AttrValue::from("spec.storage"), AttrValue::from("metadata.namespace")]}>
                <Section title="Where (provider)" path="spec.storage">
                    <Field path="spec.storage.provider" label="Provider" kind={Kind::Choice(providers)}
                        help="Another provider replaces this one's settings (one step: Undo brings them back)." />
                    if known {
                        {schema_fields("BackupStorage", &base)}
                    }
                    {local}
                </Section>
            </Scoped>
            <Scoped paths={vec![AttrValue::from("spec.default"), AttrValue::from("spec.deletionPolicy"),
                AttrValue::from("spec.usagePolicy"), AttrValue::from("spec.runtimeSettings")]}>
                <Section title="Use">
                    <Field path="spec.default" label="Default storage" kind={Kind::Bool}
                        help="Used by BackupConfigurations that name no storage." />
                    <Field path="spec.deletionPolicy" label="Deletion policy"
                        kind={choices("BackupStorage", "spec.deletionPolicy")}
                        help="Delete: remove the object only. WipeOut: also delete the backed-up data." />
                    {usage_policy(state)}
                    <Field path="spec.runtimeSettings.pod.securityContext.fsGroup" label="Pod file system group (fsGroup)"
                        kind={Kind::Int} placeholder="e.g. 65534"
                        help="For a volume the pod must be allowed to write to (NFS)." />
                </Section>
            </Scoped>
        </>
    }
}

/// A RetentionPolicy: how long and how many snapshots to keep.
fn retention(state: &Scope) -> Html {
    let period = state.value("spec.maxRetentionPeriod");
    let explained = (!period.trim().is_empty()).then(|| explain_period(&period));
    let counts = ["last", "hourly", "daily", "weekly", "monthly", "yearly"].map(|k| {
        html! {
            <Field path={format!("spec.successfulSnapshots.{k}")} label={label(k)} kind={Kind::Int} />
        }
    });
    html! {
        <>
            <Scoped paths={vec![AttrValue::from("metadata")]}>
                <Metadata example="e.g. demo-retention" />
            </Scoped>
            <Scoped paths={vec![AttrValue::from("spec")]}>
                <Section title="How long" path="spec">
                    <Field path="spec.maxRetentionPeriod" label="Keep snapshots at most" placeholder="e.g. 2mo"
                        help="Numbers with units y (years), mo (months), w (weeks), d (days), h (hours), m (minutes), e.g. 1y6mo or 30d." />
                    if let Some(explained) = explained {
                        <p class="period" aria-live="polite">{explained}</p>
                    }
                    <Field path="spec.default" label="Default policy" kind={Kind::Bool}
                        help="Used by backends that name no retention policy." />
                </Section>
                <Section title="Successful snapshots to keep" path="spec.successfulSnapshots">
                    { for counts }
                </Section>
                <Section title="Failed snapshots to keep" path="spec.failedSnapshots">
                    <Field path="spec.failedSnapshots.last" label="Last" kind={Kind::Int} />
                </Section>
                <Section title="Use">
                    {usage_policy(state)}
                </Section>
            </Scoped>
        </>
    }
}

/// `2mo` → "2 months (86400 minutes)", in the units KubeStash counts (a month is 30 days).
fn explain_period(text: &str) -> String {
    match parse_retention_period(text) {
        Ok(p) => {
            let parts: Vec<String> = [
                (p.years, "year"),
                (p.months, "month"),
                (p.weeks, "week"),
                (p.days, "day"),
                (p.hours, "hour"),
                (p.minutes, "minute"),
            ]
            .into_iter()
            .filter(|(n, _)| *n != 0)
            .map(|(n, unit)| format!("{n} {unit}{}", if n == 1 { "" } else { "s" }))
            .collect();
            if parts.is_empty() {
                "No limit: nothing is removed for its age.".to_owned()
            } else {
                format!(
                    "Snapshots older than {} ({} minutes; a month counts 30 days, a year 365) are removed.",
                    parts.join(", "),
                    p.to_minutes()
                )
            }
        }
        Err(error) => format!("KubeStash rejects this: {error}."),
    }
}

/// The keys a Secret can be made for: the restic password, or a provider's credentials.
const PURPOSES: [(&str, &str); 4] = [
    ("Encryption (restic password)", "restic"),
    ("S3 credentials", "s3"),
    ("GCS credentials", "gcs"),
    ("Azure credentials", "azure"),
];

/// A Secret: its values (password controls) and the equivalent `kubectl create secret`.
fn secret(state: &Scope, instance: &Instance) -> Html {
    // A key with a dot (`ca.crt`) is no dotted path: such values stay in the YAML pane.
    let mut keys: Vec<String> = state.keys("stringData");
    keys.retain(|k| {
        k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    });
    // In a bundle, the keys its referrers need are offered too.
    if let (Some(index), _) = bundle::split_document(state.prefix()) {
        let doc = state.doc();
        if let Some(at) = doc.documents.iter().position(|d| d.index == index) {
            for key in bundle::expected_keys(&doc.documents, at) {
                if !keys.iter().any(|k| k == key) {
                    keys.push(key.to_owned());
                }
            }
        }
    }
    let on_purpose = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            let keys: Vec<String> = match select.value().as_str() {
                "" => return,
                "restic" => vec![bundle::RESTIC_PASSWORD.to_owned()],
                provider => bundle::credential_keys(provider)
                    .iter()
                    .map(|k| (*k).to_owned())
                    .collect(),
            };
            select.set_value("");
            state.dispatch(Action::SecretKeys {
                path: state.full("stringData"),
                keys,
            });
        })
    };
    let placeholder_shown = keys
        .iter()
        .any(|k| state.value(&format!("stringData.{k}")) == bundle::SECRET_PLACEHOLDER);
    let command = state
        .node(&state.full(""))
        .map(bundle::kubectl_create_secret)
        .unwrap_or_default();
    let purpose_id = instance.id(&state.full("stringData.purpose"));
    let fields = keys.iter().map(|k| {
        html! {
            <Field path={format!("stringData.{k}")} label={k.clone()} kind={Kind::Secret}
                placeholder="type the value" />
        }
    });
    html! {
        <>
            <Scoped paths={vec![AttrValue::from("metadata")]}>
                <Metadata example="e.g. encrypt-secret" />
            </Scoped>
            <Section title="Values" path="stringData"
                intro="Secret values stay in this page: the YAML pane, Copy and Download have them; share links and saved drafts carry a placeholder instead.">
                if placeholder_shown {
                    <p class="notice" role="status">{"A value shows the placeholder of a shared link or a saved draft: type the secret again."}</p>
                }
                { for fields }
                <div class="field">
                    <label for={purpose_id.clone()}>{"Keys for"}</label>
                    <select id={purpose_id} onchange={on_purpose}>
                        <option value="" selected=true>{"— set the keys for… —"}</option>
                        { for PURPOSES.iter().map(|(label, value)| html! { <option value={*value}>{*label}</option> }) }
                    </select>
                </div>
            </Section>
            <Section title="Or create it with kubectl">
                <pre class="command"><code>{command}</code></pre>
            </Section>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_periods_read_well() {
        assert_eq!(label("secretName"), "Secret name");
        assert_eq!(label("maxConnections"), "Max connections");
        assert_eq!(
            explain_period("2mo"),
            "Snapshots older than 2 months (86400 minutes; a month counts 30 days, a year 365) are removed."
        );
        assert!(explain_period("30 d").starts_with("KubeStash rejects this: "));
    }
}
