//! Plain-English descriptions of schedules.
//!
//! Common shapes get idiomatic text (`every 5 minutes`, `at 02:00 every day`); anything
//! else is described by listing the values, so the text is never wrong. The day rule
//! follows robfig: day-of-month AND day-of-week, or EITHER when both are restricted.

use super::next::days_in_month;
use super::{
    DOM_MASK, DOW_MASK, Fields, HOUR_MASK, Kind, MINUTE_MASK, MONTH_MASK, STAR_BIT, Schedule,
};
use crate::values::duration::format_go_duration;

const MONTH_NAMES: [&str; 13] = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

pub(super) fn describe(schedule: &Schedule) -> String {
    match &schedule.kind {
        Kind::Every { seconds } => {
            format!(
                "every {}",
                format_go_duration(seconds.saturating_mul(1_000_000_000))
            )
        }
        Kind::Fields(fields) => {
            let mut text = describe_fields(fields);
            if let Some(zone) = &schedule.zone {
                let zone = if zone.is_empty() { "UTC" } else { zone };
                text.push_str(&format!(" (time zone {zone})"));
            }
            text
        }
    }
}

/// The shape of a field's set of values.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    Empty,
    All,
    Single(u32),
    /// Three or more consecutive values.
    Range(u32, u32),
    /// Three or more values with a constant gap above 1.
    Step {
        start: u32,
        step: u32,
        last: u32,
    },
    List(Vec<u32>),
}

fn values(bits: u64, min: u32, max: u32) -> Vec<u32> {
    (min..=max).filter(|&v| bits & (1u64 << v) != 0).collect()
}

fn shape(values: &[u32], min: u32, max: u32) -> Shape {
    match values {
        [] => Shape::Empty,
        _ if values.len() == (max - min + 1) as usize => Shape::All,
        [single] => Shape::Single(*single),
        [first, second, ..] if values.len() >= 3 => {
            let step = second - first;
            let constant = values.windows(2).all(|pair| pair[1] - pair[0] == step);
            let last = values[values.len() - 1];
            match (constant, step) {
                (true, 1) => Shape::Range(*first, last),
                (true, _) => Shape::Step {
                    start: *first,
                    step,
                    last,
                },
                _ => Shape::List(values.to_vec()),
            }
        }
        _ => Shape::List(values.to_vec()),
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Values as text, runs of three or more written as "a through b".
fn list_text(values: &[u32], name: impl Fn(u32) -> String) -> String {
    let mut items = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let mut j = i;
        while j + 1 < values.len() && values[j + 1] == values[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            items.push(format!("{} through {}", name(values[i]), name(values[j])));
        } else {
            for &v in &values[i..=j] {
                items.push(name(v));
            }
        }
        i = j + 1;
    }
    join_and(&items)
}

fn number(v: u32) -> String {
    v.to_string()
}

fn month_name(v: u32) -> String {
    MONTH_NAMES
        .get(v as usize)
        .copied()
        .unwrap_or("?")
        .to_string()
}

fn weekday_name(v: u32) -> String {
    WEEKDAY_NAMES
        .get(v as usize)
        .copied()
        .unwrap_or("?")
        .to_string()
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Which days fire, after applying robfig's AND/OR rule.
enum DayRule {
    Every,
    Dom(Vec<u32>),
    Dow(Vec<u32>),
    Either(Vec<u32>, Vec<u32>),
    Both(Vec<u32>, Vec<u32>),
    Never,
}

fn day_rule(fields: &Fields) -> DayRule {
    let dom = values(fields.dom & DOM_MASK, 1, 31);
    let dow = values(fields.dow & DOW_MASK, 0, 6);
    let dom_full = dom.len() == 31;
    let dow_full = dow.len() == 7;
    let and_rule = fields.dom & STAR_BIT != 0 || fields.dow & STAR_BIT != 0;
    if and_rule {
        if dom.is_empty() || dow.is_empty() {
            return DayRule::Never;
        }
        match (dom_full, dow_full) {
            (true, true) => DayRule::Every,
            (true, false) => DayRule::Dow(dow),
            (false, true) => DayRule::Dom(dom),
            (false, false) => DayRule::Both(dom, dow),
        }
    } else if dom_full || dow_full {
        DayRule::Every
    } else {
        match (dom.is_empty(), dow.is_empty()) {
            (true, true) => DayRule::Never,
            (true, false) => DayRule::Dow(dow),
            (false, true) => DayRule::Dom(dom),
            (false, false) => DayRule::Either(dom, dow),
        }
    }
}

/// "day 1 of the month", "days 1 and 15 of the month", ...
fn dom_phrase(days: &[u32]) -> String {
    match shape(days, 1, 31) {
        Shape::Single(d) => format!("day {d} of the month"),
        Shape::Range(a, b) => format!("days {a} through {b} of the month"),
        Shape::Step { start, step, last } => format!(
            "every {} day of the month from {start} through {last}",
            ordinal(step)
        ),
        Shape::Empty | Shape::All | Shape::List(_) => {
            format!("days {} of the month", list_text(days, number))
        }
    }
}

/// " on Monday", ", Monday through Friday", " on Monday and Friday".
fn dow_suffix(days: &[u32]) -> String {
    let text = list_text(days, weekday_name);
    match shape(days, 0, 6) {
        Shape::Range(..) => format!(", {text}"),
        _ => format!(" on {text}"),
    }
}

/// `Some(step)` when `values` are exactly 0, step, 2*step, ... and `step` divides `period`
/// (so the gap stays the same across the wrap to the next hour or day).
fn even_step(values: &[u32], period: u32) -> Option<u32> {
    let step = *values.get(1)?;
    let regular = step > 0
        && period.is_multiple_of(step)
        && values.len() == (period / step) as usize
        && values.iter().zip(0..).all(|(&v, i)| v == i * step);
    regular.then_some(step)
}

/// The minute part, and whether it stands alone when every hour is selected.
/// Two values read better as a list ("at minute 0 and 30 past hours 8 through 18")
/// unless every hour is selected ("every 30 minutes").
fn minute_phrase(minutes: &[u32], every_hour: bool) -> (String, bool) {
    if let Some(step) = even_step(minutes, 60)
        && step > 1
        && (minutes.len() > 2 || every_hour)
    {
        return (format!("every {step} minutes"), true);
    }
    match shape(minutes, 0, 59) {
        Shape::All => ("every minute".to_string(), true),
        Shape::Step { start, step, last } => (
            format!("every {} minute from {start} through {last}", ordinal(step)),
            false,
        ),
        Shape::Single(m) => (format!("at minute {m}"), false),
        Shape::Range(a, b) => (format!("every minute from {a} through {b}"), false),
        Shape::Empty | Shape::List(_) => {
            (format!("at minute {}", list_text(minutes, number)), false)
        }
    }
}

fn hour_phrase(hours: &[u32]) -> String {
    if let Some(step) = even_step(hours, 24)
        && step > 1
    {
        return format!("every {} hour", ordinal(step));
    }
    match shape(hours, 0, 23) {
        Shape::All => "every hour".to_string(),
        Shape::Step { start, step, last } => {
            format!("every {} hour from {start} through {last}", ordinal(step))
        }
        Shape::Single(h) => format!("hour {h}"),
        Shape::Range(a, b) => format!("hours {a} through {b}"),
        Shape::Empty | Shape::List(_) => format!("hours {}", list_text(hours, number)),
    }
}

fn describe_fields(fields: &Fields) -> String {
    let minutes = values(fields.minute & MINUTE_MASK, 0, 59);
    let hours = values(fields.hour & HOUR_MASK, 0, 23);
    let months = values(fields.month & MONTH_MASK, 1, 12);
    for (set, name) in [
        (minutes.is_empty(), "minute"),
        (hours.is_empty(), "hour"),
        (months.is_empty(), "month"),
    ] {
        if set {
            return format!("never runs (the {name} field selects no values)");
        }
    }
    let rule = day_rule(fields);
    if let DayRule::Never = rule {
        return "never runs (no day can match the day-of-month and day-of-week fields)".to_string();
    }

    // Time of day.
    let clock = hours.len() < 24 && minutes.len() * hours.len() <= 4;
    let mut text = if clock {
        let times: Vec<String> = hours
            .iter()
            .flat_map(|h| minutes.iter().map(move |m| format!("{h:02}:{m:02}")))
            .collect();
        format!("at {}", join_and(&times))
    } else {
        let (minute_text, standalone) = minute_phrase(&minutes, hours.len() == 24);
        if hours.len() == 24 {
            if standalone {
                minute_text
            } else {
                format!("{minute_text} past every hour")
            }
        } else {
            format!("{minute_text} past {}", hour_phrase(&hours))
        }
    };

    // Days and months.
    let all_months = months.len() == 12;
    let mut month_done = all_months;
    match &rule {
        DayRule::Every => {
            if clock {
                text.push_str(" every day");
            }
        }
        DayRule::Dom(days) => {
            if let ([day], [month]) = (days.as_slice(), months.as_slice()) {
                text.push_str(&format!(" on {} {day}", month_name(*month)));
                month_done = true;
            } else {
                text.push_str(&format!(" on {}", dom_phrase(days)));
            }
        }
        DayRule::Dow(days) => text.push_str(&dow_suffix(days)),
        DayRule::Either(dom, dow) => text.push_str(&format!(
            " on {} or on {}",
            dom_phrase(dom),
            list_text(dow, weekday_name)
        )),
        DayRule::Both(dom, dow) => text.push_str(&format!(
            " on {} that falls on {}",
            dom_phrase(dom),
            list_text(dow, weekday_name)
        )),
        DayRule::Never => {}
    }
    if !month_done {
        // After "... or on Friday" a comma shows that the months apply to both.
        let comma = if matches!(rule, DayRule::Either(..)) {
            ","
        } else {
            ""
        };
        text.push_str(&format!("{comma} in {}", list_text(&months, month_name)));
    }

    // A day-of-month that no selected month has (e.g. February 30).
    if let DayRule::Dom(days) | DayRule::Both(days, _) = &rule {
        let possible = months.iter().any(|&month| {
            let longest = if month == 2 {
                29
            } else {
                days_in_month(2001, month)
            };
            days.iter().any(|&day| day <= longest)
        });
        if !possible {
            text.push_str("; this date never occurs, so it never runs");
        } else if days.iter().all(|&d| d >= 29) && months == [2] {
            text.push_str(" (leap years only)");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn describe(expr: &str) -> String {
        parse(expr)
            .unwrap_or_else(|e| panic!("{expr:?}: {e}"))
            .describe()
    }

    #[test]
    fn common_schedules() {
        let cases: &[(&str, &str)] = &[
            ("* * * * *", "every minute"),
            ("*/5 * * * *", "every 5 minutes"),
            ("*/15,45 * * * *", "every 15 minutes"),
            ("0 2 * * *", "at 02:00 every day"),
            ("30 8,20 * * *", "at 08:30 and 20:30 every day"),
            ("0 0 1 * *", "at 00:00 on day 1 of the month"),
            ("0 0 1,15 * *", "at 00:00 on days 1 and 15 of the month"),
            (
                "0,30 8-18 * * 1-5",
                "at minute 0 and 30 past hours 8 through 18, Monday through Friday",
            ),
            ("0 0 * * 1-5", "at 00:00, Monday through Friday"),
            ("0 0 * * 0", "at 00:00 on Sunday"),
            (
                "*/15 9-17 * * mon-fri",
                "every 15 minutes past hours 9 through 17, Monday through Friday",
            ),
            ("0 */2 * * *", "at minute 0 past every 2nd hour"),
            ("0 */6 * * *", "at 00:00, 06:00, 12:00 and 18:00 every day"),
            ("0 * * * *", "at minute 0 past every hour"),
            ("@every 90m", "every 1h30m0s"),
            ("@every 1h30m", "every 1h30m0s"),
            ("@every 30s", "every 30s"),
            ("@every 100ms", "every 1s"),
            ("@hourly", "at minute 0 past every hour"),
            ("@daily", "at 00:00 every day"),
            ("@weekly", "at 00:00 on Sunday"),
            ("@monthly", "at 00:00 on day 1 of the month"),
            ("@yearly", "at 00:00 on January 1"),
            (
                "0 0 * jan-mar *",
                "at 00:00 every day in January through March",
            ),
            (
                "0 0 * 1/3 *",
                "at 00:00 every day in January, April, July and October",
            ),
            ("*/5 * * 6 *", "every 5 minutes in June"),
            ("*/30 * * * *", "every 30 minutes"),
            ("0,20,40 * * * *", "every 20 minutes"),
            ("*/10 * * * 1-5", "every 10 minutes, Monday through Friday"),
            ("0 9-17 * * *", "at minute 0 past hours 9 through 17"),
            ("0 22 * * 1-5", "at 22:00, Monday through Friday"),
            ("30 2 * * 0,6", "at 02:30 on Sunday and Saturday"),
            ("*/20 8,20 * * *", "every 20 minutes past hours 8 and 20"),
            ("0 0-23/3 * * *", "at minute 0 past every 3rd hour"),
            ("*/5 */12 * * *", "every 5 minutes past every 12th hour"),
        ];
        for &(expr, want) in cases {
            assert_eq!(describe(expr), want, "{expr}");
        }
    }

    #[test]
    fn odd_schedules_are_listed_correctly() {
        let cases: &[(&str, &str)] = &[
            (
                "*/7 * * * *",
                "every 7th minute from 0 through 56 past every hour",
            ),
            (
                "5/15 * * * *",
                "every 15th minute from 5 through 50 past every hour",
            ),
            (
                "1-5/2 * * * *",
                "every 2nd minute from 1 through 5 past every hour",
            ),
            (
                "10-20 * * * *",
                "every minute from 10 through 20 past every hour",
            ),
            (
                "0,1,2,3,10 3 * * *",
                "at minute 0 through 3 and 10 past hour 3",
            ),
            ("* 2 * * *", "every minute past hour 2"),
            (
                "0 1,5,9,13,17 * * *",
                "at minute 0 past every 4th hour from 1 through 17",
            ),
            (
                "0 0 1-31/2 * *",
                "at 00:00 on every 2nd day of the month from 1 through 31",
            ),
            ("0 0 1-7 * *", "at 00:00 on days 1 through 7 of the month"),
            (
                "0 0 * * */2",
                "at 00:00 on Sunday, Tuesday, Thursday and Saturday",
            ),
            ("0 0 * * 1,3,5", "at 00:00 on Monday, Wednesday and Friday"),
            ("0 0 * * 6,0", "at 00:00 on Sunday and Saturday"),
            ("0 0 * * 0-6", "at 00:00 every day"),
            ("0 0 ? * ?", "at 00:00 every day"),
            // robfig's OR rule when both day fields are restricted.
            ("0 0 1 * 1", "at 00:00 on day 1 of the month or on Monday"),
            (
                "0 0 */2 * 5",
                "at 00:00 on every 2nd day of the month from 1 through 31 or on Friday",
            ),
            // A full day-of-month without `*` matches every day under the OR rule.
            ("0 0 1-31 * 1", "at 00:00 every day"),
            ("0 0 */1 * 1", "at 00:00 on Monday"),
            (
                "0 0 30 2 *",
                "at 00:00 on February 30; this date never occurs, so it never runs",
            ),
            (
                "0 0 31 4,6 *",
                "at 00:00 on day 31 of the month in April and June; this date never occurs, so it never runs",
            ),
            ("0 0 29 2 *", "at 00:00 on February 29 (leap years only)"),
            (
                "0 0 29-31 2 *",
                "at 00:00 on days 29 through 31 of the month in February (leap years only)",
            ),
            (
                ", * * * *",
                "never runs (the minute field selects no values)",
            ),
            (
                "0 0 , * *",
                "never runs (no day can match the day-of-month and day-of-week fields)",
            ),
            ("0 0 , * 1", "at 00:00 on Monday"),
            (
                "1 2 3 4 5",
                "at 02:01 on day 3 of the month or on Friday, in April",
            ),
            ("0,30 * * * *", "every 30 minutes"),
            ("30 * * * *", "at minute 30 past every hour"),
            ("0,30 1 * * *", "at 01:00 and 01:30 every day"),
            (
                "0 */5 * * *",
                "at minute 0 past every 5th hour from 0 through 20",
            ),
            ("0 1 * * 1-5/2", "at 01:00 on Monday, Wednesday and Friday"),
            (
                "0 0 1-5,10-12 * *",
                "at 00:00 on days 1 through 5 and 10 through 12 of the month",
            ),
            ("TZ=UTC 0 0 * * *", "at 00:00 every day (time zone UTC)"),
            (
                "CRON_TZ=Asia/Dhaka 0 0 * * *",
                "at 00:00 every day (time zone Asia/Dhaka)",
            ),
            ("TZ=UTC @daily", "at 00:00 every day (time zone UTC)"),
            ("TZ=UTC @every 1h", "every 1h0m0s"),
        ];
        for &(expr, want) in cases {
            assert_eq!(describe(expr), want, "{expr}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(4), "4th");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(13), "13th");
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(
            list_text(&[1, 2, 4, 5, 6, 9], number),
            "1, 2, 4 through 6 and 9"
        );
        assert_eq!(shape(&[0, 30], 0, 59), Shape::List(vec![0, 30]));
        assert_eq!(shape(&[3, 4, 5], 0, 59), Shape::Range(3, 5));
    }
}
