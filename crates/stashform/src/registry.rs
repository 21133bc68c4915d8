//! The single registry of rules: stable code, kebab-case name, default severity, layer, and
//! the rule's documentation (what, why, an invalid and a valid example). Codes are never
//! reused. `tests/fixtures/invalid/<rule-name>/` holds each rule's fixtures.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// The validator layers of DESIGN.md, in the order a cluster applies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    Yaml,
    Structure,
    Decoding,
    Admission,
    Kubernetes,
    Addon,
    Advice,
    Bundle,
}

/// A rule: its code, name, severity and layer (its documentation: [`Rule::docs`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub layer: Layer,
}

/// What a rule checks and why, with an invalid and a valid example.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Docs {
    /// What it checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A YAML fragment that triggers the rule.
    pub invalid: &'static str,
    /// The fragment fixed.
    pub valid: &'static str,
}

impl Rule {
    /// The rule's documentation. Not a field: the texts are reached only through this function,
    /// so a build that never shows them (the page) does not carry them (about 10 KB gzip).
    #[must_use]
    pub fn docs(&self) -> &'static Docs {
        static NONE: Docs = Docs {
            what: "",
            why: "",
            invalid: "",
            valid: "",
        };
        RULES
            .iter()
            .position(|rule| rule.code == self.code)
            .and_then(|i| DOCS.get(i))
            .unwrap_or(&NONE)
    }
}

/// A rule serialises with its documentation: `code`, `name`, `severity`, `layer`, `what`,
/// `why`, `invalid`, `valid`.
impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let docs = self.docs();
        let mut rule = serializer.serialize_struct("Rule", 8)?;
        rule.serialize_field("code", self.code)?;
        rule.serialize_field("name", self.name)?;
        rule.serialize_field("severity", &self.severity)?;
        rule.serialize_field("layer", &self.layer)?;
        rule.serialize_field("what", docs.what)?;
        rule.serialize_field("why", docs.why)?;
        rule.serialize_field("invalid", docs.invalid)?;
        rule.serialize_field("valid", docs.valid)?;
        rule.end()
    }
}

macro_rules! rules {
    ($( $ident:ident = $code:literal $name:literal $severity:ident $layer:ident
        what $what:literal why $why:literal invalid $invalid:literal valid $valid:literal; )*) => {
        $(
            #[doc = $what]
            pub static $ident: Rule = Rule {
                code: $code,
                name: $name,
                severity: Severity::$severity,
                layer: Layer::$layer,
            };
        )*
        /// Every rule, in code order.
        pub static RULES: &[&Rule] = &[$(&$ident),*];
        /// The documentation of each rule of [`RULES`], in the same order.
        static DOCS: &[Docs] = &[$(Docs { what: $what, why: $why, invalid: $invalid, valid: $valid }),*];
    };
}

rules! {
    YAML_SYNTAX = "KS001" "yaml-syntax" Error Yaml
        what "The text is not valid YAML."
        why "kubectl cannot read the file at all."
        invalid "spec:\n  schedule: */5 * * * *\n"
        valid "spec:\n  schedule: \"*/5 * * * *\"\n";
    DUPLICATE_KEY = "KS002" "duplicate-key" Error Yaml
        what "A mapping has the same key twice."
        why "Strict decoding rejects it; lenient readers silently keep only the last value."
        invalid "metadata:\n  name: a\n  name: b\n"
        valid "metadata:\n  name: b\n";
    INPUT_TOO_LARGE = "KS003" "input-too-large" Error Yaml
        what "The input is larger than the loader accepts (32 MiB)."
        why "The API server itself limits request bodies to 3 MiB; a larger file is a mistake."
        invalid "(a 40 MiB file)"
        valid "(one file per object)";
    NESTING_TOO_DEEP = "KS004" "nesting-too-deep" Error Yaml
        what "Collections are nested deeper than 128 levels."
        why "No KubeStash object is that deep; bounding depth keeps every face safe from stack exhaustion."
        invalid "[[[[[[ ... 200 levels ... ]]]]]]"
        valid "a: [1, 2]";
    ALIAS_LIMIT = "KS005" "alias-expansion-limit" Error Yaml
        what "Aliases expand to more than 100,000 nodes."
        why "An alias bomb (billion laughs) would exhaust memory."
        invalid "a: &a [x, x]\nb: &b [*a, *a]\n# ... repeated"
        valid "a: &a [x, x]\nb: *a\n";
    TOO_MANY_DOCUMENTS = "KS006" "too-many-documents" Error Yaml
        what "A file holds more than 100,000 documents."
        why "Bounds the work done for one input."
        invalid "---\n--- (100,001 times)"
        valid "--- (a few documents)";
    INVALID_ENCODING = "KS007" "invalid-encoding" Error Yaml
        what "The input is not UTF-8 text, or contains characters YAML forbids (such as NUL)."
        why "Kubernetes manifests are UTF-8; a binary or UTF-16 file cannot be read."
        invalid "(bytes 0xff 0xfe ...)"
        valid "apiVersion: v1\n";
    UNSUPPORTED_YAML = "KS008" "unsupported-yaml" Error Yaml
        what "A YAML feature Kubernetes cannot turn into JSON: a collection used as a key, or an unknown tag."
        why "sigs.k8s.io/yaml converts YAML to JSON first; only scalar keys and core tags survive."
        invalid "? [a, b]\n: c\n"
        valid "a: c\n";
    NOT_AN_OBJECT = "KS009" "document-not-an-object" Error Yaml
        what "A document is a scalar or a list instead of a Kubernetes object."
        why "kubectl expects every document to be an object with apiVersion and kind."
        invalid "just a string\n"
        valid "apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\n";
    UNKNOWN_KIND = "KS010" "unknown-kind" Info Yaml
        what "A document is not one of the kinds stashform checks; it is counted and skipped."
        why "Bundles often carry ConfigMaps or databases beside KubeStash objects; they are not errors. Core `v1` Secrets are checked (what the API server checks of them, and in a bundle the keys KubeStash reads from them)."
        invalid "apiVersion: v1\nkind: ConfigMap\n"
        valid "apiVersion: core.kubestash.com/v1alpha1\nkind: RestoreSession\n";
    WRONG_API_VERSION = "KS011" "wrong-api-version" Error Structure
        what "A KubeStash kind is given with an apiVersion that does not serve it."
        why "The API server answers `no matches for kind` and nothing is created."
        invalid "apiVersion: stash.appscode.com/v1beta1\nkind: BackupConfiguration\n"
        valid "apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\n";
    // Suppressions are part of the text, so their own findings are the YAML layer's; neither
    // can itself be suppressed (only turned off by the options).
    UNUSED_SUPPRESSION = "KS012" "unused-suppression" Warning Yaml
        what "A `# stashform-ignore` comment or `stashform.io/ignore` annotation names a rule that finds nothing where it applies."
        why "A stale suppression silences nothing today and would hide a new finding of that rule later."
        invalid "# stashform-ignore KS401 -- Sunday is written 7 here\nschedule: \"0 0 * * 0\"\n"
        valid "schedule: \"0 0 * * 0\"\n";
    INVALID_SUPPRESSION = "KS013" "invalid-suppression" Error Yaml
        what "A suppression names no rule, a code or name that no rule has, or a rule of the YAML loader (KS001-KS008), which cannot be suppressed."
        why "A misspelled code silences nothing: the finding it was meant for still fails the check."
        invalid "# stashform-ignore KS41 -- the old schedule\nschedule: \"0 0 * * 7\"\n"
        valid "# stashform-ignore KS401 -- the old schedule\nschedule: \"0 0 * * 7\"\n";
    NO_DOCUMENTS = "KS014" "no-documents" Error Yaml
        what "The file holds no document: it is empty, or only comments and `---`."
        why "`kubectl apply -f` refuses it (`error: no objects passed to apply`); a file meant to hold an object that holds none is usually a mistake of a generator or a copy. Follows kubectl's apply command (k8s.io/kubectl pkg/cmd/apply), which fails when the file gives no object."
        invalid "# the BackupConfiguration goes here\n"
        valid "apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\n";
    NONEXISTENT_KIND = "KS015" "nonexistent-kind" Error Structure
        what "A `kind` that no CRD of the KubeStash API groups (core, storage, addons.kubestash.com) serves."
        why "The API server finds no resource for it: `no matches for kind \"BackupConfig\" in version \"core.kubestash.com/v1alpha1\"`, and nothing is created. The kinds are those of the CRDs in kubestash/apimachinery `crds/`."
        invalid "apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfig\n"
        valid "apiVersion: core.kubestash.com/v1alpha1\nkind: BackupConfiguration\n";
    CONVERTER_PLACEHOLDER = "KS016" "converter-placeholder" Error Yaml
        what "A `### Set Valid <Field> ###` placeholder that `kubectl kubestash convert` writes where it cannot know a value (a target, an addon, a directory, an encryption Secret, a snapshot), as a value or, when its quotes were lost, as a comment."
        why "KubeStash never resolves it: a placeholder name or directory is accepted or rejected by chance, and the backup or restore cannot run with it. Follows kubestash/cli `pkg/convert` (`setValidValue`)."
        invalid "repositories:\n- name: gcs-repo\n  directory: '### Set Valid Directory ###'\n"
        valid "repositories:\n- name: gcs-repo\n  directory: /demo/sample-postgres\n";
    CONVERTER_REVIEW = "KS017" "converter-review-comment" Warning Yaml
        what "A `# review: …` comment that `kubectl kubestash convert` writes next to a value it derived or could not set (a directory, an encryption Secret, a snapshot)."
        why "Advice, not the cluster's rule: the cluster ignores comments, but the value was guessed by the converter and is still to be checked by a person. Follows kubestash/cli `pkg/convert` (`repositoryComments`, `restoreSessionComments`)."
        invalid "directory: demo/sample-postgres # review: <namespace>/<name> of the target database\n"
        valid "directory: demo/sample-postgres\n";

    UNKNOWN_FIELD = "KS101" "unknown-field" Error Structure
        what "A field that the CRD schema does not define."
        why "With strict field validation the API server rejects it; otherwise it is silently dropped, so the setting never takes effect."
        invalid "spec:\n  sessions:\n    - name: daily\n      schedule: \"0 2 * * *\"\n"
        valid "spec:\n  sessions:\n    - name: daily\n      scheduler:\n        schedule: \"0 2 * * *\"\n";
    WRONG_TYPE = "KS102" "wrong-type" Error Structure
        what "A value of the wrong JSON type (for example a number where the CRD wants a string)."
        why "The API server rejects it: `must be of type string`."
        invalid "resources:\n  requests:\n    cpu: 0.5\n"
        valid "resources:\n  requests:\n    cpu: \"0.5\"\n";
    MISSING_REQUIRED = "KS103" "missing-required-field" Error Structure
        what "A field the CRD marks required is absent."
        why "The API server rejects the object with `Required value`."
        invalid "scheduler:\n  schedule: \"0 2 * * *\"\n"
        valid "scheduler:\n  schedule: \"0 2 * * *\"\n  jobTemplate: {}\n";
    NOT_IN_ENUM = "KS104" "value-not-in-enum" Error Structure
        what "A value outside the CRD's enum."
        why "The API server rejects it with `Unsupported value`."
        invalid "deletionPolicy: Keep\n"
        valid "deletionPolicy: Retain\n";
    BELOW_MINIMUM = "KS105" "value-below-minimum" Error Structure
        what "A number below the CRD's minimum."
        why "The API server rejects it."
        invalid "retryConfig:\n  maxRetry: 0\n"
        valid "retryConfig:\n  maxRetry: 1\n";
    PATTERN_MISMATCH = "KS106" "pattern-mismatch" Error Structure
        what "A string that does not match the CRD's pattern (resource quantities)."
        why "The API server rejects it."
        invalid "memory: 1GB\n"
        valid "memory: 1Gi\n";
    DUPLICATE_ITEM = "KS107" "duplicate-list-item" Error Structure
        what "Two items of a list-type map or set have the same key."
        why "The API server rejects duplicates in `x-kubernetes-list-type: map` and `set` lists."
        invalid "resources:\n  claims:\n    - name: gpu\n    - name: gpu\n"
        valid "resources:\n  claims:\n    - name: gpu\n";
    NULL_VALUE = "KS108" "null-value" Warning Structure
        what "A field is explicitly null (or empty)."
        why "The API server prunes null values of non-nullable fields, so the key has no effect."
        invalid "spec:\n  target:\n"
        valid "spec:\n  target:\n    name: pg\n";

    INVALID_DURATION = "KS201" "invalid-duration" Error Decoding
        what "A duration that Go's time.ParseDuration rejects (backupTimeout, restoreTimeout, retryConfig.delay, hook timeout)."
        why "The CRD says only `string`, but the webhook decodes it as metav1.Duration and the request fails with 400."
        invalid "backupTimeout: 2d\n"
        valid "backupTimeout: 48h\n";
    INVALID_QUANTITY = "KS202" "invalid-quantity" Error Decoding
        what "A resource quantity that Kubernetes' ParseQuantity rejects although the CRD pattern allows it."
        why "Decoding fails in the webhook and the object is rejected."
        invalid "cpu: 1e1.5\n"
        valid "cpu: \"10\"\n";
    INVALID_DATE_TIME = "KS203" "invalid-date-time" Error Decoding
        what "A timestamp that is not RFC 3339 (for example pitr.targetTime)."
        why "metav1.Time decoding fails and the object is rejected."
        invalid "targetTime: 2026-01-02 03:04\n"
        valid "targetTime: \"2026-01-02T03:04:00Z\"\n";
    INTEGER_OUT_OF_RANGE = "KS204" "integer-out-of-range" Error Decoding
        what "An integer too large for its int32 or int64 field."
        why "Go decoding overflows and the request is rejected."
        invalid "backoffLimit: 3000000000\n"
        valid "backoffLimit: 3\n";
    INVALID_NAME = "KS205" "invalid-name" Error Decoding
        what "metadata.name is not a DNS-1123 subdomain."
        why "The API server rejects the object."
        invalid "metadata:\n  name: Sample_Backup\n"
        valid "metadata:\n  name: sample-backup\n";
    INVALID_NAMESPACE = "KS206" "invalid-namespace" Error Decoding
        what "metadata.namespace is not a DNS-1123 label."
        why "The API server rejects the object."
        invalid "metadata:\n  namespace: Demo.NS\n"
        valid "metadata:\n  namespace: demo\n";
    INVALID_SECRET_KEY = "KS207" "invalid-secret-key" Error Decoding
        what "A key of a Secret's `data` or `stringData` that is not a valid config key: letters, digits, '-', '_' and '.', at most 253 characters, not `.` or `..` nor starting with `..`."
        why "The API server rejects the Secret: kubernetes `pkg/apis/core/validation/validation.go` (`ValidateSecret`) checks every key of `data` (with `stringData` merged into it) with apimachinery's `IsConfigMapKey`: `a valid config key must consist of alphanumeric characters, '-', '_' or '.'`."
        invalid "stringData:\n  restic password: s3cr3t\n"
        valid "stringData:\n  RESTIC_PASSWORD: s3cr3t\n";
    INVALID_BASE64 = "KS208" "invalid-base64" Error Decoding
        what "A value of a Secret's `data` that is not standard, padded base64 (line breaks are allowed)."
        why "`data` values are bytes, which JSON carries as base64: the API server cannot decode the Secret and rejects it with `illegal base64 data at input byte N` (Go `encoding/json` decoding a `[]byte` with `base64.StdEncoding`). Plain text belongs under `stringData`."
        invalid "data:\n  RESTIC_PASSWORD: s3cr3t\n"
        valid "stringData:\n  RESTIC_PASSWORD: s3cr3t\n";
    SECRET_TOO_LARGE = "KS209" "secret-too-large" Error Decoding
        what "A Secret whose values (`data` decoded, with `stringData` merged in) hold more than 1 MiB."
        why "The API server rejects it: kubernetes `pkg/apis/core/validation/validation.go` (`ValidateSecret`) limits the total to `core.MaxSecretSize` (1048576 bytes)."
        invalid "data:\n  backup.tar: <2 MiB of base64>\n"
        valid "data:\n  RESTIC_PASSWORD: czNjcjN0\n";

    NO_BACKENDS = "KS301" "backends-empty" Warning Admission
        what "A BackupConfiguration without backends."
        why "The webhook defaults a backend only when the namespace has a default BackupStorage; otherwise it rejects with `backend can not be empty`."
        invalid "spec:\n  backends: []\n"
        valid "spec:\n  backends:\n    - name: gcs\n      storageRef: {name: gcs-storage}\n      retentionPolicy: {name: keep-30}\n";
    DUPLICATE_BACKEND = "KS302" "duplicate-backend-name" Error Admission
        what "Two backends share a name."
        why "The webhook rejects it."
        invalid "backends:\n  - name: gcs\n  - name: gcs\n"
        valid "backends:\n  - name: gcs\n  - name: s3\n";
    MISSING_RETENTION_POLICY = "KS303" "backend-without-retention-policy" Warning Admission
        what "A backend without retentionPolicy."
        why "Accepted only where the cluster has a default RetentionPolicy; otherwise the webhook rejects it."
        invalid "backends:\n  - name: gcs\n    storageRef: {name: gcs-storage}\n"
        valid "backends:\n  - name: gcs\n    storageRef: {name: gcs-storage}\n    retentionPolicy: {name: keep-30}\n";
    MISSING_STORAGE_REF = "KS304" "backend-without-storage-ref" Error Admission
        what "A backend without storageRef."
        why "The webhook rejects it: `no storage reference is found for backend`."
        invalid "backends:\n  - name: gcs\n"
        valid "backends:\n  - name: gcs\n    storageRef: {name: gcs-storage}\n";
    NO_SESSIONS = "KS305" "sessions-empty" Error Admission
        what "A BackupConfiguration without sessions."
        why "The webhook rejects it: `sessions can not be empty`."
        invalid "spec:\n  sessions: []\n"
        valid "spec:\n  sessions:\n    - name: daily\n";
    EMPTY_SESSION_NAME = "KS306" "session-name-empty" Error Admission
        what "A session without a name."
        why "The webhook rejects it: `session name can not be empty`."
        invalid "sessions:\n  - scheduler: {}\n"
        valid "sessions:\n  - name: daily\n";
    DUPLICATE_SESSION = "KS307" "duplicate-session-name" Error Admission
        what "Two sessions share a name."
        why "The webhook rejects it."
        invalid "sessions:\n  - name: daily\n  - name: daily\n"
        valid "sessions:\n  - name: daily\n  - name: weekly\n";
    DUPLICATE_REPOSITORY = "KS308" "duplicate-repository-name" Error Admission
        what "Two repositories of one session share a name."
        why "The webhook rejects it."
        invalid "repositories:\n  - name: repo\n  - name: repo\n"
        valid "repositories:\n  - name: repo\n  - name: repo-copy\n";
    MISSING_SCHEDULER = "KS309" "scheduler-missing" Error Admission
        what "A session without scheduler."
        why "The webhook rejects it: `scheduler is empty for session`."
        invalid "sessions:\n  - name: daily\n"
        valid "sessions:\n  - name: daily\n    scheduler:\n      schedule: \"0 2 * * *\"\n      jobTemplate: {}\n";
    MISSING_ADDON = "KS310" "addon-missing" Error Admission
        what "A session without addon."
        why "The webhook rejects it: `addon info is empty for session`."
        invalid "sessions:\n  - name: daily\n"
        valid "sessions:\n  - name: daily\n    addon:\n      name: postgres-addon\n      tasks: [{name: logical-backup}]\n";
    EMPTY_ADDON_NAME = "KS311" "addon-name-empty" Error Admission
        what "An addon without a name."
        why "The webhook rejects it."
        invalid "addon:\n  tasks: [{name: logical-backup}]\n"
        valid "addon:\n  name: postgres-addon\n  tasks: [{name: logical-backup}]\n";
    NO_ADDON_TASKS = "KS312" "addon-tasks-empty" Error Admission
        what "An addon without tasks."
        why "The webhook rejects it: `addon tasks are not provided`."
        invalid "addon:\n  name: postgres-addon\n"
        valid "addon:\n  name: postgres-addon\n  tasks: [{name: logical-backup}]\n";
    EMPTY_TASK_NAME = "KS313" "task-name-empty" Error Admission
        what "An addon task without a name."
        why "The webhook rejects it."
        invalid "tasks:\n  - params: {}\n"
        valid "tasks:\n  - name: logical-backup\n";
    NO_REPOSITORIES = "KS314" "repositories-empty" Error Admission
        what "A session without repositories."
        why "The webhook rejects it: `no repository found for session`."
        invalid "sessions:\n  - name: daily\n    repositories: []\n"
        valid "sessions:\n  - name: daily\n    repositories:\n      - name: repo\n        backend: gcs\n        directory: /pg\n";
    UNKNOWN_BACKEND = "KS315" "unknown-backend-reference" Error Admission
        what "A repository names a backend that is not declared in spec.backends."
        why "The webhook rejects it: `doesn't match with any of the given backends`."
        invalid "repositories:\n  - name: repo\n    backend: s3\n"
        valid "repositories:\n  - name: repo\n    backend: gcs\n";
    EMPTY_DIRECTORY = "KS316" "directory-empty" Error Admission
        what "A repository without directory."
        why "The webhook rejects it: `directory is not provided for repository`."
        invalid "repositories:\n  - name: repo\n    backend: gcs\n"
        valid "repositories:\n  - name: repo\n    backend: gcs\n    directory: /pg\n";
    DUPLICATE_DIRECTORY = "KS317" "duplicate-directory" Error Admission
        what "Two different repositories use the same directory."
        why "The webhook rejects it (only the same repository, same backend, may repeat across sessions)."
        invalid "repositories:\n  - {name: a, backend: gcs, directory: /pg}\n  - {name: b, backend: gcs, directory: /pg}\n"
        valid "repositories:\n  - {name: a, backend: gcs, directory: /pg}\n  - {name: b, backend: gcs, directory: /pg-copy}\n";
    MISSING_DATA_SOURCE = "KS318" "data-source-missing" Error Admission
        what "A RestoreSession without spec.dataSource."
        why "The webhook dereferences it and fails (HTTP 500): nothing is restored."
        invalid "spec:\n  target: {name: pg}\n"
        valid "spec:\n  dataSource:\n    repository: repo\n    snapshot: latest\n";
    PITR_WITHOUT_TIME = "KS319" "pitr-target-time-missing" Error Admission
        what "pitr is set without targetTime."
        why "The webhook rejects it."
        invalid "pitr:\n  exclusive: true\n"
        valid "pitr:\n  targetTime: \"2026-01-02T03:04:05Z\"\n";
    PITR_WITHOUT_REPOSITORY = "KS320" "pitr-repository-missing" Error Admission
        what "pitr is set without dataSource.repository."
        why "The webhook rejects it."
        invalid "dataSource:\n  pitr: {targetTime: \"2026-01-02T03:04:05Z\"}\n"
        valid "dataSource:\n  repository: repo\n  pitr: {targetTime: \"2026-01-02T03:04:05Z\"}\n";
    EMPTY_SNAPSHOT = "KS321" "snapshot-empty" Error Admission
        what "dataSource has neither snapshot nor pitr."
        why "The webhook rejects it: `snapshot can not be empty`."
        invalid "dataSource:\n  repository: repo\n"
        valid "dataSource:\n  repository: repo\n  snapshot: latest\n";
    LATEST_WITHOUT_REPOSITORY = "KS322" "latest-snapshot-without-repository" Error Admission
        what "snapshot: latest without dataSource.repository."
        why "The webhook rejects it: `repository can not be empty for latest snapshot`."
        invalid "dataSource:\n  snapshot: latest\n"
        valid "dataSource:\n  repository: repo\n  snapshot: latest\n";
    INVALID_RETENTION_PERIOD = "KS323" "invalid-retention-period" Error Admission
        what "maxRetentionPeriod does not follow KubeStash's y/mo/w/d/h/m grammar."
        why "The webhook rejects it: `invalid duration provided`."
        invalid "maxRetentionPeriod: 30 days\n"
        valid "maxRetentionPeriod: 30d\n";
    EMPTY_RETENTION_POLICY = "KS324" "retention-policy-empty" Error Admission
        what "A RetentionPolicy with neither maxRetentionPeriod nor successfulSnapshots."
        why "The webhook rejects it."
        invalid "spec:\n  failedSnapshots: {last: 2}\n"
        valid "spec:\n  maxRetentionPeriod: 30d\n";
    SELECTOR_MISSING = "KS325" "usage-policy-selector-missing" Error Admission
        what "usagePolicy.allowedNamespaces.from is Selector but no selector is given."
        why "The webhook rejects it."
        invalid "usagePolicy:\n  allowedNamespaces:\n    from: Selector\n"
        valid "usagePolicy:\n  allowedNamespaces:\n    from: Selector\n    selector:\n      matchLabels: {team: db}\n";
    USAGE_POLICY_EMPTY = "KS326" "usage-policy-from-missing" Error Admission
        what "usagePolicy is given without allowedNamespaces."
        why "The webhook dereferences it and fails (HTTP 500)."
        invalid "usagePolicy: {}\n"
        valid "usagePolicy:\n  allowedNamespaces:\n    from: Same\n";
    MISSING_BLUEPRINT_TEMPLATE = "KS327" "blueprint-template-missing" Error Admission
        what "A BackupBlueprint without spec.backupConfigurationTemplate."
        why "The webhook rejects it: `backupConfigurationTemplate can not be empty` (kubestash/apimachinery `webhooks/core/v1alpha1/backupblueprint.go`, `validateBackendsAgainstUsagePolicy`). Without a template auto-backup has nothing to make the BackupConfigurations from."
        invalid "kind: BackupBlueprint\nspec:\n  usagePolicy:\n    allowedNamespaces:\n      from: All\n"
        valid "kind: BackupBlueprint\nspec:\n  usagePolicy:\n    allowedNamespaces:\n      from: All\n  backupConfigurationTemplate:\n    backends: [...]\n    sessions: [...]\n";
    MISSING_HOOK_EXECUTOR = "KS328" "hook-executor-missing" Error Admission
        what "A HookTemplate without spec.executor."
        why "The webhook rejects it: `executor can not be empty` on create, `executor field can not be empty` on update (kubestash/apimachinery `webhooks/core/v1alpha1/hooktemplate.go`, `ValidateCreate`/`ValidateUpdate`). The executor says where the hook runs."
        invalid "kind: HookTemplate\nspec:\n  action:\n    exec:\n      command: [/bin/sh, -c, echo done]\n"
        valid "kind: HookTemplate\nspec:\n  action:\n    exec:\n      command: [/bin/sh, -c, echo done]\n  executor:\n    type: Pod\n    pod:\n      selector: app=db\n";
    MISSING_HOOK_ACTION = "KS329" "hook-action-missing" Error Admission
        what "A HookTemplate without spec.action whose executor is not a Function (Pod or Operator)."
        why "The webhook rejects it: `action can not be empty for pod or operator type executor` (kubestash/apimachinery `webhooks/core/v1alpha1/hooktemplate.go`, `validateActionForNonFunctionExecutor`). Only a Function executor brings its own action."
        invalid "kind: HookTemplate\nspec:\n  executor:\n    type: Pod\n    pod:\n      selector: app=db\n"
        valid "kind: HookTemplate\nspec:\n  action:\n    exec:\n      command: [/bin/sh, -c, echo done]\n  executor:\n    type: Pod\n    pod:\n      selector: app=db\n";
    INCOMPLETE_HOOK_EXECUTOR = "KS330" "hook-executor-incomplete" Error Admission
        what "A HookTemplate executor without what its type needs: a Function executor without `function`, a Pod executor without `pod` or `pod.selector`, or a pod selector with a part that is not `key=value`."
        why "The webhook rejects it (kubestash/apimachinery `webhooks/core/v1alpha1/hooktemplate.go`, `validateExecutorInfo`): `function field can not be empty for function type executor`, `pod field can not be empty for pod type executor`, `selector field can not be empty for pod type executor`, `invalid selector is provided for pod type executor` (each comma-separated part of the selector must contain `=`)."
        invalid "executor:\n  type: Pod\n  pod:\n    selector: app\n"
        valid "executor:\n  type: Pod\n  pod:\n    selector: app=db\n";

    INVALID_SCHEDULE = "KS401" "invalid-schedule" Error Kubernetes
        what "A schedule that Kubernetes' CronJob validation rejects (robfig/cron v3 ParseStandard)."
        why "KubeStash accepts the BackupConfiguration but cannot create the CronJob: the backup silently never runs."
        invalid "schedule: \"0 0 * * 7\"\n"
        valid "schedule: \"0 0 * * 0\"\n";
    SCHEDULE_TIME_ZONE = "KS402" "schedule-time-zone" Error Kubernetes
        what "A schedule with TZ= or CRON_TZ=."
        why "Kubernetes refuses TZ in new CronJob schedules, and KubeStash has no timeZone field."
        invalid "schedule: \"TZ=UTC 0 2 * * *\"\n"
        valid "schedule: \"0 2 * * *\"\n";
    NEGATIVE_VALUE = "KS403" "negative-value" Error Kubernetes
        what "A count or number of seconds below zero in a job or schedule setting."
        why "Kubernetes rejects the CronJob or Job the operator creates: `must be greater than or equal to 0`."
        invalid "jobTemplate:\n  backoffLimit: -1\n"
        valid "jobTemplate:\n  backoffLimit: 1\n";
    INVALID_JOB_SETTING = "KS404" "invalid-job-setting" Error Kubernetes
        what "concurrencyPolicy or completionMode outside what Kubernetes supports, or Indexed without completions."
        why "Kubernetes rejects the CronJob or Job the operator creates."
        invalid "concurrencyPolicy: Never\n"
        valid "concurrencyPolicy: Forbid\n";
    REQUEST_EXCEEDS_LIMIT = "KS405" "request-exceeds-limit" Error Kubernetes
        what "A resource request larger than its limit."
        why "Kubernetes rejects the backup Pod: `must be less than or equal to cpu limit`."
        invalid "resources:\n  requests: {cpu: \"2\"}\n  limits: {cpu: 500m}\n"
        valid "resources:\n  requests: {cpu: 500m}\n  limits: {cpu: \"2\"}\n";
    NEGATIVE_QUANTITY = "KS406" "negative-quantity" Error Kubernetes
        what "A negative resource quantity."
        why "Kubernetes rejects the backup Pod: `must be greater than or equal to 0`."
        invalid "memory: -1Gi\n"
        valid "memory: 1Gi\n";
    INVALID_RESOURCE_NAME = "KS407" "invalid-resource-name" Error Kubernetes
        what "A container resource name that is neither standard (cpu, memory, ephemeral-storage, hugepages-*) nor a domain-prefixed extended resource."
        why "Kubernetes rejects the backup Pod: `must be a standard resource for containers`."
        invalid "limits:\n  gpu: \"1\"\n"
        valid "limits:\n  nvidia.com/gpu: \"1\"\n";
    CRONJOB_NAME_TOO_LONG = "KS408" "cronjob-name-too-long" Info Kubernetes
        what "Two sessions of a BackupConfiguration whose CronJob names (`trigger-<backupconfiguration>-<session>`) are equal once shortened to the 52 characters Kubernetes allows."
        why "A long name alone is fine: the operator shortens it (kmodules/client-go `meta/lib.go` `ValidCronJobNameWithPefixNSuffix` keeps the first 26 and the last 26 characters). Two sessions that shorten to the same name would contend for one CronJob. A note, not the cluster's rule: newer kmodules versions may make the shortened names unique."
        invalid "metadata:\n  name: a-very-long-backup-configuration-name-for-postgres\nspec:\n  sessions:\n    - name: daily-full-backup-at-night\n    - name: hourly-full-backup-at-night\n"
        valid "metadata:\n  name: pg-backup\nspec:\n  sessions:\n    - name: daily\n    - name: hourly\n";

    UNKNOWN_ADDON = "KS501" "unknown-addon" Warning Addon
        what "An addon that is not in the KubeStash or KubeDB catalog (the vendored one, and the user's from `--catalog` or `catalog:`)."
        why "Probably a typo: the operator fails to find the Addon and the backup never runs. An addon newer than the vendored catalog is checked once its installer's manifests are passed with `--catalog`."
        invalid "addon:\n  name: postgresql-addon\n"
        valid "addon:\n  name: postgres-addon\n";
    UNKNOWN_TASK = "KS502" "unknown-task" Error Addon
        what "A task that the named addon does not have."
        why "The operator cannot resolve the task; the backup or restore fails."
        invalid "tasks:\n  - name: logical-backups\n"
        valid "tasks:\n  - name: logical-backup\n";
    TASK_WRONG_DIRECTION = "KS503" "task-wrong-direction" Error Addon
        what "A restore task in a BackupConfiguration, or a backup task in a RestoreSession."
        why "The operator looks tasks up among backupTasks or restoreTasks only."
        invalid "kind: RestoreSession\n...\ntasks:\n  - name: logical-backup\n"
        valid "kind: RestoreSession\n...\ntasks:\n  - name: logical-backup-restore\n";
    UNKNOWN_PARAM = "KS504" "unknown-param" Warning Addon
        what "A task parameter the addon does not declare."
        why "Unknown parameters are ignored, so the setting has no effect."
        invalid "params:\n  backupCommand: pg_dump\n"
        valid "params:\n  backupCmd: pg_dump\n";
    INVALID_PARAM_VALUE = "KS505" "invalid-param-value" Error Addon
        what "A parameter value the addon does not allow (postgres backupCmd is pg_dump or pg_dumpall)."
        why "The backup job fails at run time."
        invalid "params:\n  backupCmd: pg_basebackup\n"
        valid "params:\n  backupCmd: pg_dump\n";
    MISSING_REQUIRED_PARAM = "KS506" "missing-required-param" Warning Addon
        what "A parameter the addon marks required is not given."
        why "The operator fails the backup at run time (admission does not check it)."
        invalid "addon:\n  name: workload-addon\n  tasks:\n    - name: logical-backup\n"
        valid "addon:\n  name: workload-addon\n  tasks:\n    - name: logical-backup\n      params:\n        paths: /data\n";
    PARAM_NOT_STRING = "KS507" "param-not-string" Warning Addon
        what "A parameter value that is not a string."
        why "Parameters are substituted into command lines as text; `true` or `10` may not arrive as written."
        invalid "params:\n  enableCache: false\n"
        valid "params:\n  enableCache: \"false\"\n";
    UNKNOWN_ADDON_VOLUME = "KS508" "unknown-addon-volume" Error Addon
        what "tasks[].addonVolumes[].name does not name a volumeTemplate of the task."
        why "The operator cannot match the volume; the override is ignored or fails."
        invalid "addonVolumes:\n  - name: tmp\n"
        valid "addonVolumes:\n  - name: kubestash-tmp-volume\n";
    OLD_TASK_NAME = "KS509" "old-task-name" Error Addon
        what "A task written with its Stash v1 name (`LogicalBackup`, `VolumeSnapshotRestore`), which KubeStash renamed to kebab-case (`logical-backup`, `volume-snapshot-restore`) in January 2024; `kubectl kubestash convert` and older docs still carry them."
        why "The operator looks the task up by its exact name among the Addon's tasks, finds none, and the backup or restore fails. The names are the Addon manifests' and kubestash/apimachinery `apis/constant.go` (`LogicalBackup = \"logical-backup\"`, ...)."
        invalid "addon:\n  name: workload-addon\n  tasks:\n    - name: LogicalBackup\n"
        valid "addon:\n  name: workload-addon\n  tasks:\n    - name: logical-backup\n";
    ADDON_TARGET_MISMATCH = "KS510" "addon-target-mismatch" Warning Addon
        what "A target and an addon that do not belong together: a KubeDB database (`apiGroup: kubedb.com`) with another database's addon or the workload or PVC addon, a Deployment, StatefulSet or DaemonSet with pvc-addon, a PersistentVolumeClaim with workload-addon."
        why "Admission accepts any addon; the backup or restore fails when it runs, since the addon's functions cannot find what they back up. The pairs follow KubeStash's convention, as kubestash/cli `pkg/convert/resources.go` (`resolveAddonName`) applies it: a KubeDB kind's addon is `<kind>-addon` (unless its `<Kind>Version` names another in `spec.archiver.addon.name`), workloads take workload-addon and PVCs pvc-addon. A warning, as a convention: only addons of the vendored catalog are held to it (a user's own addon may back up anything), never kubedump-addon (manifests of any target), and never an addon with the same tasks and parameters as the target's own (opensearch-addon for an Elasticsearch of the OpenSearch distribution)."
        invalid "target:\n  apiGroup: kubedb.com\n  kind: MySQL\n  name: sample-mysql\n...\naddon:\n  name: postgres-addon\n"
        valid "target:\n  apiGroup: kubedb.com\n  kind: MySQL\n  name: sample-mysql\n...\naddon:\n  name: mysql-addon\n";

    MISSING_ENCRYPTION_SECRET = "KS601" "missing-encryption-secret" Warning Advice
        what "A repository used by a Restic task without encryptionSecret (or a RestoreSession without one)."
        why "Restic needs RESTIC_PASSWORD: the backup Job fails at 2 a.m. with `storage Secret is not provided`."
        invalid "repositories:\n  - name: repo\n    backend: gcs\n    directory: /pg\n"
        valid "repositories:\n  - name: repo\n    backend: gcs\n    directory: /pg\n    encryptionSecret: {name: encrypt-secret, namespace: demo}\n";
    PG_DUMP_WITHOUT_DATABASE = "KS602" "pg-dump-without-database" Warning Advice
        what "backupCmd pg_dump without a database name in args."
        why "pg_dump dumps one database; without a name it dumps the user's default database only."
        invalid "params:\n  backupCmd: pg_dump\n"
        valid "params:\n  backupCmd: pg_dump\n  args: testdb\n";
    PAUSED = "KS603" "backups-paused" Info Advice
        what "spec.paused or a session's scheduler.suspend is true."
        why "No backup runs until it is set back to false."
        invalid "spec:\n  paused: true\n"
        valid "spec:\n  paused: false\n";
    MISSING_NAMESPACE = "KS604" "missing-namespace" Info Advice
        what "metadata.namespace is not set."
        why "kubectl puts the object in the current context's namespace, which may not be the database's."
        invalid "metadata:\n  name: pg-backup\n"
        valid "metadata:\n  name: pg-backup\n  namespace: demo\n";

    STORAGE_INCOMPLETE = "KS605" "storage-incomplete" Warning Advice
        what "A BackupStorage whose `spec.storage` cannot reach a storage: no or an unsupported `provider`, no block for it, a block without what the provider needs (s3 and gcs a `bucket`, azure a `storageAccount` and a `container`, local a `mountPath` and a volume), or a block of another provider."
        why "The webhook checks none of this (kubestash `webhooks/storage/v1alpha1/backupstorage.go`) and the CRD has no enum for `provider`: the object is created, never becomes Ready, and no backup runs. The providers are those of kubestash/apimachinery `apis/storage/v1alpha1/types.go` (swift, b2 and rest are commented out there); the operator reads only the provider's own block."
        invalid "storage:\n  provider: gcs\n  gcs:\n    secretName: gcs-secret\n"
        valid "storage:\n  provider: gcs\n  gcs:\n    bucket: kubestash-qa\n    secretName: gcs-secret\n";

    MISSING_STORAGE_IN_BUNDLE = "KS701" "backup-storage-not-in-bundle" Info Bundle
        what "A backend's storageRef names a BackupStorage that this multi-document file does not contain."
        why "Fine if it exists in the cluster; a typo otherwise."
        invalid "storageRef: {name: gcs-storag, namespace: demo}\n"
        valid "storageRef: {name: gcs-storage, namespace: demo}\n";
    MISSING_RETENTION_IN_BUNDLE = "KS702" "retention-policy-not-in-bundle" Info Bundle
        what "A backend's retentionPolicy names a RetentionPolicy that this multi-document file does not contain."
        why "Fine if it exists in the cluster; a typo otherwise."
        invalid "retentionPolicy: {name: keep-3o}\n"
        valid "retentionPolicy: {name: keep-30}\n";
    MISSING_SECRET_IN_BUNDLE = "KS703" "secret-not-in-bundle" Info Bundle
        what "An encryptionSecret names a Secret that this multi-document file does not contain."
        why "Fine if it exists in the cluster; a typo otherwise."
        invalid "encryptionSecret: {name: encrypt-secrt}\n"
        valid "encryptionSecret: {name: encrypt-secret}\n";
    MISSING_REPOSITORY_IN_BUNDLE = "KS704" "repository-not-in-bundle" Info Bundle
        what "A RestoreSession's dataSource.repository is not a repository of any BackupConfiguration in this file."
        why "Fine if the Repository exists in the cluster; a typo otherwise."
        invalid "dataSource:\n  repository: gcs-postgres-rep\n"
        valid "dataSource:\n  repository: gcs-postgres-repo\n";
    MISSING_HOOK_TEMPLATE_IN_BUNDLE = "KS705" "hook-template-not-in-bundle" Info Bundle
        what "A hook's hookTemplate names a HookTemplate that this multi-document file does not contain."
        why "Checked only when the file holds HookTemplates. Fine if it exists in the cluster; a typo otherwise: admission does not look the HookTemplate up when it is missing (kubestash/apimachinery `webhooks/core/v1alpha1/backupconfiguration.go`, the usage-policy check skips templates it cannot find), so the hook fails when the backup or restore runs."
        invalid "hooks:\n  preBackup:\n    - name: freeze\n      hookTemplate: {name: readonly-hok, namespace: demo}\n---\nkind: HookTemplate\nmetadata: {name: readonly-hook, namespace: demo}\n"
        valid "hooks:\n  preBackup:\n    - name: freeze\n      hookTemplate: {name: readonly-hook, namespace: demo}\n---\nkind: HookTemplate\nmetadata: {name: readonly-hook, namespace: demo}\n";
    MISSING_VERIFIER_IN_BUNDLE = "KS706" "backup-verifier-not-in-bundle" Info Bundle
        what "A repository's backupVerifier (`spec.sessions[].repositories[].backupVerifier`) names a BackupVerifier that this multi-document file does not contain."
        why "Checked only when the file holds BackupVerifiers. Fine if it exists in the cluster; a typo otherwise: admission does not look the verifier up (kubestash/apimachinery `webhooks/core/v1alpha1/backupconfiguration.go`, `validateRepositories` reads only a repository's backend and directory), so the mistake shows only when the operator looks for the verifier. The field is the CRD's (`RepositoryInfo.BackupVerifier`, a name and namespace); older designs' `verificationStrategies` is not in it."
        invalid "repositories:\n  - name: gcs-mysql-repo\n    backupVerifier: {name: mysql-script-verifer, namespace: demo}\n---\nkind: BackupVerifier\nmetadata: {name: mysql-script-verifier, namespace: demo}\n"
        valid "repositories:\n  - name: gcs-mysql-repo\n    backupVerifier: {name: mysql-script-verifier, namespace: demo}\n---\nkind: BackupVerifier\nmetadata: {name: mysql-script-verifier, namespace: demo}\n";
    ENCRYPTION_SECRET_KEY_MISSING = "KS707" "encryption-secret-key-missing" Warning Bundle
        what "An encryption Secret (a repository's, a RestoreSession's `dataSource` or a BackupBlueprint template's `encryptionSecret`) that is in this file but has no `RESTIC_PASSWORD` in `data` or `stringData`, or has it empty or as the page's share-link placeholder (`<not shared: type the secret again>`)."
        why "The cluster accepts both objects (admission does not read Secrets), but every Restic backup or restore fails when it runs: the restic wrapper requires the key, `<secret> storage Secret missing RESTIC_PASSWORD key` (kubestash/apimachinery `vendor/gomodules.xyz/restic/setup.go`, `setEnvFromSecretIfExists`); KubeStash's docs create the Secret with `--from-file=./RESTIC_PASSWORD`."
        invalid "encryptionSecret: {name: encrypt-secret, namespace: demo}\n---\nkind: Secret\nmetadata: {name: encrypt-secret, namespace: demo}\nstringData:\n  PASSWORD: s3cr3t\n"
        valid "encryptionSecret: {name: encrypt-secret, namespace: demo}\n---\nkind: Secret\nmetadata: {name: encrypt-secret, namespace: demo}\nstringData:\n  RESTIC_PASSWORD: s3cr3t\n";
    STORAGE_SECRET_KEY_MISSING = "KS708" "storage-secret-key-missing" Warning Bundle
        what "A BackupStorage's credentials Secret (`spec.storage.<provider>.secretName`, in the BackupStorage's namespace) that is in this file but lacks a key its provider needs: s3 `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, gcs `GOOGLE_PROJECT_ID` and `GOOGLE_SERVICE_ACCOUNT_JSON_KEY`, azure `AZURE_ACCOUNT_KEY` (a key written empty, or as the page's share-link placeholder, has no value)."
        why "The cluster accepts both objects, but the storage cannot be reached and every backup to it fails when it runs. The keys are those of KubeStash's backend guides (kubestash/docs `docs/guides/backends/s3`, `gcs`, `azure`), which the restic wrapper reads into the provider's environment."
        invalid "storage:\n  provider: s3\n  s3: {bucket: b, endpoint: s3.amazonaws.com, secretName: s3-secret}\n---\nkind: Secret\nmetadata: {name: s3-secret}\nstringData:\n  AWS_ACCESS_KEY_ID: id\n"
        valid "storage:\n  provider: s3\n  s3: {bucket: b, endpoint: s3.amazonaws.com, secretName: s3-secret}\n---\nkind: Secret\nmetadata: {name: s3-secret}\nstringData:\n  AWS_ACCESS_KEY_ID: id\n  AWS_SECRET_ACCESS_KEY: key\n";
}

/// Look a rule up by code (`KS401`) or name (`invalid-schedule`).
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code == code_or_name || rule.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        assert_eq!(RULES.len(), DOCS.len());
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in RULES {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            assert!(rule.code.starts_with("KS") && rule.code.len() == 5);
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            );
            let docs = rule.docs();
            assert!(
                docs.what.ends_with('.') && docs.why.ends_with('.'),
                "{}",
                rule.name
            );
            assert!(
                !docs.invalid.is_empty() && !docs.valid.is_empty(),
                "{}",
                rule.name
            );
        }
    }
}
