//! Where a restore reads from: repository, snapshot, encryption secret, components.

use yew::prelude::*;

use super::{Field, ItemList, Section};
use crate::tree::Item;

#[function_component]
pub fn DataSource() -> Html {
    let render_component = Callback::from(|i: usize| {
        html! {
            <Field path={format!("spec.dataSource.components[{i}]")} label="Component"
                keep_empty=true placeholder="e.g. dump" />
        }
    });
    html! {
        <Section title="Data source" path="spec.dataSource">
            <Field path="spec.dataSource.repository" label="Repository" placeholder="e.g. gcs-postgres-repo"
                help="The repository the backup wrote to." />
            <Field path="spec.dataSource.snapshot" label="Snapshot" placeholder="latest"
                suggestions={vec![AttrValue::from("latest")]}
                help="latest, or a Snapshot name (kubectl get snapshots.storage.kubestash.com -n <namespace>)." />
            <Section title="Encryption secret" path="spec.dataSource.encryptionSecret"
                intro="The Secret with RESTIC_PASSWORD the backup used.">
                <Field path="spec.dataSource.encryptionSecret.name" label="Encryption secret name"
                    placeholder="e.g. encrypt-secret" />
                <Field path="spec.dataSource.encryptionSecret.namespace" label="Encryption secret namespace"
                    placeholder="e.g. demo" />
            </Section>
            <ItemList path="spec.dataSource.components" title="Components" noun="component"
                item={Item::Str} render={render_component}
                intro="Restore only these components of the snapshot (optional)." />
        </Section>
    }
}
