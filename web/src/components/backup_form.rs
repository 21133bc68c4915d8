//! The BackupConfiguration form: name, target, backends, sessions.

use yew::prelude::*;

use super::metadata::Metadata;
use super::session::Session;
use super::target::Target;
use super::{Field, ItemList, Scoped, Section, use_scope};
use crate::state::Action;

#[function_component]
pub fn BackupForm() -> Html {
    let render_backend = Callback::from(|i: usize| {
        let b = format!("spec.backends[{i}]");
        html! {
            <Scoped paths={vec![AttrValue::from(b.clone())]}>
                <Field path={format!("{b}.name")} label="Name" placeholder="e.g. gcs-backend"
                    help="Repositories of the sessions refer to this name." />
                <Section title="Storage (BackupStorage)" path={AttrValue::from(format!("{b}.storageRef"))}>
                    <Field path={format!("{b}.storageRef.name")} label="BackupStorage name"
                        placeholder="e.g. gcs-storage" />
                    <Field path={format!("{b}.storageRef.namespace")} label="BackupStorage namespace"
                        placeholder="e.g. demo" />
                </Section>
                <Section title="Retention policy" path={AttrValue::from(format!("{b}.retentionPolicy"))}
                    intro="Which snapshots to keep.">
                    <Field path={format!("{b}.retentionPolicy.name")} label="RetentionPolicy name"
                        placeholder="e.g. demo-retention" />
                    <Field path={format!("{b}.retentionPolicy.namespace")} label="RetentionPolicy namespace"
                        placeholder="e.g. demo" />
                </Section>
            </Scoped>
        }
    });
    // A session shows the backend names (its repository picker) and the target kind (the
    // addon hint) besides its own values.
    let render_session = Callback::from(|i: usize| {
        let paths = vec![
            AttrValue::from(format!("spec.sessions[{i}]")),
            AttrValue::from("spec.backends"),
            AttrValue::from("spec.target.kind"),
        ];
        html! { <Scoped {paths}><Session index={i} /></Scoped> }
    });
    html! {
        <>
            <Scoped paths={vec![AttrValue::from("metadata")]}><Metadata /></Scoped>
            <Scoped paths={vec![AttrValue::from("spec.target")]}>
                <Target title="Back up (target)" />
            </Scoped>
            <ItemList path="spec.backends" title="Backends" noun="backend" render={render_backend}
                intro="Where backups are stored: a BackupStorage, and how long snapshots are kept." />
            <ItemList path="spec.sessions" title="Sessions" noun="session" render={render_session}
                intro="When to back up, into which repositories, with which addon." />
            <Scoped paths={vec![AttrValue::from("spec.sessions")]}><RestoreFromBackup /></Scoped>
        </>
    }
}

/// "Restore from this backup": for each repository, the RestoreSession that restores its
/// latest snapshot, opened in the restore view.
#[function_component]
fn RestoreFromBackup() -> Html {
    let state = use_scope();
    let document = crate::bundle::split_document(state.prefix()).0;
    let mut buttons = Vec::new();
    for session in 0..state.len("spec.sessions") {
        for repository in 0..state.len(&format!("spec.sessions[{session}].repositories")) {
            let name = state.value(&format!(
                "spec.sessions[{session}].repositories[{repository}].name"
            ));
            let onclick = {
                let state = state.clone();
                Callback::from(move |_: MouseEvent| {
                    state.dispatch(Action::RestoreFrom {
                        document,
                        session,
                        repository,
                    });
                })
            };
            buttons.push(html! {
                <button type="button" class="restore-from" data-action="restore-from-backup"
                    data-repository={name.clone()} {onclick}>
                    {format!("Restore from {}", if name.is_empty() { "this repository" } else { &name })}
                </button>
            });
        }
    }
    if buttons.is_empty() {
        return Html::default();
    }
    html! {
        <Section title="Restore from this backup"
            intro="A RestoreSession for the same target, from the repository's latest snapshot, with its encryption Secret and the addon's restore task.">
            { for buttons }
        </Section>
    }
}
