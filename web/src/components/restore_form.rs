//! The RestoreSession form: name, target, data source, addon.

use yew::prelude::*;

use super::Scoped;
use super::addon::Addon;
use super::data_source::DataSource;
use super::metadata::Metadata;
use super::target::Target;

#[function_component]
pub fn RestoreForm() -> Html {
    html! {
        <>
            <Scoped paths={vec![AttrValue::from("metadata")]}><Metadata /></Scoped>
            <Scoped paths={vec![AttrValue::from("spec.target")]}>
                <Target title="Restore into (target)" />
            </Scoped>
            <Scoped paths={vec![AttrValue::from("spec.dataSource")]}><DataSource /></Scoped>
            <Scoped paths={vec![AttrValue::from("spec.addon"), AttrValue::from("spec.target.kind")]}>
                <Addon base="spec.addon" />
            </Scoped>
        </>
    }
}
