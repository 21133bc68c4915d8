//! The pod settings of an addon's job (`addon.jobTemplate.spec`): who it runs as and how much
//! CPU and memory it asks for.

use yew::prelude::*;

use super::{Field, Kind, Section};

#[derive(Properties, PartialEq)]
pub struct JobSpecProps {
    /// `….addon.jobTemplate.spec`
    pub base: AttrValue,
}

const CPU_HINT: &str = "CPU: cores (1, 0.5) or millicores (200m).";
const MEMORY_HINT: &str = "Memory: bytes with a unit (512Mi, 1Gi).";

#[function_component]
pub fn JobSpec(props: &JobSpecProps) -> Html {
    let base = &props.base;
    let sc = format!("{base}.securityContext");
    let res = format!("{base}.resources");
    let int = |name: &str, label: &str, help: &str| {
        html! {
            <Field path={format!("{sc}.{name}")} label={label.to_owned()} kind={Kind::Int}
                placeholder="e.g. 0" help={AttrValue::from(help.to_owned())} />
        }
    };
    let quantity = |group: &str, name: &str, label: &str| {
        let (example, hint) = if name == "cpu" {
            ("e.g. 200m", CPU_HINT)
        } else {
            ("e.g. 1Gi", MEMORY_HINT)
        };
        html! {
            <Field path={format!("{res}.{group}.{name}")} label={label.to_owned()}
                kind={Kind::Quantity} placeholder={example} help={AttrValue::from(hint)} />
        }
    };
    html! {
        <>
            <Section title="Run the job as" path={AttrValue::from(sc.clone())}
                intro="securityContext of the job's pod (0 is root).">
                {int("runAsUser", "runAsUser", "User ID the job runs as.")}
                {int("runAsGroup", "runAsGroup", "Primary group ID.")}
                {int("fsGroup", "fsGroup", "Group that owns mounted volumes.")}
                <Field path={format!("{sc}.runAsNonRoot")} label="runAsNonRoot" kind={Kind::Bool}
                    help="Refuse to start the container as root." />
            </Section>
            <Section title="Resources" path={AttrValue::from(res.clone())}
                intro="Requests reserve, limits cap; a request may not exceed its limit.">
                {quantity("requests", "cpu", "CPU request")}
                {quantity("requests", "memory", "Memory request")}
                {quantity("limits", "cpu", "CPU limit")}
                {quantity("limits", "memory", "Memory limit")}
            </Section>
        </>
    }
}
