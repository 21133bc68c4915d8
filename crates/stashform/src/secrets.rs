//! The keys KubeStash reads from the Secrets a bundle's objects name: the restic password of
//! an encryption Secret and the credentials of a BackupStorage's provider. The one list the
//! bundle rules (`validate::bundle`) and the faces (the page's setup view) share.

/// What the page writes in place of a secret value in share links and stored drafts (secrets
/// stay with the user). A Secret that holds it, or an empty value, has no value for that key:
/// the bundle rules report it as missing, so a file made from a share link is not applied with
/// the placeholder as the password.
pub const PLACEHOLDER: &str = "<not shared: type the secret again>";

/// Whether a Secret value (of `stringData`, or base64 of `data`) gives nothing: empty, or the
/// page's [`PLACEHOLDER`].
#[must_use]
pub fn is_blank(value: &str) -> bool {
    value.trim().is_empty() || value == PLACEHOLDER
}

/// The key of the restic password in an encryption Secret (`encryptionSecret` of a
/// repository, a RestoreSession's data source or a BackupBlueprint's template). The restic
/// wrapper fails without it: `<secret> storage Secret missing RESTIC_PASSWORD key`
/// (kubestash/apimachinery `vendor/gomodules.xyz/restic/setup.go`).
pub const RESTIC_PASSWORD: &str = "RESTIC_PASSWORD";

/// The keys the credentials Secret (`spec.storage.<provider>.secretName`) of a storage
/// provider must hold, from KubeStash's backend docs (`docs/guides/backends/<provider>`):
/// s3 `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (`CA_CERT_DATA` is optional), gcs
/// `GOOGLE_PROJECT_ID` and `GOOGLE_SERVICE_ACCOUNT_JSON_KEY`, azure `AZURE_ACCOUNT_KEY`;
/// none for `local` or a provider KubeStash does not know.
///
/// ```
/// assert_eq!(stashform::secrets::credential_keys("azure"), ["AZURE_ACCOUNT_KEY"]);
/// assert!(stashform::secrets::credential_keys("local").is_empty());
/// ```
#[must_use]
pub fn credential_keys(provider: &str) -> &'static [&'static str] {
    match provider {
        "s3" => &["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
        "gcs" => &["GOOGLE_PROJECT_ID", "GOOGLE_SERVICE_ACCOUNT_JSON_KEY"],
        "azure" => &["AZURE_ACCOUNT_KEY"],
        _ => &[],
    }
}
