//! One backup session: when it runs, where it stores (repositories), and with which addon.

use yew::prelude::*;

use super::addon::Addon;
use super::schedule_help::ScheduleHelp;
use super::{Field, ItemList, Kind, Messages, Section, use_scope};

#[derive(Properties, PartialEq)]
pub struct SessionProps {
    pub index: usize,
}

#[function_component]
pub fn Session(props: &SessionProps) -> Html {
    let state = use_scope();
    let base = format!("spec.sessions[{}]", props.index);
    let schedule = format!("{base}.scheduler.schedule");
    let backends: Vec<AttrValue> = (0..state.len("spec.backends"))
        .map(|i| state.value(&format!("spec.backends[{i}].name")))
        .filter(|n| !n.is_empty())
        .map(AttrValue::from)
        .collect();
    let render_repository = {
        let base = base.clone();
        Callback::from(move |i: usize| {
            let repo = format!("{base}.repositories[{i}]");
            // The CRD's enum: the form never repeats what the schema defines.
            let policies = stashform::schema::allowed_values(
                "BackupConfiguration",
                &stashform::Path::parse(&format!("{repo}.deletionPolicy")).unwrap_or_default(),
            )
            .into_iter()
            .map(AttrValue::from)
            .collect();
            html! {
                <>
                    <Field path={format!("{repo}.name")} label="Name" placeholder="e.g. gcs-postgres-repo"
                        help="The Repository object KubeStash creates for this backend." />
                    <Field path={format!("{repo}.backend")} label="Backend"
                        kind={Kind::Choice(backends.clone())}
                        help="One of the backends declared above." />
                    <Field path={format!("{repo}.directory")} label="Directory" placeholder="e.g. /postgres"
                        help="Where in the backend's storage the data goes." />
                    <Field path={format!("{repo}.deletionPolicy")} label="Deletion policy"
                        kind={Kind::Choice(policies)} placeholder="default: Delete" />
                    <Section title="Encryption secret" path={AttrValue::from(format!("{repo}.encryptionSecret"))}
                        intro="A Secret with RESTIC_PASSWORD: the key of the backup data.">
                        <Field path={format!("{repo}.encryptionSecret.name")} label="Encryption secret name"
                            placeholder="e.g. encrypt-secret" />
                        <Field path={format!("{repo}.encryptionSecret.namespace")}
                            label="Encryption secret namespace" placeholder="e.g. demo" />
                    </Section>
                </>
            }
        })
    };
    html! {
        <>
            <Field path={format!("{base}.name")} label="Session name" placeholder="e.g. frequent-backup" />
            <Section title="Schedule" path={AttrValue::from(format!("{base}.scheduler"))}>
                <Field path={schedule.clone()} label="Schedule (cron, UTC)" placeholder="*/5 * * * *"
                    help="minute hour day-of-month month day-of-week; e.g. 0 2 * * * is daily at 02:00.">
                    <ScheduleHelp path={schedule} />
                </Field>
                <Messages path={AttrValue::from(format!("{base}.scheduler.jobTemplate"))} exact=true />
                <Field path={format!("{base}.scheduler.jobTemplate.backoffLimit")} label="Retries (backoffLimit)"
                    kind={Kind::Int} placeholder="default: 6" help="How many times a failed backup job is retried." />
            </Section>
            <ItemList level={3} path={format!("{base}.repositories")} title="Repositories" noun="repository"
                render={render_repository} />
            <Addon base={format!("{base}.addon")} />
        </>
    }
}
