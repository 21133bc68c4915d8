//! The object's name and namespace.

use yew::prelude::*;

use super::{Field, Section, use_scope};
use crate::state::View;

#[function_component]
pub fn Metadata() -> Html {
    let example = match use_scope().view {
        View::Backup => "e.g. sample-postgres-backup",
        View::Restore => "e.g. sample-postgres-restore",
    };
    html! {
        <Section title="Name" path="metadata">
            <Field path="metadata.name" label="Name" placeholder={example}
                help="Lower-case letters, digits, '-' and '.'; also the file name of the download." />
            <Field path="metadata.namespace" label="Namespace" placeholder="e.g. demo" />
        </Section>
    }
}
