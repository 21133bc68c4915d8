//! Under a schedule field: what the schedule means in plain English, its next three runs in
//! UTC (from the core's `schedule::explain`), and presets.

use stashform::schedule::explain;
use yew::prelude::*;

use super::use_scope;
use crate::browser::now_seconds;
use crate::state::Action;
use crate::tree::Scalar;

/// Common schedules: (label, cron expression).
pub const PRESETS: [(&str, &str); 4] = [
    ("Every 5 minutes", "*/5 * * * *"),
    ("Hourly", "0 * * * *"),
    ("Daily 02:00", "0 2 * * *"),
    ("Weekly (Sun 02:00)", "0 2 * * 0"),
];

#[derive(Properties, PartialEq)]
pub struct ScheduleHelpProps {
    pub path: AttrValue,
}

#[function_component]
pub fn ScheduleHelp(props: &ScheduleHelpProps) -> Html {
    let state = use_scope();
    let expr = state.value(&props.path);
    let explained = (!expr.trim().is_empty()).then(|| explain(&expr, now_seconds(), 3));
    let presets = PRESETS.iter().map(|(label, cron)| {
        let state = state.clone();
        let path = state.full(&props.path);
        let onclick = Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::SetField {
                path: path.clone(),
                value: Scalar::Str((*cron).to_owned()),
            });
        });
        let pressed = if expr == *cron { "true" } else { "false" };
        html! {
            <button type="button" class="preset" aria-pressed={pressed} title={*cron} {onclick}>
                {*label}
            </button>
        }
    });
    html! {
        <div class="schedule-help">
            if let Some(e) = explained.filter(|e| e.valid) {
                <p class="describe">{e.description}</p>
                <p class="next">{"Next runs (UTC): "}{e.next_runs.join(", ")}</p>
            }
            <div class="presets" role="group" aria-label="Schedule presets">{ for presets }</div>
        </div>
    }
}
