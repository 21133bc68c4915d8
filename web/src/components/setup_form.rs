//! The setup view: every document of the bundle with its kind's form, each under its own
//! [`DocumentScope`] (control names `documents[i].…`).

use yew::prelude::*;

use super::backup_form::BackupForm;
use super::companion::{Companion, CompanionKind};
use super::restore_form::RestoreForm;
use super::scoped::DocumentScope;
use super::{use_instance, use_scope};

#[function_component]
pub fn SetupForm() -> Html {
    let state = use_scope();
    let instance = use_instance();
    let doc = state.doc();
    let documents = doc.documents.iter().map(|d| {
        let kind = d.root.str_at("kind").unwrap_or_default();
        let name = d
            .root
            .get("metadata")
            .and_then(|m| m.str_at("name"))
            .unwrap_or_default();
        let form = match kind {
            "BackupStorage" => html! { <Companion kind={CompanionKind::Storage} /> },
            "RetentionPolicy" => html! { <Companion kind={CompanionKind::Retention} /> },
            "Secret" => html! { <Companion kind={CompanionKind::Secret} /> },
            "BackupConfiguration" => html! { <BackupForm /> },
            "RestoreSession" => html! { <RestoreForm /> },
            _ => html! { <p class="notice">{"The form does not edit this kind: edit it in the YAML pane."}</p> },
        };
        let title = instance.el(&format!("document-{}", d.index));
        html! {
            <section class="document" key={d.index} aria-labelledby={title.clone()}>
                <h2 id={title}>{format!("{}. {kind} {name}", d.index + 1)}</h2>
                <DocumentScope index={d.index}>{form}</DocumentScope>
            </section>
        }
    });
    html! {
        <>
            <p class="intro">{"The whole backup in one file: the storage and its credentials, the retention policy, the encryption Secret and the BackupConfiguration, checked together. Renaming an object renames every reference to it; the namespace of the BackupConfiguration moves the others with it."}</p>
            { for documents }
        </>
    }
}
