//! The typed model: KubeStash kinds as Rust types, for code that builds or reads configuration
//! (forms, generators, bindings). Validation does not need it (it walks the CRD schema itself).
//!
//! Every KubeStash-level field of the CRDs is a typed field; Kubernetes subtrees that KubeStash
//! embeds whole (pod specs, volumes, probes, manifest options) are kept as JSON values, except the
//! parts people edit most (`securityContext`, `resources`). Every struct keeps the fields it does
//! not model in `extra`, so converting a document to the model and back loses nothing.
//! Lists and maps are `Option` so that an explicit `[]` survives the round trip.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::source::node::Node;

/// Fields a struct does not model, kept as they were.
pub type Extra = Map<String, Value>;

macro_rules! model {
    ($(#[$meta:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            /// Fields this type does not model, preserved.
            #[serde(flatten)]
            pub extra: Extra,
        }
    };
}

model!(
    /// `metadata` (ObjectMeta): the fields people write.
    ObjectMeta {
        name: String,
        namespace: String,
        labels: BTreeMap<String, String>,
        annotations: BTreeMap<String, String>,
    }
);

model!(
    /// `kmapi.TypedObjectReference`: the backup or restore target.
    TypedObjectReference { api_group: String, kind: String, namespace: String, name: String }
);

model!(
    /// `kmapi.ObjectReference`: storageRef, retentionPolicy, encryptionSecret, hookTemplate.
    ObjectReference { name: String, namespace: String }
);

model!(
    /// A BackupConfiguration.
    BackupConfiguration {
        api_version: String,
        kind: String,
        metadata: ObjectMeta,
        spec: BackupConfigurationSpec,
        status: Value,
    }
);

model!(
    BackupConfigurationSpec {
        target: TypedObjectReference,
        backends: Vec<BackendReference>,
        sessions: Vec<Session>,
        paused: bool,
    }
);

model!(BackendReference {
    name: String,
    storage_ref: ObjectReference,
    retention_policy: ObjectReference
});

model!(
    Session {
        name: String,
        scheduler: SchedulerSpec,
        repositories: Vec<RepositoryInfo>,
        addon: AddonInfo,
        hooks: BackupHooks,
        retry_config: RetryConfig,
        /// A Go duration (`metav1.Duration`).
        backup_timeout: String,
        session_history_limit: i32,
    }
);

model!(
    /// The CronJob KubeStash creates for a session.
    SchedulerSpec {
        schedule: String,
        job_template: JobTemplate,
        concurrency_policy: String,
        starting_deadline_seconds: i64,
        suspend: bool,
        successful_jobs_history_limit: i32,
        failed_jobs_history_limit: i32,
    }
);

model!(
    /// The CronJob's Job spec.
    JobTemplate {
        parallelism: i32,
        completions: i32,
        active_deadline_seconds: i64,
        backoff_limit: i32,
        template: PodTemplate,
        ttl_seconds_after_finished: i32,
        completion_mode: String,
        suspend: bool,
    }
);

model!(
    /// `ofst.PodTemplateSpec`.
    PodTemplate { metadata: Value, controller: Value, spec: PodSpec }
);

model!(
    /// `ofst.PodSpec`: the fields the form edits; everything else is kept in `extra`.
    PodSpec { security_context: PodSecurityContext, resources: ResourceRequirements }
);

model!(PodSecurityContext {
    run_as_user: i64,
    run_as_group: i64,
    fs_group: i64,
    run_as_non_root: bool
});

model!(
    /// Quantities stay JSON values: an integer (`cpu: 1`) or a string (`cpu: 500m`).
    ResourceRequirements { requests: BTreeMap<String, Value>, limits: BTreeMap<String, Value> }
);

model!(RepositoryInfo {
    name: String,
    backend: String,
    directory: String,
    encryption_secret: ObjectReference,
    deletion_policy: String,
    backup_verifier: ObjectReference,
});

model!(
    AddonInfo {
        name: String,
        job_template: PodTemplate,
        container_runtime_settings: Value,
        tasks: Vec<TaskReference>,
    }
);

model!(
    TaskReference {
        name: String,
        /// Free-form (`x-kubernetes-preserve-unknown-fields`); values are normally strings.
        params: Map<String, Value>,
        variables: Vec<Value>,
        target_volumes: Value,
        addon_volumes: Vec<Value>,
    }
);

model!(BackupHooks { pre_backup: Vec<HookInfo>, post_backup: Vec<HookInfo> });

model!(RestoreHooks { pre_restore: Vec<HookInfo>, post_restore: Vec<HookInfo> });

model!(
    HookInfo {
        name: String,
        hook_template: ObjectReference,
        params: Map<String, Value>,
        max_retry: i32,
        timeout: String,
        execution_policy: String,
        variables: Vec<Value>,
        volumes: Vec<Value>,
        volume_mounts: Vec<Value>,
        runtime_settings: Value,
    }
);

model!(RetryConfig {
    max_retry: i32,
    delay: String
});

model!(
    /// A RestoreSession.
    RestoreSession {
        api_version: String,
        kind: String,
        metadata: ObjectMeta,
        spec: RestoreSessionSpec,
        status: Value,
    }
);

model!(RestoreSessionSpec {
    target: TypedObjectReference,
    data_source: RestoreDataSource,
    addon: AddonInfo,
    hooks: RestoreHooks,
    restore_timeout: String,
    manifest_options: Value,
});

model!(
    RestoreDataSource {
        namespace: String,
        repository: String,
        /// `latest` or a Snapshot name.
        snapshot: String,
        pitr: Pitr,
        encryption_secret: ObjectReference,
        components: Vec<String>,
    }
);

model!(Pitr {
    target_time: String,
    exclusive: bool
});

model!(
    /// A BackupStorage.
    BackupStorage {
        api_version: String,
        kind: String,
        metadata: ObjectMeta,
        spec: BackupStorageSpec,
        status: Value,
    }
);

model!(BackupStorageSpec {
    storage: Value,
    usage_policy: Value,
    default: bool,
    deletion_policy: String,
    runtime_settings: Value,
});

model!(
    /// A RetentionPolicy.
    RetentionPolicy { api_version: String, kind: String, metadata: ObjectMeta, spec: RetentionPolicySpec }
);

model!(RetentionPolicySpec {
    max_retention_period: String,
    successful_snapshots: Value,
    failed_snapshots: Value,
    usage_policy: Value,
    default: bool,
});

/// A document as a typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    BackupConfiguration(Box<BackupConfiguration>),
    RestoreSession(Box<RestoreSession>),
    BackupStorage(Box<BackupStorage>),
    RetentionPolicy(Box<RetentionPolicy>),
    /// Any other kind, or a document whose values do not fit the types.
    Other(Value),
}

impl Document {
    /// Read a loaded document into the model (wrong value types fall back to `Other`).
    #[must_use]
    pub fn from_node(node: &Node) -> Self {
        Self::from_json(node.to_json())
    }

    /// Read a JSON value into the model.
    #[must_use]
    pub fn from_json(value: Value) -> Self {
        fn typed<T: serde::de::DeserializeOwned>(
            value: &Value,
            wrap: fn(Box<T>) -> Document,
        ) -> Option<Document> {
            serde_json::from_value::<T>(value.clone())
                .ok()
                .map(|t| wrap(Box::new(t)))
        }
        let typed_document = match value.get("kind").and_then(Value::as_str) {
            Some("BackupConfiguration") => typed(&value, Document::BackupConfiguration),
            Some("RestoreSession") => typed(&value, Document::RestoreSession),
            Some("BackupStorage") => typed(&value, Document::BackupStorage),
            Some("RetentionPolicy") => typed(&value, Document::RetentionPolicy),
            _ => None,
        };
        typed_document.unwrap_or(Document::Other(value))
    }

    /// Back to JSON, exactly as read (nothing dropped).
    #[must_use]
    pub fn to_json(&self) -> Value {
        let value = match self {
            Document::BackupConfiguration(d) => serde_json::to_value(d),
            Document::RestoreSession(d) => serde_json::to_value(d),
            Document::BackupStorage(d) => serde_json::to_value(d),
            Document::RetentionPolicy(d) => serde_json::to_value(d),
            Document::Other(v) => return v.clone(),
        };
        value.unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{self, Schema};

    /// A document with every property the CRD schema declares (one item per list, objects
    /// recursed to `depth`), values of the declared types.
    fn maximal(schema: &Schema, depth: usize) -> Value {
        if schema.int_or_string {
            return Value::String("1".to_owned());
        }
        match schema.kind.as_deref() {
            Some("object") if depth > 0 => {
                let mut map = Map::new();
                for (name, child) in &schema.properties {
                    map.insert(name.clone(), maximal(child, depth - 1));
                }
                if map.is_empty() {
                    map.insert("free-form".to_owned(), Value::String("x".to_owned()));
                }
                Value::Object(map)
            }
            Some("array") if depth > 0 => Value::Array(
                schema
                    .items
                    .as_deref()
                    .map(|i| maximal(i, depth - 1))
                    .into_iter()
                    .collect(),
            ),
            Some("object") => Value::Object(Map::new()),
            Some("array") => Value::Array(Vec::new()),
            Some("integer") => Value::from(1),
            Some("number") => Value::from(1.5),
            Some("boolean") => Value::Bool(true),
            _ => Value::String(
                schema
                    .allowed
                    .first()
                    .map_or("text", String::as_str)
                    .to_owned(),
            ),
        }
    }

    #[test]
    fn every_crd_field_round_trips_through_the_model() {
        // The kinds the model types (the others are `Document::Other`).
        for kind in [
            "BackupConfiguration",
            "RestoreSession",
            "BackupStorage",
            "RetentionPolicy",
        ] {
            let crd = schema::crd(kind).unwrap();
            let mut document = maximal(&crd.schema, 12);
            document["apiVersion"] = Value::String(crd.api_version.clone());
            document["kind"] = Value::String(kind.to_owned());
            document["metadata"] =
                serde_json::json!({"name": "n", "namespace": "ns", "labels": {"a": "b"}});
            let typed = Document::from_json(document.clone());
            assert!(
                !matches!(typed, Document::Other(_)),
                "{kind} does not fit the model"
            );
            assert_eq!(typed.to_json(), document, "{kind} lost data");
        }
    }

    #[test]
    fn kubestash_fields_are_typed_not_extra() {
        let crd = schema::crd("BackupConfiguration").unwrap();
        let spec = maximal(crd.schema.property("spec").unwrap(), 8);
        let session = &spec["sessions"][0];
        let typed: Session = serde_json::from_value(session.clone()).unwrap();
        assert!(
            typed.extra.is_empty(),
            "session fields not modelled: {:?}",
            typed.extra.keys().collect::<Vec<_>>()
        );
        assert!(typed.scheduler.as_ref().unwrap().extra.is_empty());
        assert!(
            typed
                .scheduler
                .as_ref()
                .unwrap()
                .job_template
                .as_ref()
                .unwrap()
                .extra
                .is_empty()
        );
        assert!(typed.addon.as_ref().unwrap().extra.is_empty());
        assert!(
            typed.addon.as_ref().unwrap().tasks.as_ref().unwrap()[0]
                .extra
                .is_empty()
        );
        assert!(typed.repositories.as_ref().unwrap()[0].extra.is_empty());
        assert!(
            typed.hooks.as_ref().unwrap().pre_backup.as_ref().unwrap()[0]
                .extra
                .is_empty()
        );
        assert!(typed.retry_config.as_ref().unwrap().extra.is_empty());
        let spec: BackupConfigurationSpec = serde_json::from_value(spec.clone()).unwrap();
        assert!(spec.extra.is_empty());
        assert!(spec.backends.as_ref().unwrap()[0].extra.is_empty());
        assert!(spec.target.as_ref().unwrap().extra.is_empty());
    }

    #[test]
    fn restore_storage_and_retention_fields_are_typed_not_extra() {
        let spec_of = |kind: &str| {
            maximal(
                schema::crd(kind).unwrap().schema.property("spec").unwrap(),
                8,
            )
        };
        let restore: RestoreSessionSpec =
            serde_json::from_value(spec_of("RestoreSession")).unwrap();
        assert!(
            restore.extra.is_empty(),
            "{:?}",
            restore.extra.keys().collect::<Vec<_>>()
        );
        let source = restore.data_source.unwrap();
        assert!(source.extra.is_empty() && source.pitr.unwrap().extra.is_empty());
        assert!(restore.hooks.unwrap().extra.is_empty());
        let storage: BackupStorageSpec = serde_json::from_value(spec_of("BackupStorage")).unwrap();
        assert!(
            storage.extra.is_empty(),
            "{:?}",
            storage.extra.keys().collect::<Vec<_>>()
        );
        let retention: RetentionPolicySpec =
            serde_json::from_value(spec_of("RetentionPolicy")).unwrap();
        assert!(
            retention.extra.is_empty(),
            "{:?}",
            retention.extra.keys().collect::<Vec<_>>()
        );
    }
}
