//! The addon that does the work: picked from the catalog, its tasks for this direction, each
//! task's parameters as the Addon declares them (defaults as placeholders, usage as help,
//! allowed values as a choice), and the job's pod settings.

use stashform::catalog::{self, Parameter};
use yew::prelude::*;

use super::job_spec::JobSpec;
use super::{Field, ItemList, Kind, Section, use_scope};

#[derive(Properties, PartialEq)]
pub struct AddonProps {
    /// `spec.sessions[0].addon` or `spec.addon`
    pub base: AttrValue,
}

/// The addon usually used for a KubeDB kind.
#[must_use]
pub fn suggested_addon(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "Postgres" => "postgres-addon",
        "MySQL" => "mysql-addon",
        "MariaDB" => "mariadb-addon",
        "MongoDB" => "mongodb-addon",
        "Redis" => "redis-addon",
        "Elasticsearch" => "elasticsearch-addon",
        "Singlestore" => "singlestore-addon",
        "ZooKeeper" => "zookeeper-addon",
        "MSSQLServer" => "mssqlserver-addon",
        "Cassandra" => "cassandra-addon",
        "ClickHouse" => "clickhouse-addon",
        "Druid" => "druid-addon",
        "Etcd" => "etcd-addon",
        "Neo4j" => "neo4j-addon",
        "Qdrant" => "qdrant-addon",
        _ => return None,
    })
}

#[function_component]
pub fn Addon(props: &AddonProps) -> Html {
    let state = use_scope();
    let base = props.base.to_string();
    let direction = state.direction();
    let addon_name = state.value(&format!("{base}.name"));
    let addon = catalog::addon(&addon_name);
    let names: Vec<AttrValue> = catalog::addons()
        .iter()
        .map(|a| AttrValue::from(a.name.clone()))
        .collect();
    let target_kind = state.value("spec.target.kind");
    let help = match suggested_addon(&target_kind) {
        Some(s) => format!(
            "The Addon that knows how to back up and restore the target. For {target_kind}: {s}."
        ),
        None => "The Addon that knows how to back up and restore the target.".to_owned(),
    };
    let render_task = {
        let base = base.clone();
        let state = state.clone();
        Callback::from(move |i: usize| {
            let task_path = format!("{base}.tasks[{i}]");
            let task_name = state.value(&format!("{task_path}.name"));
            let tasks = addon.map(|a| a.tasks(direction)).unwrap_or_default();
            let task = tasks.iter().find(|t| t.name == task_name);
            let task_kind = if addon.is_some() {
                Kind::Choice(
                    tasks
                        .iter()
                        .map(|t| AttrValue::from(t.name.clone()))
                        .collect(),
                )
            } else {
                Kind::Text
            };
            let params_path = format!("{task_path}.params");
            let declared: &[Parameter] = task.map_or(&[], |t| t.parameters.as_slice());
            let present = state.keys(&params_path);
            let declared_fields = declared.iter().map(|p| param_field(&params_path, p));
            let extra_fields = present
                .iter()
                .filter(|k| !declared.iter().any(|p| p.name == **k))
                .map(|k| {
                    let path = stashform::Path::parse(&params_path)
                        .unwrap_or_default()
                        .key(k)
                        .to_string();
                    html! {
                        <Field {path} label={k.clone()}
                            help="Not a parameter of this task in the Addon." />
                    }
                });
            let driver = task
                .and_then(|t| t.driver.clone())
                .map(|d| format!("Driver: {d}."));
            html! {
                <>
                    <Field path={format!("{task_path}.name")} label="Task" kind={task_kind}
                        help={driver.map(AttrValue::from)} />
                    if !declared.is_empty() || !present.is_empty() {
                        <div class="params">
                            <h4>{"Parameters"}</h4>
                            { for declared_fields }
                            { for extra_fields }
                        </div>
                    }
                </>
            }
        })
    };
    html! {
        <Section title="Addon" path={props.base.clone()} class="addon">
            <Field path={format!("{base}.name")} label="Addon" kind={Kind::Choice(names)}
                help={AttrValue::from(help)} />
            <ItemList level={3} path={format!("{base}.tasks")} title="Tasks" noun="task" render={render_task} />
            <JobSpec base={format!("{base}.jobTemplate.spec")} />
        </Section>
    }
}

fn param_field(params_path: &str, p: &Parameter) -> Html {
    let path = stashform::Path::parse(params_path)
        .unwrap_or_default()
        .key(&p.name)
        .to_string();
    let label = if p.required {
        format!("{} (required)", p.name)
    } else {
        p.name.clone()
    };
    let placeholder = p
        .default
        .as_ref()
        .map(|d| format!("default: {d}"))
        .unwrap_or_default();
    let kind = if p.allowed.is_empty() {
        Kind::Text
    } else {
        Kind::Choice(
            p.allowed
                .iter()
                .map(|a| AttrValue::from(a.clone()))
                .collect(),
        )
    };
    html! {
        <Field {path} {label} {kind} placeholder={placeholder}
            help={AttrValue::from(p.usage.clone())} />
    }
}
