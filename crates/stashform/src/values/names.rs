//! Kubernetes name checks (`k8s.io/apimachinery/pkg/util/validation`) and container
//! resource names (`pkg/apis/core/helper`), with the exact upstream messages.
//!
//! The `dns1123_*` and [`qualified_name`] functions return the list of messages Go's
//! `IsDNS1123Subdomain` / `IsDNS1123Label` / `IsQualifiedName` return: empty means valid.
//! Lengths are counted in bytes, as Go's `len` does.

use super::quantity::parse_quantity;

/// `DNS1123LabelMaxLength`.
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;

/// `DNS1123SubdomainMaxLength`.
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;

/// Maximum length of the name part of a qualified name (`qualifiedNameMaxLength`).
pub const QUALIFIED_NAME_MAX_LENGTH: usize = 63;

/// `dns1123LabelFmt`.
pub const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

/// `dns1123SubdomainFmt`.
pub const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

/// `qualifiedNameFmt` (the name part of a qualified name).
pub const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

const DNS1123_LABEL_ERR_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_ERR_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_ERR_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// Go `MaxLenError`.
fn max_len_error(length: usize) -> String {
    format!("must be no more than {length} characters")
}

/// Go `RegexError`, including its odd `',  or '` spacing between examples.
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut out = format!("{msg} (e.g. ");
    for (i, example) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push('\'');
        out.push_str(example);
        out.push_str("', ");
    }
    out.push_str("regex used for validation is '");
    out.push_str(fmt);
    out.push_str("')");
    out
}

/// Whole-string match of `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
fn matches_label(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) => {
            alnum(first) && alnum(last) && b.iter().all(|c| alnum(c) || *c == b'-')
        }
        _ => false,
    }
}

/// Whole-string match of the subdomain regex: labels joined by single dots.
fn matches_subdomain(s: &str) -> bool {
    s.split('.').all(matches_label)
}

/// Whole-string match of `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
fn matches_qualified_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// Go `IsDNS1123Subdomain`: messages for an invalid subdomain (e.g. `metadata.name` of a
/// custom resource), empty when valid.
pub fn dns1123_subdomain(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !matches_subdomain(s) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_ERR_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// Go `IsDNS1123Label`: messages for an invalid label (e.g. `metadata.namespace`), empty
/// when valid. A valid subdomain that only fails for its dots gets Go's short
/// `must not contain dots`.
pub fn dns1123_label(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_LABEL_MAX_LENGTH));
    }
    if !matches_label(s) {
        if matches_subdomain(s) {
            errs.push(String::from("must not contain dots"));
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_ERR_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// `configMapKeyFmt`.
pub const CONFIG_MAP_KEY_FMT: &str = "[-._a-zA-Z0-9]+";

/// Go `IsConfigMapKey`: messages for an invalid key of a ConfigMap or of a Secret's `data`
/// (and `stringData`, merged into `data` before validation), empty when valid.
pub fn config_map_key(s: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if s.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    let allowed = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_');
    if s.is_empty() || !s.bytes().all(allowed) {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            CONFIG_MAP_KEY_FMT,
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    // `hasChDirPrefix`.
    if s == "." {
        errs.push("must not be '.'".to_owned());
    } else if s == ".." {
        errs.push("must not be '..'".to_owned());
    } else if s.starts_with("..") {
        errs.push("must not start with '..'".to_owned());
    }
    errs
}

/// True when [`dns1123_subdomain`] reports nothing.
pub fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= DNS1123_SUBDOMAIN_MAX_LENGTH && matches_subdomain(s)
}

/// True when [`dns1123_label`] reports nothing.
pub fn is_dns1123_label(s: &str) -> bool {
    s.len() <= DNS1123_LABEL_MAX_LENGTH && matches_label(s)
}

/// Go `IsQualifiedName` (label keys, resource names): an optional DNS-1123 subdomain
/// prefix and `/`, then a name of at most 63 characters matching
/// [`QUALIFIED_NAME_FMT`]. Returns Go's messages, empty when valid.
pub fn qualified_name(s: &str) -> Vec<String> {
    let examples = ["MyName", "my.name", "123-abc"];
    let mut errs = Vec::new();
    let parts: Vec<&str> = s.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push(String::from("prefix part must be non-empty"));
            } else {
                errs.extend(
                    dns1123_subdomain(prefix)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            *name
        }
        _ => {
            errs.push(format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, &examples)
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push(String::from("name part must be non-empty"));
    } else if name.len() > QUALIFIED_NAME_MAX_LENGTH {
        errs.push(format!(
            "name part {}",
            max_len_error(QUALIFIED_NAME_MAX_LENGTH)
        ));
    }
    if !matches_qualified_name_part(name) {
        errs.push(format!(
            "name part {}",
            regex_error(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, &examples)
        ));
    }
    errs
}

/// True when [`qualified_name`] reports nothing.
pub fn is_qualified_name(s: &str) -> bool {
    qualified_name(s).is_empty()
}

/// Standard container resource names: `cpu`, `memory`, `ephemeral-storage`, and
/// `hugepages-<size>` where `<size>` parses as a quantity (e.g. `hugepages-2Mi`).
///
/// Kubernetes' `IsStandardContainerResourceName` only checks the `hugepages-` prefix;
/// the size is parsed later (`HugePageSizeFromResourceName`) and a bad one fails Pod
/// validation anyway, so it is checked here.
pub fn is_standard_container_resource(name: &str) -> bool {
    match name {
        "cpu" | "memory" | "ephemeral-storage" => true,
        _ => name
            .strip_prefix("hugepages-")
            .is_some_and(|size| parse_quantity(size).is_ok()),
    }
}

/// Kubernetes `IsExtendedResourceName`: a domain-prefixed name (`example.com/gpu`) that
/// is not in the `kubernetes.io/` namespace (no `kubernetes.io/` anywhere in it), does
/// not start with `requests.`, and with `requests.` prepended is a valid qualified name.
pub fn is_extended_resource(name: &str) -> bool {
    let native = !name.contains('/') || name.contains("kubernetes.io/");
    if native || name.starts_with("requests.") {
        return false;
    }
    is_qualified_name(&format!("requests.{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    #[test]
    fn subdomain_valid() {
        for s in [
            "a",
            "0",
            "sample-postgres-backup",
            "example.com",
            "a.b.c",
            "1-2.3-4",
            "gcs-demo-repo-sample-backup-sts-demo-session-1702543201",
        ] {
            assert!(dns1123_subdomain(s).is_empty(), "{s:?}");
            assert!(is_dns1123_subdomain(s), "{s:?}");
        }
        assert!(dns1123_subdomain(&"a".repeat(253)).is_empty());
        // Go does not limit each dot-separated part of a subdomain to 63.
        assert!(dns1123_subdomain(&format!("{}.b", "a".repeat(100))).is_empty());
    }

    #[test]
    fn subdomain_invalid() {
        for s in [
            "", "A", "Sample", "-a", "a-", ".a", "a.", "a..b", "a_b", "a b", "a/b", "é", "a\n",
            "a.-b",
        ] {
            assert_eq!(dns1123_subdomain(s), [SUBDOMAIN_MSG], "{s:?}");
            assert!(!is_dns1123_subdomain(s), "{s:?}");
        }
    }

    #[test]
    fn subdomain_too_long() {
        assert_eq!(
            dns1123_subdomain(&"a".repeat(254)),
            ["must be no more than 253 characters"]
        );
        let both = dns1123_subdomain(&format!("{}-", "a".repeat(253)));
        assert_eq!(
            both,
            [
                String::from("must be no more than 253 characters"),
                String::from(SUBDOMAIN_MSG)
            ]
        );
    }

    #[test]
    fn label_valid() {
        for s in ["a", "demo", "kube-system", "123-abc", "0"] {
            assert!(dns1123_label(s).is_empty(), "{s:?}");
            assert!(is_dns1123_label(s), "{s:?}");
        }
        assert!(dns1123_label(&"a".repeat(63)).is_empty());
    }

    #[test]
    fn label_invalid() {
        for s in ["", "Demo", "-a", "a-", "a_b", "a..b", ".a", "a.", "é"] {
            assert_eq!(dns1123_label(s), [LABEL_MSG], "{s:?}");
            assert!(!is_dns1123_label(s), "{s:?}");
        }
        assert_eq!(dns1123_label("my.namespace"), ["must not contain dots"]);
        assert_eq!(
            dns1123_label(&"a".repeat(64)),
            ["must be no more than 63 characters"]
        );
        assert_eq!(
            dns1123_label(&format!("{}.b", "a".repeat(70))),
            [
                "must be no more than 63 characters",
                "must not contain dots"
            ]
        );
    }

    #[test]
    fn qualified_names() {
        for s in [
            "cpu",
            "MyName",
            "my.name",
            "123-abc",
            "example.com/MyName",
            "nvidia.com/gpu",
            "a_b",
        ] {
            assert!(qualified_name(s).is_empty(), "{s:?}");
            assert!(is_qualified_name(s), "{s:?}");
        }
        let name_regex = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
        assert_eq!(
            qualified_name(""),
            [
                String::from("name part must be non-empty"),
                format!("name part {name_regex}")
            ]
        );
        assert_eq!(qualified_name("/gpu"), ["prefix part must be non-empty"]);
        assert_eq!(
            qualified_name("Example.com/gpu"),
            [format!("prefix part {SUBDOMAIN_MSG}")]
        );
        assert_eq!(
            qualified_name("example.com/-gpu"),
            [format!("name part {name_regex}")]
        );
        assert_eq!(
            qualified_name(&"a".repeat(64)),
            ["name part must be no more than 63 characters"]
        );
        assert_eq!(
            qualified_name("a/b/c"),
            [format!(
                "a qualified name {name_regex} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            )]
        );
    }

    #[test]
    fn standard_container_resources() {
        for s in [
            "cpu",
            "memory",
            "ephemeral-storage",
            "hugepages-2Mi",
            "hugepages-1Gi",
        ] {
            assert!(is_standard_container_resource(s), "{s:?}");
        }
        for s in [
            "CPU",
            "storage",
            "pods",
            "hugepages-",
            "hugepages-2MB",
            "nvidia.com/gpu",
            "",
        ] {
            assert!(!is_standard_container_resource(s), "{s:?}");
        }
    }

    #[test]
    fn extended_resources() {
        for s in ["nvidia.com/gpu", "example.com/foo", "vendor.io/fpga_x"] {
            assert!(is_extended_resource(s), "{s:?}");
        }
        for s in [
            "cpu",
            "gpu",
            "kubernetes.io/foo",
            "foo.kubernetes.io/bar",
            "requests.example.com/foo",
            "example.com/-bad",
            "/gpu",
            "Example.com/gpu",
            "a/b/c",
        ] {
            assert!(!is_extended_resource(s), "{s:?}");
        }
    }
}
