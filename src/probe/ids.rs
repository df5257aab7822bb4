//! Identifiers the probe makes up: EchoTokens (uppercase UUID shape, as the walkthrough has
//! them), correlation ids (32 lowercase hex), traveller UUIDs. Not secrets; `--seed` makes them
//! reproducible.

pub struct Ids {
    rng: fastrand::Rng,
}

impl Ids {
    pub fn new(seed: Option<u64>) -> Ids {
        Ids {
            rng: seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed),
        }
    }

    fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_digit(self.rng.u32(0..16), 16).unwrap_or('0'))
            .collect()
    }

    /// `8-4-4-4-12` lowercase hex, version 4 shaped.
    pub fn uuid(&mut self) -> String {
        let variant = ['8', '9', 'a', 'b'][self.rng.usize(0..4)];
        format!(
            "{}-{}-4{}-{variant}{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(3),
            self.hex(3),
            self.hex(12)
        )
    }

    pub fn echo_token(&mut self) -> String {
        self.uuid().to_ascii_uppercase()
    }

    pub fn correlation(&mut self) -> String {
        self.hex(32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_their_shapes_and_repeat_with_a_seed() {
        let mut a = Ids::new(Some(42));
        let u = a.uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(u.as_bytes()[14], b'4');
        assert!(
            a.correlation()
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        let e = a.echo_token();
        assert_eq!(e, e.to_ascii_uppercase());
        assert_eq!(Ids::new(Some(42)).uuid(), u);
    }
}
