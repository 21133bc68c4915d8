//! The keys KubeStash reads from the Secrets a bundle's objects name: the restic password of
//! an encryption Secret and the credentials of a BackupStorage's provider, from the table of
//! storage providers ([`STORAGE_PROVIDERS`]: also what each needs in its block). The one list the
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
    STORAGE_PROVIDERS
        .iter()
        .find(|p| p.name == provider)
        .map_or(&[], |p| p.credentials)
}

/// A storage provider KubeStash supports, and what it needs.
#[derive(Debug)]
pub struct StorageProvider {
    /// The value of `spec.storage.provider`, and the name of its block.
    pub name: &'static str,
    /// Fields of its block without which it cannot reach its storage.
    pub needs: &'static [&'static str],
    /// The keys its credentials Secret must hold ([`credential_keys`]).
    pub credentials: &'static [&'static str],
}

/// The providers of kubestash/apimachinery `apis/storage/v1alpha1/types.go` (the CRD has no
/// enum; swift, b2 and rest are commented out there): one table for the storage advice
/// (`storage-incomplete`), the bundle's credential keys and the page.
pub const STORAGE_PROVIDERS: &[StorageProvider] = &[
    StorageProvider {
        name: "local",
        needs: &["mountPath"],
        credentials: &[],
    },
    StorageProvider {
        name: "s3",
        needs: &["bucket"],
        credentials: &["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
    },
    StorageProvider {
        name: "gcs",
        needs: &["bucket"],
        credentials: &["GOOGLE_PROJECT_ID", "GOOGLE_SERVICE_ACCOUNT_JSON_KEY"],
    },
    StorageProvider {
        name: "azure",
        needs: &["storageAccount", "container"],
        credentials: &["AZURE_ACCOUNT_KEY"],
    },
];
