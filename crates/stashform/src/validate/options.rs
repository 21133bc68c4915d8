//! How to check: the level of each rule, as a face reads it from its configuration
//! (`.stashform.yaml`: `rules: {KS401: off}`).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::catalog::Catalog;

use crate::registry::{self, RULES, Rule, Severity};
use crate::schema;

/// What a rule's findings become: dropped, or reported at a severity of the user's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    /// The severity findings get; `None` for `Off`.
    #[must_use]
    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Off => None,
            Self::Info => Some(Severity::Info),
            Self::Warning => Some(Severity::Warning),
            Self::Error => Some(Severity::Error),
        }
    }
}

impl FromStr for Level {
    type Err = String;

    /// `off`, `info`, `warning` or `error`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(match text {
            "off" => Self::Off,
            "info" => Self::Info,
            "warning" => Self::Warning,
            "error" => Self::Error,
            _ => {
                return Err(format!(
                    "`{text}` is not a level: use off, info, warning or error"
                ));
            }
        })
    }
}

/// Options of [`super::check_with`]: per-rule levels that replace the registry's severities,
/// and the addon catalog the addon rules use (the vendored one unless a user's is set).
///
/// ```
/// use stashform::{CheckOptions, Level};
/// let mut options = CheckOptions::default();
/// options.set("KS604", Level::Off).unwrap();
/// options.set("backups-paused", Level::Warning).unwrap();
/// assert!(options.set("KS999", Level::Off).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    levels: Vec<(&'static str, Level)>,
    catalog: Option<Arc<Catalog>>,
}

impl CheckOptions {
    /// Set the level of a rule, named by code (`KS401`) or name (`invalid-schedule`).
    ///
    /// # Errors
    /// No rule has that code or name.
    pub fn set(&mut self, rule: &str, level: Level) -> Result<(), UnknownRule> {
        let code = registry::find(rule)
            .ok_or_else(|| UnknownRule::new(rule))?
            .code;
        self.levels.retain(|(c, _)| *c != code);
        self.levels.push((code, level));
        Ok(())
    }

    /// The level set for `rule`, if any.
    #[must_use]
    pub fn level(&self, rule: &Rule) -> Option<Level> {
        self.levels
            .iter()
            .find(|(code, _)| *code == rule.code)
            .map(|(_, level)| *level)
    }

    /// Check with a user's catalog ([`Catalog::from_manifests`]) instead of the vendored one;
    /// `None` for the vendored one.
    pub fn set_catalog(&mut self, catalog: Option<Arc<Catalog>>) {
        self.catalog = catalog;
    }

    /// The catalog the addon rules use.
    #[must_use]
    pub fn catalog(&self) -> &Catalog {
        self.catalog.as_deref().unwrap_or(Catalog::vendored())
    }

    /// No level is set: the registry's severities hold.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }
}

/// A rule code or name that no rule has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    /// As it was written.
    pub rule: String,
    /// "did you mean …?" when a code or name is close.
    pub help: Option<String>,
}

impl UnknownRule {
    pub(crate) fn new(rule: &str) -> Self {
        // Codes differ by a digit or two, so only a different case of one is suggested.
        let upper = rule.to_ascii_uppercase();
        let help = match RULES.iter().find(|r| r.code == upper) {
            Some(r) => Some(format!("did you mean `{}`?", r.code)),
            None => schema::suggest(rule, RULES.iter().map(|r| r.name)),
        };
        Self {
            rule: rule.to_owned(),
            help,
        }
    }
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a rule code or name", self.rule)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownRule {}
