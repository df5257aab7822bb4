//! The string formats of the HS4 contract: `date`, `date-time` (RFC 3339), `uuid`.

pub(crate) fn is_date(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        t[..4].parse::<u32>(),
        t[5..7].parse::<u32>(),
        t[8..].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
}

pub(crate) fn is_date_time(t: &str) -> bool {
    let Some((date, time)) = t.split_once(['T', 't']) else {
        return false;
    };
    let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let clock_ok = clock.len() >= 8
        && clock.as_bytes()[2] == b':'
        && clock.as_bytes()[5] == b':'
        && clock[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && clock[3..5].parse::<u32>().is_ok_and(|m| m < 60)
        && clock[6..8].parse::<u32>().is_ok_and(|s| s <= 60);
    let zone_ok = matches!(zone, "Z" | "z") || (zone.len() == 6 && zone.as_bytes()[3] == b':');
    is_date(date) && clock_ok && zone_ok
}

pub(crate) fn is_uuid(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(
            is_date("2024-02-29")
                && !is_date("2023-02-29")
                && !is_date("2027-03-33")
                && !is_date("20270301")
        );
        assert!(
            is_date_time("2021-10-20T15:00:00Z") && is_date_time("2021-10-20T15:00:00.5+02:00")
        );
        assert!(!is_date_time("2021-10-20 15:00") && !is_date_time("2021-10-20T25:00:00Z"));
        assert!(is_uuid("8f14e45f-ceea-467e-9a2b-6c1b2d3e4f50") && !is_uuid("8f14e45f"));
    }
}
