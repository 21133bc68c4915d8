//! The object's name and namespace.

use yew::prelude::*;

use super::{Field, Section, use_scope};

#[derive(Properties, PartialEq)]
pub struct MetadataProps {
    /// The name's placeholder (`e.g. gcs-storage`); the view's kind's example by default.
    #[prop_or_default]
    pub example: Option<AttrValue>,
}

#[function_component]
pub fn Metadata(props: &MetadataProps) -> Html {
    let state = use_scope();
    let example = props.example.clone().unwrap_or_else(|| {
        match state.value("kind").as_str() {
            "RestoreSession" => "e.g. sample-postgres-restore",
            _ => "e.g. sample-postgres-backup",
        }
        .into()
    });
    // In a bundle, a new name is written into every reference to the object.
    let help = if state.prefix().is_empty() {
        "Lower-case letters, digits, '-' and '.'; also the file name of the download."
    } else {
        "Lower-case letters, digits, '-' and '.'. Renaming it renames every reference to it in this bundle."
    };
    html! {
        <Section title="Name" path="metadata">
            <Field path="metadata.name" label="Name" placeholder={example} {help} />
            <Field path="metadata.namespace" label="Namespace" placeholder="e.g. demo" />
        </Section>
    }
}
