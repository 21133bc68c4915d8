//! Layers 3 and 4: what Go decoding rejects (names, durations) and the KubeStash validating
//! webhooks' rules that need no cluster (`KUBESTASH.md` §2). The webhook stops at the first
//! error; we report them all, each with the upstream message as a note.

use std::collections::HashMap;

use crate::diagnostic::{Anchor, Correct, Diagnostic, Fix, Path, Related, Segment};
use crate::registry::{self, Rule};
use crate::source::node::{Node, Value};
use crate::values::{duration, names, retention};

pub fn check(kind: &str, root: &Node, out: &mut Vec<Diagnostic>) {
    metadata(root, out);
    let spec = root.get("spec");
    let spec_path = Path::root().key("spec");
    match kind {
        "BackupConfiguration" => backup_configuration(spec, &spec_path, out),
        "RestoreSession" => restore_session(spec, &spec_path, out),
        "BackupStorage" => {
            usage_policy(
                spec.and_then(|s| s.get("usagePolicy")),
                &spec_path.key("usagePolicy"),
                out,
            );
        }
        "RetentionPolicy" => retention_policy(spec, &spec_path, out),
        "BackupBlueprint" => backup_blueprint(spec, &spec_path, out),
        "HookTemplate" => hook_template(spec, &spec_path, out),
        _ => {}
    }
}

/// The BackupBlueprint webhook (kubestash/apimachinery `webhooks/core/v1alpha1/backupblueprint.go`):
/// the usage policy's selector, then a template must be there. The template itself is judged
/// by the BackupConfiguration webhook once auto-backup makes a BackupConfiguration of it, so
/// its rules run on the template here (values with `${...}` variables are left to
/// `validate::variables`).
fn backup_blueprint(spec: Option<&Node>, spec_path: &Path, out: &mut Vec<Diagnostic>) {
    usage_policy(
        spec.and_then(|s| s.get("usagePolicy")),
        &spec_path.key("usagePolicy"),
        out,
    );
    let template_path = spec_path.key("backupConfigurationTemplate");
    match spec
        .and_then(|s| s.get("backupConfigurationTemplate"))
        .filter(|t| !t.is_null())
    {
        None => {
            let mut d = Diagnostic::new(
                &registry::MISSING_BLUEPRINT_TEMPLATE,
                template_path,
                "a BackupBlueprint needs `spec.backupConfigurationTemplate`",
            )
            .anchor(Anchor::Missing)
            .upstream("backupConfigurationTemplate can not be empty");
            d.help = Some("add backupConfigurationTemplate with backends and sessions, as in a BackupConfiguration's spec".to_owned());
            out.push(d);
        }
        Some(template) => backup_configuration(Some(template), &template_path, out),
    }
}

/// The HookTemplate webhook (kubestash/apimachinery `webhooks/core/v1alpha1/hooktemplate.go`,
/// `ValidateCreate`/`ValidateUpdate`): an executor is required, an action unless the executor
/// is a Function, the usage policy's selector, and what the executor's type needs
/// (`validateExecutorInfo`).
fn hook_template(spec: Option<&Node>, spec_path: &Path, out: &mut Vec<Diagnostic>) {
    let executor = spec
        .and_then(|s| s.get("executor"))
        .filter(|e| !e.is_null());
    let Some(executor) = executor else {
        let mut d = Diagnostic::new(
            &registry::MISSING_HOOK_EXECUTOR,
            spec_path.key("executor"),
            "a HookTemplate needs `spec.executor`",
        )
        .anchor(Anchor::Missing)
        .upstream("executor can not be empty");
        d.help = Some(
            "add executor: {type: Pod, pod: {selector: <labels>}} (or type Function / Operator)"
                .to_owned(),
        );
        out.push(d);
        return;
    };
    let executor_path = spec_path.key("executor");
    let kind = executor.str_at("type").unwrap_or_default();
    if kind != "Function" && spec.and_then(|s| s.get("action")).is_none_or(Node::is_null) {
        let d = push(
            out,
            &registry::MISSING_HOOK_ACTION,
            spec_path.key("action"),
            format!(
                "a HookTemplate whose executor is {} needs `spec.action`",
                shown(kind)
            ),
            "action can not be empty for pod or operator type executor".to_owned(),
        );
        d.anchor = Anchor::Missing;
        d.help = Some(
            "add action: {exec: {command: [...]}} (or httpGet / httpPost), or use a Function executor"
                .to_owned(),
        );
    }
    usage_policy(
        spec.and_then(|s| s.get("usagePolicy")),
        &spec_path.key("usagePolicy"),
        out,
    );
    let mut incomplete = |path: Path, message: &str, upstream: &str, anchor: Anchor| {
        push(
            out,
            &registry::INCOMPLETE_HOOK_EXECUTOR,
            path,
            message.to_owned(),
            upstream.to_owned(),
        )
        .anchor = anchor;
    };
    match kind {
        "Function" if executor.get("function").is_none_or(Node::is_null) => incomplete(
            executor_path.key("function"),
            "a Function executor needs `function`",
            "function field can not be empty for function type executor",
            Anchor::Missing,
        ),
        "Pod" => match executor.get("pod").filter(|p| !p.is_null()) {
            None => incomplete(
                executor_path.key("pod"),
                "a Pod executor needs `pod` with a selector",
                "pod field can not be empty for pod type executor",
                Anchor::Missing,
            ),
            Some(pod) => match pod
                .get("selector")
                .filter(|s| !s.is_null())
                .map(Node::as_str)
            {
                None | Some(Some("")) => incomplete(
                    executor_path.key("pod").key("selector"),
                    "a Pod executor needs `pod.selector`",
                    "selector field can not be empty for pod type executor",
                    Anchor::Missing,
                ),
                // Each comma-separated part must hold a `=` (`strings.Split(sel, "=")`).
                Some(Some(selector)) if selector.split(',').any(|part| !part.contains('=')) => {
                    incomplete(
                        executor_path.key("pod").key("selector"),
                        &format!("pod selector `{selector}` is not a list of `key=value` labels"),
                        "invalid selector is provided for pod type executor",
                        Anchor::Value,
                    );
                }
                _ => {}
            },
        },
        _ => {}
    }
}

/// Report a webhook rule with the webhook's own message; returns it for further settings.
fn push<'o>(
    out: &'o mut Vec<Diagnostic>,
    rule: &'static Rule,
    path: Path,
    message: String,
    upstream: String,
) -> &'o mut Diagnostic {
    out.push(Diagnostic::new(rule, path, message).upstream(upstream));
    let last = out.len() - 1;
    &mut out[last]
}

/// A name in a message: `name`, or `""` when it is empty (the webhook's own messages show
/// an empty name so, and a pair of empty backquotes reads as nothing).
pub(crate) fn shown(name: &str) -> String {
    if name.is_empty() {
        "`\"\"`".to_owned()
    } else {
        format!("`{name}`")
    }
}

/// The first of two equal names.
fn first_here(path: Path) -> Related {
    Related {
        path,
        span: None,
        message: "first used here".to_owned(),
    }
}

/// Go's `%q` of a string.
fn q(text: &str) -> String {
    duration::go_quote(text)
}

fn metadata(root: &Node, out: &mut Vec<Diagnostic>) {
    let path = Path::root().key("metadata");
    let metadata = root.get("metadata");
    match metadata.and_then(|m| m.get("name")).map(|n| &n.value) {
        Some(Value::Str(name)) if !name.is_empty() => {
            if !names::dns1123_subdomain(name).is_empty() {
                out.push(invalid_name(
                    &registry::INVALID_NAME,
                    path.key("name"),
                    "name",
                    name,
                    names::dns1123_subdomain(name),
                ));
            }
        }
        Some(Value::Str(_) | Value::Null) | None => {
            let has_generate_name = metadata
                .and_then(|m| m.str_at("generateName"))
                .is_some_and(|g| !g.is_empty());
            if !has_generate_name {
                out.push(
                    Diagnostic::new(
                        &registry::MISSING_REQUIRED,
                        path.key("name"),
                        "`metadata.name` is required",
                    )
                    .upstream("Required value: name or generateName is required"),
                );
            }
        }
        Some(_) => {}
    }
    if let Some(namespace) = metadata.and_then(|m| m.str_at("namespace")) {
        let problems = names::dns1123_label(namespace);
        if !problems.is_empty() {
            out.push(invalid_name(
                &registry::INVALID_NAMESPACE,
                path.key("namespace"),
                "namespace",
                namespace,
                problems,
            ));
        }
    }
}

/// A name Kubernetes rejects: a short message, the Kubernetes text as upstream.
fn invalid_name(
    rule: &'static Rule,
    path: Path,
    what: &str,
    name: &str,
    problems: Vec<String>,
) -> Diagnostic {
    // Uppercase letters alone: the lowercased name is the one valid spelling of it.
    let lower = name.to_ascii_lowercase();
    let fix = (lower != name && names::dns1123_subdomain(&lower).is_empty())
        .then(|| Fix::replace(path.clone(), name, &lower));
    let mut d = Diagnostic::new(rule, path, format!("`{name}` is not a valid {what}"))
        .upstream(problems.join("; "));
    d.help = suggest_name(name).or_else(|| {
        Some(
            "use lowercase letters, digits and '-', starting and ending with a letter or digit"
                .to_owned(),
        )
    });
    d.fix = fix;
    d
}

/// Names KubeStash turns into Kubernetes object names (CronJobs, Repositories) must be valid.
fn object_name(node: &Node, path: &dyn Fn() -> Path, what: &str, out: &mut Vec<Diagnostic>) {
    if let Some(name) = node.str_at("name").filter(|n| !n.is_empty()) {
        let problems = names::dns1123_subdomain(name);
        if !problems.is_empty() {
            out.push(invalid_name(
                &registry::INVALID_NAME,
                path().key("name"),
                what,
                name,
                problems,
            ));
        }
    }
}

/// A lowercased, hyphenated version of a bad name, when that one is valid.
fn suggest_name(name: &str) -> Option<String> {
    let fixed: String = name
        .trim()
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '_' | ' ' => '-',
            other => other,
        })
        .collect();
    let fixed = fixed
        .trim_matches(|c: char| c == '-' || c == '.')
        .to_owned();
    (fixed != name && !fixed.is_empty() && names::dns1123_subdomain(&fixed).is_empty())
        .then(|| format!("did you mean `{fixed}`?"))
}

/// `path` is built only when there is something to report (rules run on every keystroke).
fn duration_field(node: Option<&Node>, path: impl FnOnce() -> Path, out: &mut Vec<Diagnostic>) {
    let Some(Value::Str(text)) = node.map(|n| &n.value) else {
        return;
    };
    if let Err(error) = duration::parse_go_duration(text) {
        let mut d = Diagnostic::new(
            &registry::INVALID_DURATION,
            path(),
            format!("invalid duration `{text}`"),
        )
        .upstream(error);
        // Days are exactly 24 hours to Go: `2d` is `48h`, and nothing else.
        let hours = text
            .trim()
            .strip_suffix('d')
            .and_then(|n| n.parse::<u64>().ok())
            .and_then(|days| days.checked_mul(24))
            .map(|hours| format!("{hours}h"));
        d.help = Some(match hours {
            Some(hours) => {
                if duration::parse_go_duration(&hours).is_ok() {
                    d.fix = Some(Fix::replace(d.path.clone(), text, &hours));
                }
                format!("Go durations have no days: use `{hours}`")
            }
            None => {
                "use a Go duration such as 30s, 5m, 1h30m (units ns, us, ms, s, m, h)".to_owned()
            }
        });
        out.push(d);
    }
}

fn hooks_timeouts(
    hooks: Option<&Node>,
    path: &dyn Fn() -> Path,
    lists: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let Some(hooks) = hooks else { return };
    for list in lists {
        for (i, hook) in hooks.items_at(list).iter().enumerate() {
            duration_field(
                hook.get("timeout"),
                || path().key(list).index(i).key("timeout"),
                out,
            );
        }
    }
}

/// The BackupConfiguration webhook's checks, in its order: backends, then each session's
/// name, repositories' names, scheduler and addon, repositories' targets, and durations.
fn backup_configuration(spec: Option<&Node>, spec_path: &Path, out: &mut Vec<Diagnostic>) {
    let Some(spec) = spec else {
        // Without spec the webhook fails its first rule.
        push(
            out,
            &registry::NO_SESSIONS,
            spec_path.key("sessions"),
            "a BackupConfiguration needs `spec.sessions`".to_owned(),
            "sessions can not be empty".to_owned(),
        )
        .anchor = Anchor::Missing;
        return;
    };
    let backend_names = backends(spec, spec_path, out);
    // Sessions (S1-S4, A1-A4, R1-R4).
    let sessions_path = spec_path.key("sessions");
    let sessions = spec.items_at("sessions");
    if sessions.is_empty() {
        push(
            out,
            &registry::NO_SESSIONS,
            sessions_path.clone(),
            "at least one session is required".to_owned(),
            "sessions can not be empty".to_owned(),
        );
    }
    let mut session_names: Vec<&str> = Vec::new();
    // directory -> (backend -> repository name): the webhook's map, quirk included.
    let mut directories: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
    for (s, session) in sessions.iter().enumerate() {
        let path = || sessions_path.index(s);
        let name = session_name(session, &path, &mut session_names, out);
        let repositories = session.items_at("repositories");
        repository_names(repositories, &path, name, out);
        scheduler_and_addon(session, &path, name, out);
        repository_targets(
            repositories,
            &path,
            name,
            &backend_names,
            &mut directories,
            out,
        );
        session_durations(session, &path, out);
    }
}

/// B1-B4: backend names are unique, and each backend has a storageRef and a retentionPolicy.
/// Returns the declared names, which repositories must use.
fn backends<'n>(spec: &'n Node, spec_path: &Path, out: &mut Vec<Diagnostic>) -> Vec<&'n str> {
    let backends = spec.items_at("backends");
    if backends.is_empty() {
        let mut d = Diagnostic::new(
            &registry::NO_BACKENDS,
            spec_path.key("backends"),
            "no backends: the namespace's default BackupStorage is used, if there is one",
        )
        .upstream("backend can not be empty")
        .anchor(Anchor::Missing);
        d.help = Some("declare a backend with storageRef and retentionPolicy".to_owned());
        out.push(d);
    }
    let mut backend_names: Vec<&str> = Vec::new();
    for (i, backend) in backends.iter().enumerate() {
        // Paths are built only for diagnostics: a clean document allocates none.
        let path = || spec_path.key("backends").index(i);
        let name = backend.str_at("name").unwrap_or_default();
        if let Some(first) = backend_names.iter().position(|n| *n == name) {
            push(
                out,
                &registry::DUPLICATE_BACKEND,
                path().key("name"),
                format!("backend name {} is used twice", shown(name)),
                format!(
                    "duplicate backend name found: {}. Please choose a different backend name",
                    q(name)
                ),
            )
            .related
            .push(first_here(
                spec_path.key("backends").index(first).key("name"),
            ));
        }
        backend_names.push(name);
        if backend.get("retentionPolicy").is_none_or(Node::is_null) {
            let mut d = Diagnostic::new(
                &registry::MISSING_RETENTION_POLICY,
                path().key("retentionPolicy"),
                format!("backend {} has no retentionPolicy: accepted only if the namespace has a default one", shown(name)),
            )
            .anchor(Anchor::Missing)
            .upstream(format!("no RetentionPolicy is found for backend: {}. Please add a RetentionPolicy", q(name)));
            d.help = Some("add retentionPolicy: {name: <policy>, namespace: <ns>}".to_owned());
            out.push(d);
        }
        if backend.get("storageRef").is_none_or(Node::is_null) {
            let mut d = Diagnostic::new(
                &registry::MISSING_STORAGE_REF,
                path().key("storageRef"),
                format!("backend {} has no storageRef", shown(name)),
            )
            .anchor(Anchor::Missing)
            .upstream(format!(
                "no storage reference is found for backend: {}. Please provide a storage reference",
                q(name)
            ));
            d.help = Some("add storageRef: {name: <BackupStorage>, namespace: <ns>}".to_owned());
            out.push(d);
        }
    }
    backend_names
}

/// A session has a name, unique in the BackupConfiguration and valid as an object name.
fn session_name<'n>(
    session: &'n Node,
    path: &dyn Fn() -> Path,
    seen: &mut Vec<&'n str>,
    out: &mut Vec<Diagnostic>,
) -> &'n str {
    let name = session.str_at("name").unwrap_or_default();
    if name.is_empty() {
        push(
            out,
            &registry::EMPTY_SESSION_NAME,
            path().key("name"),
            "session has no name".to_owned(),
            "session name can not be empty".to_owned(),
        );
    } else if let Some(first) = seen.iter().position(|n| *n == name) {
        let mut first_path = path();
        if let Some(Segment::Index(i)) = first_path.0.last_mut() {
            *i = first;
        }
        push(
            out,
            &registry::DUPLICATE_SESSION,
            path().key("name"),
            format!("session name {} is used twice", shown(name)),
            format!(
                "duplicate session name found: {}. Please choose a different session name",
                q(name)
            ),
        )
        .related
        .push(first_here(first_path.key("name")));
    }
    seen.push(name);
    object_name(session, path, "session name", out);
    name
}

/// Repository names are unique within their session and valid as object names.
fn repository_names(
    repositories: &[Node],
    path: &dyn Fn() -> Path,
    name: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut repo_names: Vec<&str> = Vec::new();
    for (r, repo) in repositories.iter().enumerate() {
        let repo_name = repo.str_at("name").unwrap_or_default();
        if let Some(first) = repo_names.iter().position(|n| *n == repo_name) {
            push(
                out,
                &registry::DUPLICATE_REPOSITORY,
                path().key("repositories").index(r).key("name"),
                format!(
                    "repository name {} is used twice in session {}",
                    shown(repo_name),
                    shown(name)
                ),
                format!(
                    "duplicate repository name found: {}. Please choose a different repository name",
                    q(repo_name)
                ),
            )
            .related
            .push(first_here(path().key("repositories").index(first).key("name")));
        }
        repo_names.push(repo_name);
        object_name(
            repo,
            &|| path().key("repositories").index(r),
            "repository name",
            out,
        );
    }
}

/// A session has a scheduler and an addon, and its addon is complete (A1-A4).
fn scheduler_and_addon(
    session: &Node,
    path: &dyn Fn() -> Path,
    name: &str,
    out: &mut Vec<Diagnostic>,
) {
    if session.get("scheduler").is_none_or(Node::is_null) {
        push(
            out,
            &registry::MISSING_SCHEDULER,
            path().key("scheduler"),
            format!("session {} has no scheduler", shown(name)),
            format!(
                "scheduler is empty for session: {}. Please provide scheduler",
                q(name)
            ),
        )
        .anchor = Anchor::Missing;
    }
    match session.get("addon").filter(|a| !a.is_null()) {
        None => {
            push(
                out,
                &registry::MISSING_ADDON,
                path().key("addon"),
                format!("session {} has no addon", shown(name)),
                format!(
                    "addon info is empty for session: {}. Please provide addon info",
                    q(name)
                ),
            )
            .anchor = Anchor::Missing;
        }
        Some(addon) => addon_info(addon, &|| path().key("addon"), name, out),
    }
}

/// A session has repositories, each on a declared backend, with a directory that no
/// other repository uses (the webhook's map, quirk included).
fn repository_targets<'n>(
    repositories: &'n [Node],
    path: &dyn Fn() -> Path,
    name: &str,
    backend_names: &[&str],
    directories: &mut HashMap<&'n str, HashMap<&'n str, &'n str>>,
    out: &mut Vec<Diagnostic>,
) {
    if repositories.is_empty() {
        push(
            out,
            &registry::NO_REPOSITORIES,
            path().key("repositories"),
            format!("session {} has no repositories", shown(name)),
            format!(
                "no repository found for session: {}. Please provide atleast one repository",
                q(name)
            ),
        );
    }
    for (r, repo) in repositories.iter().enumerate() {
        let repo_path = || path().key("repositories").index(r);
        let repo_name = repo.str_at("name").unwrap_or_default();
        let backend = repo.str_at("backend").unwrap_or_default();
        if !backend.is_empty() && !backend_names.contains(&backend) {
            let mut d = Diagnostic::new(
                &registry::UNKNOWN_BACKEND,
                repo_path().key("backend"),
                format!("backend `{backend}` is not declared in spec.backends"),
            )
            .upstream(format!(
                "backend {} for repository {} doesn't match with any of the given backends",
                q(backend),
                q(repo_name)
            ));
            if !d.did_you_mean(backend, backend_names.iter().copied(), Correct::Value)
                && !backend_names.is_empty()
            {
                d.help = Some(format!("declared backends: {}", backend_names.join(", ")));
            }
            out.push(d);
        }
        let directory = repo.str_at("directory").unwrap_or_default();
        if directory.is_empty() {
            push(
                out,
                &registry::EMPTY_DIRECTORY,
                repo_path().key("directory"),
                format!("repository {} has no directory", shown(repo_name)),
                format!(
                    "directory is not provided for repository: {}. Please provide a directory",
                    q(repo_name)
                ),
            );
            continue;
        }
        if let Some(by_backend) = directories.get(directory) {
            let owner = by_backend.get(backend).copied().unwrap_or_default();
            if owner != repo_name {
                let message = if owner.is_empty() {
                    format!(
                        "directory `{directory}` is already used by a repository on another backend"
                    )
                } else {
                    format!(
                        "directory `{directory}` is already used by repository {}",
                        shown(owner)
                    )
                };
                push(
                    out,
                    &registry::DUPLICATE_DIRECTORY,
                    repo_path().key("directory"),
                    message,
                    format!(
                        "repository {} already using the directory {}. Please, choose a different directory for repository {}",
                        q(owner),
                        q(directory),
                        q(repo_name)
                    ),
                );
            }
        }
        directories.insert(directory, HashMap::from([(backend, repo_name)]));
    }
}

/// Go durations (`backupTimeout`, `retryConfig.delay`, hook timeouts) must decode.
fn session_durations(session: &Node, path: &dyn Fn() -> Path, out: &mut Vec<Diagnostic>) {
    duration_field(
        session.get("backupTimeout"),
        || path().key("backupTimeout"),
        out,
    );
    duration_field(
        session.get("retryConfig").and_then(|r| r.get("delay")),
        || path().key("retryConfig").key("delay"),
        out,
    );
    hooks_timeouts(
        session.get("hooks"),
        &|| path().key("hooks"),
        &["preBackup", "postBackup"],
        out,
    );
}

/// A1-A4 for a session's addon (the RestoreSession webhook does not check its addon).
fn addon_info(addon: &Node, path: &dyn Fn() -> Path, session: &str, out: &mut Vec<Diagnostic>) {
    if addon.str_at("name").unwrap_or_default().is_empty() {
        push(
            out,
            &registry::EMPTY_ADDON_NAME,
            path().key("name"),
            format!("the addon of session {} has no name", shown(session)),
            format!(
                "addon name is empty for session: {}. Please provide a valid addon name",
                q(session)
            ),
        );
    }
    let tasks = addon.items_at("tasks");
    if tasks.is_empty() {
        push(
            out,
            &registry::NO_ADDON_TASKS,
            path().key("tasks"),
            format!("the addon of session {} has no tasks", shown(session)),
            format!(
                "addon tasks are not provided for session: {}. Please provide valid tasks",
                q(session)
            ),
        );
    }
    for (t, task) in tasks.iter().enumerate() {
        if task.str_at("name").unwrap_or_default().is_empty() {
            push(
                out,
                &registry::EMPTY_TASK_NAME,
                path().key("tasks").index(t).key("name"),
                "task has no name".to_owned(),
                format!(
                    "addon task name is empty for session: {}. Please provide valid task name",
                    q(session)
                ),
            );
        }
    }
}

fn restore_session(spec: Option<&Node>, spec_path: &Path, out: &mut Vec<Diagnostic>) {
    let data_source = spec
        .and_then(|s| s.get("dataSource"))
        .filter(|d| !d.is_null());
    let ds_path = spec_path.key("dataSource");
    match data_source {
        None => {
            let mut d = Diagnostic::new(&registry::MISSING_DATA_SOURCE, ds_path, "a RestoreSession needs `spec.dataSource`")
                .anchor(Anchor::Missing)
                .upstream("panic: runtime error: invalid memory address or nil pointer dereference [recovered]");
            d.help = Some("add dataSource: {repository: <repo>, snapshot: latest}".to_owned());
            out.push(d);
        }
        Some(ds) => {
            let repository = ds.str_at("repository").unwrap_or_default();
            let snapshot = ds.str_at("snapshot").unwrap_or_default();
            if let Some(pitr) = ds.get("pitr").filter(|p| !p.is_null()) {
                if pitr.get("targetTime").is_none_or(Node::is_null) {
                    push(
                        out,
                        &registry::PITR_WITHOUT_TIME,
                        ds_path.key("pitr").key("targetTime"),
                        "pitr needs targetTime".to_owned(),
                        "targetTime can not be empty for the Point-In-Time Recovery (PITR) feature"
                            .to_owned(),
                    )
                    .anchor = Anchor::Missing;
                }
                if repository.is_empty() {
                    push(
                        out,
                        &registry::PITR_WITHOUT_REPOSITORY,
                        ds_path.key("repository"),
                        "pitr needs dataSource.repository".to_owned(),
                        "repository can not be empty for the Point-In-Time Recovery (PITR) feature"
                            .to_owned(),
                    )
                    .anchor = Anchor::Missing;
                }
            } else if snapshot.is_empty() {
                let mut d = Diagnostic::new(
                    &registry::EMPTY_SNAPSHOT,
                    ds_path.key("snapshot"),
                    "dataSource needs a snapshot (`latest` or a Snapshot name)",
                )
                .upstream("snapshot can not be empty");
                d.help = Some("snapshot: latest".to_owned());
                out.push(d);
            } else if snapshot == "latest" && repository.is_empty() {
                let mut d = Diagnostic::new(
                    &registry::LATEST_WITHOUT_REPOSITORY,
                    ds_path.key("repository"),
                    "`snapshot: latest` needs dataSource.repository",
                )
                .anchor(Anchor::Missing)
                .upstream("repository can not be empty for latest snapshot");
                d.help = Some("name the repository the latest snapshot is taken from".to_owned());
                out.push(d);
            }
        }
    }
    let Some(spec) = spec else { return };
    // The webhook does not check a RestoreSession's addon, but the operator cannot run one
    // without a name.
    if let Some(addon) = spec
        .get("addon")
        .filter(|a| matches!(a.value, Value::Map(_)))
        && addon.str_at("name").unwrap_or_default().is_empty()
    {
        out.push(
            Diagnostic::new(
                &registry::EMPTY_ADDON_NAME,
                spec_path.key("addon").key("name"),
                "the addon has no name",
            )
            .help("name the addon, e.g. postgres-addon"),
        );
    }
    duration_field(
        spec.get("restoreTimeout"),
        || spec_path.key("restoreTimeout"),
        out,
    );
    hooks_timeouts(
        spec.get("hooks"),
        &|| spec_path.key("hooks"),
        &["preRestore", "postRestore"],
        out,
    );
}

fn retention_policy(spec: Option<&Node>, spec_path: &Path, out: &mut Vec<Diagnostic>) {
    let period = spec.and_then(|s| s.get("maxRetentionPeriod"));
    let period_text = period.and_then(Node::as_str).unwrap_or_default();
    if !period_text.is_empty()
        && let Err(error) = retention::parse_retention_period(period_text)
    {
        let mut d = Diagnostic::new(
            &registry::INVALID_RETENTION_PERIOD,
            spec_path.key("maxRetentionPeriod"),
            format!("invalid retention period `{period_text}`"),
        )
        .upstream(error);
        d.help = Some("combine numbers with y, mo, w, d, h, m: e.g. 30d, 1y6mo, 2w".to_owned());
        out.push(d);
    }
    if period_text.is_empty()
        && spec
            .and_then(|s| s.get("successfulSnapshots"))
            .is_none_or(Node::is_null)
    {
        let mut d = Diagnostic::new(
            &registry::EMPTY_RETENTION_POLICY,
            spec_path.key("maxRetentionPeriod"),
            "set maxRetentionPeriod or successfulSnapshots",
        )
        .anchor(Anchor::Missing)
        .upstream("one of maxRetentionPeriod and successfulSnapshots policy must be provided");
        d.help = Some("e.g. maxRetentionPeriod: 30d".to_owned());
        out.push(d);
    }
    usage_policy(
        spec.and_then(|s| s.get("usagePolicy")),
        &spec_path.key("usagePolicy"),
        out,
    );
}

fn usage_policy(policy: Option<&Node>, path: &Path, out: &mut Vec<Diagnostic>) {
    let Some(policy) = policy.filter(|p| matches!(p.value, Value::Map(_))) else {
        return;
    };
    let allowed = policy.get("allowedNamespaces");
    // The CRD defaults `allowedNamespaces.from` to Same; only a missing `allowedNamespaces`
    // leaves it nil for the webhook.
    let from = match allowed {
        None => None,
        Some(a) => Some(a.str_at("from").unwrap_or("Same")),
    };
    match from {
        None => {
            let mut d = Diagnostic::new(&registry::USAGE_POLICY_EMPTY, path.key("allowedNamespaces"), "usagePolicy needs allowedNamespaces")
                .anchor(Anchor::Missing)
                .upstream("panic: runtime error: invalid memory address or nil pointer dereference [recovered]");
            d.help = Some("allowedNamespaces: {from: Same}".to_owned());
            out.push(d);
        }
        Some("Selector")
            if allowed
                .and_then(|a| a.get("selector"))
                .is_none_or(Node::is_null) =>
        {
            push(
                out,
                &registry::SELECTOR_MISSING,
                path.key("allowedNamespaces").key("selector"),
                "`from: Selector` needs a selector".to_owned(),
                "selector cannot be empty for usage policy of type \"Selector\"".to_owned(),
            )
            .anchor = Anchor::Missing;
        }
        Some(_) => {}
    }
}
