//! The core `v1 Secret`: what the API server checks of one (kubernetes
//! `pkg/apis/core/validation/validation.go`, `ValidateSecret`) once `stringData` is merged
//! into `data` and `data`'s values are decoded from base64. The structure (unknown fields,
//! types) is the walker's, on `schema::secret`; the name and namespace are the admission
//! layer's, as for every kind.

use crate::diagnostic::{Anchor, Diagnostic, Path};
use crate::registry;
use crate::source::node::{Node, Value};
use crate::values::{base64, names};

/// `core.MaxSecretSize`: the bytes of all values together.
const MAX_SECRET_SIZE: usize = 1024 * 1024;

/// `ValidateSecret` beyond the metadata: each key a config-map key, each `data` value base64,
/// the total size, and the keys a typed Secret (`kubernetes.io/tls`, ...) must have.
pub fn check(root: &Node, out: &mut Vec<Diagnostic>) {
    // The merged `data`: (key, decoded length); `stringData` wins over `data`, as in the
    // conversion to the internal type.
    let mut merged: Vec<(&str, usize)> = Vec::new();
    for field in ["stringData", "data"] {
        let Some(Value::Map(entries)) = root.get(field).map(|n| &n.value) else {
            continue;
        };
        for (key, value) in entries {
            let problems = names::config_map_key(&key.name);
            if !problems.is_empty() {
                out.push(
                    Diagnostic::new(
                        &registry::INVALID_SECRET_KEY,
                        Path::root().key(field).key(&key.name),
                        format!("`{}` is not a valid key of a Secret", key.name),
                    )
                    .anchor(Anchor::Key)
                    .upstream(problems.join("; "))
                    .help("use letters, digits, '-', '_' and '.' only (as in RESTIC_PASSWORD or tls.crt)"),
                );
            }
            let length = match (&value.value, field) {
                (Value::Str(text), "data") => match base64::decoded_len(text) {
                    Ok(length) => length,
                    Err(at) => {
                        out.push(
                            Diagnostic::new(
                                &registry::INVALID_BASE64,
                                Path::root().key(field).key(&key.name),
                                format!("the value of `{}` is not base64", key.name),
                            )
                            .anchor(Anchor::Value)
                            .upstream(format!("illegal base64 data at input byte {at}"))
                            .help(format!(
                                "encode it (`echo -n '…' | base64`), or write it as plain text under `stringData.{}`",
                                key.name
                            )),
                        );
                        0
                    }
                },
                (Value::Str(text), _) => text.len(),
                _ => 0,
            };
            if !merged.iter().any(|(k, _)| *k == key.name) {
                merged.push((&key.name, length));
            }
        }
    }
    let total: usize = merged.iter().map(|(_, length)| length).sum();
    if total > MAX_SECRET_SIZE {
        out.push(
            Diagnostic::new(
                &registry::SECRET_TOO_LARGE,
                Path::root().key(if root.get("data").is_some() { "data" } else { "stringData" }),
                format!("the values hold {total} bytes, more than a Secret's 1 MiB ({MAX_SECRET_SIZE} bytes)"),
            )
            .anchor(Anchor::Key)
            .upstream(format!("data: Too long: may not be more than {MAX_SECRET_SIZE} bytes"))
            .help("split the values over several Secrets, or keep large files out of Secrets"),
        );
    }
    typed(root, &merged, out);
}

/// The keys the API server requires of a Secret of a built-in `type`, reported at the `type`
/// that asks for them (the upstream path is `data[<key>]`). The JSON content of a docker
/// config is not parsed here.
fn typed(root: &Node, merged: &[(&str, usize)], out: &mut Vec<Diagnostic>) {
    let has = |key: &str| merged.iter().any(|(k, _)| *k == key);
    let kind = root.str_at("type").unwrap_or_default();
    // (upstream path, what is missing), at most two.
    let mut missing: [Option<(&str, &str)>; 2] = [None, None];
    match kind {
        "kubernetes.io/service-account-token" => {
            let named = root
                .get("metadata")
                .and_then(|m| m.get("annotations"))
                .and_then(|a| a.str_at("kubernetes.io/service-account.name"))
                .is_some_and(|name| !name.is_empty());
            if !named {
                missing[0] = Some((
                    "metadata.annotations[kubernetes.io/service-account.name]",
                    "the annotation `kubernetes.io/service-account.name`",
                ));
            }
        }
        "kubernetes.io/dockercfg" if !has(".dockercfg") => {
            missing[0] = Some(("data[.dockercfg]", "the key `.dockercfg`"));
        }
        "kubernetes.io/dockerconfigjson" if !has(".dockerconfigjson") => {
            missing[0] = Some(("data[.dockerconfigjson]", "the key `.dockerconfigjson`"));
        }
        "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
            missing[0] = Some(("data[username]", "the key `username` or `password`"));
        }
        "kubernetes.io/ssh-auth"
            if !merged
                .iter()
                .any(|(k, length)| *k == "ssh-privatekey" && *length > 0) =>
        {
            missing[0] = Some(("data[ssh-privatekey]", "a non-empty `ssh-privatekey`"));
        }
        "kubernetes.io/tls" => {
            if !has("tls.crt") {
                missing[0] = Some(("data[tls.crt]", "the key `tls.crt`"));
            }
            if !has("tls.key") {
                missing[1] = Some(("data[tls.key]", "the key `tls.key`"));
            }
        }
        _ => {}
    }
    for (upstream, what) in missing.into_iter().flatten() {
        out.push(
            Diagnostic::new(
                &registry::MISSING_REQUIRED,
                Path::root().key("type"),
                format!("a `{kind}` Secret needs {what}"),
            )
            .anchor(Anchor::Value)
            .upstream(format!("{upstream}: Required value")),
        );
    }
}
