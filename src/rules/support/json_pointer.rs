//! Building the JSON pointer of a value while walking a body, without an allocation per step:
//! a walker pushes a step, looks, and truncates back.

use std::fmt::Write;

/// Appends `/member`, escaped as RFC 6901 says (`~` as `~0`, `/` as `~1`).
pub(crate) fn push_member(pointer: &mut String, member: &str) {
    pointer.push('/');
    if member.contains(['~', '/']) {
        pointer.push_str(&member.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(member);
    }
}

/// Appends `/index`.
pub(crate) fn push_index(pointer: &mut String, index: usize) {
    let _ = write!(pointer, "/{index}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_escaped_as_rfc_6901_says() {
        let mut p = String::new();
        push_member(&mut p, "hotelRates");
        push_index(&mut p, 12);
        push_member(&mut p, "a/b~c");
        assert_eq!(p, "/hotelRates/12/a~1b~0c");
    }
}
