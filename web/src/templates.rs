//! The nine examples of the KubeStash PostgreSQL customization guide (the seed document),
//! read from `tests/fixtures/valid/seed/` (their one copy), and the starting documents of each
//! view.

use crate::state::View;

/// An example document the toolbar can load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub title: &'static str,
    pub view: View,
    pub file: &'static str,
    pub text: &'static str,
}

/// Every seed example, in the order of the guide.
pub const TEMPLATES: [Template; 9] = [
    Template {
        title: "Backup: passing arguments (--clean)",
        view: View::Backup,
        file: "01-backup-passing-arguments-to-the-backup-process.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/01-backup-passing-arguments-to-the-backup-process.yaml"
        ),
    },
    Template {
        title: "Backup: one database with pg_dump",
        view: View::Backup,
        file: "02-backup-passing-a-target-database-to-the-backup-process.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/02-backup-passing-a-target-database-to-the-backup-process.yaml"
        ),
    },
    Template {
        title: "Backup: multiple backends",
        view: View::Backup,
        file: "03-backup-using-multiple-backends.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/03-backup-using-multiple-backends.yaml"
        ),
    },
    Template {
        title: "Backup: run as a specific user",
        view: View::Backup,
        file: "04-backup-running-backup-job-as-a-specific-user.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/04-backup-running-backup-job-as-a-specific-user.yaml"
        ),
    },
    Template {
        title: "Backup: CPU and memory for the job",
        view: View::Backup,
        file: "05-backup-specifying-memory-cpu-limit-request-for-the-backup-job.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/05-backup-specifying-memory-cpu-limit-request-for-the-backup-job.yaml"
        ),
    },
    Template {
        title: "Restore: passing arguments (--dbname)",
        view: View::Restore,
        file: "06-restore-passing-arguments-to-the-restore-process.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/06-restore-passing-arguments-to-the-restore-process.yaml"
        ),
    },
    Template {
        title: "Restore: a specific snapshot",
        view: View::Restore,
        file: "07-restore-restore-specific-snapshot.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/07-restore-restore-specific-snapshot.yaml"
        ),
    },
    Template {
        title: "Restore: run as a specific user",
        view: View::Restore,
        file: "08-restore-running-restore-job-as-a-specific-user.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/08-restore-running-restore-job-as-a-specific-user.yaml"
        ),
    },
    Template {
        title: "Restore: CPU and memory for the job",
        view: View::Restore,
        file: "09-restore-specifying-memory-cpu-limit-request-for-the-restore-job.yaml",
        text: include_str!(
            "../../tests/fixtures/valid/seed/09-restore-specifying-memory-cpu-limit-request-for-the-restore-job.yaml"
        ),
    },
];

/// The starting document of a view: the guide's first example of its kind, so that a fresh
/// visit opens on a complete document the cluster accepts (zero findings), ready to adapt.
/// The companion kinds start from the guide's objects (`gcs-storage`, `demo-retention`,
/// `encrypt-secret`, secret values empty), and the setup view from all of them with the first
/// example: a bundle whose references all resolve.
#[must_use]
pub fn starter(view: View) -> &'static str {
    match view {
        View::Setup => include_str!("../starters/setup.yaml"),
        View::Storage => include_str!("../starters/storage.yaml"),
        View::Retention => include_str!("../starters/retention.yaml"),
        View::Secret => include_str!("../starters/secret.yaml"),
        View::Backup | View::Restore => TEMPLATES
            .iter()
            .find(|t| t.view == view)
            .map_or("", |t| t.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_valid_and_match_their_view() {
        for t in TEMPLATES {
            let report = stashform::check(t.text);
            assert!(!report.has_errors(), "{}: {:?}", t.file, report.diagnostics);
            assert_eq!(
                report.documents[0].kind.as_deref(),
                Some(t.view.kind()),
                "{}",
                t.file
            );
        }
    }

    #[test]
    fn starters_have_no_findings_but_the_secret_values_to_type() {
        // Secrets are checked by the core too (their keys, and in the setup bundle the keys
        // the storage and the repositories need of them): the setup starter's Secrets are
        // written without values, for the user to type, and say so.
        let blank: Vec<String> = stashform::check(starter(View::Setup))
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.rule.code, d.message))
            .collect();
        assert_eq!(
            blank,
            [
                "KS708 Secret `gcs-secret` has no value for `GOOGLE_PROJECT_ID` and `GOOGLE_SERVICE_ACCOUNT_JSON_KEY`, which BackupStorage `gcs-storage` (gcs) needs",
                "KS707 Secret `encrypt-secret` has no value for `RESTIC_PASSWORD`: the Restic backups and restores that encrypt with it fail",
            ]
        );
        for view in [
            View::Backup,
            View::Restore,
            View::Storage,
            View::Retention,
            View::Secret,
        ] {
            let report = stashform::check(starter(view));
            assert_eq!(report.diagnostics, [], "{view:?}");
            assert_eq!(report.documents[0].kind.as_deref(), Some(view.kind()));
        }
        assert_eq!(stashform::check(starter(View::Setup)).documents.len(), 5);
    }
}
