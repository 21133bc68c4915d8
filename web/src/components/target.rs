//! What is backed up or restored: a KubeDB database (kind, name, namespace).

use yew::prelude::*;

use super::{Field, Kind, Section};

/// The KubeDB kinds KubeStash has an Addon for.
pub const KUBEDB_KINDS: [&str; 15] = [
    "Postgres",
    "MySQL",
    "MariaDB",
    "MongoDB",
    "Redis",
    "Elasticsearch",
    "Singlestore",
    "ZooKeeper",
    "MSSQLServer",
    "Cassandra",
    "ClickHouse",
    "Druid",
    "Etcd",
    "Neo4j",
    "Qdrant",
];

#[derive(Properties, PartialEq)]
pub struct TargetProps {
    pub title: AttrValue,
}

#[function_component]
pub fn Target(props: &TargetProps) -> Html {
    let kinds: Vec<AttrValue> = KUBEDB_KINDS.iter().map(|k| AttrValue::from(*k)).collect();
    html! {
        <Section title={props.title.clone()} path="spec.target">
            <Field path="spec.target.kind" label="Kind" kind={Kind::Choice(kinds)}
                help="The kind of the database object." />
            <Field path="spec.target.apiGroup" label="API group" placeholder="kubedb.com"
                suggestions={vec![AttrValue::from("kubedb.com")]} />
            <Field path="spec.target.name" label="Name" placeholder="e.g. sample-postgres" />
            <Field path="spec.target.namespace" label="Namespace" placeholder="e.g. demo" />
        </Section>
    }
}
