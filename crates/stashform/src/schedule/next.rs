//! Next run times with robfig/cron v3.0.1 `SpecSchedule.Next` / `ConstantDelaySchedule`
//! semantics, in UTC, plus the civil-calendar arithmetic they need.
//!
//! robfig steps field by field (month, day, hour, minute, second), wrapping back to the
//! month check whenever a field rolls over, and gives up once the year passes the
//! starting year + 5. Without daylight-saving changes (UTC) that finds the earliest
//! matching minute after the start, if it falls in a year <= start year + 5; the search
//! below finds the same minute but jumps straight to the next set bit of each field.

use super::{Fields, HOUR_MASK, Kind, MINUTE_MASK, MONTH_MASK, STAR_BIT, Schedule};

/// Zone names (from a `TZ=` prefix) that mean UTC here; `Local` is taken to be the
/// controller-manager zone, which is usually UTC.
const UTC_ALIASES: &[&str] = &[
    "",
    "UTC",
    "Local",
    "UCT",
    "GMT",
    "GMT0",
    "GMT+0",
    "GMT-0",
    "Greenwich",
    "Universal",
    "Zulu",
    "Etc/UTC",
    "Etc/UCT",
    "Etc/GMT",
    "Etc/GMT0",
    "Etc/GMT+0",
    "Etc/GMT-0",
    "Etc/Greenwich",
    "Etc/Universal",
    "Etc/Zulu",
];

pub(super) fn next_runs(schedule: &Schedule, from: i64, count: usize) -> Vec<i64> {
    let mut runs = Vec::with_capacity(count.min(1024));
    match &schedule.kind {
        Kind::Every { seconds } => {
            // ConstantDelaySchedule.Next(t) = t + delay - t.Nanosecond(); t is whole seconds.
            let mut t = from;
            while runs.len() < count {
                match t.checked_add(*seconds) {
                    Some(next) => {
                        runs.push(next);
                        t = next;
                    }
                    None => break,
                }
            }
        }
        Kind::Fields(fields) => {
            if let Some(zone) = &schedule.zone
                && !UTC_ALIASES.contains(&zone.as_str())
            {
                return runs;
            }
            let mut t = from;
            while runs.len() < count {
                match next_after(fields, t) {
                    Some(next) => {
                        runs.push(next);
                        t = next;
                    }
                    None => break,
                }
            }
        }
    }
    runs
}

/// The first lowest set bit of `bits` at or above `from`, up to `max`.
fn next_bit(bits: u64, from: u32, max: u32) -> Option<u32> {
    if from > max {
        return None;
    }
    let shifted = bits.checked_shr(from).unwrap_or(0);
    if shifted == 0 {
        return None;
    }
    let found = from + shifted.trailing_zeros();
    (found <= max).then_some(found)
}

/// robfig `dayMatches`.
pub(super) fn day_matches(fields: &Fields, day: u32, weekday: u32) -> bool {
    let dom_match = fields.dom & (1u64 << day) != 0;
    let dow_match = fields.dow & (1u64 << weekday) != 0;
    if fields.dom & STAR_BIT != 0 || fields.dow & STAR_BIT != 0 {
        dom_match && dow_match
    } else {
        dom_match || dow_match
    }
}

/// The first run strictly after `from` (whole seconds), or `None` when robfig would
/// return the zero time (nothing within the five-year search window).
fn next_after(fields: &Fields, from: i64) -> Option<i64> {
    if fields.minute & MINUTE_MASK == 0
        || fields.hour & HOUR_MASK == 0
        || fields.month & MONTH_MASK == 0
    {
        return None;
    }
    // robfig starts at the upcoming second, and the limit comes from that instant.
    let start = from.checked_add(1)?;
    let (start_year, _, _) = civil_from_days(start.div_euclid(86_400));
    let year_limit = start_year.checked_add(5)?;
    // The seconds field is always {0}: round up to a whole minute.
    let first_minute = start.checked_add(59)?.div_euclid(60);
    let day_number = first_minute.div_euclid(1440);
    let minute_of_day = first_minute.rem_euclid(1440);
    let (mut year, mut month, mut day) = civil_from_days(day_number);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "in 0..1440"
    )]
    let (mut hour, mut minute) = ((minute_of_day / 60) as u32, (minute_of_day % 60) as u32);

    // Each pass either returns or moves forward by at least a day, a month or a year
    // (or to a later hour of the same day), and the year limit bounds the total.
    loop {
        if year > year_limit {
            return None;
        }
        if fields.month & (1u64 << month) == 0 {
            match next_bit(fields.month, month + 1, 12) {
                Some(next) => month = next,
                None => {
                    year += 1;
                    month = next_bit(fields.month, 1, 12)?;
                }
            }
            (day, hour, minute) = (1, 0, 0);
            continue;
        }
        if day > days_in_month(year, month) {
            if month == 12 {
                year += 1;
                month = 1;
            } else {
                month += 1;
            }
            (day, hour, minute) = (1, 0, 0);
            continue;
        }
        let day_number = days_from_civil(year, month, day);
        if !day_matches(fields, day, weekday(day_number)) {
            day += 1;
            (hour, minute) = (0, 0);
            continue;
        }
        match next_bit(fields.hour, hour, 23) {
            None => {
                day += 1;
                (hour, minute) = (0, 0);
                continue;
            }
            Some(next) if next != hour => {
                hour = next;
                minute = 0;
            }
            Some(_) => {}
        }
        match next_bit(fields.minute, minute, 59) {
            None => {
                if hour == 23 {
                    day += 1;
                    hour = 0;
                } else {
                    hour += 1;
                }
                minute = 0;
            }
            Some(found) => {
                let seconds_of_day = i64::from(hour) * 3600 + i64::from(found) * 60;
                return day_number.checked_mul(86_400)?.checked_add(seconds_of_day);
            }
        }
    }
}

/// Day of the week for a day number (0 = 1970-01-01, a Thursday); 0 = Sunday.
#[expect(clippy::cast_possible_truncation, reason = "in 0..7")]
pub(super) fn weekday(day_number: i64) -> u32 {
    (day_number + 4).rem_euclid(7) as u32
}

pub(super) fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1-12) of `year` (proleptic Gregorian).
pub(super) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day number (days since 1970-01-01) to (year, month 1-12, day 1-31); Howard
/// Hinnant's `civil_from_days`. Exact for every day number derived from an `i64` of
/// seconds.
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "1..=31, 1..=12"
    )]
    let (day, month) = (
        (doy - (153 * mp + 2) / 5 + 1) as u32,
        if mp < 10 { mp + 3 } else { mp - 9 } as u32,
    );
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month 1-12, day 1-31) to a day number (days since 1970-01-01); Howard
/// Hinnant's `days_from_civil`.
pub(super) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::super::{format_utc, parse, parse_utc};
    use super::*;

    fn at(text: &str) -> i64 {
        parse_utc(text).unwrap_or_else(|| panic!("bad test timestamp {text}"))
    }

    fn runs(expr: &str, from: &str, count: usize) -> Vec<String> {
        let schedule = parse(expr).unwrap_or_else(|e| panic!("{expr:?}: {e}"));
        schedule
            .next_runs(at(from), count)
            .into_iter()
            .map(format_utc)
            .collect()
    }

    #[test]
    fn every_five_minutes() {
        assert_eq!(
            runs("*/5 * * * *", "2026-11-25T18:41:00Z", 4),
            [
                "2026-11-25T18:45:00Z",
                "2026-11-25T18:50:00Z",
                "2026-11-25T18:55:00Z",
                "2026-11-25T19:00:00Z"
            ]
        );
        // Strictly after: a start on a run time skips it.
        assert_eq!(
            runs("*/5 * * * *", "2026-11-25T18:45:00Z", 1),
            ["2026-11-25T18:50:00Z"]
        );
        // Seconds past the minute.
        assert_eq!(
            runs("*/5 * * * *", "2026-11-25T18:44:59Z", 1),
            ["2026-11-25T18:45:00Z"]
        );
        assert_eq!(
            runs("* * * * *", "2026-12-31T23:59:30Z", 2),
            ["2027-01-01T00:00:00Z", "2027-01-01T00:01:00Z"]
        );
    }

    #[test]
    fn weekdays_only() {
        // 2026-11-25 is a Wednesday.
        assert_eq!(
            runs("0 0 * * 1-5", "2026-11-25T18:41:00Z", 4),
            [
                "2026-11-26T00:00:00Z",
                "2026-11-27T00:00:00Z",
                "2026-11-30T00:00:00Z",
                "2026-12-01T00:00:00Z"
            ]
        );
        assert_eq!(
            runs("0 0 * * MON-FRI", "2026-11-25T18:41:00Z", 4),
            runs("0 0 * * 1-5", "2026-11-25T18:41:00Z", 4)
        );
    }

    #[test]
    fn days_of_month() {
        assert_eq!(
            runs("0 0 1,15 * *", "2026-11-25T18:41:00Z", 4),
            [
                "2026-12-01T00:00:00Z",
                "2026-12-15T00:00:00Z",
                "2027-01-01T00:00:00Z",
                "2027-01-15T00:00:00Z"
            ]
        );
        assert_eq!(
            runs("0 0 31 * *", "2026-11-25T00:00:00Z", 3),
            [
                "2026-12-31T00:00:00Z",
                "2027-01-31T00:00:00Z",
                "2027-03-31T00:00:00Z"
            ]
        );
    }

    #[test]
    fn dom_or_dow_when_both_restricted() {
        // Day 13 OR Friday.
        assert_eq!(
            runs("0 0 13 * 5", "2026-11-25T18:41:00Z", 5),
            [
                "2026-11-27T00:00:00Z",
                "2026-12-04T00:00:00Z",
                "2026-12-11T00:00:00Z",
                "2026-12-13T00:00:00Z",
                "2026-12-18T00:00:00Z"
            ]
        );
        // "*/1" keeps the star bit: AND, so Fridays only.
        assert_eq!(
            runs("0 0 */1 * 5", "2026-11-25T18:41:00Z", 2),
            ["2026-11-27T00:00:00Z", "2026-12-04T00:00:00Z"]
        );
        // "*/2" drops it: odd days OR Fridays.
        assert_eq!(
            runs("0 0 */2 * 5", "2026-11-25T18:41:00Z", 4),
            [
                "2026-11-27T00:00:00Z",
                "2026-11-29T00:00:00Z",
                "2026-12-01T00:00:00Z",
                "2026-12-03T00:00:00Z"
            ]
        );
        // A full but star-less day-of-month makes every day match.
        assert_eq!(
            runs("0 0 1-31 * 5", "2026-11-25T18:41:00Z", 2),
            ["2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z"]
        );
    }

    #[test]
    fn descriptors() {
        assert_eq!(
            runs("@yearly", "2026-11-25T18:41:00Z", 2),
            ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"]
        );
        assert_eq!(
            runs("@monthly", "2026-11-25T18:41:00Z", 2),
            ["2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"]
        );
        assert_eq!(
            runs("@weekly", "2026-11-25T18:41:00Z", 2),
            ["2026-11-29T00:00:00Z", "2026-12-06T00:00:00Z"]
        );
        assert_eq!(
            runs("@daily", "2026-11-25T18:41:00Z", 1),
            ["2026-11-26T00:00:00Z"]
        );
        assert_eq!(
            runs("@hourly", "2026-11-25T18:41:00Z", 1),
            ["2026-11-25T19:00:00Z"]
        );
    }

    #[test]
    fn every_durations() {
        assert_eq!(
            runs("@every 90m", "2026-11-25T18:41:00Z", 3),
            [
                "2026-11-25T20:11:00Z",
                "2026-11-25T21:41:00Z",
                "2026-11-25T23:11:00Z"
            ]
        );
        let from = at("2026-11-25T18:41:00Z");
        let every = |expr: &str| parse(expr).map(|s| s.next_runs(from, 3));
        assert_eq!(every("@every 1.5s"), Ok(vec![from + 1, from + 2, from + 3]));
        assert_eq!(every("@every 0s"), Ok(vec![from + 1, from + 2, from + 3]));
        assert_eq!(every("@every -1h"), Ok(vec![from + 1, from + 2, from + 3]));
        assert_eq!(
            every("@every 100ms"),
            Ok(vec![from + 1, from + 2, from + 3])
        );
        assert_eq!(
            parse("@every 1h").map(|s| s.next_runs(i64::MAX - 7200, 5)),
            Ok(vec![i64::MAX - 3600, i64::MAX])
        );
    }

    #[test]
    fn impossible_dates_stop() {
        assert_eq!(
            runs("0 0 30 2 *", "2026-11-25T18:41:00Z", 5),
            Vec::<String>::new()
        );
        assert_eq!(
            runs("0 0 31 2,4,6,9,11 *", "2026-11-25T18:41:00Z", 5),
            Vec::<String>::new()
        );
        assert_eq!(
            runs(", * * * *", "2026-11-25T18:41:00Z", 5),
            Vec::<String>::new()
        );
        assert_eq!(
            runs("0 0 , * ,", "2026-11-25T18:41:00Z", 5),
            Vec::<String>::new()
        );
        assert_eq!(
            runs("0 0 , * *", "2026-11-25T18:41:00Z", 5),
            Vec::<String>::new()
        );
    }

    #[test]
    fn five_year_limit() {
        assert_eq!(
            runs("0 0 29 2 *", "2026-11-25T18:41:00Z", 2),
            ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"]
        );
        // 2100 is not a leap year: from 2096-03-01 the next Feb 29 is in 2104, beyond
        // robfig's 2096 + 5 limit.
        assert_eq!(
            runs("0 0 29 2 *", "2096-03-01T00:00:00Z", 1),
            Vec::<String>::new()
        );
        // A run in the limit year itself is still found.
        assert_eq!(
            runs("0 0 1 1 *", "2026-01-01T00:00:00Z", 1),
            ["2027-01-01T00:00:00Z"]
        );
    }

    #[test]
    fn zones() {
        assert_eq!(
            runs("TZ=UTC 0 0 * * *", "2026-11-25T18:41:00Z", 1),
            ["2026-11-26T00:00:00Z"]
        );
        assert_eq!(
            runs("CRON_TZ=Asia/Dhaka 0 0 * * *", "2026-11-25T18:41:00Z", 1),
            Vec::<String>::new()
        );
        assert_eq!(
            runs("TZ=Asia/Dhaka @every 1h", "2026-11-25T18:41:00Z", 1),
            ["2026-11-25T19:41:00Z"]
        );
    }

    #[test]
    fn extreme_starts_do_not_panic() {
        for expr in ["*/5 * * * *", "0 0 29 2 *", "@every 1h", "@yearly"] {
            let schedule = parse(expr).unwrap_or_else(|e| panic!("{e}"));
            for from in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
                let _ = schedule.next_runs(from, 3);
            }
        }
        assert_eq!(
            runs("0 0 1 1 *", "1969-12-31T23:59:59Z", 1),
            ["1970-01-01T00:00:00Z"]
        );
        assert_eq!(
            runs("0 12 * * *", "0001-01-01T00:00:00Z", 1),
            ["0001-01-01T12:00:00Z"]
        );
    }

    #[test]
    fn typical_schedules_are_fast() {
        let from = at("2026-11-25T18:41:00Z");
        for expr in [
            "*/5 * * * *",
            "0 2 * * *",
            "0 0 1 * *",
            "0,30 8-18 * * 1-5",
            "0 0 29 2 1",
            "0 0 30 2 *",
        ] {
            let schedule = parse(expr).unwrap_or_else(|e| panic!("{e}"));
            for _ in 0..50 {
                let _ = schedule.next_runs(from, 20);
            }
        }
    }

    #[test]
    fn matches_a_brute_force_minute_scan() {
        let from = at("2026-11-25T18:41:00Z");
        for expr in [
            "*/7 3,5 * * *",
            "0 0 13 * 5",
            "0 0 */2 * 5",
            "15 10 * 2 0",
            "59 23 31 * *",
            "0 0 * * 0",
            "*/15 9-17 1-7 * 1",
        ] {
            let schedule = parse(expr).unwrap_or_else(|e| panic!("{e}"));
            let Kind::Fields(fields) = schedule.kind else {
                panic!("not a field schedule");
            };
            let fast = schedule.next_runs(from, 8);
            let mut slow = Vec::new();
            let mut t = (from / 60 + 1) * 60;
            while slow.len() < 8 && t < from + 800 * 86_400 {
                let days = t.div_euclid(86_400);
                let (_, month, day) = civil_from_days(days);
                let secs = t.rem_euclid(86_400);
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "in 0..86_400"
                )]
                let (hour, minute) = ((secs / 3600) as u32, (secs % 3600 / 60) as u32);
                if fields.month & (1 << month) != 0
                    && day_matches(&fields, day, weekday(days))
                    && fields.hour & (1 << hour) != 0
                    && fields.minute & (1 << minute) != 0
                {
                    slow.push(t);
                }
                t += 60;
            }
            assert_eq!(fast, slow, "{expr}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for days in (-800_000..800_000).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(weekday(0), 4);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(i64::MAX / 86_400).0, 292_277_026_596);
        assert_eq!(next_bit(0b1010, 0, 59), Some(1));
        assert_eq!(next_bit(0b1010, 2, 59), Some(3));
        assert_eq!(next_bit(0b1010, 4, 59), None);
        assert_eq!(next_bit(STAR_BIT | 1, 1, 59), None);
    }
}
